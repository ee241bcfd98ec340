// A project's members (docs/api.md §4.2): list, change a role, remove. Every function that acts for a
// user checks their role first (access.ts); a project always keeps at least one owner.
import type { Kysely, Transaction } from 'kysely';
import { writeAudit } from '../db/audit.js';
import { auditEvent } from '../db/audit-events.js';
import type { DB } from '../db/schema.js';
import { VaultError } from '../http/errors.js';
import type { RequestContext } from '../lib/context.js';
import { authorize, mayManage, type Role } from './access.js';
import { ROLE } from '../lib/roles.js';
import { bind } from '../lib/bind.js';
import { acceptInvitation, declineInvitation, invitationsFor, invite, projectInvitations, withdrawInvitation } from './invitations.js';

const memberRows = (db: Kysely<DB>, projectId: string) =>
  db
    .selectFrom('project_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.user_id', 'u.email', 'u.name', 'm.role', 'm.created_at'])
    .where('m.project_id', '=', projectId);

/** Locks a member's row for a change: 404 when absent, 403 when the actor may not touch it. */
async function lockMember(trx: Transaction<DB>, projectId: string, userId: string, actor: Role, to?: Role): Promise<Role> {
  const row = await trx.selectFrom('project_members').select('role').where('project_id', '=', projectId).where('user_id', '=', userId).forUpdate().executeTakeFirst();
  if (!row) throw new VaultError('member_not_found');
  if (!mayManage(actor, row.role) || (to && !mayManage(actor, to))) {
    throw new VaultError('owner_changes_owner_admin');
  }
  return row.role;
}

/** After demoting or removing an owner: a project keeps at least one (409 rolls it back). */
async function keepAnOwner(trx: Transaction<DB>, projectId: string, former: Role) {
  if (former !== ROLE.owner) return;
  const r = await trx.selectFrom('project_members').select((eb) => eb.fn.countAll<number>().as('n')).where('project_id', '=', projectId).where('role', '=', ROLE.owner).executeTakeFirstOrThrow();
  if (Number(r.n) === 0) throw new VaultError('last_owner');
}

export async function listMembers(db: Kysely<DB>, userId: string, projectId: string) {
  await authorize(db, userId, projectId, 'members.read');
  return memberRows(db, projectId).orderBy('m.created_at').execute();
}

export async function changeRole(db: Kysely<DB>, ctx: RequestContext, actorId: string, projectId: string, userId: string, to: Role) {
  const role = await authorize(db, actorId, projectId, 'members.manage');
  await db.transaction().execute(async (trx) => {
    const current = await lockMember(trx, projectId, userId, role, to);
    await trx.updateTable('project_members').set({ role: to }).where('project_id', '=', projectId).where('user_id', '=', userId).execute();
    await keepAnOwner(trx, projectId, current);
    await writeAudit(trx, ctx, auditEvent('member_role_change', { projectId, resourceId: userId, userId: actorId, details: { from: current, to } }));
  });
  return memberRows(db, projectId).where('m.user_id', '=', userId).executeTakeFirstOrThrow();
}

export async function removeMember(db: Kysely<DB>, ctx: RequestContext, actorId: string, projectId: string, userId: string) {
  const role = await authorize(db, actorId, projectId, 'members.manage');
  await db.transaction().execute(async (trx) => {
    const current = await lockMember(trx, projectId, userId, role);
    await trx.deleteFrom('project_members').where('project_id', '=', projectId).where('user_id', '=', userId).execute();
    await keepAnOwner(trx, projectId, current);
    await writeAudit(trx, ctx, auditEvent('member_remove', { projectId, resourceId: userId, userId: actorId, details: { role: current } }));
  });
}

/** Direct membership only (no inherited parent role): what a hybrid API key + JWT call needs. */
export async function isMember(db: Kysely<DB>, projectId: string, userId: string): Promise<boolean> {
  const row = await db.selectFrom('project_members').select('role').where('project_id', '=', projectId).where('user_id', '=', userId).executeTakeFirst();
  return row !== undefined;
}

/** The members feature as app.ts builds it (lib/bind.ts): its functions, the database supplied. */
export const memberService = (db: Kysely<DB>) => bind(db, {
  listMembers, changeRole, removeMember, invite, invitationsFor, projectInvitations, acceptInvitation, declineInvitation, withdrawInvitation,
});
export type MemberService = ReturnType<typeof memberService>;
