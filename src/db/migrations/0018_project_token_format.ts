import { type Kysely, sql } from 'kysely';

// A project's default token format (docs/tokens.md "Formats"): what a tokenize item or an imported
// row without `format` (and without its own token id) gets, where the format fits its type.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE projects ADD COLUMN token_format text NOT NULL DEFAULT 'random'
      CHECK (token_format IN ('random', 'uuid', 'numeric', 'card_preserving', 'last4_preserving', 'fpe'));
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE projects DROP COLUMN token_format`.execute(db);
}
