// Who may do what inside a project. One table, used by every management route and written out
// in docs/permissions.md; the role-matrix test walks it.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { VaultError } from '../plugins/errors.js';

export type Role = 'owner' | 'admin' | 'developer' | 'viewer';
export const ROLES: Role[] = ['owner', 'admin', 'developer', 'viewer'];
const RANK: Record<Role, number> = { viewer: 1, developer: 2, admin: 3, owner: 4 };

export const PERMISSIONS = {
  'project.read': 'viewer',
  'project.update': 'admin',
  'project.delete': 'owner',
  'members.read': 'viewer',
  'members.manage': 'admin',
  'applications.read': 'viewer',
  'applications.manage': 'admin',
  'tokens.read': 'viewer',
  'tokens.delete': 'developer',
  'audit.read': 'developer',
  'tokens.tokenize': 'developer',
} as const satisfies Record<string, Role>;

export type Action = keyof typeof PERMISSIONS;

export function atLeast(role: Role, min: Role): boolean {
  return RANK[role] >= RANK[min];
}

export const PROJECT_NOT_FOUND = () => new VaultError('not_found', 'Project not found.');

/**
 * The caller's role in a live project, or 404 when they are not a member (existence is never
 * revealed across tenants), or 403 when their role is too low for `action`.
 */
export async function authorize(db: Kysely<DB>, userId: string, projectId: string, action: Action): Promise<Role> {
  const row = await db
    .selectFrom('project_members as m')
    .innerJoin('projects as p', 'p.id', 'm.project_id')
    .select('m.role')
    .where('m.user_id', '=', userId)
    .where('m.project_id', '=', projectId)
    .where('p.deleted_at', 'is', null)
    .executeTakeFirst();
  if (!row) throw PROJECT_NOT_FOUND();
  if (!atLeast(row.role, PERMISSIONS[action])) {
    throw new VaultError('permission_denied', `Your role (${row.role}) does not allow this; it needs ${PERMISSIONS[action]} or above.`);
  }
  return row.role;
}
