// Applications and their API keys: creation (the key shown once), the management of
// /api/applications (every function acting for a user checks their role first), and the
// in-memory key → principal cache of the hot path.
import type { Kysely, Transaction } from 'kysely';
import { writeAudit } from '../db/audit.js';
import { auditEvent } from '../db/audit-events.js';
import type { DB } from '../db/schema.js';
import { type InvalidationListener, notifyInvalidation } from '../db/notify.js';
import { VaultError } from '../http/errors.js';
import type { RequestContext } from '../lib/context.js';
import { Periodic, type PeriodicLog } from '../lib/periodic.js';
import { newId } from '../lib/random.js';
import { type Action, authorize } from '../members/access.js';
import { API_KEY_RE, displayPrefix, hashApiKey, newApiKey, newPubKey } from './keys.js';
import type { Permissions } from './permissions.js';
import type { Environment } from '../lib/environments.js';

export interface AppPrincipal {
  id: string;
  name: string;
  permissions: Permissions;
  pubKey: string;
  project: {
    id: string;
    name: string;
    environment: Environment;
    parentId: string | null;
    deduplicate: boolean;
    proxyAllowedHosts: string[] | null;
  };
}

export interface NewApplication {
  projectId: string;
  environment: string;
  name: string;
  permissions: Permissions;
  region: string;
  createdBy?: string | null;
}

/** Inserts an application; the plaintext API key is returned here and never stored. */
export async function createApplication(trx: Kysely<DB> | Transaction<DB>, a: NewApplication) {
  const id = newId('app');
  const apiKey = newApiKey(a.name, a.region);
  const pubKey = newPubKey(id, a.environment);
  const row = await trx
    .insertInto('applications')
    .values({
      id,
      project_id: a.projectId,
      name: a.name,
      key_hash: hashApiKey(apiKey),
      key_prefix: displayPrefix(apiKey),
      pub_key: pubKey,
      permissions: JSON.stringify(a.permissions),
      created_by: a.createdBy ?? null,
    })
    .returning(['id', 'name', 'pub_key', 'permissions', 'created_at', 'key_prefix'])
    .executeTakeFirstOrThrow();
  return { ...row, api_key: apiKey };
}

// ---- management (JWT): /api/applications ----

const COLUMNS = ['id', 'project_id', 'name', 'key_prefix', 'pub_key', 'permissions', 'created_at', 'updated_at', 'last_used_at'] as const;

const isUniqueViolation = (e: unknown) => (e as { code?: string }).code === '23505';

/** Runs `work`, answering a name already used in the project as 409. */
async function uniqueName<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (isUniqueViolation(e)) throw new VaultError('application_name_taken');
    throw e;
  }
}

/** The application, if the caller may act on it; 404 for anything outside their projects. */
async function findApplication(db: Kysely<DB>, userId: string, id: string, action: Action) {
  const a = await db.selectFrom('applications').select(COLUMNS).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  if (!a) throw new VaultError('application_not_found');
  try {
    await authorize(db, userId, a.project_id, action);
  } catch (e) {
    if (e instanceof VaultError && e.code === 'not_found') throw new VaultError('application_not_found');
    throw e;
  }
  return a;
}

/** POST /api/applications: admins and owners; the API key is in the answer only. */
export async function addApplication(
  db: Kysely<DB>, region: string, ctx: RequestContext, userId: string, a: { projectId: string; name: string; permissions: Permissions },
) {
  await authorize(db, userId, a.projectId, 'applications.manage');
  const project = await db.selectFrom('projects').select('environment').where('id', '=', a.projectId).executeTakeFirstOrThrow();
  return uniqueName(() => db.transaction().execute(async (trx) => {
    const c = await createApplication(trx, { projectId: a.projectId, environment: project.environment, name: a.name, permissions: a.permissions, region, createdBy: userId });
    await writeAudit(trx, ctx, auditEvent('application_create', { projectId: a.projectId, resourceId: c.id, userId, details: { name: c.name, permissions: a.permissions } }));
    return c;
  }));
}

export async function listApplications(db: Kysely<DB>, userId: string, projectId: string) {
  await authorize(db, userId, projectId, 'applications.read');
  return db.selectFrom('applications').select(COLUMNS).where('project_id', '=', projectId).where('deleted_at', 'is', null).orderBy('created_at').execute();
}

export const getApplication = (db: Kysely<DB>, userId: string, id: string) => findApplication(db, userId, id, 'applications.read');

/** Renames or changes permissions; every node drops its cached principal at commit. */
export async function updateApplication(db: Kysely<DB>, ctx: RequestContext, userId: string, id: string, b: { name?: string; permissions?: Permissions }) {
  const a = await findApplication(db, userId, id, 'applications.manage');
  return uniqueName(() => db.transaction().execute(async (trx) => {
    const u = await trx
      .updateTable('applications')
      .set({
        ...(b.name !== undefined && { name: b.name }),
        ...(b.permissions !== undefined && { permissions: JSON.stringify(b.permissions) }),
        updated_at: new Date(),
      })
      .where('id', '=', a.id)
      .returning(COLUMNS)
      .executeTakeFirstOrThrow();
    await writeAudit(trx, ctx, auditEvent('application_update', { projectId: a.project_id, resourceId: a.id, userId, details: { name: b.name, permissions: b.permissions } }));
    // New permissions apply at once.
    await notifyInvalidation(trx, 'app', a.id);
    return u;
  }));
}

/** Soft-deletes the application; its key stops working on every node at commit. */
export async function deleteApplication(db: Kysely<DB>, ctx: RequestContext, userId: string, id: string) {
  const a = await findApplication(db, userId, id, 'applications.manage');
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('applications').set({ deleted_at: new Date() }).where('id', '=', a.id).execute();
    await writeAudit(trx, ctx, auditEvent('application_delete', { projectId: a.project_id, resourceId: a.id, userId, details: { name: a.name } }));
    await notifyInvalidation(trx, 'app', a.id);
  });
}

// ---- the guard's look-ups ----

/** The live project of the application with this pub key, if any. */
export async function projectOfPubKey(db: Kysely<DB>, pubKey: string): Promise<string | null> {
  const row = await db.selectFrom('applications').select('project_id').where('pub_key', '=', pubKey).where('deleted_at', 'is', null).executeTakeFirst();
  return row?.project_id ?? null;
}

/** A project as an API-key principal carries it, for calls authenticated by a JWT alone. */
export async function principalProject(db: Kysely<DB>, projectId: string): Promise<AppPrincipal['project']> {
  const p = await db
    .selectFrom('projects')
    .select(['id', 'name', 'environment', 'parent_id', 'deduplicate', 'proxy_allowed_hosts'])
    .where('id', '=', projectId)
    .executeTakeFirstOrThrow();
  return { id: p.id, name: p.name, environment: p.environment, parentId: p.parent_id, deduplicate: p.deduplicate, proxyAllowedHosts: p.proxy_allowed_hosts };
}

/** The columns `principalFromRow` reads: an application joined with its project. */
export const PRINCIPAL_COLUMNS = [
  'a.id', 'a.name', 'a.permissions', 'a.pub_key',
  'p.id as project_id', 'p.name as project_name', 'p.environment', 'p.parent_id', 'p.deduplicate', 'p.proxy_allowed_hosts',
] as const;

export function principalFromRow(row: {
  id: string; name: string; permissions: unknown; pub_key: string; project_id: string; project_name: string;
  environment: AppPrincipal['project']['environment']; parent_id: string | null; deduplicate: boolean; proxy_allowed_hosts: string[] | null;
}): AppPrincipal {
  return {
    id: row.id,
    name: row.name,
    permissions: row.permissions as Permissions,
    pubKey: row.pub_key,
    project: {
      id: row.project_id,
      name: row.project_name,
      environment: row.environment,
      parentId: row.parent_id,
      deduplicate: row.deduplicate,
      proxyAllowedHosts: row.proxy_allowed_hosts,
    },
  };
}

interface CacheEntry {
  principal: AppPrincipal | null;
  at: number;
}

const MAX_ENTRIES = 10_000;
/** With LISTEN/NOTIFY healthy, entries are still refreshed now and then as a safety net. */
const HEALTHY_TTL_MS = 60_000;

/**
 * API key → application, cached in memory so the hot path neither hashes-and-queries on every
 * request nor waits on the database. Deletes reach every node through LISTEN/NOTIFY at once;
 * if the listener is down, entries live only `fallbackTtlMs` (1 s by default).
 */
export class ApiKeyCache {
  private entries = new Map<string, CacheEntry>();
  private used = new Set<string>();
  private readonly flushLoop: Periodic;

  constructor(
    private db: Kysely<DB>,
    private listener: InvalidationListener,
    private fallbackTtlMs: number,
    log: PeriodicLog,
  ) {
    listener.on((kind, id) => {
      if (kind === 'all') this.entries.clear();
      else if (kind === 'app' || kind === 'project') {
        for (const [k, e] of this.entries) {
          if (!e.principal || e.principal.id === id || e.principal.project.id === id) this.entries.delete(k);
        }
      }
    });
    // last_used_at is written in the background, once per application per interval.
    this.flushLoop = new Periodic(5_000, () => this.flushUsage(), log, 'api key usage flush failed');
    this.flushLoop.start();
  }

  async lookup(apiKey: string): Promise<AppPrincipal | null> {
    if (!API_KEY_RE.test(apiKey)) return null;
    const hash = hashApiKey(apiKey).toString('base64');
    const ttl = this.listener.healthy ? HEALTHY_TTL_MS : this.fallbackTtlMs;
    const hit = this.entries.get(hash);
    let principal: AppPrincipal | null;
    if (hit && Date.now() - hit.at < ttl) {
      principal = hit.principal;
    } else {
      principal = await this.load(hash);
      if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(hash, { principal, at: Date.now() });
    }
    if (principal) this.used.add(principal.id);
    return principal;
  }

  private async load(hashB64: string): Promise<AppPrincipal | null> {
    const row = await this.db
      .selectFrom('applications as a')
      .innerJoin('projects as p', 'p.id', 'a.project_id')
      .select(PRINCIPAL_COLUMNS)
      .where('a.key_hash', '=', Buffer.from(hashB64, 'base64'))
      .where('a.deleted_at', 'is', null)
      .where('p.deleted_at', 'is', null)
      .executeTakeFirst();
    return row ? principalFromRow(row) : null;
  }

  async flushUsage(): Promise<void> {
    if (this.used.size === 0) return;
    const ids = [...this.used];
    this.used.clear();
    await this.db
      .updateTable('applications')
      .set({ last_used_at: new Date() })
      .where('id', 'in', ids)
      .execute()
      .catch(() => {});
  }

  close(): Promise<void> {
    return this.flushLoop.stop();
  }
}
