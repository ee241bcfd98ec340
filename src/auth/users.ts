// User rows as auth reads them (with `mfa_required`), their public view, and the account settings
// of GET/PUT /api/user/settings. (Auth's audit entries are `userEvent` in db/audit-events.ts.)
import type { ExpressionBuilder, Kysely, Selectable } from 'kysely';
import { writeAudit } from '../db/audit.js';
import { userEvent } from '../db/audit-events.js';
import type { DB, UsersTable } from '../db/schema.js';
import { VaultError } from '../http/errors.js';
import type { RequestContext } from '../lib/context.js';
import { passwordExpiresAt } from './passwords.js';

export type UserRow = Selectable<UsersTable> & { mfa_required: boolean };

/** The user must use MFA: their own is on, or they belong to a live project that requires it. */
export function mfaRequired(eb: ExpressionBuilder<DB & { u: UsersTable }, 'u'>) {
  return eb
    .or([
      eb.ref('u.mfa_enabled'),
      eb.exists(
        eb
          .selectFrom('project_members as pm')
          .innerJoin('projects as p', 'p.id', 'pm.project_id')
          .select(eb.lit(1).as('one'))
          .whereRef('pm.user_id', '=', 'u.id')
          .where('p.require_mfa', '=', true)
          .where('p.deleted_at', 'is', null),
      ),
    ])
    .$castTo<boolean>()
    .as('mfa_required');
}

const users = (db: Kysely<DB>) => db.selectFrom('users as u').selectAll('u').select(mfaRequired);

export async function userByEmail(db: Kysely<DB>, email: string): Promise<UserRow | null> {
  const row = await users(db)
    .where((eb) => eb(eb.fn('lower', ['u.email']), '=', eb.fn('lower', [eb.val(email)])))
    .executeTakeFirst();
  return row ?? null;
}

/** The user of a valid session; gone (deleted meanwhile) answers like a dead token. */
export async function userById(db: Kysely<DB>, id: string): Promise<UserRow> {
  const row = await users(db).where('u.id', '=', id).executeTakeFirst();
  if (!row) throw new VaultError('invalid_token');
  return row;
}

export function userView(u: Pick<UserRow, 'id' | 'email' | 'name' | 'created_at' | 'mfa_enabled'>) {
  return { id: u.id, email: u.email, name: u.name, created_at: u.created_at.toISOString(), mfa_enabled: u.mfa_enabled };
}


export class UserSettings {
  constructor(
    private db: Kysely<DB>,
    private passwordMaxAgeDays: number,
    private now: () => Date,
  ) {}

  async get(userId: string) {
    const row = await userById(this.db, userId);
    const expiresAt = passwordExpiresAt(row.password_changed_at, this.passwordMaxAgeDays);
    return {
      ...userView(row),
      mfa_pending: row.mfa_pending,
      mfa_required: row.mfa_required,
      password_changed_at: row.password_changed_at.toISOString(),
      password_expires_at: expiresAt ? expiresAt.toISOString() : null,
    };
  }

  async updateName(userId: string, name: string, ctx: RequestContext) {
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('users').set({ name, updated_at: this.now() }).where('id', '=', userId).execute();
      await writeAudit(trx, ctx, userEvent('settings_update', userId, { fields: ['name'] }));
    });
  }
}
