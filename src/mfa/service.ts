// MFA of dashboard users (docs/api.md §4.1): TOTP enrolment, verification with a TOTP or a backup
// code, turning it off. This knows the users' MFA columns and auth_backup_codes, not sessions or
// the lockout: auth checks the lockout first, counts a failure when a verify answers null/false,
// and marks its session verified in the transaction it is handed (`onVerified`).
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Keyring } from '../crypto/keyring.js';
import { writeAudit } from '../db/audit.js';
import { userEvent } from '../db/audit-events.js';
import type { DB, UsersTable } from '../db/schema.js';
import { VaultError } from '../http/errors.js';
import type { RequestContext } from '../lib/context.js';
import { hashBackupCode, newBackupCodes } from './backup-codes.js';
import { matchStep, newTotpSecret, openSecret, sealSecret, totpUri } from './totp.js';

/** The user columns MFA reads. */
export type MfaUser = Pick<Selectable<UsersTable>, 'id' | 'email' | 'mfa_enabled' | 'mfa_pending' | 'mfa_secret' | 'mfa_key_id'>;

/** A session's view of MFA (the fields of auth's AuthUser that `status` reports). */
export interface MfaSessionState {
  id: string;
  mfaEnabled: boolean;
  mfaPending: boolean;
  mfaRequired: boolean;
  mfaVerified: boolean;
}

/** What the caller's `onVerified` made of the verified session: the id of the one replacing it. */
export interface Replacement {
  sessionId: string;
}

export class MfaService {
  constructor(
    private db: Kysely<DB>,
    private keyring: Keyring,
    private now: () => Date,
  ) {}

  private async unusedBackupCodes(db: Kysely<DB>, userId: string): Promise<number> {
    const row = await db
      .selectFrom('auth_backup_codes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .executeTakeFirstOrThrow();
    return row.n;
  }

  async status(s: MfaSessionState) {
    const remaining = await this.unusedBackupCodes(this.db, s.id);
    return {
      enabled: s.mfaEnabled,
      pending: s.mfaPending,
      mfa_required: s.mfaRequired,
      mfa_verified: s.mfaVerified,
      backup_codes_remaining: s.mfaEnabled || s.mfaPending ? remaining : 0,
    };
  }

  /** Starts (or restarts) enrolment: a new secret and 10 backup codes; the first verify confirms. */
  async startEnrolment(user: MfaUser, ctx: RequestContext) {
    if (user.mfa_enabled) throw new VaultError('mfa_already_enabled');
    const secret = newTotpSecret();
    const { sealed, keyId } = sealSecret(this.keyring, user.id, secret);
    const codes = newBackupCodes();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set({ mfa_pending: true, mfa_secret: sealed, mfa_key_id: keyId, mfa_last_step: null, updated_at: this.now() })
        .where('id', '=', user.id)
        .execute();
      await trx.deleteFrom('auth_backup_codes').where('user_id', '=', user.id).execute();
      await trx
        .insertInto('auth_backup_codes')
        .values(codes.map((code) => ({ user_id: user.id, code_hash: hashBackupCode(code) })))
        .execute();
      await writeAudit(trx, ctx, userEvent('mfa_enable', user.id, { stage: 'enrolment_started' }));
    });
    return { totp_uri: totpUri(secret, user.email), backup_codes: codes };
  }

  async cancelEnrolment(userId: string, ctx: RequestContext) {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set({ mfa_pending: false, mfa_secret: null, mfa_key_id: null, mfa_last_step: null })
        .where('id', '=', userId)
        .where('mfa_enabled', '=', false)
        .execute();
      await trx.deleteFrom('auth_backup_codes').where('user_id', '=', userId).execute();
      await writeAudit(trx, ctx, userEvent('mfa_disable', userId, { stage: 'enrolment_cancelled' }));
    });
  }

  /**
   * A TOTP code for `sessionId`: the first success confirms a pending enrolment. Runs `onVerified`
   * in the same transaction and returns its result (the session that replaces `sessionId`, named
   * in the audit entry); null when the code is wrong or reused.
   */
  async verifyTotp<T extends Replacement>(
    user: MfaUser, code: string, ctx: RequestContext, sessionId: string, onVerified: (trx: Transaction<DB>) => Promise<T>,
  ): Promise<T | null> {
    if (!user.mfa_enabled && !user.mfa_pending) throw new VaultError('mfa_not_set_up');
    return this.db.transaction().execute(async (trx) => {
      if (!(await this.spendTotp(trx, user, code))) return null;
      const confirming = !user.mfa_enabled;
      if (confirming) {
        await trx.updateTable('users').set({ mfa_enabled: true, mfa_pending: false, updated_at: this.now() }).where('id', '=', user.id).execute();
      }
      const out = await onVerified(trx);
      if (confirming) await writeAudit(trx, ctx, userEvent('mfa_enable', user.id, { stage: 'confirmed' }));
      await writeAudit(trx, ctx, userEvent('mfa_verify', user.id, { session_id: sessionId, new_session_id: out.sessionId, method: 'totp' }));
      return out;
    });
  }

  /** A single-use backup code for `sessionId`, like `verifyTotp`; also says how many are left. */
  async verifyBackup<T extends Replacement>(
    user: MfaUser, code: string, ctx: RequestContext, sessionId: string, onVerified: (trx: Transaction<DB>) => Promise<T>,
  ): Promise<{ out: T; remaining: number } | null> {
    if (!user.mfa_enabled) throw new VaultError('mfa_not_enabled');
    return this.db.transaction().execute(async (trx) => {
      if (!(await this.spendBackupCode(trx, user.id, code))) return null;
      const remaining = await this.unusedBackupCodes(trx, user.id);
      const out = await onVerified(trx);
      await writeAudit(trx, ctx, userEvent('mfa_backup_used', user.id, { session_id: sessionId, new_session_id: out.sessionId, remaining }));
      return { out, remaining };
    });
  }

  /** Turns MFA off with a current TOTP code or an unused backup code; false when neither. */
  async disable(user: MfaUser, code: string, ctx: RequestContext): Promise<boolean> {
    if (!user.mfa_enabled && !user.mfa_pending) throw new VaultError('mfa_not_enabled');
    return this.db.transaction().execute(async (trx) => {
      let method = 'totp';
      if (!(await this.spendTotp(trx, user, code))) {
        if (!(await this.spendBackupCode(trx, user.id, code))) return false;
        method = 'backup_code';
      }
      await trx
        .updateTable('users')
        .set({ mfa_enabled: false, mfa_pending: false, mfa_secret: null, mfa_key_id: null, mfa_last_step: null, updated_at: this.now() })
        .where('id', '=', user.id)
        .execute();
      await trx.deleteFrom('auth_backup_codes').where('user_id', '=', user.id).execute();
      await writeAudit(trx, ctx, userEvent('mfa_disable', user.id, { method }));
      return true;
    });
  }

  /** Accepts a TOTP code once (±1 step, never a step at or before the last accepted one). */
  private async spendTotp(trx: Transaction<DB>, user: MfaUser, code: string): Promise<boolean> {
    if (!user.mfa_secret || !user.mfa_key_id) return false;
    const secret = openSecret(this.keyring, user.id, user.mfa_secret, user.mfa_key_id);
    const step = matchStep(secret, code.trim(), this.now());
    if (step === null) return false;
    const res = await trx
      .updateTable('users')
      .set({ mfa_last_step: step })
      .where('id', '=', user.id)
      .where((eb) => eb.or([eb('mfa_last_step', 'is', null), eb('mfa_last_step', '<', step)]))
      .executeTakeFirst();
    return res.numUpdatedRows === 1n;
  }

  private async spendBackupCode(trx: Transaction<DB>, userId: string, code: string): Promise<boolean> {
    const res = await trx
      .updateTable('auth_backup_codes')
      .set({ used_at: this.now() })
      .where('user_id', '=', userId)
      .where('code_hash', '=', hashBackupCode(code))
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return res.numUpdatedRows === 1n;
  }
}
