import { type Kysely, sql } from 'kysely';

// Idempotency keys (API.md §6.1, docs/idempotency.md). One row per (caller scope, key): claimed by
// INSERT … ON CONFLICT DO NOTHING before the handler runs, the answer written after. `status`
// NULL means "running": `lease_until` says until when the claim holds if its node dies.
// `request_mac` is an HMAC (never a plain hash: a tokenize body holds a card number) of the
// canonical request. `body` is sealed (AES-256-GCM) under the project's data key when
// `project_id` is set, else under the vault's idempotency secret. Distributed by `scope`.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE idempotency_keys (
      scope text NOT NULL,
      key text NOT NULL,
      request_mac bytea NOT NULL,
      owner text NOT NULL,
      project_id text,
      status integer,
      body bytea,
      lease_until timestamptz NOT NULL,
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      PRIMARY KEY (scope, key)
    );
    CREATE INDEX idempotency_keys_expires ON idempotency_keys (expires_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE idempotency_keys`.execute(db);
}
