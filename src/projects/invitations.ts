// Members join by invitation only (API.md §4.2). Inviting answers the same 202 for any email —
// registered, unknown or already a member — so it cannot be used to learn who has an account,
// and nobody becomes a member (or falls under a project's require_mfa) without accepting.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import { Type } from 'typebox';
import { writeAudit } from '../db/audit.js';
import { contextOf } from '../http/context.js';
import { newId } from '../lib/random.js';
import { VaultError } from '../http/errors.js';
import { requireUser } from '../auth/guard.js';
import { ErrorBody, Ok } from '../http/schemas.js';
import { atLeast, authorize, type Role } from './access.js';

export const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;

export const RoleSchema = Type.Union([Type.Literal('owner'), Type.Literal('admin'), Type.Literal('developer'), Type.Literal('viewer')]);
export const InviteBody = Type.Object(
  { email: Type.String({ minLength: 3, maxLength: 254, pattern: '^[^\\s@]+@[^\\s@]+$' }), role: RoleSchema },
  { additionalProperties: false },
);
export const Invited = Type.Object({ email: Type.String(), role: RoleSchema, status: Type.Literal('invited') });
const Invitation = Type.Object({
  id: Type.String(),
  project_id: Type.String(),
  project_name: Type.String(),
  email: Type.String(),
  role: RoleSchema,
  invited_by: Type.Union([Type.String(), Type.Null()]),
  created_at: Type.String(),
  expires_at: Type.String(),
});
const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
const ProjectInvitationParams = Type.Object({ id: Type.String({ maxLength: 64 }), invitation_id: Type.String({ maxLength: 64 }) });

/** Admins manage developers and viewers; only owners grant, change or remove owner/admin. */
export const mayManage = (actor: Role, target: Role) => actor === 'owner' || !atLeast(target, 'admin');


/**
 * POST /api/projects/:id/members: records (or renews) the invitation and mails the invitee. The
 * answer and the work done are the same for any email; only an existing member gets no mail.
 */
export async function invite(req: FastifyRequest, projectId: string, body: { email: string; role: Role }) {
  const { vault } = req.server;
  const db = vault.database.db;
  const actor = req.user!;
  const role = await authorize(db, actor.id, projectId, 'members.manage');
  if (!mayManage(role, body.role)) throw new VaultError('owner_grants_owner_admin');
  const email = body.email.trim().toLowerCase();
  const now = vault.now();
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
    await writeAudit(trx, contextOf(req), { projectId, eventType: 'member', action: 'member_invite', resourceType: 'invitation', resourceId: inv.id, userId: actor.id, details: { role: body.role } });
    return trx.selectFrom('projects').select('name').where('id', '=', projectId).executeTakeFirstOrThrow();
  });
  if (sent) {
    const link = `${vault.config.publicUrl}/`;
    // In the background, as forgot-password: the answer's timing must not depend on the email.
    vault.mailer
      .send({
        to: email,
        subject: 'You are invited to a vault project',
        text:
          `${actor.email} invited you to the vault project "${sent.name}" as ${body.role}.\n\n` +
          `Sign in (or create an account with this email address) at ${link} and accept or decline the invitation ` +
          `under Invitations. It expires in 7 days. If you do not know the sender, decline or ignore it.\n`,
      })
      .catch((err: Error) => req.log.warn({ kind: 'invitation', err: { message: err.message } }, 'mail delivery failed'));
  }
  return { email, role: body.role, status: 'invited' as const };
}

export async function invitationRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { vault } = app;
  const db = vault.database.db;
  app.addHook('onRequest', requireUser());

  const pending = () =>
    db
      .selectFrom('project_invitations as i')
      .innerJoin('projects as p', 'p.id', 'i.project_id')
      .leftJoin('users as u', 'u.id', 'i.invited_by')
      .select(['i.id', 'i.project_id', 'p.name as project_name', 'i.email', 'i.role', 'u.email as invited_by', 'i.created_at', 'i.expires_at'])
      .where('p.deleted_at', 'is', null)
      .where('i.expires_at', '>', vault.now());
  type Row = Awaited<ReturnType<ReturnType<typeof pending>['execute']>>[number];
  const view = (r: Row) => ({ ...r, created_at: r.created_at.toISOString(), expires_at: r.expires_at.toISOString() });

  app.get('/api/user/invitations', {
    schema: { tags: ['members'], summary: 'Invitations waiting for you', response: { 200: Ok(Type.Array(Invitation)), '4xx': ErrorBody } },
  }, async (req) => {
    const rows = await pending().where('i.email', '=', req.user!.email.toLowerCase()).orderBy('i.created_at', 'desc').execute();
    return { success: true as const, data: rows.map(view) };
  });

  /** The caller's own live invitation, locked; 404 for anyone else's (existence never revealed). */
  async function claim(trx: typeof db, req: FastifyRequest, id: string) {
    const inv = await trx
      .selectFrom('project_invitations as i')
      .innerJoin('projects as p', 'p.id', 'i.project_id')
      .select(['i.id', 'i.project_id', 'i.role'])
      .where('i.id', '=', id)
      .where('i.email', '=', req.user!.email.toLowerCase())
      .where('i.expires_at', '>', vault.now())
      .where('p.deleted_at', 'is', null)
      .forUpdate('i')
      .executeTakeFirst();
    if (!inv) throw new VaultError('invitation_not_found');
    await trx.deleteFrom('project_invitations').where('id', '=', inv.id).execute();
    return inv;
  }

  app.post('/api/user/invitations/:id/accept', {
    schema: {
      tags: ['members'], summary: 'Accept an invitation: you become a member with its role', params: IdParams,
      response: { 200: Ok(Type.Object({ project_id: Type.String(), role: RoleSchema })), '4xx': ErrorBody },
    },
  }, async (req) => {
    const user = req.user!;
    const inv = await db.transaction().execute(async (trx) => {
      const inv = await claim(trx, req, req.params.id);
      await trx.insertInto('project_members').values({ project_id: inv.project_id, user_id: user.id, role: inv.role }).onConflict((oc) => oc.doNothing()).execute();
      await writeAudit(trx, contextOf(req), { projectId: inv.project_id, eventType: 'member', action: 'member_add', resourceType: 'user', resourceId: user.id, userId: user.id, details: { role: inv.role, invitation: inv.id } });
      return inv;
    });
    return { success: true as const, data: { project_id: inv.project_id, role: inv.role } };
  });

  app.post('/api/user/invitations/:id/decline', {
    schema: { tags: ['members'], summary: 'Decline an invitation', params: IdParams, response: { 200: Ok(Type.Object({})), '4xx': ErrorBody } },
  }, async (req) => {
    await db.transaction().execute(async (trx) => {
      const inv = await claim(trx, req, req.params.id);
      await writeAudit(trx, contextOf(req), { projectId: inv.project_id, eventType: 'member', action: 'member_invite_decline', resourceType: 'invitation', resourceId: inv.id, userId: req.user!.id, details: { role: inv.role } });
    });
    return { success: true as const, data: {} };
  });

  app.get('/api/projects/:id/invitations', {
    schema: { tags: ['members'], summary: "A project's pending invitations", params: IdParams, response: { 200: Ok(Type.Array(Invitation)), '4xx': ErrorBody } },
  }, async (req) => {
    await authorize(db, req.user!.id, req.params.id, 'members.read');
    const rows = await pending().where('i.project_id', '=', req.params.id).orderBy('i.created_at').execute();
    return { success: true as const, data: rows.map(view) };
  });

  app.delete('/api/projects/:id/invitations/:invitation_id', {
    schema: { tags: ['members'], summary: 'Withdraw a pending invitation', params: ProjectInvitationParams, response: { 200: Ok(Type.Object({})), '4xx': ErrorBody } },
  }, async (req) => {
    const user = req.user!;
    const role = await authorize(db, user.id, req.params.id, 'members.manage');
    await db.transaction().execute(async (trx) => {
      const inv = await trx.deleteFrom('project_invitations').where('id', '=', req.params.invitation_id).where('project_id', '=', req.params.id)
        .returning(['id', 'role']).executeTakeFirst();
      if (!inv) throw new VaultError('invitation_not_found');
      if (!mayManage(role, inv.role)) throw new VaultError('owner_withdraws_owner_admin');
      await writeAudit(trx, contextOf(req), { projectId: req.params.id, eventType: 'member', action: 'member_invite_withdraw', resourceType: 'invitation', resourceId: inv.id, userId: user.id, details: { role: inv.role } });
    });
    return { success: true as const, data: {} };
  });
}
