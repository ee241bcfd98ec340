import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { auditSlotPlugin } from './audit.js';
import type { DB } from './schema.js';

// bigint (int8) columns come back as strings by default; our counters fit in a JS number.
pg.types.setTypeParser(20, (v) => Number(v));

export interface Database {
  pool: pg.Pool;
  db: Kysely<DB>;
  close(): Promise<void>;
}

/**
 * `timeoutMs`: the longest a caller waits for a connection from the pool and for one statement's
 * answer (client-side, so it holds when PostgreSQL itself is stalled — SIGSTOP, a hung disk —
 * and a server-side statement_timeout would never fire). Past it the call fails with an error
 * isDatabaseDown knows (a 503). Unset (the CLI, migrations): no bound.
 */
export function openDatabase(url: string, max = 20, opts: { genericPlans?: boolean; timeoutMs?: number } = {}): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    idleTimeoutMillis: 30_000,
    ...(opts.timeoutMs ? { connectionTimeoutMillis: opts.timeoutMs, query_timeout: opts.timeoutMs } : {}),
    // The hot statements take arrays (unnest) whose lengths vary per call, so PostgreSQL would
    // re-plan them on every execution (~5 ms for the tokenize CTE); their generic plan is fine.
    ...(opts.genericPlans ? { options: '-c plan_cache_mode=force_generic_plan' } : {}),
  });
  // A client losing its server (PostgreSQL restarted, failed over) must not crash the process:
  // idle, the pool reports it here; checked out between two queries (a transaction), the client
  // itself emits 'error' with no pool listener attached. Either way the next query on it fails
  // (a 503) and the pool discards it on release.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  // The plugin carries this database's audit MAC key slot to every writer (db/audit.ts).
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [auditSlotPlugin(url, pool)] });
  return {
    pool,
    db,
    // Kysely's destroy ends the pool it was given.
    close: () => db.destroy(),
  };
}
