// The audit log's service: reading it (/api/audit-logs, Ozura's /audit-logs, the NDJSON export)
// and the background sealer of its hash chains. Writing is db/audit.ts's `writeAudit`.
import { type Kysely, sql } from 'kysely';
import type { Keyring } from '../crypto/keyring.js';
import { loadOrCreateSecret } from '../crypto/secrets.js';
import { auditSlot } from '../db/audit.js';
import { sqlText, type TrafficSeries, trafficPairs } from '../db/audit-events.js';
import type { DB } from '../db/schema.js';
import { pageOf, pageParams } from '../http/pagination.js';
import { Periodic } from '../lib/periodic.js';
import { authorize } from '../members/access.js';
import { adoptPlaceholders, rebaseTxids, type SealedHead, sealPending } from './chain.js';
import { pruneChains, type VerifyResult, verifyChain } from './verify.js';

/** The filters of GET /api/audit-logs; without `project_id`, the caller's own account events. */
export interface AuditFilter {
  project_id?: string;
  event_type?: string;
  action?: string;
  user_id?: string;
  app_id?: string;
  from?: string;
  to?: string;
}

// `hash` is the row's MAC for rows written since migration 0010 (seq and prev_hash: NULL), the
// old chain's link for rows from before it.
const COLUMNS = [
  'id', 'ingest', 'seq', 'created_at', 'project_id', 'event_type', 'action', 'outcome', 'resource_type', 'resource_id',
  'user_id', 'app_id', 'ip_address', 'request_id', 'details', sql<string | null>`coalesce(hash, mac)`.as('hash'), 'prev_hash',
] as const;

const NDJSON_MAX = 100_000;
const EXPORT_PAGE = 1000;

/** A project's log needs audit.read there (404 / 403 otherwise); one's own account log is open. */
async function mayRead(db: Kysely<DB>, userId: string, projectId: string | undefined) {
  if (projectId) await authorize(db, userId, projectId, 'audit.read');
}

const scope = (db: Kysely<DB>, userId: string, projectId: string | undefined) => {
  const q = db.selectFrom('audit_log');
  return projectId ? q.where('project_id', '=', projectId) : q.where('project_id', 'is', null).where('user_id', '=', userId);
};

function filtered(db: Kysely<DB>, userId: string, f: AuditFilter) {
  let q = scope(db, userId, f.project_id).select(COLUMNS);
  if (f.event_type) q = q.where('event_type', '=', f.event_type);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.user_id) q = q.where('user_id', '=', f.user_id);
  if (f.app_id) q = q.where('app_id', '=', f.app_id);
  if (f.from) q = q.where('created_at', '>=', new Date(f.from));
  if (f.to) q = q.where('created_at', '<', new Date(f.to));
  return q.orderBy('ingest', 'desc');
}
export type AuditRow = Awaited<ReturnType<ReturnType<typeof filtered>['execute']>>[number];

/** One page, newest first; the cursor is the `ingest` of the last row. */
export async function auditPage(db: Kysely<DB>, userId: string, f: AuditFilter & { limit?: number; cursor?: string }) {
  await mayRead(db, userId, f.project_id);
  const { limit, after } = pageParams(f, ['int']);
  let q = filtered(db, userId, f);
  if (after) q = q.where('ingest', '<', Number(after[0]));
  const rows = await q.limit(limit + 1).execute();
  return pageOf(rows, limit, (r) => [Number(r.ingest)]);
}

/**
 * Every matching row (up to NDJSON_MAX), newest first, read page by page so that an export of a
 * long history never sits in memory. The caller's access is checked before the first row.
 */
export async function auditExport(db: Kysely<DB>, userId: string, f: AuditFilter): Promise<AsyncGenerator<AuditRow>> {
  await mayRead(db, userId, f.project_id);
  return (async function* () {
    let after: number | null = null;
    for (let sent = 0; sent < NDJSON_MAX; ) {
      let q = filtered(db, userId, f);
      if (after !== null) q = q.where('ingest', '<', after);
      const page = await q.limit(EXPORT_PAGE).execute();
      yield* page;
      sent += page.length;
      if (page.length < EXPORT_PAGE) return;
      after = Number(page[page.length - 1].ingest);
    }
  })();
}

/** Ozura's page/limit/total form of the same log (GET /audit-logs). */
export async function auditOffsetPage(db: Kysely<DB>, userId: string, projectId: string | undefined, page: number, limit: number) {
  await mayRead(db, userId, projectId);
  const [rows, count] = await Promise.all([
    scope(db, userId, projectId)
      .select(['id', 'event_type', 'action', 'outcome', 'resource_type', 'resource_id', 'user_id', 'app_id', 'created_at', 'ip_address', 'details'])
      .orderBy('ingest', 'desc')
      .limit(limit)
      .offset((page - 1) * limit)
      .execute(),
    scope(db, userId, projectId).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** GET /api/audit-logs/verify: audit.read in the project, then the chain's check. */
export async function verifyProjectLog(db: Kysely<DB>, chain: AuditChain, userId: string, projectId: string) {
  await authorize(db, userId, projectId, 'audit.read');
  return chain.verify(projectId);
}

/**
 * The audit MAC key: the `audit-chain` vault secret, wrapped by the master key (re-wrapped, not
 * changed, by `keys rotate`, so old rows keep verifying). The first load after migration 0010
 * adopts its placeholders, each logged so it can be compared with an outside anchor.
 */
async function loadAuditKey(db: Kysely<DB>, keyring: Keyring, warn: (obj: object, msg: string) => void): Promise<Buffer> {
  const key = await loadOrCreateSecret(db, keyring, 'audit-chain');
  const shifted = await rebaseTxids(db, key);
  if (shifted > 0) warn({ shifted }, 'audit transaction ids shifted below this cluster\'s (restored into a new cluster)');
  for (const s of await adoptPlaceholders(db, key)) {
    warn({ chain: s.chain, kind: s.kind, entries: s.entries, mac: s.mac }, 'audit chain from before row MACs adopted: compare with your anchor');
  }
  return key;
}

/** Lets every audit writer of `db` (and its other pools in this process) sign with the key. */
export function attachAuditKey(db: Kysely<DB>, keyring: Keyring, warn: (obj: object, msg: string) => void = () => {}) {
  auditSlot(db).provide(() => loadAuditKey(db, keyring, warn));
}

export interface AuditChainOptions {
  /** How often pending entries are sealed; 0 = only on demand (tests). */
  sealIntervalMs: number;
  retentionDays: number;
  now: () => Date;
}

const PRUNE_EVERY_MS = 3600_000;

/** Runs the sealer and retention in the background of every node (one at a time, by lock). */
export class AuditChain {
  private keyP: Promise<Buffer> | null = null;
  private lastPrune = 0;
  private readonly loop: Periodic;

  constructor(
    private db: Kysely<DB>,
    private keyring: Keyring,
    private log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void; error(obj: object, msg: string): void },
    private opts: AuditChainOptions,
  ) {
    // Every writer of this database signs its rows with the same key.
    auditSlot(db).provide(() => this.key());
    this.loop = new Periodic(opts.sealIntervalMs, () => this.tick(), log, 'audit sealer failed');
  }

  private key(): Promise<Buffer> {
    this.keyP ??= loadAuditKey(this.db, this.keyring, (obj, msg) => this.log.warn(obj, msg)).catch((e) => {
      this.keyP = null;
      throw e;
    });
    return this.keyP;
  }

  /** Every seal logs each chain's new head, so an operator can anchor it outside the database. */
  private readonly onSealed = (heads: SealedHead[]) => {
    for (const h of heads) {
      this.log.info({ chain: h.chain, n: h.n, head_hash: h.mac, entries: h.entries }, 'audit head sealed');
      if (h.rejected > 0) this.log.error({ chain: h.chain, n: h.n, rejected: h.rejected }, 'audit rows failed their MAC: written outside the vault');
    }
  };

  start() {
    this.loop.start();
  }

  private async tick() {
    await this.sealNow(false);
    if (Date.now() - this.lastPrune > PRUNE_EVERY_MS) {
      this.lastPrune = Date.now();
      await this.prune();
    }
  }

  /** Seals everything committed so far (waiting for another node's sealer if it is busy). */
  async sealNow(wait = true): Promise<number> {
    const key = await this.key();
    let total = 0;
    for (;;) {
      const n = await sealPending(this.db, key, 5000, wait, this.onSealed);
      total += n;
      if (n < 5000) return total;
    }
  }

  async prune(): Promise<number> {
    const cutoff = new Date(this.opts.now().getTime() - this.opts.retentionDays * 86_400_000);
    const { pruned, refused } = await pruneChains(this.db, await this.key(), cutoff);
    for (const chain of refused) this.log.error({ chain }, 'audit retention stopped at a seal that fails verification');
    return pruned;
  }

  /** Seals what is pending first, so the answer covers every committed entry. */
  async verify(projectId: string | null): Promise<VerifyResult> {
    await this.sealNow();
    return verifyChain(this.db, await this.key(), projectId);
  }

  /** Every chain: the account-level one and each project's; valid only if all are. */
  async verifyAll(): Promise<{ valid: boolean; entries: number; invalid: string[] }> {
    const projects = await this.db.selectFrom('projects').select('id').execute();
    const out = { valid: true, entries: 0, invalid: [] as string[] };
    for (const id of [null, ...projects.map((p) => p.id)]) {
      const v = await this.verify(id);
      out.entries += v.entries;
      if (!v.valid) out.invalid.push(`${id ?? 'account events'} (first bad seq ${v.first_bad_seq}: ${v.reason})`);
    }
    out.valid = out.invalid.length === 0;
    return out;
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }
}

export type Series = TrafficSeries;
export interface Bucket extends Record<Series, number> {
  start: string;
}

const HOUR_MS = 3_600_000;

// Which series an entry counts in: the `traffic` of its catalogue entry (db/audit-events.ts);
// an event without one (token_delete, every management event) counts nowhere. Built once, from
// constants only.
const series = sql<Series | null>`CASE ${sql.raw(
  Object.entries(trafficPairs())
    .map(([name, pairs]) => `WHEN (event_type, action) IN (${pairs.map(([e, a]) => `(${sqlText(e)}, ${sqlText(a)})`).join(', ')}) THEN ${sqlText(name)}`)
    .join(' '),
)} END`;
// UTC hours, whatever the session's time zone (a +05:30 zone would otherwise shift every bucket).
const hour = sql<Date>`date_trunc('hour', created_at, 'UTC')`;

/**
 * Calls per hour for the `hours` whole hours up to and including the one `now` falls in, oldest
 * first; an hour without calls is there with zeros.
 */
export async function hourlyTraffic(db: Kysely<DB>, projectId: string, hours: number, now: Date) {
  const to = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS + HOUR_MS;
  const from = to - hours * HOUR_MS;
  const rows = await db
    .selectFrom('audit_log')
    .select([hour.as('hour'), series.as('series'), (eb) => eb.fn.countAll<string>().as('n')])
    .where('project_id', '=', projectId)
    .where('created_at', '>=', new Date(from))
    .where('created_at', '<', new Date(to))
    .where(series, 'is not', null)
    .groupBy([hour, series])
    .execute();
  const buckets: Bucket[] = Array.from({ length: hours }, (_, i) => ({ start: new Date(from + i * HOUR_MS).toISOString(), tokenize: 0, detokenize: 0, proxy: 0 }));
  for (const r of rows) buckets[(r.hour.getTime() - from) / HOUR_MS][r.series!] = Number(r.n);
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString(), buckets };
}
