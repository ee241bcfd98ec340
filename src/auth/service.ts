// Dashboard accounts (docs/api.md §2.2, §4.1), built once per vault as `vault.auth`: one object per
// flow, sharing the signing keys, the lockout and the sessions. Every state change writes its
// audit entry in the same transaction; no audit entry, log line or error message ever holds a
// password, code, token or JWT.
import type { FastifyBaseLogger } from 'fastify';
import { DEFAULT_RATE_LIMITS, type VaultConfig } from '../config.js';
import type { Database } from '../db/database.js';
import { type RateLimitName, RateLimits } from '../http/ratelimit.js';
import type { Mailer } from '../mail/mailer.js';
import { MfaService } from '../mfa/service.js';
import { SigningKeys } from './jwt-keys.js';
import { Lockout } from './lockout.js';
import { Logins } from './login.js';
import { MfaFlows } from './mfa-flows.js';
import { PasswordFlows } from './password-flows.js';
import { DAY_MS, dummyHash } from './passwords.js';
import { Registration } from './registration.js';
import { Sessions } from './sessions.js';
import { UserSettings } from './users.js';

export class AuthService {
  readonly keys: SigningKeys;
  readonly limits: RateLimits<RateLimitName>;
  readonly sessions: Sessions;
  readonly logins: Logins;
  readonly passwords: PasswordFlows;
  readonly registration: Registration;
  readonly settings: UserSettings;
  readonly mfa: MfaFlows;
  /** PUBLIC_URL's origin: cookie-authenticated writes must come from it (CSRF). */
  readonly publicOrigin: string;

  constructor(
    private database: Database,
    config: VaultConfig,
    mailer: Mailer,
    log: FastifyBaseLogger,
    private now: () => Date,
  ) {
    const { db, pool } = database;
    this.keys = new SigningKeys(db, config.keyring);
    // rate-limiter-flexible's Postgres store speaks to a pg pool.
    this.limits = new RateLimits(pool, DEFAULT_RATE_LIMITS, config.rateLimits, 'auth_');
    const lockout = new Lockout(db, now);
    this.sessions = new Sessions(db, this.keys, now);
    this.logins = new Logins(db, lockout, this.sessions, config.passwordMaxAgeDays, now);
    this.passwords = new PasswordFlows(db, lockout, this.sessions, mailer, log, config, now);
    this.registration = new Registration(db, this.sessions, config.keyring, mailer, log, now);
    this.settings = new UserSettings(db, config.passwordMaxAgeDays, now);
    this.mfa = new MfaFlows(db, new MfaService(db, config.keyring, now), lockout, this.sessions);
    this.publicOrigin = new URL(config.publicUrl).origin;
    void dummyHash();
  }

  /** Deletes expired rate-limit counters, codes, tokens and unknown-email counters (the app's sweeper). */
  async sweep() {
    const { db } = this.database;
    const now = this.now();
    const dayAgo = new Date(now.getTime() - DAY_MS);
    // The limiter counts in real time, not the vault clock.
    await db.deleteFrom('auth_rate_limits').where('expire', 'is not', null).where('expire', '<', Date.now()).execute();
    await db.deleteFrom('auth_email_codes').where('expires_at', '<', now).execute();
    await db.deleteFrom('auth_tokens').where('expires_at', '<', dayAgo).execute();
    await db
      .deleteFrom('auth_unknown_failures')
      .where('updated_at', '<', dayAgo)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
      .execute();
  }
}
