// The browser's way into /tokenize (docs/api.md §2.4): X-Pub-Key + X-Session-Key, no API key. Taken
// only when X-Session-Key is present, so the API-key hot path pays one header lookup. The client
// IP's limit is spent before the key is even looked up, so guessing keys is as slow as it makes
// it; the pub key's limit only once the key proved valid, so strangers holding the (public) pub
// key cannot use up a merchant's budget with made-up session keys.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type pg from 'pg';
import { allows } from '../applications/permissions.js';
import { DEFAULT_SESSION_RATE_LIMITS, type RateLimitRule } from '../config.js';
import { RateLimits } from '../http/ratelimit.js';
import { contextOf } from '../http/context.js';
import { VaultError } from '../http/errors.js';
import { documentGuard, guardDocOf } from '../http/openapi.js';
import type { SessionUse } from './service.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set when a session key (not an API key) authenticated this /tokenize call. */
    elementsSession: SessionUse | null;
  }
}

export class SessionRateLimits {
  private limits: RateLimits<keyof typeof DEFAULT_SESSION_RATE_LIMITS>;

  constructor(pool: pg.Pool, overrides: Partial<Record<string, RateLimitRule>> = {}) {
    this.limits = new RateLimits(pool, DEFAULT_SESSION_RATE_LIMITS, overrides);
  }

  byIp(ip: string, reply: FastifyReply) {
    return this.limits.spend('elements_ip', ip, reply);
  }

  byPubKey(pubKey: string, reply: FastifyReply) {
    return this.limits.spend('elements_pub_key', pubKey, reply);
  }
}

async function sessionGuard(req: FastifyRequest, reply: FastifyReply) {
  const key = req.headers['x-session-key'];
  if (req.headers['x-api-key'] !== undefined) throw new VaultError('api_key_and_session_key');
  const pubKey = req.headers['x-pub-key'];
  if (typeof pubKey !== 'string' || pubKey === '') throw new VaultError('pub_key_required');
  const { sessions, sessionLimits } = req.server.vault;
  await sessionLimits.byIp(req.ip, reply);
  const use = await sessions.authenticate(contextOf(req), typeof key === 'string' ? key : '', pubKey);
  await sessionLimits.byPubKey(use.principal.pubKey, reply);
  if (!allows(use.principal.permissions, 'tokenization')) {
    throw new VaultError('permission_denied');
  }
  req.elementsSession = use;
  req.principal = use.principal;
  req.project = use.principal.project;
}

/** `guard` as before, unless the request carries X-Session-Key. */
export function orSessionKey(guard: (req: FastifyRequest, reply: FastifyReply) => Promise<void>) {
  const inner = guardDocOf(guard);
  return documentGuard((req: FastifyRequest, reply: FastifyReply) => (req.headers['x-session-key'] === undefined ? guard(req, reply) : sessionGuard(req, reply)), {
    security: [...(inner?.security ?? []), { pubKey: [], sessionKey: [] }],
    errors: [...(inner?.errors ?? []), 429],
    says: `${inner?.says ?? ''} Or, from a browser, a session key (\`X-Session-Key\`) with the pub key; those calls are rate-limited per client IP and per pub key.`.trim(),
  });
}
