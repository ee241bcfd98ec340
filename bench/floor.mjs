// The floor of the vault's stack (issue 25): the same Fastify, pg driver, embedded PostgreSQL
// (durable settings) and group commit as the vault, and nothing of the vault. What this server
// spends per request, no design that keeps those parts can spend less.
//   POST /read   {"token": "..."}: one primary-key SELECT, concurrent requests merged into one
//                statement (detokenize's shape without the key guard, the audit row, crypto
//                and the hook stack)
//   POST /write  {"token": "..."}: the SELECT plus one durable INSERT of an audit-sized row in the
//                same statement (synchronous_commit on), group-committed: the least an audited
//                request can cost
// argv: port, data directory. Started by bench/run.mjs, which measures it with the vault.
import Fastify from 'fastify';
import pg from 'pg';
import { Coalescer } from '../dist/db/coalescer.js';
import { startEmbedded, withDatabase } from '../dist/db/embedded.js';

const [port, dataDir] = process.argv.slice(2);
const server = await startEmbedded({ dataDir });
const pool = new pg.Pool({ connectionString: withDatabase(server.adminUrl, 'postgres'), max: 8, options: '-c plan_cache_mode=force_generic_plan' });
// Sized like the vault's: a token row of ~100 bytes, an audit row with two indexes.
await pool.query(`
  CREATE TABLE IF NOT EXISTS floor_tokens (project_id text, token text, ciphertext bytea, PRIMARY KEY (project_id, token));
  CREATE TABLE IF NOT EXISTS floor_audit (ingest bigserial PRIMARY KEY, project_id text, created_at timestamptz, action text,
    resource_id text, request_id text, details jsonb, mac text);
  CREATE INDEX IF NOT EXISTS floor_audit_project ON floor_audit (project_id, created_at DESC);
  INSERT INTO floor_tokens SELECT 'p', 'tok_' || i, decode(md5(i::text) || md5(i::text) || md5(i::text), 'hex')
  FROM generate_series(1, 10000) i ON CONFLICT DO NOTHING;
`);

const READ = `SELECT w.req, t.token, t.ciphertext FROM unnest($1::int[], $2::text[]) AS w(req, token)
  JOIN floor_tokens t ON t.project_id = 'p' AND t.token = w.token`;
const WRITE = `WITH t AS (${READ}), a AS (
  INSERT INTO floor_audit (project_id, created_at, action, resource_id, request_id, details, mac)
  SELECT 'p', now(), 'detokenize', x.token, x.request_id,
         jsonb_build_object('requested', 1, 'found', (SELECT count(*) FROM t WHERE t.req = x.req)), x.mac
  FROM unnest($1::int[], $2::text[], $3::text[], $4::text[]) AS x(req, token, request_id, mac)
)
SELECT * FROM t`;

const log = { error: (o, m) => process.stderr.write(`${m} ${o.err?.message ?? ''}\n`) };
const batch = (name, text, audited) => new Coalescer(async (jobs) => {
  const values = [jobs.map((_, i) => i), jobs.map((j) => j.token)];
  if (audited) values.push(jobs.map((j) => j.requestId), jobs.map((j) => j.mac));
  const { rows } = await pool.query({ name, text, values });
  const out = jobs.map(() => null);
  for (const r of rows) out[r.req] = r;
  return out;
}, 2000, 4, log, name);
const reads = batch('floor_read', READ, false);
const writes = batch('floor_write', WRITE, true);

const app = Fastify({ logger: false });
const body = { type: 'object', required: ['token'], additionalProperties: false, properties: { token: { type: 'string', minLength: 1, maxLength: 128 } } };
const answer = { 200: { type: 'object', properties: { token: { type: 'string' }, found: { type: 'boolean' } } } };
let n = 0;
const MAC = 'm'.repeat(43);
for (const [path, queue] of [['/read', reads], ['/write', writes]]) {
  app.post(path, { schema: { body, response: answer } }, async (req) => {
    const row = await queue.submit({ size: 1, token: req.body.token, requestId: `r${n++}`, mac: MAC });
    return { token: req.body.token, found: row !== null };
  });
}
app.get('/ready', async () => 'ok');
await app.listen({ port: Number(port), host: '127.0.0.1' });
process.stdout.write('ready\n');
process.on('SIGTERM', () => app.close().then(() => pool.end()).then(() => server.stop()).then(() => process.exit(0)));
