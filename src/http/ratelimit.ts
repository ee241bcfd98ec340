// Rate limits (docs/api.md §4.1), for any feature: stored in PostgreSQL (rate-limiter-flexible's
// RateLimiterPostgres on the vault's pool) so every node spends one shared budget. The table is
// created by migration 0002 (tableCreated: true), never by the library at run time.
// The `*_email` limits count per target address instead (hashed), whatever IPs the requests come
// from: they stop mail-bombing one address and distributed guessing of its codes. `invite_inviter`
// counts per signed-in user, so a flood of invitation mail costs accounts, not IPs.
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type pg from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { DEFAULT_RATE_LIMITS, type RateLimitRule } from '../config.js';
import { VaultError } from './errors.js';
import { documentGuard } from './openapi.js';

/** The dashboard's (auth's) named limits; other features name their own (RateLimits<Name>). */
export type RateLimitName = keyof typeof DEFAULT_RATE_LIMITS;

const RATE_LIMIT_TABLE = 'auth_rate_limits';

/** Spends one point of `key`, sets the RateLimit-* headers, and throws 429 `rate_limited` when over. */
export async function spendPoint(limiter: RateLimiterPostgres, rule: RateLimitRule, key: string, reply: FastifyReply) {
  let res: RateLimiterRes;
  let over = false;
  try {
    res = await limiter.consume(key, 1);
  } catch (e) {
    if (!(e instanceof RateLimiterRes)) throw e;
    res = e;
    over = true;
  }
  const reset = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  reply.header('ratelimit-limit', String(rule.points));
  reply.header('ratelimit-remaining', String(Math.max(0, res.remainingPoints)));
  reply.header('ratelimit-reset', String(reset));
  reply.header('ratelimit-policy', `${rule.points};w=${rule.durationSeconds}`);
  if (over) throw new VaultError('rate_limited', { retryAfterSeconds: reset });
}

/** A limiter on the shared table (created by migration 0002, never by the library). */
export function postgresLimiter(pool: pg.Pool, keyPrefix: string, rule: RateLimitRule) {
  return new RateLimiterPostgres({
    storeClient: pool,
    storeType: 'pool',
    tableName: RATE_LIMIT_TABLE,
    tableCreated: true,
    clearExpiredByTimeout: false,
    keyPrefix,
    points: rule.points,
    duration: rule.durationSeconds,
  });
}

/**
 * A feature's named limits on the shared table, each a route hook. `defaults` names every limit;
 * `overrides` (the config's) replace a rule; `keyPrefix` keeps two features' budgets apart.
 */
export class RateLimits<Name extends string> {
  private limiters = new Map<Name, { rule: RateLimitRule; limiter: RateLimiterPostgres }>();

  constructor(pool: pg.Pool, defaults: Record<Name, RateLimitRule>, overrides: Partial<Record<string, RateLimitRule>> = {}, keyPrefix = '') {
    for (const name of Object.keys(defaults) as Name[]) {
      const rule = overrides[name] ?? defaults[name];
      this.limiters.set(name, { rule, limiter: postgresLimiter(pool, `${keyPrefix}${name}`, rule) });
    }
  }

  /** Spends one point of `name` for `key` outside a hook (e.g. a guard that learns the key late). */
  spend(name: Name, key: string, reply: FastifyReply) {
    const { rule, limiter } = this.limiters.get(name)!;
    return spendPoint(limiter, rule, key, reply);
  }

  /** A route's onRequest hook: spends one point for the client IP, sets RateLimit-* headers, 429 when over. */
  hook(name: Name) {
    return this.limitBy(name, 'client IP', (req) => req.ip);
  }

  /** A preHandler (the body is parsed by then): spends one point for the body's `email`. */
  emailHook(name: Name) {
    return this.limitBy(name, 'target address', (req) => {
      // The route's schema made `email` a string before any preHandler runs.
      const email = (req.body as { email: string }).email.trim().toLowerCase();
      return createHash('sha256').update(email).digest('base64url');
    });
  }

  /** After `requireUser` (a preHandler or a later onRequest hook): spends one point for the signed-in user. */
  userHook(name: Name) {
    return this.limitBy(name, 'signed-in user', (req) => {
      if (!req.user) throw new VaultError('authentication_required');
      return req.user.id;
    });
  }

  private limitBy(name: Name, per: string, keyOf: (req: FastifyRequest) => string) {
    const { points, durationSeconds } = this.limiters.get(name)!.rule;
    return documentGuard(async (req: FastifyRequest, reply: FastifyReply) => {
      await this.spend(name, keyOf(req), reply);
    }, { errors: [429], rateLimit: true, says: `Rate-limited per ${per}: ${points} per ${durationSeconds} s (\`${name}\`).` });
  }
}
