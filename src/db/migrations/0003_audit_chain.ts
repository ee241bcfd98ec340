import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Vault-wide secrets (e.g. the audit chain MAC key), stored only wrapped by a master key.
    CREATE TABLE vault_secrets (
      name          text PRIMARY KEY,
      master_key_id text NOT NULL,
      wrapped       bytea NOT NULL,
      created_at    timestamptz NOT NULL DEFAULT now()
    );

    -- One hash chain per project ('' for entries that belong to no project, e.g. logins).
    CREATE TABLE audit_heads (
      chain      text PRIMARY KEY,
      seq        bigint NOT NULL,
      hash       text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    -- Where a chain restarts after retention pruned its beginning; MAC'd with the chain key.
    CREATE TABLE audit_checkpoints (
      chain      text PRIMARY KEY,
      seq        bigint NOT NULL,
      hash       text NOT NULL,
      pruned     bigint NOT NULL,
      mac        text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE UNIQUE INDEX audit_log_chain_seq ON audit_log ((coalesce(project_id, '')), seq) WHERE seq IS NOT NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX audit_log_chain_seq; DROP TABLE audit_checkpoints, audit_heads, vault_secrets`.execute(db);
}
