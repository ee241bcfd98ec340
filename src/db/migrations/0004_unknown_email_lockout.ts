import { type Kysely, sql } from 'kysely';

// Failed logins for emails that have no account count toward a lockout just as a real account's
// do, so the 11th wrong attempt answers account_locked whether or not the email exists: the
// lockout must not tell an attacker which emails are registered. The email is kept as the audit
// entry of the failure already records it (lower-cased); rows are swept a day after their last use.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE auth_unknown_failures (
      email        text PRIMARY KEY,
      failures     integer NOT NULL DEFAULT 0,
      locked_until timestamptz,
      updated_at   timestamptz NOT NULL DEFAULT now()
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE auth_unknown_failures`.execute(db);
}
