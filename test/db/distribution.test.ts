// The schema stays ready for a distributed PostgreSQL (Citus, docs/scaling.md): every table is
// classified; a tenant table's primary key and unique indexes lead with its distribution column
// (a unique constraint must contain it, and a key lookup without it visits every shard); foreign
// keys go from tenant tables to reference tables or stay within one tenant, never the other way.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../helpers.js';

/** Tables distributed by tenant, with their distribution column. */
const DISTRIBUTED: Record<string, string> = {
  tokens: 'project_id',
  cvc_sessions: 'project_id',
  audit_log: 'project_id',
  audit_seals: 'chain',
  // Keyed by the caller (application, user or session), never looked up without it.
  idempotency_keys: 'scope',
  webhook_deliveries: 'project_id',
};
/** Small, read everywhere, written rarely: copied to every node. */
const REFERENCE = [
  'projects', 'applications', 'project_keys', 'project_members', 'project_invitations', 'data_key_jobs', 'elements_sessions',
  'users', 'auth_backup_codes', 'auth_email_codes', 'auth_rate_limits', 'auth_sessions', 'auth_signing_keys', 'auth_tokens',
  'auth_unknown_failures', 'vault_master_keys', 'vault_secrets', 'audit_heads', 'audit_checkpoints', 'import_keys',
  'webhooks', 'inbound_routes',
];
/** The coordinator's own bookkeeping. */
// webhook_cursor: the one outbox position of the whole vault (one row).
const LOCAL = ['vault_migrations', 'vault_migrations_lock', 'webhook_cursor'];
/**
 * What a Citus deployment changes first (docs/scaling.md, "Before distributing"): account events
 * have no project (project_id NULL), and Citus refuses NULL in a distribution column. Listed so
 * that the gap cannot grow unseen; the test fails when it is closed, so the list shrinks with it.
 */
const KNOWN_GAPS = [
  'audit_log: distribution column project_id is nullable',
  'audit_log: primary key (ingest) does not lead with project_id',
  "audit_log: unique index (COALESCE(project_id, ''::text), seq) WHERE (seq IS NOT NULL) does not lead with project_id",
];

let client: pg.Client;
beforeAll(async () => {
  client = new pg.Client({ connectionString: await freshDatabase() });
  await client.connect();
});
afterAll(() => client?.end());

const rows = async <T>(text: string) => (await client.query(text)).rows as T[];

describe('schema ready for distribution by tenant', () => {
  it('classifies every table exactly once', async () => {
    const tables = (await rows<{ t: string }>(`SELECT relname AS t FROM pg_class WHERE relkind IN ('r', 'p') AND relnamespace = 'public'::regnamespace`)).map((r) => r.t);
    const classified = [...Object.keys(DISTRIBUTED), ...REFERENCE, ...LOCAL];
    expect(new Set(classified).size).toBe(classified.length);
    expect(tables.filter((t) => !classified.includes(t)).sort(), 'tables to classify in this test and docs/scaling.md').toEqual([]);
    expect(classified.filter((t) => !tables.includes(t)).sort(), 'classified tables that no longer exist').toEqual([]);
  });

  it('leads every key of a distributed table with its distribution column', async () => {
    const problems: string[] = [];
    for (const [table, column] of Object.entries(DISTRIBUTED)) {
      const [{ notnull }] = await rows<{ notnull: boolean }>(
        `SELECT attnotnull AS notnull FROM pg_attribute WHERE attrelid = 'public.${table}'::regclass AND attname = '${column}'`,
      );
      if (!notnull) problems.push(`${table}: distribution column ${column} is nullable`);
      const keys = await rows<{ def: string; pk: boolean; first: string | null }>(`
        SELECT regexp_replace(pg_get_indexdef(i.indexrelid), '^.* USING \\w+ ', '') AS def, i.indisprimary AS pk, a.attname AS first
        FROM pg_index i
        LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
        WHERE i.indrelid = 'public.${table}'::regclass AND i.indisunique`);
      for (const k of keys) {
        if (k.first !== column) problems.push(`${table}: ${k.pk ? 'primary key' : 'unique index'} ${k.def} does not lead with ${column}`);
      }
      if (!keys.some((k) => k.pk)) problems.push(`${table}: no primary key`);
    }
    expect(problems.sort()).toEqual([...KNOWN_GAPS].sort());
  });

  it('has no foreign key from a reference table to a tenant table, nor between tenants', async () => {
    const fks = await rows<{ from: string; to: string; cols: string[]; refcols: string[] }>(`
      SELECT conrelid::regclass::text AS "from", confrelid::regclass::text AS "to",
             ARRAY(SELECT attname FROM pg_attribute WHERE attrelid = conrelid AND attnum = ANY (conkey)) AS cols,
             ARRAY(SELECT attname FROM pg_attribute WHERE attrelid = confrelid AND attnum = ANY (confkey)) AS refcols
      FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace`);
    const bad = fks.filter((fk) => {
      const toDistributed = fk.to in DISTRIBUTED;
      if (!toDistributed) return false; // to a reference table: fine from anywhere
      // Into a tenant table only from a tenant table, through both distribution columns.
      return !(fk.from in DISTRIBUTED) || !fk.cols.includes(DISTRIBUTED[fk.from]) || !fk.refcols.includes(DISTRIBUTED[fk.to]);
    });
    expect(bad.map((fk) => `${fk.from} -> ${fk.to}`)).toEqual([]);
  });
});
