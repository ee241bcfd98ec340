import { type Kysely, sql } from 'kysely';

// Webhooks (API.md §6.5, docs/webhooks.md). The audit log is the outbox: every event is already
// an audit row written in the same transaction as its change, so nothing is written on the hot
// path. `webhook_cursor` (one row) is how far the dispatcher has read the log, by transaction id
// (the sealer's closed ranges: no row can still appear below it); it starts at the migration, so
// history is never replayed. Delivery rows are created in the transaction that advances it, and
// (webhook_id, audit_id) is unique, so a row is never delivered twice by two nodes.
// `secret` is the signing secret sealed (AES-256-GCM) under the project's data key.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE webhooks (
      id text PRIMARY KEY,
      project_id text NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
      url text NOT NULL,
      events text[] NOT NULL,
      description text,
      secret bytea NOT NULL,
      created_by text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      deleted_at timestamptz
    );
    CREATE INDEX webhooks_project ON webhooks (project_id) WHERE deleted_at IS NULL;
    CREATE TABLE webhook_deliveries (
      id text NOT NULL,
      webhook_id text NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
      project_id text NOT NULL,
      audit_id text NOT NULL,
      event_type text NOT NULL,
      payload text NOT NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed')),
      attempts integer NOT NULL DEFAULT 0,
      last_status integer,
      last_error text,
      next_attempt_at timestamptz NOT NULL,
      give_up_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL,
      delivered_at timestamptz,
      -- Keys lead with project_id: the table is distributed by tenant (docs/scaling.md).
      PRIMARY KEY (project_id, id),
      UNIQUE (project_id, webhook_id, audit_id)
    );
    CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
    CREATE INDEX webhook_deliveries_list ON webhook_deliveries (webhook_id, created_at DESC, id DESC);
    CREATE TABLE webhook_cursor (
      id integer PRIMARY KEY CHECK (id = 1),
      txid bigint NOT NULL
    );
    INSERT INTO webhook_cursor (id, txid) VALUES (1, pg_current_xact_id()::text::bigint);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE webhook_deliveries; DROP TABLE webhooks; DROP TABLE webhook_cursor`.execute(db);
}
