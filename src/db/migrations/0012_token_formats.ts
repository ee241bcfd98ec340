import { type Kysely, sql } from 'kysely';

// The token formats of API.md §6.2 (src/tokens/format.ts). The fpe key needs no column: it is
// derived from the project's fingerprint key, which project_keys already holds wrapped.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE tokens DROP CONSTRAINT tokens_format_check, ADD CONSTRAINT tokens_format_check
      CHECK (format IN ('random', 'uuid', 'numeric', 'card_preserving', 'last4_preserving', 'fpe'));
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE tokens DROP CONSTRAINT tokens_format_check, ADD CONSTRAINT tokens_format_check
      CHECK (format IN ('random', 'card_preserving'));
  `.execute(db);
}
