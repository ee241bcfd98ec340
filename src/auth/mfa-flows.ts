// MFA as a signed-in user meets it: the MFA service (src/mfa) checks codes and keeps the secret;
// auth adds what belongs to accounts and sessions around it: the lockout (checked first, every
// wrong code counts), the password that enrolment needs, and the new MFA-verified session that
// replaces the one the code was typed in.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { RequestContext } from '../lib/context.js';
import type { MfaService } from '../mfa/service.js';
import type { Lockout } from './lockout.js';
import { verifyPassword } from './passwords.js';
import type { AuthUser, Issued, Sessions } from './sessions.js';
import { userById } from './users.js';

export class MfaFlows {
  constructor(
    private db: Kysely<DB>,
    private mfa: MfaService,
    private lockout: Lockout,
    private sessions: Sessions,
  ) {}

  status(user: AuthUser) {
    return this.mfa.status(user);
  }

  /** PUT /api/user/settings with mfa_enabled: the current password, then a new secret and codes. */
  async startEnrolment(user: AuthUser, currentPassword: string, ctx: RequestContext) {
    const row = await userById(this.db, user.id);
    this.lockout.assertNotLocked(row);
    if (!(await verifyPassword(row.password_hash, currentPassword))) {
      return this.lockout.fail(row, ctx, 'mfa_enable', 'wrong_password', 'wrong_current_password');
    }
    return this.mfa.startEnrolment(row, ctx);
  }

  cancelEnrolment(user: AuthUser, ctx: RequestContext) {
    return this.mfa.cancelEnrolment(user.id, ctx);
  }

  async verifyTotp(user: AuthUser, code: string, ctx: RequestContext): Promise<Issued> {
    const row = await userById(this.db, user.id);
    this.lockout.assertNotLocked(row);
    const issued = await this.mfa.verifyTotp(row, code, ctx, user.sessionId, (trx) => this.sessions.completeMfa(trx, user, ctx));
    return issued ?? this.lockout.fail(row, ctx, 'mfa_verify', 'invalid_or_reused_code', 'invalid_code');
  }

  async verifyBackup(user: AuthUser, code: string, ctx: RequestContext): Promise<Issued & { remaining: number }> {
    const row = await userById(this.db, user.id);
    this.lockout.assertNotLocked(row);
    const verified = await this.mfa.verifyBackup(row, code, ctx, user.sessionId, (trx) => this.sessions.completeMfa(trx, user, ctx));
    if (!verified) return this.lockout.fail(row, ctx, 'mfa_verify', 'invalid_backup_code', 'invalid_code', { method: 'backup_code' });
    return { ...verified.out, remaining: verified.remaining };
  }

  async disable(user: AuthUser, code: string, ctx: RequestContext) {
    const row = await userById(this.db, user.id);
    this.lockout.assertNotLocked(row);
    if (!(await this.mfa.disable(row, code, ctx))) await this.lockout.fail(row, ctx, 'mfa_disable', 'invalid_code', 'invalid_code');
  }
}
