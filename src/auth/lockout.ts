// The account lockout of docs/api.md §4.1: 10 failed passwords or MFA codes lock the account for
// 15 minutes. An email with no account has its own counter (migration 0004) and locks the same
// way, so the answers never reveal which emails are registered.
// The counter spans the whole login: a right password does not reset it while an MFA code is
// still to come (else nine guesses per login, for ever); only `endFailures` does.
import { type Kysely, sql, type Transaction } from 'kysely';
import { writeAudit } from '../db/audit.js';
import { type EventsOf, userEvent } from '../db/audit-events.js';
import type { DB } from '../db/schema.js';
import { VaultError } from '../http/errors.js';
import type { RequestContext } from '../lib/context.js';
import { type UserRow } from './users.js';

const LOCKOUT_THRESHOLD = 10;
const LOCKOUT_MS = 15 * 60_000;

/**
 * A completed login — the password, and the MFA code where the account has MFA on — or a reset
 * by mailed link: the run of failures ends.
 */
export async function endFailures(trx: Transaction<DB>, userId: string) {
  await trx.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', userId).execute();
}

const locked = (until: Date) => new VaultError('account_locked', { extra: { locked_until: until.toISOString() } });

export class Lockout {
  constructor(
    private db: Kysely<DB>,
    private now: () => Date,
  ) {}

  assertNotLocked(user: Pick<UserRow, 'locked_until'>) {
    if (user.locked_until && user.locked_until > this.now()) throw locked(user.locked_until);
  }

  /** The same answer for an email with no account. */
  async assertUnknownNotLocked(email: string) {
    const row = await this.db
      .selectFrom('auth_unknown_failures')
      .select('locked_until')
      .where('email', '=', sql<string>`lower(${email})`)
      .where('locked_until', '>', this.now())
      .executeTakeFirst();
    if (row?.locked_until) throw locked(row.locked_until);
  }

  /**
   * A failed password or MFA code: counts toward the lockout and is audited, in one transaction.
   * Throws `account_locked` when this failure locks the account, else `answer`.
   */
  async fail(
    who: UserRow | { unknownEmail: string },
    ctx: RequestContext,
    action: EventsOf<'auth'>,
    reason: string,
    answer: 'invalid_credentials' | 'wrong_current_password' | 'invalid_code',
    extra: Record<string, unknown> = {},
  ): Promise<never> {
    const user = 'unknownEmail' in who ? null : who;
    const lockedUntil = await this.db.transaction().execute(async (trx) => {
      const until = 'unknownEmail' in who ? await this.countUnknown(trx, who.unknownEmail) : await this.countUser(trx, who.id);
      const entries = [userEvent(action, user?.id ?? null, { reason, ...extra }, 'failure')];
      if (until) {
        entries.push(userEvent('account_locked', user?.id ?? null, { until: until.toISOString(), failures: LOCKOUT_THRESHOLD, ...(user ? {} : extra) }));
      }
      await writeAudit(trx, ctx, entries);
      return until;
    });
    if (lockedUntil) throw locked(lockedUntil);
    throw new VaultError(answer);
  }

  /** One more failure for an account; returns when it is now locked until, if it is. */
  private async countUser(trx: Transaction<DB>, userId: string): Promise<Date | null> {
    const row = await trx
      .updateTable('users')
      .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
      .where('id', '=', userId)
      .returning('failed_logins')
      .executeTakeFirst();
    if (!row || row.failed_logins < LOCKOUT_THRESHOLD) return null;
    const until = new Date(this.now().getTime() + LOCKOUT_MS);
    await trx.updateTable('users').set({ failed_logins: 0, locked_until: until }).where('id', '=', userId).execute();
    return until;
  }

  private async countUnknown(trx: Transaction<DB>, unknownEmail: string): Promise<Date | null> {
    const now = this.now();
    const email = sql<string>`lower(${unknownEmail})`;
    const row = await trx
      .insertInto('auth_unknown_failures')
      .values({ email, failures: 1, updated_at: now })
      .onConflict((oc) => oc.column('email').doUpdateSet((eb) => ({ failures: eb('auth_unknown_failures.failures', '+', 1), updated_at: now })))
      .returning('failures')
      .executeTakeFirstOrThrow();
    if (row.failures < LOCKOUT_THRESHOLD) return null;
    const until = new Date(now.getTime() + LOCKOUT_MS);
    await trx.updateTable('auth_unknown_failures').set({ failures: 0, locked_until: until }).where('email', '=', email).execute();
    return until;
  }
}
