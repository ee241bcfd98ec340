// Registration routes of docs/api.md §4.1: mail a code, trade it for a verification token, register.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { contextOf } from '../http/context.js';
import { setSessionCookie } from './guard.js';
import { EmailBody, Empty, ERRORS, RegisterBody, RegisterResult, VerifyCodeBody, VerifyCodeResult } from './schemas.js';
import { userView } from './users.js';

export async function registrationRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { auth } = app.vault;
  const { registration } = auth;
  const limit = auth.limits.hook.bind(auth.limits);
  const limitEmail = auth.limits.emailHook.bind(auth.limits);

  app.post('/auth/send-verification-code', {
    onRequest: limit('send_verification_code'),
    preHandler: limitEmail('send_verification_code_email'),
    schema: { tags: ['auth'], summary: 'Mail a 6-digit code to verify an email address (10 min, 5 tries)', body: EmailBody, response: { 202: Empty, ...ERRORS } },
  }, async (req, reply) => {
    await registration.sendVerificationCode(req.body.email, contextOf(req));
    return reply.code(202).send({ success: true as const, data: {} });
  });

  app.post('/auth/verify-email-code', {
    onRequest: limit('verify_email_code'),
    preHandler: limitEmail('verify_email_code_email'),
    schema: { tags: ['auth'], summary: 'Trade an emailed code for a verification token', body: VerifyCodeBody, response: { 200: VerifyCodeResult, ...ERRORS } },
  }, async (req) => ({ success: true as const, data: await registration.verifyEmailCode(req.body.email, req.body.code, contextOf(req)) }));

  app.post('/auth/register', {
    onRequest: limit('register'),
    schema: { tags: ['auth'], summary: 'Create an account (needs a verification token)', body: RegisterBody, response: { 201: RegisterResult, ...ERRORS } },
  }, async (req, reply) => {
    const issued = await registration.register(req.body, contextOf(req));
    setSessionCookie(reply, issued.token);
    return reply.code(201).send({ success: true as const, data: { user: userView(issued.user), token: issued.token, expires_at: issued.expiresAt.toISOString() } });
  });
}
