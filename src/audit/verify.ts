// Verification and retention of the audit seals (see chain.ts). Verification replays a chain:
// its start (or checkpoint), every seal's MAC and link, and every sealed range's rows — each
// row's writer MAC, their count and digest — then looks for rows outside any seal. Retention
// prunes only seals that verify and whose rows' MAC'd timestamps are all past the cutoff.
import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../db/schema.js';
import { chainOf, digestRows, linkOf, rowsQuery, rowTag, type Seal, SEAL_LOCK, type SealedRow, sealedUpTo, sealMac } from './chain.js';

export type VerifyReason = 'start_missing' | 'seal_mac' | 'seal_order' | 'row_mac' | 'forged_row' | 'rows_changed' | 'duplicate_row' | 'unsealed_rows';

export interface VerifyResult {
  valid: boolean;
  entries: number;
  /** The MAC of the chain's newest seal: the value to anchor outside the database. */
  head_hash: string | null;
  /** 1-based position (counting pruned entries) of the first entry that fails or is missing. */
  first_bad_seq?: number;
  first_bad_id?: string;
  reason?: VerifyReason;
}

/** A seal's own rows, in the order its digest covers them. */
function sealRows(db: Kysely<DB> | Transaction<DB>, chain: string, s: Seal): Promise<SealedRow[]> {
  const q = rowsQuery(db).where(chainOf(chain));
  const scoped = s.kind === 'legacy' ? q.where('txid', 'is', null).orderBy('ingest') : q.where('txid', '>=', s.from_txid).where('txid', '<', s.to_txid).orderBy('txid').orderBy('ingest');
  return scoped.execute();
}

type SealCheck = { ok: true; entries: number; newest: string } | { ok: false; reason: VerifyReason; entries: number; badId?: string };

/** One seal against its stored rows; `prev` is the seal before it in the chain. */
function checkSeal(key: Buffer, s: Seal, prev: Seal | null, rows: SealedRow[], tags: Set<string>): SealCheck {
  const { mac, created_at: _c, ...fields } = s;
  if (mac === null || sealMac(key, fields) !== mac) return { ok: false, reason: 'seal_mac', entries: 0 };
  if (prev && (Number(s.n) !== Number(prev.n) + 1 || s.prev_mac !== linkOf(prev) || Number(s.from_txid) !== Number(prev.to_txid))) {
    return { ok: false, reason: 'seal_order', entries: 0 };
  }
  if (s.kind === 'start' || s.kind === 'checkpoint') return { ok: true, entries: 0, newest: '' };
  const legacy = s.kind === 'legacy';
  let entries = 0;
  let newest = '';
  for (const r of rows) {
    const tag = legacy ? `legacy-${r.ingest}` : rowTag(key, r);
    if (tag === null) {
      // A row the sealer already rejected keeps the seal invalid; any other was edited since.
      return { ok: false, reason: s.rejected.includes(r.id) ? 'forged_row' : 'row_mac', entries, badId: r.id };
    }
    if (tags.has(tag)) return { ok: false, reason: 'duplicate_row', entries, badId: r.id };
    tags.add(tag);
    entries++;
    if (r.created > newest) newest = r.created;
  }
  const d = digestRows(key, rows, legacy);
  if (d.entries !== Number(s.entries) || d.digest !== s.digest) return { ok: false, reason: 'rows_changed', entries };
  if (s.rejected.length > 0) return { ok: false, reason: 'forged_row', entries, badId: s.rejected[0] };
  return { ok: true, entries, newest };
}

/** Verifies a chain in one snapshot, whatever the sealer does meanwhile. */
export async function verifyChain(db: Kysely<DB>, key: Buffer, projectId: string | null): Promise<VerifyResult> {
  return db.transaction().setIsolationLevel('repeatable read').execute((trx) => verifyIn(trx, key, projectId));
}

async function verifyIn(db: Transaction<DB>, key: Buffer, projectId: string | null): Promise<VerifyResult> {
  const chain = projectId ?? '';
  const tags = new Set<string>();
  let prev: Seal | null = null;
  let pruned = 0;
  let entries = 0;
  const bad = (reason: VerifyReason, badId?: string): VerifyResult => ({
    valid: false, entries, head_hash: prev?.mac ?? null, first_bad_seq: pruned + entries + 1, reason, ...(badId ? { first_bad_id: badId } : {}),
  });
  for (let after = -1; ; ) {
    const page = await db.selectFrom('audit_seals').selectAll().where('chain', '=', chain).where('n', '>', after).orderBy('n').limit(500).execute();
    for (const s of page) {
      // The chain begins at its start (n = 0) or at the checkpoint retention left.
      if (!prev && s.kind !== 'start' && s.kind !== 'checkpoint') return bad('start_missing');
      const check = checkSeal(key, s, prev, s.kind === 'start' || s.kind === 'checkpoint' ? [] : await sealRows(db, chain, s), tags);
      if (!check.ok) {
        entries += check.entries;
        return bad(check.reason, check.badId);
      }
      if (s.kind === 'checkpoint') pruned = Number(s.entries);
      entries += check.entries;
      prev = s;
    }
    if (page.length < 500) break;
    after = Number(page[page.length - 1].n);
  }
  if (!prev) {
    // Every project starts its chain when it is created: none at all means it was deleted.
    const any = await rowsQuery(db).where(chainOf(chain)).limit(1).executeTakeFirst();
    return projectId !== null || any ? bad('start_missing') : { valid: true, entries: 0, head_hash: null };
  }
  // Rows no seal covers although a later round has closed their range (their seal was deleted,
  // or they were inserted with an old txid) or with a txid from the future, and
  // pre-upgrade-looking rows without a legacy seal.
  const g = await sealedUpTo(db);
  // No genuine row can carry a txid this cluster has not handed out yet.
  const { rows: [x] } = await sql<{ xmax: number }>`SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint AS xmax`.execute(db);
  const hasLegacy = await db.selectFrom('audit_seals').select('n').where('chain', '=', chain).where('kind', '=', 'legacy').executeTakeFirst();
  const first = await db.selectFrom('audit_seals').select('from_txid').where('chain', '=', chain).where('kind', '=', 'rows').orderBy('n').limit(1).executeTakeFirst();
  const stray = await rowsQuery(db).where(chainOf(chain)).where((eb) => eb.or([
    ...(hasLegacy ? [] : [eb('txid', 'is', null)]),
    eb('txid', '<', Number(first?.from_txid ?? prev.to_txid)),
    eb.and([eb('txid', '>=', Number(prev.to_txid)), eb('txid', '<', g)]),
    eb('txid', '>=', Number(x.xmax)),
  ])).orderBy('ingest').limit(1).executeTakeFirst();
  if (stray) return bad('unsealed_rows', stray.id);
  return { valid: true, entries, head_hash: prev.mac };
}

export interface PruneResult {
  pruned: number;
  /** Chains where retention stopped at a seal that failed verification (nothing past it pruned). */
  refused: string[];
}

/**
 * Per chain: the oldest seals whose every row verifies and is older than `cutoff` (by its MAC'd
 * timestamp) are deleted with their rows, and the newest of them becomes a MAC'd checkpoint that
 * the next seal still links to. A backdated or forged row fails its MAC and stops retention there.
 */
export async function pruneChains(db: Kysely<DB>, key: Buffer, cutoff: Date, maxSeals = 1000): Promise<PruneResult> {
  const cut = cutoff.toISOString();
  return db.transaction().execute(async (trx) => {
    const out: PruneResult = { pruned: 0, refused: [] };
    const { rows: [l] } = await sql<{ locked: boolean }>`SELECT pg_try_advisory_xact_lock(${SEAL_LOCK}) AS locked`.execute(trx);
    if (!l.locked) return out;
    const chains = await trx.selectFrom('audit_seals').select('chain').distinct().execute();
    for (const { chain } of chains) {
      const seals = await trx.selectFrom('audit_seals').selectAll().where('chain', '=', chain).orderBy('n').limit(maxSeals).execute();
      const tags = new Set<string>();
      let prev: Seal | null = null;
      let last: Seal | null = null;
      let entries = 0;
      for (const s of seals) {
        const rows = s.kind === 'start' || s.kind === 'checkpoint' ? [] : await sealRows(trx, chain, s);
        const check = checkSeal(key, s, prev, rows, tags);
        if (!check.ok) {
          out.refused.push(chain);
          break;
        }
        if (s.kind === 'start' || s.kind === 'checkpoint') {
          if (s.kind === 'checkpoint') entries = Number(s.entries);
        } else {
          // A seal is pruned whole or not at all: all of its rows must be past the cutoff.
          if (rows.length === 0 || check.newest >= cut) break;
          entries += check.entries;
          last = s;
        }
        prev = s;
      }
      if (!last) continue;
      const del = await trx.deleteFrom('audit_log').where(chainOf(chain)).where((eb) => eb.or([eb('txid', 'is', null), eb('txid', '<', last.to_txid)])).executeTakeFirst();
      out.pruned += Number(del.numDeletedRows);
      await trx.deleteFrom('audit_seals').where('chain', '=', chain).where('n', '<', last.n).execute();
      const cp = { chain, n: Number(last.n), kind: 'checkpoint' as const, from_txid: 0, to_txid: Number(last.to_txid), entries, digest: last.mac!, rejected: [] as string[], prev_mac: '' };
      await trx.updateTable('audit_seals').set({ ...cp, mac: sealMac(key, cp) }).where('chain', '=', chain).where('n', '=', last.n).execute();
    }
    return out;
  });
}
