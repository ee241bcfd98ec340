// The dashboard-user guard of API.md §2.2, for every JWT route (/auth/*, /api/user/*, and the
// management routes of §4.2). Use it as a route's onRequest hook:
//
//   app.get('/api/projects', { onRequest: requireUser() }, async (req) => { req.user!.id … });
//
// It accepts `Authorization: Bearer <jwt>` (preferred when both are present) or the
// `vault_session` cookie, and then:
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
import { type AuthUser, COOKIE_MAX_AGE_SECONDS } from './sessions.js';

declare module 'fastify' {
  interface FastifyRequest {
    user: AuthUser | null;
  }
}

export const SESSION_COOKIE = 'vault_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface RequireUserOptions {
  /** Let a session through before MFA is verified (the enrol/verify/logout routes only). */
  allowUnverifiedMfa?: boolean;
}

/** Sets the session cookie (HttpOnly, SameSite=Strict, Path=/, Secure per config, 15 min). */
export function setSessionCookie(reply: FastifyReply, token: string) {
  const { config } = reply.server.vault;
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    secure: config.cookieSecure,
    maxAge: COOKIE_MAX_AGE_SECONDS,
  });
}

export function clearSessionCookie(reply: FastifyReply) {
  const { config } = reply.server.vault;
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', path: '/', secure: config.cookieSecure });
}

function bearer(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (typeof h !== 'string') return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  if (!m) throw new VaultError('bad_authorization_header');
  return m[1];
}

export function requireUser(opts: RequireUserOptions = {}) {
  return async function userGuard(req: FastifyRequest, reply: FastifyReply) {
    const { auth } = req.server.vault;
    const fromHeader = bearer(req);
    const fromCookie = fromHeader ? null : req.cookies[SESSION_COOKIE] || null;
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
  };
}
