// `node bench/indexes.mjs [--seconds 5] [--rounds 3]`: what each secondary index and foreign key
// of the tokenize statement costs PostgreSQL (issue 25). One scratch vault on its own embedded PostgreSQL; single
// tokenize (with a CVV) at 64 connections, then the same after dropping the next index or key,
// cumulatively, so each step's difference is its share. A diagnostic only: the vault
// needs these indexes (search, listing, expiry sweeps, the sealer), and the scratch vault is deleted.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { cardItem, cpuSpent, cpuUse, startVault, stop, vaultDbClient } from './lib.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { SEAL_LOCK } = await import(path.join(ROOT, 'dist/audit/chain.js'));
const { values: args } = parseArgs({ options: { seconds: { type: 'string', default: '5' }, rounds: { type: 'string', default: '3' } } });
const log = (m) => process.stderr.write(m + '\n');

// Applied in this order; each row of the report is measured with the steps above it applied.
const STEPS = [
  ['all indexes', null],
  ['− tokens_search_terms (GIN over the search terms)', 'DROP INDEX tokens_search_terms'],
  ['− tokens_listing (project, created_at, token)', 'DROP INDEX tokens_listing'],
  ['− cvc_sessions_token (project, token)', 'DROP INDEX cvc_sessions_token'],
  ['− cvc_sessions_expiry', 'DROP INDEX cvc_sessions_expiry'],
  ['− audit_log_project (project, created_at)', 'DROP INDEX audit_log_project'],
  ['− the foreign keys to projects (a per-row check of the project row)',
    'ALTER TABLE tokens DROP CONSTRAINT tokens_project_id_fkey; ALTER TABLE cvc_sessions DROP CONSTRAINT cvc_sessions_project_id_fkey'],
  // The sealer try-locks SEAL_LOCK (src/audit/chain.ts) and skips its round while this session holds it.
  ['− the audit sealer (its rounds deferred, not saved: they run once the lock is gone)', `SELECT pg_advisory_lock(${SEAL_LOCK})`],
];

const vault = await startVault({ root: ROOT, project: 'indexes' });
try {
  const db = await vaultDbClient(vault.dataDir);
  const opts = { url: vault.url + '/tokenize', method: 'POST', headers: vault.headers, connections: 64, requests: [{ setupRequest: (r) => ({ ...r, body: JSON.stringify(cardItem()) }) }] };
  await autocannon({ ...opts, duration: 3 }); // warm-up: plans cached, first autovacuum
  const rows = [];
  for (const [name, step] of STEPS) {
    if (step) await db.query(step);
    await db.query('VACUUM ANALYZE tokens, cvc_sessions, audit_log');
    await db.query('CHECKPOINT');
    const pgUs = [];
    const nodeUs = [];
    for (let i = 0; i < Number(args.rounds); i++) {
      const before = cpuUse(vault.child.pid);
      const r = await autocannon({ ...opts, duration: Number(args.seconds) });
      if (r.non2xx || r.errors) throw new Error(`${name}: ${r.non2xx} non-2xx, ${r.errors} errors`);
      const spent = cpuSpent(before, cpuUse(vault.child.pid));
      pgUs.push((spent.postgres / r.requests.total) * 1e6);
      nodeUs.push((spent.node / r.requests.total) * 1e6);
    }
    const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
    rows.push({ name, pg: median(pgUs), node: median(nodeUs) });
    log(`${name}: PostgreSQL ${median(pgUs).toFixed(0)} µs, Node ${median(nodeUs).toFixed(0)} µs per tokenize`);
  }
  await db.end();
  process.stdout.write('| indexes | PostgreSQL µs per tokenize | step | Node µs |\n|---|---:|---:|---:|\n'
    + rows.map((r, i) => `| ${r.name} | ${r.pg.toFixed(0)} | ${i ? (r.pg - rows[i - 1].pg).toFixed(0) : ''} | ${r.node.toFixed(0)} |`).join('\n') + '\n');
} finally {
  await stop(vault.child);
  rmSync(vault.dataDir, { recursive: true, force: true });
}
