// /auth/login, /auth/logout and /auth/verify (docs/api.md §4.1): starting, ending and checking a session.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { contextOf } from '../http/context.js';
import { clearSessionCookie, requireUser, setSessionCookie } from './guard.js';
import { BEARER, Empty, ERRORS, LoginBody, LoginResult, VerifyResult } from './schemas.js';
import { loginView } from './sessions.js';

export async function sessionRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { auth } = app.vault;
  const limit = auth.limits.hook.bind(auth.limits);

  app.post('/auth/login', {
    onRequest: limit('login'),
    schema: { tags: ['auth'], summary: 'Log in with email and password', body: LoginBody, response: { 200: LoginResult, ...ERRORS } },
  }, async (req, reply) => {
    const issued = await auth.logins.login(req.body.email, req.body.password, contextOf(req));
    setSessionCookie(reply, issued.token);
    return { success: true as const, data: loginView(issued) };
  });

  app.post('/auth/logout', {
    onRequest: requireUser({ allowUnverifiedMfa: true }),
    schema: { tags: ['auth'], summary: 'Revoke this session on every node and clear the cookie', security: BEARER, response: { 200: Empty, ...ERRORS } },
  }, async (req, reply) => {
    await auth.sessions.logout(req.user!, contextOf(req));
    clearSessionCookie(reply);
    return { success: true as const, data: {} };
  });

  app.get('/auth/verify', {
    onRequest: [limit('verify'), requireUser({ allowUnverifiedMfa: true })],
    schema: { tags: ['auth'], summary: 'Check the current token or cookie', security: BEARER, response: { 200: VerifyResult, ...ERRORS } },
  }, async (req) => {
    const u = req.user!;
    const s = await auth.settings.get(u.id);
    return {
      success: true as const,
      data: {
        valid: true as const,
        user: { id: s.id, email: s.email, name: s.name, created_at: s.created_at, mfa_enabled: s.mfa_enabled },
        session: { id: u.sessionId, expires_at: u.sessionExpiresAt.toISOString() },
        mfa_required: u.mfaRequired,
        mfa_enabled: u.mfaEnabled,
        mfa_verified: u.mfaVerified,
      },
    };
  });
}
