// Accounts, sessions, passwords, email codes and MFA (API.md §2.2, §4.1). Hand-written SQL on the
// vault's pool. Every state change writes its audit entry in the same transaction; no audit entry,
// log line or error message ever holds a password, code, token or JWT.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type pg from 'pg';
import type { VaultConfig } from '../config.js';
import { newId, randomDigits, randomString } from '../lib/random.js';
import type { Mailer } from '../mail/mailer.js';
import { hashBackupCode, newBackupCodes } from '../mfa/backup-codes.js';
import { matchStep, newTotpSecret, openSecret, sealSecret, totpUri } from '../mfa/totp.js';
import { VaultError } from '../http/errors.js';
import { AuthRateLimits } from './ratelimit.js';
import { checkPasswordPolicy, dummyHash, hashPassword, verifyPassword } from './passwords.js';
import { SigningKeys } from './jwt-keys.js';

export const ACCESS_TOKEN_TTL_MS = 24 * 3600_000;
export const COOKIE_TTL_MS = 15 * 60_000;
/** The cookie window is pushed forward at most once a minute per session. */
const COOKIE_SLIDE_AFTER_MS = 60_000;
export const LOCKOUT_THRESHOLD = 10;
export const LOCKOUT_MS = 15 * 60_000;
const RESET_TOKEN_TTL_MS = 3600_000;
const EXPIRED_TOKEN_TTL_MS = 15 * 60_000;
const EMAIL_CODE_TTL_MS = 10 * 60_000;
const EMAIL_CODE_TRIES = 5;
const VERIFICATION_TOKEN_TTL_MS = 30 * 60_000;
const DAY_MS = 86_400_000;

/** Who is asking: for audit entries. */
export interface Ctx {
  ip: string;
  requestId: string;
}

/** The authenticated dashboard user, as `requireUser` puts it on `req.user`. */
export interface AuthUser {
  id: string;
  email: string;
  name: string;
  sessionId: string;
  sessionExpiresAt: Date;
  /** How the request authenticated; cookie writes are CSRF-checked, cookie use slides the window. */
  via: 'bearer' | 'cookie';
  /** The JWT the request carried (re-set in the cookie on activity). */
  token: string;
  mfaRequired: boolean;
  mfaEnabled: boolean;
  mfaPending: boolean;
  mfaVerified: boolean;
}

interface UserRow {
  id: string;
  email: string;
  name: string;
  password_hash: string | null;
  created_at: Date;
  password_changed_at: Date;
  failed_logins: number;
  locked_until: Date | null;
  mfa_enabled: boolean;
  mfa_pending: boolean;
  mfa_secret: Buffer | null;
  mfa_key_id: string | null;
  mfa_last_step: number | null;
  mfa_required: boolean;
}

/** A session joined with what `authenticate` needs of its user. */
interface SessionRow {
  id: string;
  user_id: string;
  expires_at: Date;
  cookie_expires_at: Date;
  mfa_verified: boolean;
  revoked_at: Date | null;
  email: string;
  name: string;
  mfa_enabled: boolean;
  mfa_pending: boolean;
  mfa_required: boolean;
}

export interface Issued {
  token: string;
  expiresAt: Date;
  sessionId: string;
  user: UserRow;
  mfaVerified: boolean;
}

const MFA_REQUIRED_SQL = `(u.mfa_enabled OR EXISTS (
  SELECT 1 FROM project_members pm JOIN projects p ON p.id = pm.project_id
  WHERE pm.user_id = u.id AND p.require_mfa AND p.deleted_at IS NULL))`;
const USER_SQL = `SELECT u.*, ${MFA_REQUIRED_SQL} AS mfa_required FROM users u`;

const sha256 = (s: string) => createHash('sha256').update(s).digest();
const LOCKED = (until: Date, _now: Date) =>
  new VaultError('account_locked', {
    extra: { locked_until: until.toISOString() },
  });

export function userView(u: Pick<UserRow, 'id' | 'email' | 'name' | 'created_at' | 'mfa_enabled'>) {
  return { id: u.id, email: u.email, name: u.name, created_at: u.created_at.toISOString(), mfa_enabled: u.mfa_enabled };
}

/** `a***@example.com`: enough for a person to recognise, not enough to harvest. */
export function emailHint(email: string): string {
  const [local, domain] = email.split('@');
  return `${local.slice(0, 1)}***@${domain ?? ''}`;
}

export class AuthService {
  readonly keys: SigningKeys;
  readonly limits: AuthRateLimits;
  private origin: string;

  constructor(
    private pool: pg.Pool,
    private config: VaultConfig,
    private mailer: Mailer,
    private log: FastifyBaseLogger,
    readonly now: () => Date,
  ) {
    this.keys = new SigningKeys(pool, config.keyring);
    this.limits = new AuthRateLimits(pool, config.rateLimits);
    this.origin = new URL(config.publicUrl).origin;
    void dummyHash();
  }

  get publicOrigin() {
    return this.origin;
  }

  // ---------------------------------------------------------------- plumbing

  private async tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      const out = await fn(c);
      await c.query('COMMIT');
      return out;
    } catch (e) {
      await c.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      c.release();
    }
  }

  private async audit(
    c: pg.PoolClient | pg.Pool,
    ctx: Ctx,
    action: string,
    userId: string | null,
    details: Record<string, unknown> = {},
    outcome: 'success' | 'failure' = 'success',
  ) {
    await c.query(
      `INSERT INTO audit_log (created_at, event_type, action, outcome, resource_type, resource_id, user_id, ip_address, request_id, details)
       VALUES ($1, 'auth', $2, $3, 'user', $4, $4, $5, $6, $7)`,
      [this.now(), action, outcome, userId, ctx.ip, ctx.requestId, JSON.stringify(details)],
    );
  }

  private async userByEmail(email: string): Promise<UserRow | null> {
    const { rows } = await this.pool.query<UserRow>(`${USER_SQL} WHERE lower(u.email) = lower($1)`, [email]);
    return rows[0] ?? null;
  }

  private async userById(id: string, c: pg.PoolClient | pg.Pool = this.pool, lock = false): Promise<UserRow> {
    const { rows } = await c.query<UserRow>(`${USER_SQL} WHERE u.id = $1${lock ? ' FOR UPDATE OF u' : ''}`, [id]);
    if (!rows[0]) throw new VaultError('invalid_token');
    return rows[0];
  }

  private codeHash(email: string, code: string, key = this.config.keyring.macKey(this.config.keyring.activeId)): Buffer {
    // Six digits are too few for a plain hash: key it with the active master key.
    return createHmac('sha256', key).update(`email-code:${email.toLowerCase()}:${code}`).digest();
  }

  /** Checked under every master key, so a code sent just before a key rotation still works. */
  private codeMatches(email: string, code: string, stored: Buffer): boolean {
    let ok = false;
    for (const id of this.config.keyring.ids()) ok = timingSafeEqual(this.codeHash(email, code, this.config.keyring.macKey(id)), stored) || ok;
    return ok;
  }

  private async newSingleUseToken(c: pg.PoolClient, purpose: 'reset' | 'expired' | 'email', userId: string | null, email: string, ttlMs: number) {
    const token = randomString(43);
    const now = this.now();
    await c.query(
      'INSERT INTO auth_tokens (token_hash, purpose, user_id, email, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)',
      [sha256(token), purpose, userId, email, now, new Date(now.getTime() + ttlMs)],
    );
    return token;
  }

  /** Marks a single-use token spent; null when unknown, spent, expired or of another purpose. */
  private async spendToken(c: pg.PoolClient, token: string, purpose: 'reset' | 'expired' | 'email') {
    const now = this.now();
    const { rows } = await c.query(
      `UPDATE auth_tokens SET used_at = $3 WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3
       RETURNING user_id, email`,
      [sha256(token), purpose, now],
    );
    return (rows[0] as { user_id: string | null; email: string } | undefined) ?? null;
  }

  private async peekToken(token: string, purpose: 'reset' | 'expired' | 'email') {
    const { rows } = await this.pool.query(
      'SELECT user_id, email FROM auth_tokens WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3',
      [sha256(token), purpose, this.now()],
    );
    return (rows[0] as { user_id: string | null; email: string } | undefined) ?? null;
  }

  private passwordExpiresAt(u: Pick<UserRow, 'password_changed_at'>): Date | null {
    const days = this.config.passwordMaxAgeDays;
    return days > 0 ? new Date(u.password_changed_at.getTime() + days * DAY_MS) : null;
  }

  /**
   * A failed password or MFA code: counts toward the lockout (10 → locked 15 min) and is audited,
   * in one transaction. Throws the answer (invalid_credentials / invalid_code / account_locked).
   */
  private async fail(who: UserRow | { unknownEmail: string }, ctx: Ctx, action: string, reason: string, answer: () => VaultError, extra: Record<string, unknown> = {}): Promise<never> {
    const now = this.now();
    const user = 'unknownEmail' in who ? null : who;
    // An email with no account has its own counter (0004_unknown_email_lockout) and locks the same way.
    const counter = 'unknownEmail' in who
      ? { key: who.unknownEmail, params: [who.unknownEmail, now],
          count: `INSERT INTO auth_unknown_failures AS f (email, failures, updated_at) VALUES (lower($1), 1, $2)
                  ON CONFLICT (email) DO UPDATE SET failures = f.failures + 1, updated_at = $2 RETURNING failures`,
          lock: 'UPDATE auth_unknown_failures SET failures = 0, locked_until = $2 WHERE email = lower($1)' }
      : { key: who.id, params: [who.id],
          count: 'UPDATE users SET failed_logins = failed_logins + 1 WHERE id = $1 RETURNING failed_logins AS failures',
          lock: 'UPDATE users SET failed_logins = 0, locked_until = $2 WHERE id = $1' };
    const locked = await this.tx(async (c) => {
      let lockedUntil: Date | null = null;
      const { rows } = await c.query<{ failures: number }>(counter.count, counter.params);
      if (rows[0] && rows[0].failures >= LOCKOUT_THRESHOLD) {
        lockedUntil = new Date(now.getTime() + LOCKOUT_MS);
        await c.query(counter.lock, [counter.key, lockedUntil]);
      }
      await this.audit(c, ctx, action, user?.id ?? null, { reason, ...extra }, 'failure');
      if (lockedUntil) {
        await this.audit(c, ctx, 'account_locked', user?.id ?? null, { until: lockedUntil.toISOString(), failures: LOCKOUT_THRESHOLD, ...(user ? {} : extra) });
      }
      return lockedUntil;
    });
    if (locked) throw LOCKED(locked, now);
    throw answer();
  }

  private assertNotLocked(user: UserRow) {
    const now = this.now();
    if (user.locked_until && user.locked_until > now) throw LOCKED(user.locked_until, now);
  }

  /** The same answer for an email with no account, so the lockout does not reveal which exist. */
  private async assertUnknownNotLocked(email: string) {
    const now = this.now();
    const { rows } = await this.pool.query<{ locked_until: Date }>('SELECT locked_until FROM auth_unknown_failures WHERE email = lower($1) AND locked_until > $2', [email, now]);
    if (rows[0]) throw LOCKED(rows[0].locked_until, now);
  }

  private async createSession(c: pg.PoolClient, user: UserRow, ctx: Ctx): Promise<Issued> {
    const now = this.now();
    const id = newId('ses');
    const expiresAt = new Date(now.getTime() + ACCESS_TOKEN_TTL_MS);
    await c.query(
      `INSERT INTO auth_sessions (id, user_id, created_at, expires_at, cookie_expires_at, ip_address) VALUES ($1, $2, $3, $4, $5, $6)`,
      [id, user.id, now, expiresAt, new Date(now.getTime() + COOKIE_TTL_MS), ctx.ip],
    );
    const token = await this.sign(user, id, false, now, expiresAt);
    return { token, expiresAt, sessionId: id, user, mfaVerified: false };
  }

  private sign(user: UserRow, sid: string, mfaVerified: boolean, iat: Date, exp: Date) {
    return this.keys.sign(
      { sub: user.id, email: user.email, sid, mfa_required: user.mfa_required, mfa_enabled: user.mfa_enabled, mfa_verified: mfaVerified },
      iat,
      exp,
    );
  }

  private async revokeSessions(c: pg.PoolClient, userId: string, except: string | null) {
    await c.query('UPDATE auth_sessions SET revoked_at = $3 WHERE user_id = $1 AND revoked_at IS NULL AND id IS DISTINCT FROM $2', [
      userId,
      except,
      this.now(),
    ]);
  }

  /** Sends mail without letting the caller wait or learn about failures (forgot-password timing). */
  private sendInBackground(kind: string, mail: Parameters<Mailer['send']>[0]) {
    this.mailer.send(mail).catch((err: Error) => this.log.warn({ kind, err: { message: err.message } }, 'mail delivery failed'));
  }

  // ---------------------------------------------------------------- sessions and JWTs

  /**
   * The one authentication check: JWT signature/kid/alg/expiry, then the session row (revoked or
   * expired → 401 on every node, since every request reads it). Cookie use must fall inside the
   * sliding 15-minute window, which it pushes forward.
   */
  async authenticate(token: string, via: 'bearer' | 'cookie'): Promise<AuthUser> {
    const now = this.now();
    const claims = await this.keys.verify(token, now);
    const { rows } = await this.pool.query<SessionRow>(
      `SELECT s.id, s.user_id, s.expires_at, s.cookie_expires_at, s.mfa_verified, s.revoked_at,
              u.email, u.name, u.mfa_enabled, u.mfa_pending, ${MFA_REQUIRED_SQL} AS mfa_required
       FROM auth_sessions s JOIN users u ON u.id = s.user_id WHERE s.id = $1`,
      [claims.sid],
    );
    const s = rows[0];
    const dead = !s || s.user_id !== claims.sub || s.revoked_at !== null || s.expires_at <= now || (via === 'cookie' && s.cookie_expires_at <= now);
    if (dead) throw new VaultError('invalid_token');
    if (via === 'cookie' && s.cookie_expires_at.getTime() - now.getTime() < COOKIE_TTL_MS - COOKIE_SLIDE_AFTER_MS) {
      await this.pool.query('UPDATE auth_sessions SET cookie_expires_at = $2 WHERE id = $1 AND revoked_at IS NULL', [
        s.id,
        new Date(now.getTime() + COOKIE_TTL_MS),
      ]);
    }
    return {
      id: s.user_id,
      email: s.email,
      name: s.name,
      sessionId: s.id,
      sessionExpiresAt: s.expires_at,
      via,
      token,
      mfaRequired: s.mfa_required,
      mfaEnabled: s.mfa_enabled,
      mfaPending: s.mfa_pending,
      mfaVerified: s.mfa_verified,
    };
  }

  async login(email: string, password: string, ctx: Ctx): Promise<Issued> {
    const user = await this.userByEmail(email);
    if (user) this.assertNotLocked(user);
    else await this.assertUnknownNotLocked(email);
    const ok = await verifyPassword(user?.password_hash ?? null, password);
    if (!user || !ok) {
      return this.fail(user ?? { unknownEmail: email }, ctx, 'login_failed', user ? 'wrong_password' : 'unknown_email', () => new VaultError('invalid_credentials'), user ? {} : { email });
    }
    const expiresAt = this.passwordExpiresAt(user);
    if (expiresAt && expiresAt <= this.now()) {
      const resetToken = await this.tx(async (c) => {
        await c.query('UPDATE users SET failed_logins = 0 WHERE id = $1', [user.id]);
        await this.audit(c, ctx, 'login_failed', user.id, { reason: 'password_expired' }, 'failure');
        return this.newSingleUseToken(c, 'expired', user.id, user.email, EXPIRED_TOKEN_TTL_MS);
      });
      throw new VaultError('password_expired', { extra: { password_reset_token: resetToken } });
    }
    return this.tx(async (c) => {
      await c.query('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1', [user.id]);
      const issued = await this.createSession(c, user, ctx);
      await this.audit(c, ctx, 'login', user.id, { session_id: issued.sessionId, mfa_required: user.mfa_required });
      return issued;
    });
  }

  async logout(user: AuthUser, ctx: Ctx) {
    await this.tx(async (c) => {
      await c.query('UPDATE auth_sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL', [user.sessionId, this.now()]);
      await this.audit(c, ctx, 'logout', user.id, { session_id: user.sessionId });
    });
  }

  /** Lifetime of the vault_session cookie; the server enforces the same window per session. */
  cookieMaxAgeSeconds() {
    return COOKIE_TTL_MS / 1000;
  }

  // ---------------------------------------------------------------- passwords

  /**
   * What both ways of replacing a known password check: not locked, the current password right
   * (a wrong one counts toward the lockout), the policy met, and a real change. Returns the new hash.
   */
  private async replacementHash(user: UserRow, current: string, next: string, ctx: Ctx): Promise<string> {
    this.assertNotLocked(user);
    if (!(await verifyPassword(user.password_hash, current))) {
      return this.fail(user, ctx, 'password_change', 'wrong_password', () => new VaultError('invalid_credentials'));
    }
    await checkPasswordPolicy(next, user.email, user.name);
    if (next === current) throw new VaultError('password_unchanged');
    return hashPassword(next);
  }

  async changePassword(user: AuthUser, current: string, next: string, ctx: Ctx) {
    const row = await this.userById(user.id);
    const hash = await this.replacementHash(row, current, next, ctx);
    await this.tx(async (c) => {
      await c.query('UPDATE users SET password_hash = $2, password_changed_at = $3, updated_at = $3 WHERE id = $1', [row.id, hash, this.now()]);
      await this.revokeSessions(c, row.id, user.sessionId);
      await this.audit(c, ctx, 'password_change', row.id, { other_sessions_revoked: true });
    });
  }

  /** Always resolves the same way; mails a reset link only when the account exists. */
  async forgotPassword(email: string, ctx: Ctx) {
    const user = await this.userByEmail(email);
    if (!user) {
      await this.audit(this.pool, ctx, 'password_reset_request', null, { email, known: false }, 'failure');
      return;
    }
    const token = await this.tx(async (c) => {
      // A newer link replaces any older unused one.
      await c.query("DELETE FROM auth_tokens WHERE user_id = $1 AND purpose = 'reset' AND used_at IS NULL", [user.id]);
      await this.audit(c, ctx, 'password_reset_request', user.id);
      return this.newSingleUseToken(c, 'reset', user.id, user.email, RESET_TOKEN_TTL_MS);
    });
    const link = `${this.config.publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
    this.sendInBackground('password_reset', {
      to: user.email,
      subject: 'Reset your vault password',
      text:
        `Someone (hopefully you) asked to reset the password of your vault account.\n\n` +
        `Open this link within one hour to choose a new password:\n${link}\n\n` +
        `Or use this reset token:\n${token}\n\nIf it was not you, ignore this message; your password is unchanged.\n`,
    });
  }

  async verifyResetToken(token: string) {
    const row = await this.peekToken(token, 'reset');
    if (!row) throw new VaultError('reset_token_invalid');
    return { valid: true as const, email_hint: emailHint(row.email) };
  }

  async resetPassword(token: string, next: string, ctx: Ctx) {
    const peek = await this.peekToken(token, 'reset');
    if (!peek || !peek.user_id) throw new VaultError('reset_token_invalid');
    const user = await this.userById(peek.user_id);
    await checkPasswordPolicy(next, user.email, user.name);
    const hash = await hashPassword(next);
    await this.tx(async (c) => {
      const spent = await this.spendToken(c, token, 'reset');
      if (!spent) throw new VaultError('reset_token_invalid');
      await c.query(
        'UPDATE users SET password_hash = $2, password_changed_at = $3, updated_at = $3, failed_logins = 0, locked_until = NULL WHERE id = $1',
        [user.id, hash, this.now()],
      );
      await this.revokeSessions(c, user.id, null);
      await this.audit(c, ctx, 'password_reset', user.id, { all_sessions_revoked: true });
    });
  }

  async resetExpiredPassword(token: string, current: string, next: string, ctx: Ctx): Promise<Issued> {
    const peek = await this.peekToken(token, 'expired');
    if (!peek || !peek.user_id) throw new VaultError('reset_token_invalid');
    const user = await this.userById(peek.user_id);
    const hash = await this.replacementHash(user, current, next, ctx);
    return this.tx(async (c) => {
      if (!(await this.spendToken(c, token, 'expired'))) {
        throw new VaultError('reset_token_invalid');
      }
      const now = this.now();
      await c.query(
        'UPDATE users SET password_hash = $2, password_changed_at = $3, updated_at = $3, failed_logins = 0, locked_until = NULL WHERE id = $1',
        [user.id, hash, now],
      );
      await this.revokeSessions(c, user.id, null);
      await this.audit(c, ctx, 'password_change', user.id, { reason: 'expired' });
      const issued = await this.createSession(c, { ...user, password_changed_at: now }, ctx);
      await this.audit(c, ctx, 'login', user.id, { session_id: issued.sessionId, mfa_required: user.mfa_required });
      return issued;
    });
  }

  async expiryInfo(user: AuthUser) {
    const row = await this.userById(user.id);
    const expiresAt = this.passwordExpiresAt(row);
    const now = this.now();
    return {
      password_changed_at: row.password_changed_at.toISOString(),
      expires_at: expiresAt ? expiresAt.toISOString() : null,
      days_remaining: expiresAt ? Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / DAY_MS)) : null,
      expired: expiresAt ? expiresAt <= now : false,
      max_age_days: this.config.passwordMaxAgeDays,
    };
  }

  // ---------------------------------------------------------------- registration

  async sendVerificationCode(email: string, ctx: Ctx) {
    const code = randomDigits(6);
    const now = this.now();
    await this.tx(async (c) => {
      await c.query(
        `INSERT INTO auth_email_codes (email, code_hash, attempts, created_at, expires_at) VALUES (lower($1), $2, 0, $3, $4)
         ON CONFLICT (email) DO UPDATE SET code_hash = EXCLUDED.code_hash, attempts = 0, created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at`,
        [email, this.codeHash(email, code), now, new Date(now.getTime() + EMAIL_CODE_TTL_MS)],
      );
      await this.audit(c, ctx, 'email_code_sent', null, { email });
    });
    try {
      await this.mailer.send({
        to: email,
        subject: 'Your vault verification code',
        text: `Your verification code is ${code}\n\nIt is valid for 10 minutes. If you did not ask for it, ignore this message.\n`,
      });
    } catch (err) {
      this.log.warn({ kind: 'verification_code', err: { message: (err as Error).message } }, 'mail delivery failed');
      throw new VaultError('mail_unavailable');
    }
  }

  async verifyEmailCode(email: string, code: string, ctx: Ctx) {
    const now = this.now();
    const result = await this.tx(async (c) => {
      const { rows } = await c.query<{ code_hash: Buffer; attempts: number; expires_at: Date }>('SELECT code_hash, attempts, expires_at FROM auth_email_codes WHERE email = lower($1) FOR UPDATE', [email]);
      const row = rows[0];
      if (!row || row.expires_at <= now || row.attempts >= EMAIL_CODE_TRIES) return null;
      if (!this.codeMatches(email, code, row.code_hash)) {
        await c.query('UPDATE auth_email_codes SET attempts = attempts + 1 WHERE email = lower($1)', [email]);
        await this.audit(c, ctx, 'email_code_verify', null, { email, attempts: row.attempts + 1 }, 'failure');
        return null;
      }
      await c.query('DELETE FROM auth_email_codes WHERE email = lower($1)', [email]);
      await this.audit(c, ctx, 'email_code_verify', null, { email });
      return this.newSingleUseToken(c, 'email', null, email.toLowerCase(), VERIFICATION_TOKEN_TTL_MS);
    });
    if (!result) throw new VaultError('invalid_code');
    return { verified: true as const, verification_token: result };
  }

  async register(input: { email: string; password: string; name: string; verification_token: string }, ctx: Ctx): Promise<Issued> {
    const peek = await this.peekToken(input.verification_token, 'email');
    if (!peek || peek.email !== input.email.toLowerCase()) {
      throw new VaultError('verification_token_invalid');
    }
    await checkPasswordPolicy(input.password, input.email, input.name);
    const hash = await hashPassword(input.password);
    try {
      return await this.tx(async (c) => {
        if (!(await this.spendToken(c, input.verification_token, 'email'))) {
          throw new VaultError('verification_token_invalid');
        }
        const id = newId('usr');
        const now = this.now();
        await c.query(
          'INSERT INTO users (id, email, name, password_hash, created_at, updated_at, password_changed_at) VALUES ($1, $2, $3, $4, $5, $5, $5)',
          [id, input.email, input.name, hash, now],
        );
        const user = await this.userById(id, c);
        await this.audit(c, ctx, 'register', id, { email: input.email });
        const issued = await this.createSession(c, user, ctx);
        await this.audit(c, ctx, 'login', id, { session_id: issued.sessionId, mfa_required: false });
        return issued;
      });
    } catch (e) {
      if ((e as { code?: string }).code === '23505') throw new VaultError('email_taken');
      throw e;
    }
  }

  // ---------------------------------------------------------------- MFA

  async mfaStatus(user: AuthUser) {
    const { rows } = await this.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM auth_backup_codes WHERE user_id = $1 AND used_at IS NULL', [user.id]);
    return {
      enabled: user.mfaEnabled,
      pending: user.mfaPending,
      mfa_required: user.mfaRequired,
      mfa_verified: user.mfaVerified,
      backup_codes_remaining: user.mfaEnabled || user.mfaPending ? rows[0].n : 0,
    };
  }

  /** Starts (or restarts) enrolment: a new secret and 10 backup codes; the first verify confirms. */
  async startMfaEnrolment(user: AuthUser, currentPassword: string, ctx: Ctx) {
    const row = await this.userById(user.id);
    this.assertNotLocked(row);
    if (!(await verifyPassword(row.password_hash, currentPassword))) {
      return this.fail(row, ctx, 'mfa_enable', 'wrong_password', () => new VaultError('invalid_credentials'));
    }
    if (row.mfa_enabled) throw new VaultError('mfa_already_enabled');
    const secret = newTotpSecret();
    const { sealed, keyId } = sealSecret(this.config.keyring, row.id, secret);
    const codes = newBackupCodes();
    await this.tx(async (c) => {
      await c.query('UPDATE users SET mfa_pending = true, mfa_secret = $2, mfa_key_id = $3, mfa_last_step = NULL, updated_at = $4 WHERE id = $1', [
        row.id,
        sealed,
        keyId,
        this.now(),
      ]);
      await c.query('DELETE FROM auth_backup_codes WHERE user_id = $1', [row.id]);
      for (const code of codes) await c.query('INSERT INTO auth_backup_codes (user_id, code_hash) VALUES ($1, $2)', [row.id, hashBackupCode(code)]);
      await this.audit(c, ctx, 'mfa_enable', row.id, { stage: 'enrolment_started' });
    });
    return { totp_uri: totpUri(secret, row.email), backup_codes: codes };
  }

  async cancelMfaEnrolment(user: AuthUser, ctx: Ctx) {
    await this.tx(async (c) => {
      await c.query('UPDATE users SET mfa_pending = false, mfa_secret = NULL, mfa_key_id = NULL, mfa_last_step = NULL WHERE id = $1 AND NOT mfa_enabled', [user.id]);
      await c.query('DELETE FROM auth_backup_codes WHERE user_id = $1', [user.id]);
      await this.audit(c, ctx, 'mfa_disable', user.id, { stage: 'enrolment_cancelled' });
    });
  }

  /** Accepts a TOTP code once (±1 step, never a step at or before the last accepted one). */
  private async spendTotp(c: pg.PoolClient, row: UserRow, code: string): Promise<boolean> {
    if (!row.mfa_secret || !row.mfa_key_id) return false;
    const secret = openSecret(this.config.keyring, row.id, row.mfa_secret, row.mfa_key_id);
    const step = matchStep(secret, code.trim(), this.now());
    if (step === null) return false;
    const { rowCount } = await c.query('UPDATE users SET mfa_last_step = $2 WHERE id = $1 AND (mfa_last_step IS NULL OR mfa_last_step < $2)', [row.id, step]);
    return rowCount === 1;
  }

  private async markVerified(c: pg.PoolClient, user: AuthUser, row: UserRow): Promise<Issued> {
    await c.query('UPDATE auth_sessions SET mfa_verified = true WHERE id = $1', [user.sessionId]);
    await c.query('UPDATE users SET failed_logins = 0 WHERE id = $1', [row.id]);
    const fresh = await this.userById(row.id, c);
    const token = await this.sign(fresh, user.sessionId, true, this.now(), user.sessionExpiresAt);
    return { token, expiresAt: user.sessionExpiresAt, sessionId: user.sessionId, user: fresh, mfaVerified: true };
  }

  async verifyTotp(user: AuthUser, code: string, ctx: Ctx): Promise<Issued> {
    const row = await this.userById(user.id);
    this.assertNotLocked(row);
    if (!row.mfa_enabled && !row.mfa_pending) throw new VaultError('mfa_not_set_up');
    const out = await this.tx(async (c) => {
      if (!(await this.spendTotp(c, row, code))) return null;
      const confirming = !row.mfa_enabled;
      if (confirming) await c.query('UPDATE users SET mfa_enabled = true, mfa_pending = false, updated_at = $2 WHERE id = $1', [row.id, this.now()]);
      const issued = await this.markVerified(c, user, row);
      if (confirming) await this.audit(c, ctx, 'mfa_enable', row.id, { stage: 'confirmed' });
      await this.audit(c, ctx, 'mfa_verify', row.id, { session_id: user.sessionId, method: 'totp' });
      return issued;
    });
    if (!out) return this.fail(row, ctx, 'mfa_verify', 'invalid_or_reused_code', () => new VaultError('invalid_code'));
    return out;
  }

  async verifyBackup(user: AuthUser, code: string, ctx: Ctx): Promise<Issued & { remaining: number }> {
    const row = await this.userById(user.id);
    this.assertNotLocked(row);
    if (!row.mfa_enabled) throw new VaultError('mfa_not_enabled');
    const out = await this.tx(async (c) => {
      const { rowCount } = await c.query(
        'UPDATE auth_backup_codes SET used_at = $3 WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL',
        [row.id, hashBackupCode(code), this.now()],
      );
      if (rowCount !== 1) return null;
      const { rows } = await c.query<{ n: number }>('SELECT count(*)::int AS n FROM auth_backup_codes WHERE user_id = $1 AND used_at IS NULL', [row.id]);
      const issued = await this.markVerified(c, user, row);
      await this.audit(c, ctx, 'mfa_backup_used', row.id, { session_id: user.sessionId, remaining: rows[0].n });
      return { ...issued, remaining: rows[0].n };
    });
    if (!out) return this.fail(row, ctx, 'mfa_verify', 'invalid_backup_code', () => new VaultError('invalid_code'), { method: 'backup_code' });
    return out;
  }

  /** Turns MFA off; needs a current TOTP code or an unused backup code. */
  async disableMfa(user: AuthUser, code: string, ctx: Ctx) {
    const row = await this.userById(user.id);
    this.assertNotLocked(row);
    if (!row.mfa_enabled && !row.mfa_pending) throw new VaultError('mfa_not_enabled');
    const ok = await this.tx(async (c) => {
      let method = 'totp';
      if (!(await this.spendTotp(c, row, code))) {
        const { rowCount } = await c.query('UPDATE auth_backup_codes SET used_at = $3 WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL', [
          row.id,
          hashBackupCode(code),
          this.now(),
        ]);
        if (rowCount !== 1) return false;
        method = 'backup_code';
      }
      await c.query(
        'UPDATE users SET mfa_enabled = false, mfa_pending = false, mfa_secret = NULL, mfa_key_id = NULL, mfa_last_step = NULL, updated_at = $2 WHERE id = $1',
        [row.id, this.now()],
      );
      await c.query('DELETE FROM auth_backup_codes WHERE user_id = $1', [row.id]);
      await this.audit(c, ctx, 'mfa_disable', row.id, { method });
      return true;
    });
    if (!ok) return this.fail(row, ctx, 'mfa_disable', 'invalid_code', () => new VaultError('invalid_code'));
  }

  // ---------------------------------------------------------------- settings

  async settings(user: AuthUser) {
    const row = await this.userById(user.id);
    const expiresAt = this.passwordExpiresAt(row);
    return {
      ...userView(row),
      mfa_pending: row.mfa_pending,
      mfa_required: row.mfa_required,
      password_changed_at: row.password_changed_at.toISOString(),
      password_expires_at: expiresAt ? expiresAt.toISOString() : null,
    };
  }

  async updateName(user: AuthUser, name: string, ctx: Ctx) {
    await this.tx(async (c) => {
      await c.query('UPDATE users SET name = $2, updated_at = $3 WHERE id = $1', [user.id, name, this.now()]);
      await this.audit(c, ctx, 'settings_update', user.id, { fields: ['name'] });
    });
  }

  async sweep() {
    const now = this.now();
    await this.pool.query(AuthRateLimits.sweepSql, [Date.now()]);
    await this.pool.query('DELETE FROM auth_email_codes WHERE expires_at < $1', [now]);
    await this.pool.query('DELETE FROM auth_tokens WHERE expires_at < $1', [new Date(now.getTime() - DAY_MS)]);
    await this.pool.query('DELETE FROM auth_unknown_failures WHERE updated_at < $1 AND (locked_until IS NULL OR locked_until < $2)', [
      new Date(now.getTime() - DAY_MS),
      now,
    ]);
  }
}
