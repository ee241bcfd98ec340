// Changing a password, the mailed reset link, the expired-password reset and expiry info
// (docs/api.md §4.1). A new password revokes sessions (the others on a change, all on a reset) and
// deletes every outstanding reset link, however it was set.
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely, Transaction } from 'kysely';
import { writeAudit } from '../db/audit.js';
import { userEvent } from '../db/audit-events.js';
import type { DB } from '../db/schema.js';
import { VaultError } from '../http/errors.js';
import type { RequestContext } from '../lib/context.js';
import type { Mailer } from '../mail/mailer.js';
import { endFailures, type Lockout } from './lockout.js';
import { checkPasswordPolicy, DAY_MS, hashPassword, passwordExpiresAt, verifyPassword } from './passwords.js';
import type { AuthUser, Issued, Sessions } from './sessions.js';
import { dropPasswordTokens, issueToken, peekToken, spendToken } from './single-use.js';
import { type UserRow, userByEmail, userById } from './users.js';

const RESET_TOKEN_TTL_MS = 3600_000;

/** `a***@example.com`: enough for a person to recognise, not enough to harvest. */
function emailHint(email: string): string {
  const [local, domain] = email.split('@');
  return `${local.slice(0, 1)}***@${domain ?? ''}`;
}

export class PasswordFlows {
  constructor(
    private db: Kysely<DB>,
    private lockout: Lockout,
    private sessions: Sessions,
    private mailer: Mailer,
    private log: FastifyBaseLogger,
    private config: { publicUrl: string; passwordMaxAgeDays: number },
    private now: () => Date,
  ) {}

  /**
   * What both ways of replacing a known password check: not locked, the current password right
   * (a wrong one counts toward the lockout), the policy met, and a real change. Returns the new hash.
   */
  private async replacementHash(user: UserRow, current: string, next: string, ctx: RequestContext): Promise<string> {
    this.lockout.assertNotLocked(user);
    if (!(await verifyPassword(user.password_hash, current))) {
      return this.lockout.fail(user, ctx, 'password_change', 'wrong_password', 'wrong_current_password');
    }
    await checkPasswordPolicy(next, user.email, user.name);
    if (next === current) throw new VaultError('password_unchanged');
    return hashPassword(next);
  }

  /**
   * A reset's new password: it signs every session out and, when `unlock`, lifts a lockout (the
   * mailed link; the expired-password reset only when no MFA code is still to come).
   */
  private async replaceAll(trx: Transaction<DB>, userId: string, hash: string, unlock: boolean): Promise<Date> {
    const now = this.now();
    await trx.updateTable('users').set({ password_hash: hash, password_changed_at: now, updated_at: now }).where('id', '=', userId).execute();
    if (unlock) await endFailures(trx, userId);
    await dropPasswordTokens(trx, userId);
    await this.sessions.revokeAll(trx, userId, null);
    return now;
  }

  async change(user: AuthUser, current: string, next: string, ctx: RequestContext) {
    const row = await userById(this.db, user.id);
    const hash = await this.replacementHash(row, current, next, ctx);
    await this.db.transaction().execute(async (trx) => {
      const now = this.now();
      await trx.updateTable('users').set({ password_hash: hash, password_changed_at: now, updated_at: now }).where('id', '=', row.id).execute();
      await dropPasswordTokens(trx, row.id);
      await this.sessions.revokeAll(trx, row.id, user.sessionId);
      await writeAudit(trx, ctx, userEvent('password_change', row.id, { other_sessions_revoked: true, reset_links_deleted: true }));
    });
  }

  /** Always resolves the same way; mails a reset link only when the account exists. */
  async forgot(email: string, ctx: RequestContext) {
    const user = await userByEmail(this.db, email);
    if (!user) {
      await writeAudit(this.db, ctx, userEvent('password_reset_request', null, { email, known: false }, 'failure'));
      return;
    }
    const token = await this.db.transaction().execute(async (trx) => {
      // A newer link replaces any older unused one.
      await trx.deleteFrom('auth_tokens').where('user_id', '=', user.id).where('purpose', '=', 'reset').where('used_at', 'is', null).execute();
      await writeAudit(trx, ctx, userEvent('password_reset_request', user.id));
      return issueToken(trx, 'reset', user.id, user.email, RESET_TOKEN_TTL_MS, this.now());
    });
    const link = `${this.config.publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
    // Not awaited: the caller must not wait for, or learn about, delivery (timing).
    this.mailer
      .send({
        to: user.email,
        subject: 'Reset your vault password',
        text:
          `Someone (hopefully you) asked to reset the password of your vault account.\n\n` +
          `Open this link within one hour to choose a new password:\n${link}\n\n` +
          `Or use this reset token:\n${token}\n\nIf it was not you, ignore this message; your password is unchanged.\n`,
      })
      .catch((err: Error) => this.log.warn({ kind: 'password_reset', err: { message: err.message } }, 'mail delivery failed'));
  }

  async verifyResetToken(token: string) {
    const row = await peekToken(this.db, token, 'reset', this.now());
    if (!row) throw new VaultError('reset_token_invalid');
    return { valid: true as const, email_hint: emailHint(row.email) };
  }

  async reset(token: string, next: string, ctx: RequestContext) {
    const peek = await peekToken(this.db, token, 'reset', this.now());
    if (!peek || !peek.user_id) throw new VaultError('reset_token_invalid');
    const user = await userById(this.db, peek.user_id);
    await checkPasswordPolicy(next, user.email, user.name);
    const hash = await hashPassword(next);
    await this.db.transaction().execute(async (trx) => {
      if (!(await spendToken(trx, token, 'reset', this.now()))) throw new VaultError('reset_token_invalid');
      await this.replaceAll(trx, user.id, hash, true);
      await writeAudit(trx, ctx, userEvent('password_reset', user.id, { all_sessions_revoked: true }));
    });
  }

  /** The way out of `password_expired`: the token it carried, the old password and a new one. */
  async resetExpired(token: string, current: string, next: string, ctx: RequestContext): Promise<Issued> {
    const peek = await peekToken(this.db, token, 'expired', this.now());
    if (!peek || !peek.user_id) throw new VaultError('reset_token_invalid');
    const user = await userById(this.db, peek.user_id);
    const hash = await this.replacementHash(user, current, next, ctx);
    return this.db.transaction().execute(async (trx) => {
      if (!(await spendToken(trx, token, 'expired', this.now()))) throw new VaultError('reset_token_invalid');
      const now = await this.replaceAll(trx, user.id, hash, !user.mfa_enabled);
      await writeAudit(trx, ctx, userEvent('password_change', user.id, { reason: 'expired' }));
      const issued = await this.sessions.create(trx, { ...user, password_changed_at: now }, ctx);
      await writeAudit(trx, ctx, userEvent('login', user.id, { session_id: issued.sessionId, mfa_required: user.mfa_required }));
      return issued;
    });
  }

  async expiryInfo(user: AuthUser) {
    const row = await userById(this.db, user.id);
    const expiresAt = passwordExpiresAt(row.password_changed_at, this.config.passwordMaxAgeDays);
    const now = this.now();
    return {
      password_changed_at: row.password_changed_at.toISOString(),
      expires_at: expiresAt ? expiresAt.toISOString() : null,
      days_remaining: expiresAt ? Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / DAY_MS)) : null,
      expired: expiresAt ? expiresAt <= now : false,
      max_age_days: this.config.passwordMaxAgeDays,
    };
  }
}
