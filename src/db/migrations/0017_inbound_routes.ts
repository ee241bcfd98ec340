import { type Kysely, sql } from 'kysely';

// Inbound routes (API.md §6.6, docs/inbound.md): a partner posts card data to /inbound/:id/…, the
// vault tokenizes `fields` and forwards to `upstream_url`. The id is the capability (190 random
// bits), so it is the primary key and looked up directly. `fields` is the checked JSON list of
// {path, type, format?, required?, data_fields?}. A project's routes go with the project.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE inbound_routes (
      id           text PRIMARY KEY,
      project_id   text NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
      name         text NOT NULL,
      upstream_url text NOT NULL,
      content_type text NOT NULL CHECK (content_type IN ('json', 'form')),
      fields       jsonb NOT NULL,
      created_at   timestamptz NOT NULL,
      updated_at   timestamptz NOT NULL,
      UNIQUE (project_id, name)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE inbound_routes`.execute(db);
}
