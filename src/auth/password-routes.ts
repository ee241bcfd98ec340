// Password routes of docs/api.md §4.1: change, forgot (mailed link), reset, expired reset, expiry info.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { contextOf } from '../http/context.js';
import { requireUser, setSessionCookie } from './guard.js';
import {
  BEARER, ChangePasswordBody, EmailBody, Empty, ERRORS, ExpiryInfo, LoginResult, ResetExpiredBody, ResetPasswordBody, TokenQuery,
  VerifyResetResult,
} from './schemas.js';
import { loginView } from './sessions.js';

export async function passwordRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { auth } = app.vault;
  const { passwords } = auth;
  const limit = auth.limits.hook.bind(auth.limits);
  const limitEmail = auth.limits.emailHook.bind(auth.limits);

  app.post('/auth/change-password', {
    onRequest: [limit('change_password'), requireUser()],
    schema: { tags: ['auth'], summary: 'Change the password (other sessions are revoked)', security: BEARER, body: ChangePasswordBody, response: { 200: Empty, ...ERRORS } },
  }, async (req) => {
    await passwords.change(req.user!, req.body.current_password, req.body.new_password, contextOf(req));
    return { success: true as const, data: {} };
  });

  app.post('/auth/forgot-password', {
    onRequest: limit('forgot_password'),
    preHandler: limitEmail('forgot_password_email'),
    schema: { tags: ['auth'], summary: 'Mail a single-use reset link (always 202)', body: EmailBody, response: { 202: Empty, ...ERRORS } },
  }, async (req, reply) => {
    await passwords.forgot(req.body.email, contextOf(req));
    return reply.code(202).send({ success: true as const, data: {} });
  });

  app.get('/auth/verify-reset-token', {
    schema: { tags: ['auth'], summary: 'Check a reset token', querystring: TokenQuery, response: { 200: VerifyResetResult, ...ERRORS } },
  }, async (req) => ({ success: true as const, data: await passwords.verifyResetToken(req.query.token) }));

  app.post('/auth/reset-password', {
    schema: { tags: ['auth'], summary: 'Set a new password with a reset token (all sessions revoked)', body: ResetPasswordBody, response: { 200: Empty, ...ERRORS } },
  }, async (req) => {
    await passwords.reset(req.body.token, req.body.new_password, contextOf(req));
    return { success: true as const, data: {} };
  });

  app.post('/auth/reset-expired-password', {
    schema: { tags: ['auth'], summary: 'Replace an expired password and log in', body: ResetExpiredBody, response: { 200: LoginResult, ...ERRORS } },
  }, async (req, reply) => {
    const issued = await passwords.resetExpired(req.body.token, req.body.current_password, req.body.new_password, contextOf(req));
    setSessionCookie(reply, issued.token);
    return { success: true as const, data: loginView(issued) };
  });

  app.get('/auth/password-expiry-info', {
    onRequest: requireUser({ allowUnverifiedMfa: true }),
    schema: { tags: ['auth'], summary: 'When the password expires', security: BEARER, response: { 200: ExpiryInfo, ...ERRORS } },
  }, async (req) => ({ success: true as const, data: await passwords.expiryInfo(req.user!) }));
}
