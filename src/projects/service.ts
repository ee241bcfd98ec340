// Projects (docs/api.md §4.2): create, list, show, change, delete. Every function that acts for a user
// checks their role first (members/access.ts); the SQL of the /api/projects routes lives here.
import { type Kysely, sql, type Transaction } from 'kysely';
import { startAuditChain, writeAudit } from '../db/audit.js';
import { auditEvent } from '../db/audit-events.js';
import { notifyInvalidation } from '../db/notify.js';
import type { DataKeys } from '../crypto/datakeys.js';
import type { DB } from '../db/schema.js';
import { VaultError } from '../http/errors.js';
import { pageOf } from '../http/pagination.js';
import type { RequestContext } from '../lib/context.js';
import { newId } from '../lib/random.js';
import { authorize, visibleProjects } from '../members/access.js';
import { checkElementsOrigins } from '../session-keys/origins.js';
import type { Environment } from '../lib/environments.js';
import { FORMAT, type TokenFormat } from '../lib/token-formats.js';
import { ROLE } from '../lib/roles.js';
import { bind } from '../lib/bind.js';
import { provision } from './provision.js';

export type { Environment } from '../lib/environments.js';

export interface NewProject {
  name: string;
  environment: Environment;
  parentId?: string | null;
  requireMfa?: boolean;
  deduplicate?: boolean;
  tokenFormat?: TokenFormat;
  proxyAllowedHosts?: string[] | null;
  elementsOrigins?: string[];
}

/** The settings PUT /api/projects/:id may change (API field names). */
export interface ProjectChanges {
  name?: string;
  environment?: Environment;
  require_mfa?: boolean;
  deduplicate?: boolean;
  token_format?: TokenFormat;
  proxy_allowed_hosts?: string[] | null;
  elements_origins?: string[];
}

/** Creates a project and its wrapped data key; call inside the caller's transaction. */
export async function createProject(trx: Kysely<DB> | Transaction<DB>, keys: DataKeys, p: NewProject) {
  // The update route's rule, checked before anything is written.
  checkElementsOrigins(p.elementsOrigins ?? [], p.environment);
  const id = newId('proj');
  const row = await trx
    .insertInto('projects')
    .values({
      id,
      name: p.name,
      environment: p.environment,
      parent_id: p.parentId ?? null,
      require_mfa: p.requireMfa ?? false,
      deduplicate: p.deduplicate ?? false,
      token_format: p.tokenFormat ?? FORMAT.random,
      proxy_allowed_hosts: p.proxyAllowedHosts ?? null,
      elements_origins: p.elementsOrigins ?? [],
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await trx.insertInto('project_keys').values(keys.newWrapped(id)).execute();
  // The project's audit chain starts here, MAC'd, in the same transaction (issue 22).
  await startAuditChain(trx, id);
  return row;
}

// The optional settings a creation set, by API name (as project_update records its fields).
const SETTING_NAMES = { requireMfa: 'require_mfa', deduplicate: 'deduplicate', tokenFormat: 'token_format', proxyAllowedHosts: 'proxy_allowed_hosts', elementsOrigins: 'elements_origins' } as const;
const settingsGiven = (p: NewProject) =>
  Object.entries(SETTING_NAMES).filter(([k]) => p[k as keyof typeof SETTING_NAMES] != null).map(([, name]) => name);

/** POST /api/projects: the creator becomes the owner. */
export async function createOwnedProject(db: Kysely<DB>, keys: DataKeys, ctx: RequestContext, userId: string, p: NewProject) {
  return db.transaction().execute(async (trx) => {
    const project = await createProject(trx, keys, p);
    await trx.insertInto('project_members').values({ project_id: project.id, user_id: userId, role: ROLE.owner }).execute();
    await writeAudit(trx, ctx, auditEvent('project_create', { projectId: project.id, resourceId: project.id, userId, details: { name: project.name, environment: project.environment, fields: settingsGiven(p) } }));
    return project;
  });
}

/** The projects the user may see, with their role, newest first; `after` from the cursor. */
export async function listProjects(db: Kysely<DB>, userId: string, limit: number, after: (string | number)[] | null) {
  let q = db
    .selectFrom('projects as p')
    .innerJoin(visibleProjects(userId).as('m'), 'm.project_id', 'p.id')
    .selectAll('p')
    .select('m.role')
    .where('p.deleted_at', 'is', null);
  if (after) q = q.where(sql<boolean>`(p.created_at, p.id) < (${after[0]}::timestamptz, ${after[1]})`);
  const rows = await q.orderBy('p.created_at', 'desc').orderBy('p.id', 'desc').limit(limit + 1).execute();
  return pageOf(rows, limit, (r) => [r.created_at.toISOString(), r.id]);
}

export async function getProject(db: Kysely<DB>, userId: string, id: string) {
  const role = await authorize(db, userId, id, 'project.read');
  const project = await db.selectFrom('projects').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  if (!project) throw new VaultError('project_not_found');
  return { project, role };
}

export async function updateProject(db: Kysely<DB>, ctx: RequestContext, userId: string, id: string, b: ProjectChanges) {
  const role = await authorize(db, userId, id, 'project.update');
  const project = await db.transaction().execute(async (trx) => {
    const p = await trx
      .updateTable('projects')
      .set({
        ...(b.name !== undefined && { name: b.name }),
        ...(b.environment !== undefined && { environment: b.environment }),
        ...(b.require_mfa !== undefined && { require_mfa: b.require_mfa }),
        ...(b.deduplicate !== undefined && { deduplicate: b.deduplicate }),
        ...(b.token_format !== undefined && { token_format: b.token_format }),
        ...(b.proxy_allowed_hosts !== undefined && { proxy_allowed_hosts: b.proxy_allowed_hosts }),
        ...(b.elements_origins !== undefined && { elements_origins: b.elements_origins }),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!p) throw new VaultError('project_not_found');
    checkElementsOrigins(p.elements_origins, p.environment);
    await writeAudit(trx, ctx, auditEvent('project_update', { projectId: p.id, resourceId: p.id, userId, details: { fields: Object.keys(b) } }));
    // API-key principals cache project settings (deduplicate, format, hosts): refresh everywhere.
    await notifyInvalidation(trx, 'project', p.id);
    return p;
  });
  return { project, role };
}

/** DELETE /api/projects/:id (owners only): the project and its provisioned children. */
export async function deleteProject(db: Kysely<DB>, keys: DataKeys, ctx: RequestContext, userId: string, id: string) {
  await authorize(db, userId, id, 'project.delete');
  const deleted = await db.transaction().execute((trx) => deleteProjectTree(trx, ctx, id, userId));
  for (const d of deleted) keys.forget(d);
}

/**
 * Deletes a project and every live project provisioned under it, in the caller's transaction:
 * each loses its data key (crypto-shredding: no copy of its ciphertexts, backups included, can be
 * decrypted again), its tokens, CVC sessions and applications, with an audit entry in its own
 * chain. Returns the deleted ids.
 */
export async function deleteProjectTree(trx: Transaction<DB>, ctx: RequestContext, rootId: string, userId: string): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    WITH RECURSIVE tree(id) AS (
      SELECT id FROM projects WHERE id = ${rootId} AND deleted_at IS NULL
      UNION
      SELECT c.id FROM projects c JOIN tree t ON c.parent_id = t.id WHERE c.deleted_at IS NULL
    )
    SELECT id FROM tree`.execute(trx);
  const ids = rows.map((r) => r.id);
  const { at } = ctx;
  for (const id of ids) {
    await trx.updateTable('projects').set({ deleted_at: at, updated_at: at }).where('id', '=', id).execute();
    const shredded = await trx.deleteFrom('project_keys').where('project_id', '=', id).executeTakeFirst();
    const tokens = await trx.deleteFrom('tokens').where('project_id', '=', id).executeTakeFirst();
    await trx.deleteFrom('cvc_sessions').where('project_id', '=', id).execute();
    await trx.updateTable('applications').set({ deleted_at: at }).where('project_id', '=', id).where('deleted_at', 'is', null).execute();
    await writeAudit(trx, ctx, auditEvent('project_delete', {
      projectId: id, resourceId: id, userId,
      details: { data_key_destroyed: Number(shredded.numDeletedRows) === 1, tokens_deleted: Number(tokens.numDeletedRows), ...(id === rootId ? {} : { with_parent: rootId }) },
    }));
    // API-key principals of these projects are dropped on every node.
    await notifyInvalidation(trx, 'project', id);
  }
  return ids;
}

/** The projects feature as app.ts builds it (lib/bind.ts): its functions, the database supplied. */
export const projectService = (db: Kysely<DB>) => bind(db, { createOwnedProject, listProjects, getProject, updateProject, deleteProject, provision });
export type ProjectService = ReturnType<typeof projectService>;
