// PostgreSQL stalled (issue 31, item 9): SIGSTOP on the postmaster and every backend, under
// tokenize / detokenize load. A stalled server neither refuses nor cuts a connection, so only the
// pool's own bounds (databaseTimeoutMs: waiting for a connection, waiting for an answer) end a
// request: every one is answered, 2xx or a clean 503, within that bound; the coalescer's queued
// jobs fail with the one in flight; after SIGCONT the vault recovers by itself.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import type { EmbeddedDb } from '../../src/db/embedded.js';
import type { TestVault } from '../helpers.js';
import { checkAcked, runLoad } from '../support/load.js';
import { pgProcesses, recovery, signalAll, vaultOnOwnPg } from '../support/own-pg.js';
import { sleep } from '../support/vault-process.js';

const DB_TIMEOUT_MS = 2000;
const dir = mkdtempSync(path.join(tmpdir(), 'vault-pg-stall-'));
let server: EmbeddedDb | null = null;
let v: TestVault | null = null;
let stopped: number[] = [];

afterAll(async () => {
  signalAll(stopped, 'SIGCONT'); // a failed test must not leave a frozen PostgreSQL behind
  await v?.app.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('SIGSTOP on PostgreSQL: every request answered 2xx or 503 within the bound, recovery on SIGCONT', async () => {
  ({ server, v } = await vaultOnOwnPg(dir, { databaseTimeoutMs: DB_TIMEOUT_MS }));
  const a = await v.createApp();
  await v.sql.end();
  const headers = { ...a.headers, 'content-type': 'application/json' };
  let stop = false;
  const load = runLoad({ url: v.url, headers, connections: 8, done: () => stop, timeoutMs: 20_000, detokenizeShare: 0.3, prefix: 'stall' });
  await sleep(1500);
  stopped = pgProcesses(dir);
  const frozeAt = Date.now();
  signalAll(stopped, 'SIGSTOP');
  await sleep(6000);
  const readyz = await fetch(`${v.url}/readyz`, { signal: AbortSignal.timeout(20_000) });
  const readyzMs = Date.now() - frozeAt - 6000;
  signalAll(stopped, 'SIGCONT');
  const contAt = Date.now();
  stopped = [];
  await sleep(6000);
  stop = true;
  const r = await load;

  expect(Object.keys(r.statuses).filter((s) => !['200', '201', '503'].includes(s))).toEqual([]);
  const during = r.events.filter(([, , sent]) => sent > frozeAt && sent < contAt - 2 * DB_TIMEOUT_MS);
  expect(during.length).toBeGreaterThan(0);
  expect(during.filter(([, o]) => o !== '503')).toEqual([]);
  // The slowest: a connection wait then a statement wait, plus a busy machine.
  expect(r.maxLatencyMs).toBeLessThan(2 * DB_TIMEOUT_MS + 2000);
  expect(readyz.status).toBe(503);
  const rec = recovery(r.events, contAt, 3000);
  expect(rec.firstOkMs).toBeLessThan(3000);
  expect(rec.settled).toBeGreaterThan(0);
  expect(rec.failedAfterSettle).toBe(0);
  expect(r.wrongData).toBe(0);
  expect(await checkAcked(v.url, headers, r.acked)).toEqual([]);
  process.stderr.write(
    `pg stall: ${r.acked.size} acknowledged, 0 lost; outcomes ${JSON.stringify(r.statuses)}; slowest answer ${r.maxLatencyMs} ms; ` +
      `/readyz during the stall ${readyz.status} in ${readyzMs} ms; first success ${rec.firstOkMs} ms after SIGCONT\n`,
  );
}, 90_000);
