import { type Kysely, sql } from 'kysely';

// Audit rows written once (issue 22): each row carries its writer's MAC (`mac`) and the id of
// the transaction that wrote it (`txid`, 64-bit, never wraps); the sealer appends MAC'd seals to
// `audit_seals`, each committing to one chain's rows of a closed txid range, instead of updating
// every row. `seq`, `hash` and `prev_hash` stay for the rows of the old chain.
// Rows and chains from before this migration get placeholders (mac NULL) that the vault MACs
// once, on its first start (trust on first use, logged): a `start` (n = 0) for the account chain
// and every project, and a `legacy` seal (n = 1) over each chain's existing rows.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE audit_log ADD COLUMN txid bigint, ADD COLUMN mac text;
    -- A separate step: as the column's default it would fill the old rows with this migration's xid.
    ALTER TABLE audit_log ALTER COLUMN txid SET DEFAULT pg_current_xact_id()::text::bigint;
    -- Every new row would land in this partial index (seq is never set again): one index fewer.
    DROP INDEX audit_log_unsealed;
    CREATE INDEX audit_log_txid ON audit_log (txid);

    CREATE TABLE audit_seals (
      chain      text NOT NULL,
      n          bigint NOT NULL,
      kind       text NOT NULL CHECK (kind IN ('start', 'legacy', 'rows', 'checkpoint')),
      from_txid  bigint NOT NULL,
      to_txid    bigint NOT NULL,
      entries    bigint NOT NULL,
      digest     text NOT NULL,
      rejected   text[] NOT NULL DEFAULT '{}',
      prev_mac   text NOT NULL,
      mac        text,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (chain, n)
    );

    INSERT INTO audit_seals (chain, n, kind, from_txid, to_txid, entries, digest, prev_mac)
    SELECT chain, 0, 'start', 0, 0, 0, '', '' FROM (SELECT '' AS chain UNION SELECT id FROM projects) c;
    INSERT INTO audit_seals (chain, n, kind, from_txid, to_txid, entries, digest, prev_mac)
    SELECT DISTINCT coalesce(project_id, ''), 1, 'legacy', 0, 0, 0, '', '' FROM audit_log;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE audit_seals;
    DROP INDEX audit_log_txid;
    CREATE INDEX audit_log_unsealed ON audit_log (ingest) WHERE seq IS NULL;
    ALTER TABLE audit_log DROP COLUMN txid, DROP COLUMN mac;
  `.execute(db);
}
