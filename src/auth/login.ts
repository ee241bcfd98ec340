// POST /auth/login (docs/api.md §4.1): email and password, through the lockout; an expired password
// answers 403 `password_expired` with a short-lived token for /auth/reset-expired-password.
// Neither an expired password nor a password awaiting its MFA code resets the failure counter.
import type { Kysely } from 'kysely';
import { writeAudit } from '../db/audit.js';
import { userEvent } from '../db/audit-events.js';
import type { DB } from '../db/schema.js';
import { VaultError } from '../http/errors.js';
import type { RequestContext } from '../lib/context.js';
import { endFailures, type Lockout } from './lockout.js';
import { passwordExpiresAt, verifyPassword } from './passwords.js';
import type { Issued, Sessions } from './sessions.js';
import { issueToken } from './single-use.js';
import { userByEmail } from './users.js';

const EXPIRED_TOKEN_TTL_MS = 15 * 60_000;

export class Logins {
  constructor(
    private db: Kysely<DB>,
    private lockout: Lockout,
    private sessions: Sessions,
    private passwordMaxAgeDays: number,
    private now: () => Date,
  ) {}

  async login(email: string, password: string, ctx: RequestContext): Promise<Issued> {
    const user = await userByEmail(this.db, email);
    if (user) this.lockout.assertNotLocked(user);
    else await this.lockout.assertUnknownNotLocked(email);
    // Verified even for an unknown email, so both answers take the same time.
    const ok = await verifyPassword(user?.password_hash ?? null, password);
    if (!user) return this.lockout.fail({ unknownEmail: email }, ctx, 'login_failed', 'unknown_email', 'invalid_credentials', { email });
    if (!ok) return this.lockout.fail(user, ctx, 'login_failed', 'wrong_password', 'invalid_credentials');
    const expiresAt = passwordExpiresAt(user.password_changed_at, this.passwordMaxAgeDays);
    if (expiresAt && expiresAt <= this.now()) {
      const resetToken = await this.db.transaction().execute(async (trx) => {
        await writeAudit(trx, ctx, userEvent('login_failed', user.id, { reason: 'password_expired' }, 'failure'));
        return issueToken(trx, 'expired', user.id, user.email, EXPIRED_TOKEN_TTL_MS, this.now());
      });
      throw new VaultError('password_expired', { extra: { password_reset_token: resetToken } });
    }
    return this.db.transaction().execute(async (trx) => {
      // With MFA on, this is half a login: the counter runs on until the code is accepted.
      if (!user.mfa_enabled) await endFailures(trx, user.id);
      const issued = await this.sessions.create(trx, user, ctx);
      await writeAudit(trx, ctx, userEvent('login', user.id, { session_id: issued.sessionId, mfa_required: user.mfa_required }));
      return issued;
    });
  }
}
