// /api/projects/:id/members, a project's invitations and /api/user/invitations (§4.2), JWT-authenticated.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireUser } from '../auth/guard.js';
import { guardEveryRoute } from '../http/openapi.js';
import { contextOf } from '../http/context.js';
import { ErrorBody, Ok } from '../http/schemas.js';
import { IdParams, Invitation, invitationView, InviteBody, Invited, Member, MemberParams, memberView, ProjectInvitationParams, RoleSchema } from './schemas.js';

export async function memberRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { vault } = app;
  const { members } = vault;
  const { limits } = vault.auth;
  guardEveryRoute(app, requireUser());

  app.get('/api/projects/:id/members', {
    schema: { tags: ['members'], summary: 'Members of a project', params: IdParams, response: { 200: Ok(Type.Array(Member)), '4xx': ErrorBody } },
  }, async (req) => ({ success: true as const, data: (await members.listMembers(req.user!.id, req.params.id)).map(memberView) }));

  app.post('/api/projects/:id/members', {
    // The invitation mail carries the inviter's text from the vault's address: a budget per
    // inviter, then per invited address (whoever invites), before any of it is sent.
    preHandler: [limits.userHook('invite_inviter'), limits.emailHook('invite_email')],
    schema: {
      tags: ['members'], summary: 'Invite someone by email (the same 202 for any email; they join once they accept)', params: IdParams,
      body: InviteBody, response: { 202: Ok(Invited), '4xx': ErrorBody },
    },
  }, async (req, reply) => {
    const mail = { mailer: vault.mailer, publicUrl: vault.config.publicUrl, log: req.log };
    return reply.code(202).send({ success: true as const, data: await members.invite(mail, contextOf(req), req.user!, req.params.id, req.body) });
  });

  app.put('/api/projects/:id/members/:user_id', {
    schema: {
      tags: ['members'], summary: "Change a member's role", params: MemberParams,
      body: Type.Object({ role: RoleSchema }, { additionalProperties: false }), response: { 200: Ok(Member), '4xx': ErrorBody },
    },
  }, async (req) => ({ success: true as const, data: memberView(await members.changeRole(contextOf(req), req.user!.id, req.params.id, req.params.user_id, req.body.role)) }));

  app.delete('/api/projects/:id/members/:user_id', {
    schema: { tags: ['members'], summary: 'Remove a member', params: MemberParams, response: { 200: Ok(Type.Object({})), '4xx': ErrorBody } },
  }, async (req) => {
    await members.removeMember(contextOf(req), req.user!.id, req.params.id, req.params.user_id);
    return { success: true as const, data: {} };
  });

  // ---- invitations ----

  app.get('/api/user/invitations', {
    schema: { tags: ['members'], summary: 'Invitations waiting for you', response: { 200: Ok(Type.Array(Invitation)), '4xx': ErrorBody } },
  }, async (req) => ({ success: true as const, data: (await members.invitationsFor(contextOf(req), req.user!)).map(invitationView) }));

  app.post('/api/user/invitations/:id/accept', {
    schema: {
      tags: ['members'], summary: 'Accept an invitation: you become a member with its role', params: IdParams,
      response: { 200: Ok(Type.Object({ project_id: Type.String(), role: RoleSchema })), '4xx': ErrorBody },
    },
  }, async (req) => ({ success: true as const, data: await members.acceptInvitation(contextOf(req), req.user!, req.params.id) }));

  app.post('/api/user/invitations/:id/decline', {
    schema: { tags: ['members'], summary: 'Decline an invitation', params: IdParams, response: { 200: Ok(Type.Object({})), '4xx': ErrorBody } },
  }, async (req) => {
    await members.declineInvitation(contextOf(req), req.user!, req.params.id);
    return { success: true as const, data: {} };
  });

  app.get('/api/projects/:id/invitations', {
    schema: { tags: ['members'], summary: "A project's pending invitations", params: IdParams, response: { 200: Ok(Type.Array(Invitation)), '4xx': ErrorBody } },
  }, async (req) => ({ success: true as const, data: (await members.projectInvitations(contextOf(req), req.user!.id, req.params.id)).map(invitationView) }));

  app.delete('/api/projects/:id/invitations/:invitation_id', {
    schema: { tags: ['members'], summary: 'Withdraw a pending invitation', params: ProjectInvitationParams, response: { 200: Ok(Type.Object({})), '4xx': ErrorBody } },
  }, async (req) => {
    await members.withdrawInvitation(contextOf(req), req.user!.id, req.params.id, req.params.invitation_id);
    return { success: true as const, data: {} };
  });
}
