import { type Kysely, sql } from 'kysely';

// A project's OpenPGP import key (docs/migration.md): vendors encrypt their card exports to its
// public part; the private part is stored only wrapped by the master key (re-wrapped by
// `keys rotate` like every other secret). One per project, created once by `vault import-key`.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE import_keys (
      project_id    text PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
      fingerprint   text NOT NULL,
      public_key    text NOT NULL,
      master_key_id text NOT NULL,
      wrapped       bytea NOT NULL,
      created_at    timestamptz NOT NULL DEFAULT now()
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE import_keys`.execute(db);
}
