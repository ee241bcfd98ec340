// POST /internal/provision (§3.5): a key with the provisioning permission creates an isolated
// sub-project — its own tenant and data key — with its applications, in one transaction. A child
// never gets a right the provisioning key lacks, inherits the parent's require_mfa and
// proxy_allowed_hosts, is visible to the parent's owners and admins (src/members/access.ts) and
// is deleted with it; depth and count are limited.
import { type Kysely, sql } from 'kysely';
import { allows, type Permission, type Permissions } from '../applications/permissions.js';
import { type AppPrincipal, createApplication } from '../applications/service.js';
import type { DataKeys } from '../crypto/datakeys.js';
import { writeAudit } from '../db/audit.js';
import { auditEvent } from '../db/audit-events.js';
import type { DB } from '../db/schema.js';
import { VaultError } from '../http/errors.js';
import type { RequestContext } from '../lib/context.js';
import { MAX_PROJECT_DEPTH } from '../members/access.js';
import { createProject, type Environment } from './service.js';

/** Live children a project may have (the depth limit is MAX_PROJECT_DEPTH). */
export const MAX_CHILDREN = 100;

const RIGHTS: Permission[] = ['tokenization', 'detokenization', 'provisioning'];

/** Without an explicit list: one application with the key's tokenize/detokenize rights. */
const defaultApps = (key: Permissions): { name: string; permissions: Permissions }[] => [
  { name: 'default', permissions: { tokenization: { allowed: allows(key, 'tokenization') }, detokenization: { allowed: allows(key, 'detokenization') }, provisioning: { allowed: false } } },
];

export interface ProvisionRequest {
  name: string;
  environment?: Environment;
  applications?: { name: string; permissions: Permissions }[];
}

/**
 * Creates the child project under the calling key's project, and its applications (their API
 * keys returned once). `userId`: the user of a hybrid API key + JWT call, if any.
 */
export async function provision(
  db: Kysely<DB>, keys: DataKeys, region: string, ctx: RequestContext, parent: AppPrincipal, userId: string | null, body: ProvisionRequest,
) {
  const apps = body.applications ?? defaultApps(parent.permissions);
  const names = apps.map((a) => a.name.toLowerCase());
  if (new Set(names).size !== names.length) throw new VaultError('application_names_repeat');
  for (const a of apps) {
    const extra = RIGHTS.find((r) => allows(a.permissions, r) && !allows(parent.permissions, r));
    if (extra) throw new VaultError('child_right_exceeds_parent', { args: [extra] });
  }
  const environment = body.environment ?? parent.project.environment;
  return db.transaction().execute(async (trx) => {
    // Locked: concurrent calls count the same children, and the parent cannot be deleted meanwhile.
    const p = await trx.selectFrom('projects').select(['require_mfa', 'proxy_allowed_hosts']).where('id', '=', parent.project.id)
      .where('deleted_at', 'is', null).forUpdate().executeTakeFirst();
    if (!p) throw new VaultError('invalid_api_key');
    const { rows } = await sql<{ depth: number; children: number }>`
      WITH RECURSIVE up(id, parent_id, depth) AS (
        SELECT id, parent_id, 0 FROM projects WHERE id = ${parent.project.id}
        UNION ALL
        SELECT x.id, x.parent_id, up.depth + 1 FROM projects x JOIN up ON x.id = up.parent_id WHERE up.depth <= ${MAX_PROJECT_DEPTH}
      )
      SELECT (SELECT max(depth) FROM up)::int AS depth,
             (SELECT count(*) FROM projects WHERE parent_id = ${parent.project.id} AND deleted_at IS NULL)::int AS children`.execute(trx);
    if (rows[0].depth + 1 > MAX_PROJECT_DEPTH) {
      throw new VaultError('project_too_deep', { args: [MAX_PROJECT_DEPTH] });
    }
    if (rows[0].children >= MAX_CHILDREN) throw new VaultError('too_many_children', { args: [MAX_CHILDREN] });
    const project = await createProject(trx, keys, {
      name: body.name, environment, parentId: parent.project.id, requireMfa: p.require_mfa, proxyAllowedHosts: p.proxy_allowed_hosts,
    });
    const created = [];
    for (const a of apps) {
      created.push(await createApplication(trx, { projectId: project.id, environment, name: a.name, permissions: a.permissions, region }));
    }
    const details = { parent_id: parent.project.id, applications: created.map((c) => c.id) };
    const entry = (projectId: string) => auditEvent('provision', { projectId, resourceId: project.id, appId: parent.id, userId, details });
    // Recorded in both chains: the parent's (who provisioned) and the child's (how it began).
    await writeAudit(trx, ctx, [entry(parent.project.id), entry(project.id)]);
    return { project, created };
  });
}
