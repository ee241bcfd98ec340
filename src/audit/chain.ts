// The tamper-evident audit log (issue 22). Every row is written ONCE, by its writer, with an
// HMAC of its fields (db/audit.ts); nothing updates it afterwards. A background sealer appends
// seals to `audit_seals`: one per chain (a project, or '' for account events) and round, each
// committing to that chain's rows of a closed range of transaction ids [from_txid, to_txid)
// (count and SHA-256 digest), listing the rows whose MAC failed, and chained to the chain's
// previous seal by MAC. Ranges are closed by the snapshot's xmin: no transaction below it can
// still commit, so a seal never misses a late row. Each chain starts with a MAC'd `start` seal
// written with the project, and retention leaves a MAC'd `checkpoint` seal in place of what it
// pruned. The key is the vault secret `audit-chain`, wrapped by the master key.
import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';
import { macHex, type MacFields, rowMessage, sealMessage } from '../db/audit.js';
import { groupBy } from '../lib/group.js';
import type { AuditSealsTable, DB } from '../db/schema.js';
import type { Selectable } from 'kysely';

export const SEAL_LOCK = 727_001; // pg advisory lock id: one sealer (or pruner) at a time across all nodes

export type Seal = Selectable<AuditSealsTable>;

/** An audit row as the seals read it: `created` is the exact stored timestamp as text. */
export type SealedRow = MacFields & { ingest: number; id: string; txid: number | null; mac: string | null };

// Microsecond, UTC, text: exactly what was stored, independent of session settings.
const CREATED = sql<string>`to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('created');
export const ROW_COLUMNS = [
  'ingest', 'id', 'txid', 'mac', 'project_id', 'event_type', 'action', 'outcome', 'resource_type', 'resource_id', 'user_id',
  'app_id', 'ip_address', 'request_id', 'details',
] as const;

export const rowsQuery = (db: Kysely<DB> | Transaction<DB>) => db.selectFrom('audit_log').select([...ROW_COLUMNS, CREATED]);
export const chainOf = (chain: string) => sql<boolean>`coalesce(project_id, '') = ${chain}`;

/** The row's writer tag if its MAC checks, else null (forged, edited, or re-dated). */
export function rowTag(key: Buffer, r: SealedRow): string | null {
  const [tag, scope, hex] = (r.mac ?? '').split('.');
  if (!hex || (scope !== 'f' && scope !== 'r')) return null;
  return macHex(key, rowMessage(tag, scope, r)) === hex ? tag : null;
}

/** What a seal's digest covers of a row: every stored field, its place and its MAC. */
export function rowDigest(r: SealedRow): string {
  // Not the txid: it only places the row in a seal's range (moving it changes two seals' counts),
  // and a restore into a new cluster shifts every txid.
  const body = JSON.stringify([
    r.ingest, r.mac, r.project_id, r.created, r.event_type, r.action, r.outcome, r.resource_type, r.resource_id,
    r.user_id, r.app_id, r.ip_address, r.request_id, r.details,
  ]);
  return createHash('sha256').update(body).digest('hex');
}

/** Digest, count and rejected ids of a seal's rows (in txid, ingest order); `legacy`: no row MACs. */
export function digestRows(key: Buffer, rows: SealedRow[], legacy: boolean) {
  const h = createHash('sha256');
  const rejected: string[] = [];
  let entries = 0;
  for (const r of rows) {
    if (!legacy && rowTag(key, r) === null) {
      rejected.push(r.id);
      continue;
    }
    h.update(`${rowDigest(r)}\n`);
    entries++;
  }
  return { digest: h.digest('hex'), entries, rejected };
}

export const sealMac = (key: Buffer, s: Omit<Seal, 'mac' | 'created_at'>) => macHex(key, sealMessage(s));
/** What the next seal's prev_mac must be: a checkpoint keeps the MAC of the last seal it replaced. */
export const linkOf = (s: Seal) => (s.kind === 'checkpoint' ? s.digest : (s.mac ?? ''));

export type SealedHead = { chain: string; n: number; mac: string; entries: number; rejected: number };

async function lockSeals(trx: Transaction<DB>, wait: boolean): Promise<boolean> {
  if (wait) {
    await sql`SELECT pg_advisory_xact_lock(${SEAL_LOCK})`.execute(trx);
    return true;
  }
  const { rows } = await sql<{ locked: boolean }>`SELECT pg_try_advisory_xact_lock(${SEAL_LOCK}) AS locked`.execute(trx);
  return rows[0].locked;
}

/** Where the newest round ended: every row below it belongs to some seal (or none, if forged). */
export async function sealedUpTo(db: Kysely<DB> | Transaction<DB>): Promise<number> {
  const { rows } = await sql<{ g: number }>`SELECT coalesce(max(to_txid), 0) AS g FROM audit_seals`.execute(db);
  return Number(rows[0].g);
}

/**
 * The end of the closed range: no transaction below it that holds a write on this database is
 * still running, so none can add a row there. Transactions of other databases in the cluster (a
 * neighbour's long one) do not hold it back, nor do read-only ones (pg_dump). Two statements on
 * purpose: a writer that ends between them is seen by the read that follows (read committed).
 */
export async function closedUpTo(trx: Transaction<DB>): Promise<number> {
  const { rows: [s] } = await sql<{ snap: string }>`SELECT pg_current_snapshot()::text AS snap`.execute(trx);
  const { rows: [r] } = await sql<{ upto: number }>`
    SELECT coalesce(min(x::text::bigint), pg_snapshot_xmax(${s.snap}::pg_snapshot)::text::bigint) AS upto
    FROM pg_snapshot_xip(${s.snap}::pg_snapshot) x
    JOIN pg_stat_activity a ON a.datname = current_database() AND a.backend_xid IS NOT NULL
      AND x::text::bigint % 4294967296 = a.backend_xid::text::bigint`.execute(trx);
  return Number(r.upto);
}

/**
 * After a restore into a new cluster, transaction ids restart low, below the restored ranges.
 * Shifts every stored txid and seal range down by the same amount (the order and each seal's
 * membership unchanged; the row digests do not cover txid) and re-MACs the seals whose MAC
 * checked, so a seal that was already invalid stays invalid. Runs before this process writes.
 */
export async function rebaseTxids(db: Kysely<DB>, key: Buffer): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await lockSeals(trx, true);
    const { rows: [r] } = await sql<{ cur: number; top: number }>`
      SELECT pg_current_xact_id()::text::bigint AS cur,
             greatest((SELECT max(to_txid) FROM audit_seals), (SELECT max(txid) FROM audit_log), 0) AS top`.execute(trx);
    const off = Number(r.top) - Number(r.cur) + 1;
    if (off <= 0) return 0;
    // Only a genuine seal or row above this cluster's ids means a restore (a backup taken before
    // its newest rows were sealed has only rows up there): a forged row or seal with a huge txid
    // alone does not make every row move (it is reported by verification instead).
    const ahead = await trx.selectFrom('audit_seals').selectAll().where('to_txid', '>=', Number(r.cur)).orderBy('to_txid', 'desc').limit(20).execute();
    const genuineSeal = ahead.some(({ mac, created_at: _c, ...f }) => mac !== null && sealMac(key, f) === mac);
    if (!genuineSeal) {
      const rows = (await rowsQuery(trx).where('txid', '>=', Number(r.cur)).orderBy('txid', 'desc').limit(20).execute()) as SealedRow[];
      if (!rows.some((row) => rowTag(key, row) !== null)) return 0;
    }
    await shiftTxids(trx, key, off);
    return off;
  });
}

/** Moves every stored txid and seal range down by `off`, re-MACing (and re-linking) genuine seals. */
export async function shiftTxids(trx: Kysely<DB> | Transaction<DB>, key: Buffer, off: number): Promise<void> {
  await sql`UPDATE audit_log SET txid = txid - ${off} WHERE txid IS NOT NULL`.execute(trx);
  const seals = await trx.selectFrom('audit_seals').selectAll().orderBy('chain').orderBy('n').execute();
  // A new MAC changes the next seal's link too: map each old MAC to its new one, in chain order.
  const renamed = new Map<string, string>();
  const up = { chain: [] as string[], n: [] as number[], prev: [] as string[], mac: [] as (string | null)[] };
  for (const { mac, created_at: _c, ...s } of seals) {
    const shifted = { ...s, from_txid: Number(s.from_txid) - off, to_txid: Number(s.to_txid) - off, prev_mac: renamed.get(s.prev_mac) ?? s.prev_mac };
    const genuine = mac !== null && sealMac(key, s) === mac;
    const next = genuine ? sealMac(key, shifted) : mac;
    if (genuine) renamed.set(mac, next!);
    up.chain.push(s.chain);
    up.n.push(Number(s.n));
    up.prev.push(shifted.prev_mac);
    up.mac.push(next);
  }
  await sql`UPDATE audit_seals SET from_txid = from_txid - ${off}, to_txid = to_txid - ${off}, prev_mac = x.prev, mac = x.mac
    FROM unnest(${up.chain}::text[], ${up.n}::bigint[], ${up.prev}::text[], ${up.mac}::text[]) AS x(chain, n, prev, mac)
    WHERE audit_seals.chain = x.chain AND audit_seals.n = x.n`.execute(trx);
}

/**
 * One round: seals the rows of every transaction that ended since the last round (at most about
 * `limit` rows); returns how many rows it sealed or rejected. Safe from every node at once: the
 * background sealer skips when another node holds the lock, an on-demand call (`wait`) queues.
 */
export async function sealPending(
  db: Kysely<DB>, key: Buffer, limit = 5000, wait = false, onSealed: (heads: SealedHead[]) => void = () => {},
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    if (!(await lockSeals(trx, wait))) return 0;
    const from = await sealedUpTo(trx);
    let upto = await closedUpTo(trx);
    if (upto <= from) return 0;
    // A long backlog is sealed in rounds of about `limit` rows, never splitting a transaction.
    const cut = await trx.selectFrom('audit_log').select('txid').where('txid', '>=', from).where('txid', '<', upto)
      .orderBy('txid').offset(limit).limit(1).executeTakeFirst();
    if (cut) upto = Number(cut.txid) > from ? Number(cut.txid) : Number(cut.txid) + 1;
    const rows = (await rowsQuery(trx).where('txid', '>=', from).where('txid', '<', upto).orderBy('txid').orderBy('ingest').execute()) as SealedRow[];
    if (rows.length === 0) return 0;
    const byChain = groupBy(rows, (r) => r.project_id ?? '');
    const lasts = await trx.selectFrom('audit_seals').selectAll().distinctOn('chain').where('chain', 'in', [...byChain.keys()])
      .orderBy('chain').orderBy('n', 'desc').execute();
    const last = new Map(lasts.map((s) => [s.chain, s]));
    const heads: SealedHead[] = [];
    for (const [chain, list] of byChain) {
      const prev = last.get(chain);
      // The range starts where the chain's last seal ended: a row slipped in below (with a txid
      // of an earlier round) lands in this range and breaks its digest at verification.
      const seal = {
        chain, n: prev ? Number(prev.n) + 1 : 1, kind: 'rows' as const, from_txid: prev ? Number(prev.to_txid) : 0, to_txid: upto,
        ...digestRows(key, list, false), prev_mac: prev ? linkOf(prev) : '',
      };
      const mac = sealMac(key, seal);
      await trx.insertInto('audit_seals').values({ ...seal, mac }).execute();
      heads.push({ chain, n: seal.n, mac, entries: seal.entries, rejected: seal.rejected.length });
    }
    onSealed(heads);
    return rows.length;
  });
}

/**
 * The placeholders of migration 0010 (each chain's start, and a legacy seal over the rows from
 * before it) get their MAC once, on trust, and only while no seal has one yet: re-inserting a
 * placeholder later does not make it genuine. Returns what was adopted, for the log.
 */
export async function adoptPlaceholders(db: Kysely<DB>, key: Buffer): Promise<Seal[]> {
  return db.transaction().execute(async (trx) => {
    await lockSeals(trx, true);
    const pending = await trx.selectFrom('audit_seals').selectAll().where('mac', 'is', null).orderBy('chain').orderBy('n').execute();
    if (pending.length === 0) return [];
    const genuine = await trx.selectFrom('audit_seals').select('chain').where('mac', 'is not', null).limit(1).executeTakeFirst();
    if (genuine) return [];
    const links = new Map<string, string>();
    const adopted: Seal[] = [];
    for (const s of pending) {
      let fields = { ...s, rejected: [] as string[], prev_mac: links.get(s.chain) ?? '' };
      if (s.kind === 'legacy') {
        const rows = (await rowsQuery(trx).where(chainOf(s.chain)).where('txid', 'is', null).orderBy('ingest').execute()) as SealedRow[];
        fields = { ...fields, ...digestRows(key, rows, true) };
      }
      const mac = sealMac(key, fields);
      await trx.updateTable('audit_seals').set({ entries: fields.entries, digest: fields.digest, prev_mac: fields.prev_mac, mac })
        .where('chain', '=', s.chain).where('n', '=', s.n).execute();
      links.set(s.chain, mac);
      adopted.push({ ...fields, mac });
    }
    return adopted;
  });
}
