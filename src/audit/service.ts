// The audit log's reading side: /api/audit-logs, Ozura's /audit-logs, the NDJSON export and the
// verify call. The sealer is sealer.ts, traffic counts counts.ts; writing is db/audit.ts.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.js';
import { pageOf, pageParams } from '../http/pagination.js';
import { authorize } from '../members/access.js';
import type { AuditChain } from './sealer.js';
import { bind } from '../lib/bind.js';
import { hourlyTraffic } from './counts.js';

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

/** A project's hourly traffic, for a member who may read its audit log. */
export async function projectTraffic(db: Kysely<DB>, userId: string, projectId: string, hours: number, now: Date) {
  await authorize(db, userId, projectId, 'audit.read');
  return hourlyTraffic(db, projectId, hours, now);
}

/** Reading the audit log as app.ts builds it (lib/bind.ts): these functions, the database supplied. */
export const auditReader = (db: Kysely<DB>) => bind(db, { auditPage, auditExport, auditOffsetPage, verifyProjectLog, projectTraffic });
export type AuditReader = ReturnType<typeof auditReader>;
