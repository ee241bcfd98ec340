import { type Kysely, sql } from 'kysely';

// Issue 13 (access control): the audit head gets a MAC under the chain key. Heads that exist
// already are flagged legacy and get their MAC on the next start (src/audit/chain.ts).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE audit_heads ADD COLUMN mac text, ADD COLUMN legacy boolean NOT NULL DEFAULT false;
    UPDATE audit_heads SET legacy = true;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE audit_heads DROP COLUMN mac, DROP COLUMN legacy`.execute(db);
}
