// PostgreSQL goes away under tokenize / detokenize load, twice: a fast shutdown (what a restart or
// a minor-version upgrade does) and a kill -9 of the postmaster and every backend (a crash), each
// followed by 3 s of downtime and a start on the same port. The vault answers only 2xx or a clean
// 503 meanwhile, every request within its client timeout, and its pools come back by themselves.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, expect, test } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { type EmbeddedDb, startEmbedded, withDatabase } from '../../src/db/embedded.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { freshDatabase, startVault, type TestVault, VISA } from '../helpers.js';
import { checkAcked, runLoad } from '../support/load.js';
import { killTree, sleep } from '../support/vault-process.js';

const dir = mkdtempSync(path.join(tmpdir(), 'vault-pg-restart-'));
let server: EmbeddedDb | null = null;
let v: TestVault | null = null;

afterAll(async () => {
  await v?.app.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const TIMEOUT_MS = 10_000;

test('PostgreSQL restarts and crashes under load: only 2xx or 503, no request over its timeout, pools recover', async () => {
  server = await startEmbedded({ dataDir: dir });
  const port = server.port;
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  await admin.query('CREATE DATABASE vault');
  await admin.end();
  const url = withDatabase(server.adminUrl, 'vault');
  const m = openDatabase(url, 1);
  await migrateToLatest(m.db);
  await m.close();

  v = await startVault({ databaseUrl: url });
  const a = await v.createApp();
  await v.sql.end(); // the test's own pool would only see the outage
  const headers = { ...a.headers, 'content-type': 'application/json' };

  let stop = false;
  const ready: [number, number | string][] = [];
  const probe = (async () => {
    while (!stop) {
      try {
        const r = await fetch(`${v.url}/readyz`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
        ready.push([Date.now(), r.status]);
      } catch (err) {
        ready.push([Date.now(), (err as Error).name]);
      }
      await sleep(100);
    }
  })();
  const load = runLoad({ url: v.url, headers, connections: 16, done: () => stop, timeoutMs: TIMEOUT_MS, detokenizeShare: 0.3, prefix: 'pgrestart' });

  const ups: number[] = [];
  const downs: number[] = [];
  await sleep(1500);
  downs.push(Date.now());
  await server.stop(); // fast shutdown: every backend is terminated (57P01)
  await sleep(3000);
  server = await startEmbedded({ dataDir: dir, port });
  ups.push(Date.now());
  await sleep(4000);
  downs.push(Date.now());
  killTree(Number(readFileSync(path.join(dir, 'pg/postmaster.pid'), 'utf8').split('\n')[0]));
  await sleep(3000);
  server = await startEmbedded({ dataDir: dir, port }); // crash recovery
  ups.push(Date.now());
  await sleep(5000);
  stop = true;
  const r = await load;
  await probe;

  // Only acknowledgements, reads and clean 503s; nothing hung, no connection cut.
  expect(Object.keys(r.statuses).filter((s) => !['200', '201', '503'].includes(s))).toEqual([]);
  expect(r.statuses['503']).toBeGreaterThan(0);
  expect(r.maxLatencyMs).toBeLessThan(TIMEOUT_MS);
  expect(r.wrongData).toBe(0);
  expect(ready.filter(([, s]) => s !== 200 && s !== 503)).toEqual([]);
  expect(ready.some(([, s]) => s === 503)).toBe(true);
  // Recovered by itself: from 2 s after each start until the next outage, every answer succeeds.
  const recovery = ups.map((up) => {
    const after = r.events.filter(([t]) => t > up);
    const firstOk = after.find(([, o]) => o === '200' || o === '201');
    const nextDown = downs.find((d) => d > up) ?? Infinity;
    const settled = after.filter(([t]) => t > up + 2000 && t < nextDown);
    expect(settled.length).toBeGreaterThan(0);
    expect(settled.filter(([, o]) => o !== '200' && o !== '201')).toEqual([]);
    return firstOk ? firstOk[0] - up : Infinity;
  });
  expect(ready.at(-1)![1]).toBe(200);
  expect(await checkAcked(v.url, headers, r.acked)).toEqual([]);
  process.stderr.write(
    `pg restart: ${r.acked.size} acknowledged, 0 lost; outcomes ${JSON.stringify(r.statuses)}; max latency ${r.maxLatencyMs} ms; ` +
      `first success ${recovery.join(' / ')} ms after PostgreSQL was back\n`,
  );
}, 120_000);

test('a database that refuses writes (a standby, mid-failover) gives 503, not 500', async () => {
  const url = await freshDatabase();
  const own = await startVault({ databaseUrl: url });
  try {
    const a = await own.createApp();
    const db = new URL(url).pathname.slice(1);
    // What a standby answers every write with (25006), on every new connection.
    await own.sql.query(`ALTER DATABASE ${db} SET default_transaction_read_only = on`);
    await own.sql.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
    const res = await fetch(`${own.url}/tokenize`, { method: 'POST', headers: { ...a.headers, 'content-type': 'application/json' }, body: JSON.stringify({ type: 'card', data: VISA }) });
    expect(res.status).toBe(503);
    expect((await res.json()).error.code).toBe('service_unavailable');
  } finally {
    await own.sql.end().catch(() => {});
    await own.app.close();
  }
});
