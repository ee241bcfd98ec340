// Who may do what inside a project. One table, used by every management service and written out
// in docs/permissions.md; the role-matrix test (test/members/roles.test.ts) walks it.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.js';
import { VaultError } from '../http/errors.js';
import { rankOf, type Role, ROLE, ROLES } from '../lib/roles.js';

export { type Role, ROLES } from '../lib/roles.js';
const { owner, admin, developer, viewer } = ROLE;

export const PERMISSIONS = {
  'project.read': viewer,
  'project.update': admin,
  'project.delete': owner,
  'members.read': viewer,
  'members.manage': admin,
  'applications.read': viewer,
  'applications.manage': admin,
  'tokens.read': viewer,
  'tokens.delete': developer,
  'tokens.update': developer,
  'tokens.search': developer,
  'audit.read': developer,
  'tokens.tokenize': developer,
  // Webhook secrets and URLs are integration settings: admins only, reading included.
  'webhooks.read': admin,
  'webhooks.manage': admin,
  'routes.read': viewer,
  'routes.manage': admin,
} as const satisfies Record<string, Role>;

export type Action = keyof typeof PERMISSIONS;

export function atLeast(role: Role, min: Role): boolean {
  return rankOf(role) >= rankOf(min);
}

/** Admins manage developers and viewers; only owners grant, change or remove owner/admin. */
export const mayManage = (actor: Role, target: Role) => actor === owner || !atLeast(target, admin);

/** How far below a root project provisioned children may go (docs/api.md §3.5). */
export const MAX_PROJECT_DEPTH = 3;
// The same ranks in SQL, and the roles that see a parent's provisioned children.
const RANK_SQL = sql`CASE role ${sql.raw(ROLES.map((r) => `WHEN '${r}' THEN ${rankOf(r)}`).join(' '))} END`;
const SEES_CHILDREN = sql.raw(`(${[owner, admin].map((r) => `'${r}'`).join(', ')})`);

/**
 * The caller's role in a live project: their own membership, or — for a provisioned child — the
 * owner or admin role they hold in an ancestor (the parent's owners and admins see its children).
 */
export async function roleIn(db: Kysely<DB>, userId: string, projectId: string): Promise<Role | null> {
  const { rows } = await sql<{ role: Role }>`
    WITH RECURSIVE up(id, parent_id, depth) AS (
      SELECT id, parent_id, 0 FROM projects WHERE id = ${projectId} AND deleted_at IS NULL
      UNION ALL
      SELECT p.id, p.parent_id, up.depth + 1 FROM projects p JOIN up ON p.id = up.parent_id
      WHERE up.depth < ${MAX_PROJECT_DEPTH} AND p.deleted_at IS NULL
    )
    SELECT m.role FROM up JOIN project_members m ON m.project_id = up.id AND m.user_id = ${userId}
    WHERE up.depth = 0 OR m.role IN ${SEES_CHILDREN}
    ORDER BY ${RANK_SQL} DESC LIMIT 1`.execute(db);
  return rows[0]?.role ?? null;
}

/** Every live project the user may see, with their role (see `roleIn`), as a query to join. */
export function visibleProjects(userId: string) {
  return sql<{ project_id: string; role: Role }>`(
    WITH RECURSIVE down(project_id, role, depth) AS (
      SELECT project_id, role, 0 FROM project_members WHERE user_id = ${userId}
      UNION ALL
      SELECT c.id, d.role, d.depth + 1 FROM projects c JOIN down d ON c.parent_id = d.project_id
      WHERE d.role IN ${SEES_CHILDREN} AND d.depth < ${MAX_PROJECT_DEPTH}
    )
    SELECT DISTINCT ON (project_id) project_id, role FROM down ORDER BY project_id, ${RANK_SQL} DESC
  )`;
}

/**
 * The caller's role in a live project, or 404 when they have none (existence is never revealed
 * across tenants), or 403 when their role is too low for `action`.
 */
export async function authorize(db: Kysely<DB>, userId: string, projectId: string, action: Action): Promise<Role> {
  const role = await roleIn(db, userId, projectId);
  if (!role) throw new VaultError('project_not_found');
  if (!atLeast(role, PERMISSIONS[action])) {
    throw new VaultError('role_too_low', { args: [role, PERMISSIONS[action]] });
  }
  return role;
}
