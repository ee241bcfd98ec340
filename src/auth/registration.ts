// Registration (docs/api.md §4.1): a 6-digit code mailed to the address (10 minutes, 5 tries), traded
// for a verification token, which POST /auth/register spends to create the account and log in.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { type Kysely, sql } from 'kysely';
import type { Keyring } from '../crypto/keyring.js';
import { writeAudit } from '../db/audit.js';
import { userEvent } from '../db/audit-events.js';
import type { DB } from '../db/schema.js';
import { VaultError } from '../http/errors.js';
import type { RequestContext } from '../lib/context.js';
import { newId, randomDigits } from '../lib/random.js';
import type { Mailer } from '../mail/mailer.js';
import { checkPasswordPolicy, hashPassword } from './passwords.js';
import type { Issued, Sessions } from './sessions.js';
import { issueToken, peekToken, spendToken } from './single-use.js';
import { userById } from './users.js';

const EMAIL_CODE_TTL_MS = 10 * 60_000;
const EMAIL_CODE_TRIES = 5;
const VERIFICATION_TOKEN_TTL_MS = 30 * 60_000;

export interface RegisterInput {
  email: string;
  password: string;
  name: string;
  verification_token: string;
}

export class Registration {
  constructor(
    private db: Kysely<DB>,
    private sessions: Sessions,
    private keyring: Keyring,
    private mailer: Mailer,
    private log: FastifyBaseLogger,
    private now: () => Date,
  ) {}

  private codeHash(email: string, code: string, key = this.keyring.macKey(this.keyring.activeId)): Buffer {
    // Six digits are too few for a plain hash: key it with the active master key.
    return createHmac('sha256', key).update(`email-code:${email.toLowerCase()}:${code}`).digest();
  }

  /** Checked under every master key, so a code sent just before a key rotation still works. */
  private codeMatches(email: string, code: string, stored: Buffer): boolean {
    let ok = false;
    for (const id of this.keyring.ids()) ok = timingSafeEqual(this.codeHash(email, code, this.keyring.macKey(id)), stored) || ok;
    return ok;
  }

  async sendVerificationCode(email: string, ctx: RequestContext) {
    const code = randomDigits(6);
    const now = this.now();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('auth_email_codes')
        .values({ email: sql<string>`lower(${email})`, code_hash: this.codeHash(email, code), attempts: 0, created_at: now, expires_at: new Date(now.getTime() + EMAIL_CODE_TTL_MS) })
        .onConflict((oc) =>
          oc.column('email').doUpdateSet((eb) => ({
            code_hash: eb.ref('excluded.code_hash'),
            attempts: 0,
            created_at: eb.ref('excluded.created_at'),
            expires_at: eb.ref('excluded.expires_at'),
          })),
        )
        .execute();
      await writeAudit(trx, ctx, userEvent('email_code_sent', null, { email }));
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

  async verifyEmailCode(email: string, code: string, ctx: RequestContext) {
    const now = this.now();
    const key = sql<string>`lower(${email})`;
    const token = await this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('auth_email_codes').select(['code_hash', 'attempts', 'expires_at']).where('email', '=', key).forUpdate().executeTakeFirst();
      if (!row || row.expires_at <= now || row.attempts >= EMAIL_CODE_TRIES) return null;
      if (!this.codeMatches(email, code, row.code_hash)) {
        await trx.updateTable('auth_email_codes').set((eb) => ({ attempts: eb('attempts', '+', 1) })).where('email', '=', key).execute();
        await writeAudit(trx, ctx, userEvent('email_code_verify', null, { email, attempts: row.attempts + 1 }, 'failure'));
        return null;
      }
      await trx.deleteFrom('auth_email_codes').where('email', '=', key).execute();
      await writeAudit(trx, ctx, userEvent('email_code_verify', null, { email }));
      return issueToken(trx, 'email', null, email.toLowerCase(), VERIFICATION_TOKEN_TTL_MS, this.now());
    });
    if (!token) throw new VaultError('invalid_code');
    return { verified: true as const, verification_token: token };
  }

  async register(input: RegisterInput, ctx: RequestContext): Promise<Issued> {
    const peek = await peekToken(this.db, input.verification_token, 'email', this.now());
    if (!peek || peek.email !== input.email.toLowerCase()) throw new VaultError('verification_token_invalid');
    await checkPasswordPolicy(input.password, input.email, input.name);
    const hash = await hashPassword(input.password);
    try {
      return await this.db.transaction().execute(async (trx) => {
        if (!(await spendToken(trx, input.verification_token, 'email', this.now()))) throw new VaultError('verification_token_invalid');
        const id = newId('usr');
        const now = this.now();
        await trx
          .insertInto('users')
          .values({ id, email: input.email, name: input.name, password_hash: hash, created_at: now, updated_at: now, password_changed_at: now })
          .execute();
        const user = await userById(trx, id);
        await writeAudit(trx, ctx, userEvent('register', id, { email: input.email }));
        const issued = await this.sessions.create(trx, user, ctx);
        await writeAudit(trx, ctx, userEvent('login', id, { session_id: issued.sessionId, mfa_required: false }));
        return issued;
      });
    } catch (e) {
      // The unique index on lower(email): someone registered this address first.
      if ((e as { code?: string }).code === '23505') throw new VaultError('email_taken');
      throw e;
    }
  }
}
