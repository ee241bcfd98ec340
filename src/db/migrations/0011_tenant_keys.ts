import { type Kysely, sql } from 'kysely';

// Every key of a table distributed by tenant leads with `project_id` (docs/scaling.md): on a
// distributed PostgreSQL (Citus) a unique constraint must contain the distribution column, and a
// lookup by key alone would visit every shard. CVC session ids are random UUIDs, so no id was
// ever shared between projects and the wider key changes no answer.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE cvc_sessions DROP CONSTRAINT cvc_sessions_pkey, ADD PRIMARY KEY (project_id, id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE cvc_sessions DROP CONSTRAINT cvc_sessions_pkey, ADD PRIMARY KEY (id);
  `.execute(db);
}
