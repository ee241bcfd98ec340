import { type Kysely, sql } from 'kysely';

// Session keys for browser capture (docs/api.md §2.4): minted by a merchant's server, spent by the
// vault's own frames on /tokenize. Only a SHA-256 of the key is kept (it carries 256 bits of
// randomness, so a fast hash is enough). `uses` counts successful tokenizations. The project's
// `elements_origins` are the pages allowed to embed the card frames (CSP frame-ancestors).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE elements_sessions (
      id            text PRIMARY KEY,
      key_hash      bytea NOT NULL UNIQUE,
      project_id    text NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
      app_id        text NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
      session_limit integer NOT NULL CHECK (session_limit BETWEEN 1 AND 100),
      uses          integer NOT NULL DEFAULT 0 CHECK (uses >= 0 AND uses <= session_limit),
      created_at    timestamptz NOT NULL,
      expires_at    timestamptz NOT NULL,
      revoked_at    timestamptz
    );
    CREATE INDEX elements_sessions_expiry ON elements_sessions (expires_at);
    ALTER TABLE projects ADD COLUMN elements_origins text[] NOT NULL DEFAULT '{}';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE elements_sessions; ALTER TABLE projects DROP COLUMN elements_origins`.execute(db);
}
