// /auth/* (API.md §4.1 minus /auth/mfa/*, which live in src/mfa/routes.ts) and /api/user/settings.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { VaultError } from '../http/errors.js';
import { clearSessionCookie, requireUser, setSessionCookie } from './guard.js';
import { ErrorBody } from '../http/schemas.js';
import {
  ChangePasswordBody, EmailBody, Empty, ExpiryInfo, LoginBody, LoginResult, RegisterBody, RegisterResult, ResetExpiredBody,
  ResetPasswordBody, SettingsBody, SettingsResult, TokenQuery, VerifyCodeBody, VerifyCodeResult, VerifyResetResult, VerifyResult,
} from './schemas.js';
import { type Ctx, type Issued, userView } from './service.js';

export const ctxOf = (req: FastifyRequest): Ctx => ({ ip: req.ip, requestId: req.id });

export function loginView(i: Issued) {
  return {
    token: i.token,
    expires_at: i.expiresAt.toISOString(),
    user: userView(i.user),
    mfa_required: i.user.mfa_required,
    mfa_enabled: i.user.mfa_enabled,
    mfa_verified: i.mfaVerified,
  };
}

const ERRORS = { '4xx': ErrorBody, '5xx': ErrorBody };
const bearer = [{ bearer: [] }];

export async function authRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { auth } = app.vault;
  const limit = auth.limits.hook.bind(auth.limits);
  const limitEmail = auth.limits.emailHook.bind(auth.limits);

  app.post('/auth/login', {
    onRequest: limit('login'),
    schema: { tags: ['auth'], summary: 'Log in with email and password', body: LoginBody, response: { 200: LoginResult, ...ERRORS } },
  }, async (req, reply) => {
    const issued = await auth.login(req.body.email, req.body.password, ctxOf(req));
    setSessionCookie(reply, issued.token);
    return { success: true as const, data: loginView(issued) };
  });

  app.post('/auth/logout', {
    onRequest: requireUser({ allowUnverifiedMfa: true }),
    schema: { tags: ['auth'], summary: 'Revoke this session on every node and clear the cookie', security: bearer, response: { 200: Empty, ...ERRORS } },
  }, async (req, reply) => {
    await auth.logout(req.user!, ctxOf(req));
    clearSessionCookie(reply);
    return { success: true as const, data: {} };
  });

  app.get('/auth/verify', {
    onRequest: [limit('verify'), requireUser({ allowUnverifiedMfa: true })],
    schema: { tags: ['auth'], summary: 'Check the current token or cookie', security: bearer, response: { 200: VerifyResult, ...ERRORS } },
  }, async (req) => {
    const u = req.user!;
    const s = await auth.settings(u);
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

  app.post('/auth/change-password', {
    onRequest: [limit('change_password'), requireUser()],
    schema: { tags: ['auth'], summary: 'Change the password (other sessions are revoked)', security: bearer, body: ChangePasswordBody, response: { 200: Empty, ...ERRORS } },
  }, async (req) => {
    await auth.changePassword(req.user!, req.body.current_password, req.body.new_password, ctxOf(req));
    return { success: true as const, data: {} };
  });

  app.post('/auth/forgot-password', {
    onRequest: limit('forgot_password'),
    preHandler: limitEmail('forgot_password_email'),
    schema: { tags: ['auth'], summary: 'Mail a single-use reset link (always 202)', body: EmailBody, response: { 202: Empty, ...ERRORS } },
  }, async (req, reply) => {
    await auth.forgotPassword(req.body.email, ctxOf(req));
    return reply.code(202).send({ success: true as const, data: {} });
  });

  app.get('/auth/verify-reset-token', {
    schema: { tags: ['auth'], summary: 'Check a reset token', querystring: TokenQuery, response: { 200: VerifyResetResult, ...ERRORS } },
  }, async (req) => ({ success: true as const, data: await auth.verifyResetToken(req.query.token) }));

  app.post('/auth/reset-password', {
    schema: { tags: ['auth'], summary: 'Set a new password with a reset token (all sessions revoked)', body: ResetPasswordBody, response: { 200: Empty, ...ERRORS } },
  }, async (req) => {
    await auth.resetPassword(req.body.token, req.body.new_password, ctxOf(req));
    return { success: true as const, data: {} };
  });

  app.post('/auth/reset-expired-password', {
    schema: { tags: ['auth'], summary: 'Replace an expired password and log in', body: ResetExpiredBody, response: { 200: LoginResult, ...ERRORS } },
  }, async (req, reply) => {
    const issued = await auth.resetExpiredPassword(req.body.token, req.body.current_password, req.body.new_password, ctxOf(req));
    setSessionCookie(reply, issued.token);
    return { success: true as const, data: loginView(issued) };
  });

  app.get('/auth/password-expiry-info', {
    onRequest: requireUser({ allowUnverifiedMfa: true }),
    schema: { tags: ['auth'], summary: 'When the password expires', security: bearer, response: { 200: ExpiryInfo, ...ERRORS } },
  }, async (req) => ({ success: true as const, data: await auth.expiryInfo(req.user!) }));

  app.post('/auth/send-verification-code', {
    onRequest: limit('send_verification_code'),
    preHandler: limitEmail('send_verification_code_email'),
    schema: { tags: ['auth'], summary: 'Mail a 6-digit code to verify an email address (10 min, 5 tries)', body: EmailBody, response: { 202: Empty, ...ERRORS } },
  }, async (req, reply) => {
    await auth.sendVerificationCode(req.body.email, ctxOf(req));
    return reply.code(202).send({ success: true as const, data: {} });
  });

  app.post('/auth/verify-email-code', {
    onRequest: limit('verify_email_code'),
    preHandler: limitEmail('verify_email_code_email'),
    schema: { tags: ['auth'], summary: 'Trade an emailed code for a verification token', body: VerifyCodeBody, response: { 200: VerifyCodeResult, ...ERRORS } },
  }, async (req) => ({ success: true as const, data: await auth.verifyEmailCode(req.body.email, req.body.code, ctxOf(req)) }));

  app.post('/auth/register', {
    onRequest: limit('register'),
    schema: { tags: ['auth'], summary: 'Create an account (needs a verification token)', body: RegisterBody, response: { 201: RegisterResult, ...ERRORS } },
  }, async (req, reply) => {
    const issued = await auth.register(req.body, ctxOf(req));
    setSessionCookie(reply, issued.token);
    return reply.code(201).send({ success: true as const, data: { user: userView(issued.user), token: issued.token, expires_at: issued.expiresAt.toISOString() } });
  });

  app.get('/api/user/settings', {
    onRequest: requireUser({ allowUnverifiedMfa: true }),
    schema: { tags: ['user'], summary: 'Your account settings', security: bearer, response: { 200: SettingsResult, ...ERRORS } },
  }, async (req) => ({ success: true as const, data: await auth.settings(req.user!) }));

  app.put('/api/user/settings', {
    onRequest: requireUser({ allowUnverifiedMfa: true }),
    schema: {
      tags: ['user'],
      summary: 'Change your name; enable MFA (with current_password) to get a TOTP URI and 10 backup codes',
      security: bearer,
      body: SettingsBody,
      response: { 200: SettingsResult, ...ERRORS },
    },
  }, async (req) => {
    const u = req.user!;
    const ctx = ctxOf(req);
    const { name, mfa_enabled, current_password } = req.body;
    let enrolment: { totp_uri: string; backup_codes: string[] } | null = null;
    if (mfa_enabled !== undefined && mfa_enabled !== u.mfaEnabled) {
      if (mfa_enabled) {
        if (!current_password) throw new VaultError('mfa_enable_needs_password');
        enrolment = await auth.startMfaEnrolment(u, current_password, ctx);
      } else if (u.mfaEnabled) {
        throw new VaultError('mfa_disable_elsewhere');
      }
    } else if (mfa_enabled === false && u.mfaPending) {
      await auth.cancelMfaEnrolment(u, ctx);
    }
    if (name !== undefined) await auth.updateName(u, name, ctx);
    const s = await auth.settings(u);
    return { success: true as const, data: enrolment ? { ...s, ...enrolment } : s };
  });
}
