// Single-use tokens: password reset links, expired-password resets and email verifications.
// Shown once; auth_tokens keeps their SHA-256 (43 random characters need no slow hash).
import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { randomString } from '../lib/random.js';

export type TokenPurpose = 'reset' | 'expired' | 'email';

const sha256 = (s: string) => createHash('sha256').update(s).digest();

export async function issueToken(trx: Transaction<DB>, purpose: TokenPurpose, userId: string | null, email: string, ttlMs: number, now: Date) {
  const token = randomString(43);
  await trx
    .insertInto('auth_tokens')
    .values({ token_hash: sha256(token), purpose, user_id: userId, email, created_at: now, expires_at: new Date(now.getTime() + ttlMs) })
    .execute();
  return token;
}

/** Marks a token spent; null when unknown, spent, expired or of another purpose. */
export async function spendToken(trx: Transaction<DB>, token: string, purpose: TokenPurpose, now: Date) {
  const row = await trx
    .updateTable('auth_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', sha256(token))
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['user_id', 'email'])
    .executeTakeFirst();
  return row ?? null;
}

/** What a live token is for, without spending it. */
export async function peekToken(db: Kysely<DB>, token: string, purpose: TokenPurpose, now: Date) {
  const row = await db
    .selectFrom('auth_tokens')
    .select(['user_id', 'email'])
    .where('token_hash', '=', sha256(token))
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row ?? null;
}

/**
 * A new password makes every outstanding reset and expired-password token worthless: a link read
 * from the mailbox earlier must not undo the change.
 */
export async function dropPasswordTokens(trx: Transaction<DB>, userId: string) {
  await trx.deleteFrom('auth_tokens').where('user_id', '=', userId).where('purpose', 'in', ['reset', 'expired']).where('used_at', 'is', null).execute();
}
