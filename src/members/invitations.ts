// Members join by invitation only (docs/api.md §4.2). Inviting answers the same 202 for any email —
// registered, unknown or already a member — so it cannot be used to learn who has an account,
// and nobody becomes a member (or falls under a project's require_mfa) without accepting.
import { type Kysely, sql, type Transaction } from 'kysely';
import { writeAudit } from '../db/audit.js';
import { auditEvent } from '../db/audit-events.js';
import type { DB } from '../db/schema.js';
import { VaultError } from '../http/errors.js';
import type { RequestContext } from '../lib/context.js';
import { newId } from '../lib/random.js';
import type { Mailer } from '../mail/mailer.js';
import { authorize, mayManage, type Role } from './access.js';

export const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;

/** The signed-in user acting: their id, and the email their invitations are addressed to. */
export interface Invitee {
  id: string;
  email: string;
}

/** How the invitation mail goes out; a failed delivery is only logged. */
export interface InvitationMail {
  mailer: Mailer;
  publicUrl: string;
  log: { warn(obj: object, msg: string): void };
}

/**
 * POST /api/projects/:id/members: records (or renews) the invitation and mails the invitee. The
 * answer and the work done are the same for any email; only an existing member gets no mail.
 */
export async function invite(db: Kysely<DB>, mail: InvitationMail, ctx: RequestContext, actor: Invitee, projectId: string, body: { email: string; role: Role }) {
  const role = await authorize(db, actor.id, projectId, 'members.manage');
  if (!mayManage(role, body.role)) throw new VaultError('owner_grants_owner_admin');
  const email = body.email.trim().toLowerCase();
  const now = ctx.at;
  const sent = await db.transaction().execute(async (trx) => {
    const member = await trx
      .selectFrom('project_members as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select('m.user_id')
      .where('m.project_id', '=', projectId)
      .where(sql<boolean>`lower(u.email) = ${email}`)
      .executeTakeFirst();
    if (member) return null;
    const inv = await trx
      .insertInto('project_invitations')
      .values({ id: newId('inv'), project_id: projectId, email, role: body.role, invited_by: actor.id, created_at: now, expires_at: new Date(now.getTime() + INVITATION_TTL_MS) })
      .onConflict((oc) => oc.columns(['project_id', 'email']).doUpdateSet((eb) => ({
        role: eb.ref('excluded.role'), invited_by: eb.ref('excluded.invited_by'), created_at: eb.ref('excluded.created_at'), expires_at: eb.ref('excluded.expires_at'),
      })))
      .returning(['id'])
      .executeTakeFirstOrThrow();
    await writeAudit(trx, ctx, auditEvent('member_invite', { projectId, resourceId: inv.id, userId: actor.id, details: { role: body.role } }));
    return trx.selectFrom('projects').select('name').where('id', '=', projectId).executeTakeFirstOrThrow();
  });
  if (sent) {
    const link = `${mail.publicUrl}/`;
    // In the background, as forgot-password: the answer's timing must not depend on the email.
    mail.mailer
      .send({
        to: email,
        subject: 'You are invited to a vault project',
        text:
          `${actor.email} invited you to the vault project "${sent.name}" as ${body.role}.\n\n` +
          `Sign in (or create an account with this email address) at ${link} and accept or decline the invitation ` +
          `under Invitations. It expires in 7 days. If you do not know the sender, decline or ignore it.\n`,
      })
      .catch((err: Error) => mail.log.warn({ kind: 'invitation', err: { message: err.message } }, 'mail delivery failed'));
  }
  return { email, role: body.role, status: 'invited' as const };
}

const pending = (db: Kysely<DB>, at: Date) =>
  db
    .selectFrom('project_invitations as i')
    .innerJoin('projects as p', 'p.id', 'i.project_id')
    .leftJoin('users as u', 'u.id', 'i.invited_by')
    .select(['i.id', 'i.project_id', 'p.name as project_name', 'i.email', 'i.role', 'u.email as invited_by', 'i.created_at', 'i.expires_at'])
    .where('p.deleted_at', 'is', null)
    .where('i.expires_at', '>', at);

/** Invitations waiting for the signed-in user, newest first. */
export async function invitationsFor(db: Kysely<DB>, ctx: RequestContext, user: Invitee) {
  return pending(db, ctx.at).where('i.email', '=', user.email.toLowerCase()).orderBy('i.created_at', 'desc').execute();
}

/** A project's pending invitations, oldest first (any member may see them). */
export async function projectInvitations(db: Kysely<DB>, ctx: RequestContext, userId: string, projectId: string) {
  await authorize(db, userId, projectId, 'members.read');
  return pending(db, ctx.at).where('i.project_id', '=', projectId).orderBy('i.created_at').execute();
}

/** The caller's own live invitation, locked and used up; 404 for anyone else's (existence never revealed). */
async function claim(trx: Transaction<DB>, ctx: RequestContext, user: Invitee, id: string) {
  const inv = await trx
    .selectFrom('project_invitations as i')
    .innerJoin('projects as p', 'p.id', 'i.project_id')
    .select(['i.id', 'i.project_id', 'i.role'])
    .where('i.id', '=', id)
    .where('i.email', '=', user.email.toLowerCase())
    .where('i.expires_at', '>', ctx.at)
    .where('p.deleted_at', 'is', null)
    .forUpdate('i')
    .executeTakeFirst();
  if (!inv) throw new VaultError('invitation_not_found');
  await trx.deleteFrom('project_invitations').where('id', '=', inv.id).execute();
  return inv;
}

/** The user becomes a member with the invitation's role. */
export async function acceptInvitation(db: Kysely<DB>, ctx: RequestContext, user: Invitee, id: string) {
  const inv = await db.transaction().execute(async (trx) => {
    const inv = await claim(trx, ctx, user, id);
    await trx.insertInto('project_members').values({ project_id: inv.project_id, user_id: user.id, role: inv.role }).onConflict((oc) => oc.doNothing()).execute();
    await writeAudit(trx, ctx, auditEvent('member_add', { projectId: inv.project_id, resourceId: user.id, userId: user.id, details: { role: inv.role, invitation: inv.id } }));
    return inv;
  });
  return { project_id: inv.project_id, role: inv.role };
}

export async function declineInvitation(db: Kysely<DB>, ctx: RequestContext, user: Invitee, id: string) {
  await db.transaction().execute(async (trx) => {
    const inv = await claim(trx, ctx, user, id);
    await writeAudit(trx, ctx, auditEvent('member_invite_decline', { projectId: inv.project_id, resourceId: inv.id, userId: user.id, details: { role: inv.role } }));
  });
}

/** Withdraws a pending invitation, under the same owner/admin rule as granting its role. */
export async function withdrawInvitation(db: Kysely<DB>, ctx: RequestContext, actorId: string, projectId: string, invitationId: string) {
  const role = await authorize(db, actorId, projectId, 'members.manage');
  await db.transaction().execute(async (trx) => {
    const inv = await trx.deleteFrom('project_invitations').where('id', '=', invitationId).where('project_id', '=', projectId)
      .returning(['id', 'role']).executeTakeFirst();
    if (!inv) throw new VaultError('invitation_not_found');
    if (!mayManage(role, inv.role)) throw new VaultError('owner_withdraws_owner_admin');
    await writeAudit(trx, ctx, auditEvent('member_invite_withdraw', { projectId, resourceId: inv.id, userId: actorId, details: { role: inv.role } }));
  });
}
