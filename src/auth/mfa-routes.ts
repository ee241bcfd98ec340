// /auth/mfa/* and /mfa-status (docs/api.md §4.1): the MFA service (src/mfa) checks the codes, auth's
// sessions record the verification. Enrolment starts in PUT /api/user/settings.
// POST /auth/mfa/verify also takes the form of GET /auth/mfa/verify-page
// (application/x-www-form-urlencoded, cookie-authenticated, Origin-checked): it then answers with
// a 303 redirect instead of JSON, so the page works with no script at all.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { contextOf } from '../http/context.js';
import { VaultError } from '../http/errors.js';
import { requireUser, setSessionCookie } from './guard.js';
import { BEARER, CodeBody, Empty, ERRORS, MfaBackupResult, MfaStatus, MfaVerifyResult } from './schemas.js';

const FORM = 'application/x-www-form-urlencoded';

const MESSAGES: Record<string, string> = {
  invalid_code: 'That code is not valid (or was already used). Try the next one.',
  account_locked: 'Too many failed attempts: the account is locked for a while.',
  invalid_request: 'MFA is not set up for this account.',
};

function verifyPage(error: string | undefined): string {
  const message = error && MESSAGES[error] ? `<p class="error" role="alert">${MESSAGES[error]}</p>` : '';
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Verify your sign-in</title></head>
<body>
<main>
<h1>Two-factor verification</h1>
<p>Enter the 6-digit code from your authenticator app.</p>
${message}
<form method="post" action="/auth/mfa/verify">
<label for="code">Code</label>
<input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required autofocus>
<button type="submit">Verify</button>
</form>
</main>
</body>
</html>
`;
}

export async function mfaRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { mfa } = app.vault.auth;
  const anyMfa = requireUser({ allowUnverifiedMfa: true });

  // Only in this plugin's scope: the verify page's form posts.
  app.addContentTypeParser(FORM, { parseAs: 'string', bodyLimit: 4096 }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  app.post('/auth/mfa/verify', {
    onRequest: anyMfa,
    schema: { tags: ['mfa'], summary: 'Verify a TOTP code (the first success confirms enrolment)', security: BEARER, body: CodeBody, response: { 200: MfaVerifyResult, ...ERRORS } },
    // The form of the verify page gets redirects, JSON clients get JSON errors.
    errorHandler: (err, req, reply) => {
      if ((req.headers['content-type'] ?? '').startsWith(FORM)) {
        const code = err instanceof VaultError ? err.code : 'invalid_code';
        void reply.code(303).header('location', `/auth/mfa/verify-page?error=${code}`).send(null as never);
        return;
      }
      throw err;
    },
  }, async (req, reply) => {
    const issued = await mfa.verifyTotp(req.user!, req.body.code, contextOf(req));
    setSessionCookie(reply, issued.token);
    if ((req.headers['content-type'] ?? '').startsWith(FORM)) return reply.code(303).header('location', '/').send(null as never);
    return { success: true as const, data: { token: issued.token, expires_at: issued.expiresAt.toISOString(), mfa_verified: true as const } };
  });

  app.post('/auth/mfa/verify-backup', {
    onRequest: anyMfa,
    schema: { tags: ['mfa'], summary: 'Verify with a single-use backup code', security: BEARER, body: CodeBody, response: { 200: MfaBackupResult, ...ERRORS } },
  }, async (req, reply) => {
    const issued = await mfa.verifyBackup(req.user!, req.body.code, contextOf(req));
    setSessionCookie(reply, issued.token);
    return {
      success: true as const,
      data: { token: issued.token, expires_at: issued.expiresAt.toISOString(), mfa_verified: true as const, backup_codes_remaining: issued.remaining },
    };
  });

  app.post('/auth/mfa/disable', {
    onRequest: anyMfa,
    schema: { tags: ['mfa'], summary: 'Turn MFA off (needs a TOTP or backup code)', security: BEARER, body: CodeBody, response: { 200: Empty, ...ERRORS } },
  }, async (req) => {
    await mfa.disable(req.user!, req.body.code, contextOf(req));
    return { success: true as const, data: {} };
  });

  for (const url of ['/auth/mfa/status', '/mfa-status']) {
    app.get(url, {
      onRequest: anyMfa,
      schema: { tags: ['mfa'], summary: 'MFA state of this user and session', security: BEARER, response: { 200: MfaStatus, ...ERRORS } },
    }, async (req) => ({ success: true as const, data: await mfa.status(req.user!) }));
  }

  app.get('/auth/mfa/verify-page', {
    schema: {
      tags: ['mfa'],
      summary: 'Server-rendered form that completes /auth/mfa/verify with the session cookie',
      querystring: Type.Object({ error: Type.Optional(Type.String({ maxLength: 32 })) }),
      produces: ['text/html'],
    },
  }, async (req, reply) => {
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
    return verifyPage(req.query.error);
  });
}
