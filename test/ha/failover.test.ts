// Database failover with nothing lost: the vault on a Patroni-managed primary with a synchronous
// standby behind HAProxy (test/ha/cluster.ts). Under tokenize / detokenize load the primary's
// PostgreSQL is killed with SIGKILL, four times, alternating nodes: Patroni promotes the standby,
// HAProxy follows, the vault follows HAProxy. Every acknowledged token survives, the vault answers
// only 2xx or a clean 503 meanwhile, no request hangs, and the audit chain verifies.
// Runs under `npm run test:ha` (not `npm test`): a cluster takes ~20 s to start.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { parseKeyring } from '../../src/crypto/keyring.js';
import { checkAcked, longestGap, newLoadResult, runLoad } from '../support/load.js';
import { bootstrap, freePort, killTree, sleep, startVaultProcess, vaultEnv, verifyAudit, type VaultProcess } from '../support/vault-process.js';
import { type Cluster, ensureHaPackages, startCluster } from './cluster.js';

const ROUNDS = 4;
const TIMEOUT_MS = 15_000;
let cluster: Cluster;
let vault: VaultProcess | null = null;
const dataDir = mkdtempSync(path.join(tmpdir(), 'vault-ha-data-'));
const vaultPassword = randomBytes(18).toString('base64url');
const syncCost = { sync: 0, local: 0 };

function median(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

beforeAll(async () => {
  ensureHaPackages();
  cluster = await startCluster();
  await cluster.waitHealthy(180_000);
  const admin = new pg.Client({ connectionString: cluster.superuserUrl() });
  await admin.connect();
  await admin.query(`CREATE ROLE vault LOGIN PASSWORD '${vaultPassword}'`);
  await admin.query('CREATE DATABASE vault OWNER vault');
  await admin.end();

  // What synchronous replication costs one commit: the same insert waiting for the standby's
  // flush, then with synchronous_commit = local (this node's flush only).
  const c = new pg.Client({ connectionString: cluster.url('vault', vaultPassword, 'vault') });
  await c.connect();
  await c.query('CREATE TABLE commit_cost (x int)');
  for (const mode of ['sync', 'local'] as const) {
    if (mode === 'local') await c.query('SET synchronous_commit = local');
    const times: number[] = [];
    for (let i = 0; i < 300; i++) {
      const t = process.hrtime.bigint();
      await c.query('INSERT INTO commit_cost VALUES ($1)', [i]);
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    syncCost[mode] = median(times);
  }
  await c.query('DROP TABLE commit_cost');
  await c.end();
}, 600_000);

afterAll(async () => {
  if (vault && vault.child.exitCode === null) killTree(vault.child.pid!);
  await cluster?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

test(`kill -9 of the primary's PostgreSQL, ${ROUNDS} times back and forth, under load: nothing acknowledged lost, only 2xx or 503`, async () => {
  const databaseUrl = cluster.url('vault', vaultPassword, 'vault');
  const keys = `k1:${randomBytes(32).toString('base64')}`;
  const env = vaultEnv(await freePort(), { DATABASE_URL: databaseUrl, VAULT_MASTER_KEYS: keys, DATA_DIR: dataDir });
  vault = await startVaultProcess(env);
  const headers = await bootstrap(env);

  let stop = false;
  const ready: (number | string)[] = [];
  const probe = (async () => {
    while (!stop) {
      try {
        ready.push((await fetch(`${vault.url}/readyz`, { signal: AbortSignal.timeout(TIMEOUT_MS) })).status);
      } catch (err) {
        ready.push((err as Error).name);
      }
      await sleep(200);
    }
  })();
  const r = newLoadResult();
  const load = runLoad({ url: vault.url, headers, connections: 16, done: () => stop, timeoutMs: TIMEOUT_MS, detokenizeShare: 0.2, prefix: 'failover' }, r);

  const rounds: { killed: string; promoted: string; killAt: number; promotedMs: number; firstOkMs: number; rejoinedMs: number }[] = [];
  await sleep(3000);
  for (let i = 0; i < ROUNDS; i++) {
    const leader = (await cluster.members()).find((m) => m.role === 'leader')!.name;
    const killAt = Date.now();
    cluster.killPostgres(leader);
    let promoted = '';
    while (!promoted && Date.now() - killAt < 60_000) {
      await sleep(100);
      const m = (await cluster.members()).find((x) => x.role === 'leader' && x.state === 'running');
      if (m && m.name !== leader) promoted = m.name;
    }
    expect(promoted, `no promotion after killing ${leader}`).not.toBe('');
    const promotedMs = Date.now() - killAt;
    // The first write sent after the kill and acknowledged (one in flight at the kill may still
    // be acknowledged: its commit had reached the standby).
    const firstAck = () => r.events.find(([, o, sent]) => sent > killAt && o === '201');
    while (!firstAck() && Date.now() - killAt < 60_000) await sleep(50);
    const firstOkMs = firstAck()![0] - killAt;
    // The killed node comes back as the synchronous standby (rewound if it had diverged).
    await cluster.waitHealthy(120_000);
    rounds.push({ killed: leader, promoted, killAt, promotedMs, firstOkMs, rejoinedMs: Date.now() - killAt });
    await sleep(2000);
  }
  stop = true;
  await Promise.all([load, probe]);
  const end = Date.now();

  // On failure, the vault's own error lines say which database error was not a 503.
  const errors = vault.output().split('\n').filter((l) => l.includes('"level":50') && !l.includes('service_unavailable'));
  expect(Object.keys(r.statuses).filter((s) => !['200', '201', '503'].includes(s)), errors.slice(0, 3).join('\n')).toEqual([]);
  expect(r.maxLatencyMs).toBeLessThan(TIMEOUT_MS);
  expect(r.wrongData).toBe(0);
  expect(ready.filter((s) => s !== 200 && s !== 503)).toEqual([]);
  expect(ready.at(-1)).toBe(200);
  // Every acknowledged token is on the primary that is left, and the chain is whole.
  expect(await checkAcked(vault.url, headers, r.acked)).toEqual([]);
  const audit = await verifyAudit(databaseUrl, parseKeyring(keys));
  expect(audit.valid).toBe(true);

  const acks = r.events.filter(([, o]) => o === '201').map(([t]) => t);
  const gaps = rounds.map((x, i) => longestGap(acks, x.killAt - 500, rounds[i + 1]?.killAt ?? end));
  process.stderr.write(
    `failover: ${r.acked.size} tokens acknowledged, 0 lost; outcomes ${JSON.stringify(r.statuses)}; slowest answer ${r.maxLatencyMs} ms\n` +
      rounds.map((x, i) => `  round ${i + 1}: killed ${x.killed}, ${x.promoted} promoted after ${x.promotedMs} ms, first write sent after the kill acknowledged ${x.firstOkMs} ms after it, ` +
        `longest gap between acknowledged writes ${gaps[i]} ms, ${x.killed} back as sync standby after ${x.rejoinedMs} ms`).join('\n') +
      `\n  one commit: ${syncCost.sync.toFixed(2)} ms with the synchronous standby, ${syncCost.local.toFixed(2)} ms with synchronous_commit = local (median of 300)\n`,
  );
}, 600_000);
