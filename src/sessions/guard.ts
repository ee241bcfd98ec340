// The browser's way into /tokenize (API.md §2.4): X-Pub-Key + X-Session-Key, no API key. Taken
// only when X-Session-Key is present, so the API-key hot path pays one header lookup. Both the
// pub key and the client IP have a rate limit, spent before the key is even looked up, so
// guessing keys is as slow as the limits make it.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type pg from 'pg';
import type { RateLimiterPostgres } from 'rate-limiter-flexible';
import { allows } from '../applications/permissions.js';
import { postgresLimiter, spendPoint } from '../auth/ratelimit.js';
import type { RateLimitRule } from '../config.js';
import { VaultError } from '../plugins/errors.js';
import type { SessionUse } from './service.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set when a session key (not an API key) authenticated this /tokenize call. */
    elementsSession: SessionUse | null;
  }
}

export const DEFAULT_SESSION_RATE_LIMITS = {
  elements_pub_key: { points: 600, durationSeconds: 60 },
  elements_ip: { points: 30, durationSeconds: 60 },
} satisfies Record<string, RateLimitRule>;

export class SessionRateLimits {
  private limits: { rule: RateLimitRule; limiter: RateLimiterPostgres }[];

  constructor(pool: pg.Pool, overrides: Partial<Record<string, RateLimitRule>> = {}) {
    this.limits = (['elements_pub_key', 'elements_ip'] as const).map((name) => {
      const rule = overrides[name] ?? DEFAULT_SESSION_RATE_LIMITS[name];
      return { rule, limiter: postgresLimiter(pool, name, rule) };
    });
  }

  async spend(pubKey: string, ip: string, reply: FastifyReply) {
    const [byPubKey, byIp] = this.limits;
    await spendPoint(byPubKey.limiter, byPubKey.rule, pubKey, reply);
    await spendPoint(byIp.limiter, byIp.rule, ip, reply);
  }
}

async function sessionGuard(req: FastifyRequest, reply: FastifyReply) {
  const key = req.headers['x-session-key'];
  if (req.headers['x-api-key'] !== undefined) throw new VaultError('invalid_request', 'Send either X-API-Key or X-Session-Key, not both.');
  const pubKey = req.headers['x-pub-key'];
  if (typeof pubKey !== 'string' || pubKey === '') throw new VaultError('pub_key_required', 'The X-Pub-Key header is required.');
  const { sessions, sessionLimits } = req.server.vault;
  await sessionLimits.spend(pubKey.slice(0, 128), req.ip, reply);
  const use = await sessions.authenticate(typeof key === 'string' ? key : '', pubKey);
  if (!allows(use.principal.permissions, 'tokenization')) {
    throw new VaultError('permission_denied', 'This application does not have the tokenization permission.');
  }
  req.elementsSession = use;
  req.principal = use.principal;
  req.project = use.principal.project;
}

/** `guard` as before, unless the request carries X-Session-Key. */
export function orSessionKey(guard: (req: FastifyRequest, reply: FastifyReply) => Promise<void>) {
  return (req: FastifyRequest, reply: FastifyReply) => (req.headers['x-session-key'] === undefined ? guard(req, reply) : sessionGuard(req, reply));
}
