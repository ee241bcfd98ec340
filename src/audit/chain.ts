// The tamper-evident audit chain. Writers never wait for it: every change inserts its audit row
// (seq NULL) in its own transaction, and the sealer links sealed rows shortly after, in ingest
// order, one chain per project: hash_n = HMAC(chainKey, hash_{n-1} ‖ canonical(entry_n)).
// The MAC key lives wrapped by the master key, outside the database's reach, so someone with
// write access to the database alone cannot re-forge the chain after editing, deleting or
// reordering rows. Retention prunes a chain's beginning and leaves a MAC'd checkpoint to restart from.
// Each chain's head (last seq and hash) is MAC'd too, so deleting the newest rows and rewinding
// the head is detected; a head that fails its MAC is never re-MAC'd, so the finding is sticky.
import { createHmac } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { sql } from 'kysely';
import type { AuditLogTable, DB } from '../db/schema.js';

const SEAL_LOCK = 727_001; // pg advisory lock id: one sealer at a time across all nodes

/** An audit row as the chain hashes it: `created` is the exact stored timestamp as text. */
export type ChainEntry = Omit<Selectable<AuditLogTable>, 'created_at'> & { created: string };

/** JSON with object keys sorted at every depth: the same bytes on every node and in every year. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
    .join(',')}}`;
}

export function entryHash(key: Buffer, prev: string, seq: number, e: ChainEntry): string {
  const body = canonicalJson([
    seq, e.id, e.project_id, e.created, e.event_type, e.action, e.outcome, e.resource_type, e.resource_id,
    e.user_id, e.app_id, e.ip_address, e.request_id, e.details,
  ]);
  return createHmac('sha256', key).update(`${prev}\n${body}`).digest('hex');
}

export function headMac(key: Buffer, chain: string, seq: number, hash: string): string {
  return createHmac('sha256', key).update(`head\n${chain}\n${seq}\n${hash}`).digest('hex');
}

function checkpointMac(key: Buffer, chain: string, seq: number, hash: string, pruned: number): string {
  return createHmac('sha256', key).update(`checkpoint\n${chain}\n${seq}\n${hash}\n${pruned}`).digest('hex');
}

// Microsecond, UTC, text: exactly what was stored, independent of session settings.
const CREATED = sql<string>`to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('created');
const ENTRY_COLUMNS = [
  'ingest', 'id', 'seq', 'project_id', 'event_type', 'action', 'outcome', 'resource_type', 'resource_id', 'user_id', 'app_id',
  'ip_address', 'request_id', 'details', 'hash', 'prev_hash',
] as const;

/**
 * Seals up to `limit` unsealed entries; returns how many. Safe from every node at once: the
 * background sealer skips when another node holds the lock, an on-demand call (`wait`) queues.
 */
export type SealedHead = { chain: string; seq: number; hash: string; authentic: boolean };

export async function sealPending(
  db: Kysely<DB>, key: Buffer, limit = 5000, wait = false, onSealed: (heads: SealedHead[]) => void = () => {},
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    if (wait) {
      await sql`SELECT pg_advisory_xact_lock(${SEAL_LOCK})`.execute(trx);
    } else {
      const { rows } = await sql<{ locked: boolean }>`SELECT pg_try_advisory_xact_lock(${SEAL_LOCK}) AS locked`.execute(trx);
      if (!rows[0].locked) return 0;
    }
    const pending = (await trx
      .selectFrom('audit_log')
      .select([...ENTRY_COLUMNS, CREATED])
      .where('seq', 'is', null)
      .orderBy('ingest')
      .limit(limit)
      .execute()) as ChainEntry[];
    if (pending.length === 0) return 0;
    const chains = [...new Set(pending.map((e) => e.project_id ?? ''))];
    const stored = await trx.selectFrom('audit_heads').select(['chain', 'seq', 'hash', 'mac']).where('chain', 'in', chains).execute();
    const heads = new Map<string, { seq: number; hash: string }>(stored.map((h) => [h.chain, h]));
    // A head that fails its MAC was rewritten outside the vault: the chain goes on, but its new
    // heads get no valid MAC either, so verification keeps reporting it.
    const tampered = new Set(stored.filter((h) => h.mac !== headMac(key, h.chain, Number(h.seq), h.hash)).map((h) => h.chain));
    const upd = { ingest: [] as number[], seq: [] as number[], hash: [] as string[], prev: [] as (string | null)[] };
    for (const e of pending) {
      const chain = e.project_id ?? '';
      const head = heads.get(chain) ?? { seq: 0, hash: '' };
      const seq = Number(head.seq) + 1;
      const hash = entryHash(key, head.hash, seq, e);
      upd.ingest.push(e.ingest);
      upd.seq.push(seq);
      upd.hash.push(hash);
      upd.prev.push(head.hash === '' ? null : head.hash);
      heads.set(chain, { seq, hash });
    }
    await sql`
      UPDATE audit_log SET seq = x.seq, hash = x.hash, prev_hash = x.prev
      FROM unnest(${upd.ingest}::bigint[], ${upd.seq}::bigint[], ${upd.hash}::text[], ${upd.prev}::text[]) AS x(ingest, seq, hash, prev)
      WHERE audit_log.ingest = x.ingest`.execute(trx);
    const sealed: SealedHead[] = [];
    for (const chain of chains) {
      const h = heads.get(chain)!;
      const mac = tampered.has(chain) ? null : headMac(key, chain, h.seq, h.hash);
      await trx
        .insertInto('audit_heads')
        .values({ chain, seq: h.seq, hash: h.hash, mac })
        .onConflict((oc) => oc.column('chain').doUpdateSet({ seq: h.seq, hash: h.hash, mac, updated_at: new Date() }))
        .execute();
      sealed.push({ chain, seq: h.seq, hash: h.hash, authentic: mac !== null });
    }
    onSealed(sealed);
    return pending.length;
  });
}

/**
 * Heads written before heads were MAC'd (flagged `legacy` by migration 0006) get their MAC once,
 * taken on trust; each is logged with its hash so it can be compared with an outside anchor.
 */
export async function adoptLegacyHeads(db: Kysely<DB>, key: Buffer): Promise<SealedHead[]> {
  return db.transaction().execute(async (trx) => {
    const legacy = await trx.selectFrom('audit_heads').select(['chain', 'seq', 'hash']).where('legacy', '=', true).forUpdate().execute();
    for (const h of legacy) {
      await trx.updateTable('audit_heads').set({ mac: headMac(key, h.chain, Number(h.seq), h.hash), legacy: false }).where('chain', '=', h.chain).execute();
    }
    return legacy.map((h) => ({ chain: h.chain, seq: Number(h.seq), hash: h.hash, authentic: true }));
  });
}

export interface VerifyResult {
  valid: boolean;
  entries: number;
  head_hash: string | null;
  first_bad_seq?: number;
}

/** Recomputes a project's chain from its checkpoint (or genesis) and names the first bad seq. */
export async function verifyChain(db: Kysely<DB>, key: Buffer, projectId: string | null): Promise<VerifyResult> {
  // One snapshot for the head, the checkpoint and every page, whatever the sealer does meanwhile.
  return db.transaction().setIsolationLevel('repeatable read').execute((trx) => verifyIn(trx, key, projectId));
}

async function verifyIn(db: Kysely<DB>, key: Buffer, projectId: string | null): Promise<VerifyResult> {
  const chain = projectId ?? '';
  const checkpoint = await db.selectFrom('audit_checkpoints').selectAll().where('chain', '=', chain).executeTakeFirst();
  const head = await db.selectFrom('audit_heads').selectAll().where('chain', '=', chain).executeTakeFirst();
  let prev = '';
  let expected = 1;
  if (checkpoint) {
    if (checkpointMac(key, chain, Number(checkpoint.seq), checkpoint.hash, Number(checkpoint.pruned)) !== checkpoint.mac) {
      return { valid: false, entries: 0, head_hash: head?.hash ?? null, first_bad_seq: Number(checkpoint.seq) };
    }
    prev = checkpoint.hash;
    expected = Number(checkpoint.seq) + 1;
  }
  let entries = 0;
  let query = db.selectFrom('audit_log').select([...ENTRY_COLUMNS, CREATED]).where('seq', 'is not', null);
  query = projectId === null ? query.where('project_id', 'is', null) : query.where('project_id', '=', projectId);
  // Streamed in seq order, in pages, so a long chain does not sit in memory.
  for (let after = expected - 1; ; ) {
    const page = (await query.where('seq', '>', after).orderBy('seq').limit(5000).execute()) as ChainEntry[];
    for (const e of page) {
      const seq = Number(e.seq);
      // A gap (deleted row), a changed field, a moved seq or a broken link all land here.
      if (seq !== expected || (e.prev_hash ?? '') !== prev || entryHash(key, prev, seq, e) !== e.hash) {
        return { valid: false, entries, head_hash: head?.hash ?? null, first_bad_seq: Math.min(seq, expected) };
      }
      prev = e.hash!;
      expected++;
      entries++;
    }
    if (page.length < 5000) break;
    after = expected - 1;
  }
  // Rows deleted from the end: the head still names the last sealed entry, and only the vault
  // can write a head that passes its MAC. Sealed entries without a head: the head was deleted.
  if (head && (Number(head.seq) !== expected - 1 || head.hash !== prev || head.mac !== headMac(key, chain, Number(head.seq), head.hash))) {
    return { valid: false, entries, head_hash: head.hash, first_bad_seq: expected };
  }
  if (!head && (entries > 0 || checkpoint)) return { valid: false, entries, head_hash: null, first_bad_seq: expected };
  return { valid: true, entries, head_hash: head?.hash ?? (prev || null) };
}

/**
 * Deletes each chain's sealed prefix older than `cutoff` and records a MAC'd checkpoint (last
 * pruned seq and hash) so the rest still verifies. Returns the number of rows pruned.
 */
export async function pruneChains(db: Kysely<DB>, key: Buffer, cutoff: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ locked: boolean }>`SELECT pg_try_advisory_xact_lock(${SEAL_LOCK}) AS locked`.execute(trx);
    if (!rows[0].locked) return 0;
    // Per chain: the last seq before the first entry that is still inside the retention window.
    const { rows: cuts } = await sql<{ chain: string; upto: number }>`
      SELECT chain, upto FROM (
        SELECT coalesce(project_id, '') AS chain,
               coalesce(min(seq) FILTER (WHERE created_at >= ${cutoff}), max(seq) + 1) - 1 AS upto
        FROM audit_log WHERE seq IS NOT NULL GROUP BY 1
      ) c
      WHERE upto > coalesce((SELECT seq FROM audit_checkpoints k WHERE k.chain = c.chain), 0)`.execute(trx);
    let total = 0;
    for (const { chain, upto } of cuts) {
      const last = await trx
        .selectFrom('audit_log')
        .select('hash')
        .where(sql<boolean>`coalesce(project_id, '') = ${chain}`)
        .where('seq', '=', upto)
        .executeTakeFirstOrThrow();
      const del = await trx
        .deleteFrom('audit_log')
        .where(sql<boolean>`coalesce(project_id, '') = ${chain}`)
        .where('seq', '<=', upto)
        .executeTakeFirst();
      const n = Number(del.numDeletedRows);
      const prior = await trx.selectFrom('audit_checkpoints').select('pruned').where('chain', '=', chain).executeTakeFirst();
      const pruned = Number(prior?.pruned ?? 0) + n;
      const mac = checkpointMac(key, chain, Number(upto), last.hash!, pruned);
      await trx
        .insertInto('audit_checkpoints')
        .values({ chain, seq: upto, hash: last.hash!, pruned, mac })
        .onConflict((oc) => oc.column('chain').doUpdateSet({ seq: upto, hash: last.hash!, pruned, mac, created_at: new Date() }))
        .execute();
      total += n;
    }
    return total;
  });
}
