// Applications and their API keys: creation (the key shown once) and the management of
// /api/applications (every function acting for a user checks their role first). Who a key is:
// principal.ts; the hot path's key cache: cache.ts.
import type { Kysely, Transaction } from 'kysely';
import { writeAudit } from '../db/audit.js';
import { auditEvent } from '../db/audit-events.js';
import type { DB } from '../db/schema.js';
import { notifyInvalidation } from '../db/notify.js';
import { VaultError } from '../http/errors.js';
import type { RequestContext } from '../lib/context.js';
import { newId } from '../lib/random.js';
import { type Action, authorize } from '../members/access.js';
import { displayPrefix, hashApiKey, newApiKey, newPubKey } from './keys.js';
import type { Permissions } from './permissions.js';
import { bind } from '../lib/bind.js';
export type { AppPrincipal } from './principal.js';

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

/** The applications feature as app.ts builds it (lib/bind.ts): its functions, the database supplied. */
export const applicationService = (db: Kysely<DB>) => bind(db, { addApplication, listApplications, getApplication, updateApplication, deleteApplication });
export type ApplicationService = ReturnType<typeof applicationService>;
