// The dashboard-user guard of docs/api.md §2.2, for every JWT route (/auth/*, /api/user/*, and the
// management routes of §4.2). Use it as a route's onRequest hook:
//
//   app.get('/api/projects', { onRequest: requireUser() }, async (req) => { req.user!.id … });
//
// It accepts `Authorization: Bearer <jwt>` (preferred when both are present) or the session
// cookie (`__Host-vault_session` where COOKIE_SECURE holds, else `vault_session`), and then:
//   - verifies the JWT (EdDSA only, known kid, signature, expiry against app.vault.now()) and
//     reads the session row, so a logout / password change / reset on any node takes effect on
//     the next request everywhere (401 `invalid_token`);
//   - for cookie-authenticated writes (anything but GET/HEAD/OPTIONS) requires an `Origin` equal
//     to PUBLIC_URL's origin (403 `csrf_failed`); Bearer requests need no Origin;
//   - re-issues the 15-minute sliding cookie on cookie-authenticated requests;
//   - enforces MFA: while the user must use MFA (own MFA enabled, or member of a project with
//     require_mfa) and this session has not verified it, answers 403 `mfa_required` — unless the
//     route passes `{ allowUnverifiedMfa: true }` (only the routes §2.2 lists do).
// On success `req.user` holds the AuthUser (id, email, name, sessionId, via, mfa* flags).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { VaultError } from '../http/errors.js';
import { documentGuard, type GuardDoc } from '../http/openapi.js';
import { type AuthUser, COOKIE_MAX_AGE_SECONDS } from './sessions.js';

declare module 'fastify' {
  interface FastifyRequest {
    user: AuthUser | null;
  }
}

/**
 * The session cookie's name. Where it is Secure, the `__Host-` prefix makes browsers accept it
 * only with Secure, Path=/ and no Domain from a secure origin, so neither a sibling subdomain nor a
 * plain-http page can plant (fixate) or overwrite it. `__Host-` cookies need Secure, hence the
 * plain name on plain-http deployments.
 */
export const sessionCookieName = (secure: boolean) => (secure ? '__Host-vault_session' : 'vault_session');

/** The session cookie of a request, under the one name this vault uses. */
export function sessionCookieOf(req: FastifyRequest): string | null {
  return req.cookies?.[sessionCookieName(req.server.vault.config.cookieSecure)] || null;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface RequireUserOptions {
  /** Let a session through before MFA is verified (the enrol/verify/logout routes only). */
  allowUnverifiedMfa?: boolean;
}

/** Sets the session cookie (HttpOnly, SameSite=Strict, Path=/, Secure per config, 15 min). */
export function setSessionCookie(reply: FastifyReply, token: string) {
  const { config } = reply.server.vault;
  reply.setCookie(sessionCookieName(config.cookieSecure), token, {
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    secure: config.cookieSecure,
    maxAge: COOKIE_MAX_AGE_SECONDS,
  });
}

export function clearSessionCookie(reply: FastifyReply) {
  const { config } = reply.server.vault;
  reply.clearCookie(sessionCookieName(config.cookieSecure), { httpOnly: true, sameSite: 'strict', path: '/', secure: config.cookieSecure });
}

function bearer(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (typeof h !== 'string') return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  if (!m) throw new VaultError('bad_authorization_header');
  return m[1];
}

/** The guard's meaning in /openapi.json. */
const USER_DOC: GuardDoc = {
  security: [{ bearer: [] }, { cookie: [] }],
  errors: [401, 403],
  says: 'A dashboard user: `Authorization: Bearer <jwt>` or the session cookie (writes with the cookie need a matching `Origin`).',
};

export function requireUser(opts: RequireUserOptions = {}) {
  return documentGuard(async function userGuard(req: FastifyRequest, reply: FastifyReply) {
    const { auth } = req.server.vault;
    const fromHeader = bearer(req);
    const fromCookie = fromHeader ? null : sessionCookieOf(req);
    const token = fromHeader ?? fromCookie;
    if (!token) throw new VaultError('authentication_required');
    const via = fromHeader ? 'bearer' : 'cookie';
    if (via === 'cookie' && !SAFE_METHODS.has(req.method) && req.headers.origin !== auth.publicOrigin) {
      throw new VaultError('csrf_failed');
    }
    const user = await auth.sessions.authenticate(token, via);
    req.user = user;
    if (via === 'cookie') setSessionCookie(reply, token);
    if (!opts.allowUnverifiedMfa && user.mfaRequired && !user.mfaVerified) {
      throw new VaultError('mfa_required');
    }
  }, USER_DOC);
}
