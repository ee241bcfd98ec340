// kill -9 under load: the whole vault (Node and its embedded PostgreSQL) dies at once, three times,
// in the middle of tokenize / detokenize traffic. After each restart on the same DATA_DIR every
// token the vault acknowledged detokenizes to its card, every detokenize it answered has its
// audit entry, and the audit chain verifies.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, expect, test } from 'vitest';
import { loadOrCreateKeyFile } from '../../src/crypto/keyring.js';
import { startEmbedded, withDatabase } from '../../src/db/embedded.js';
import { checkAcked, type LoadResult, runLoad } from '../support/load.js';
import { alive, bootstrap, freePort, killTree, sleep, startVaultProcess, vaultEnv, verifyAudit, type VaultProcess } from '../support/vault-process.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'vault-crash-'));
let vault: VaultProcess | null = null;

afterAll(async () => {
  if (vault) killTree(vault.child.pid!);
  await sleep(200);
  rmSync(dataDir, { recursive: true, force: true });
});

test('three rounds of kill -9 under load lose no acknowledged token and no audit entry', async () => {
  const env = vaultEnv(await freePort(), { DATA_DIR: dataDir });
  vault = await startVaultProcess(env);
  const headers = await bootstrap(env);
  const acked = new Map<string, string>();
  const detokenized: string[] = [];
  const restarts: number[] = [];

  for (let round = 1; round <= 3; round++) {
    let stop = false;
    const load = runLoad({ url: vault.url, headers, connections: 32, done: () => stop, timeoutMs: 10_000, detokenizeShare: 0.3, prefix: `crash${round}` });
    await sleep(2500);
    const pids = killTree(vault.child.pid!);
    await sleep(300);
    stop = true;
    const r: LoadResult = await load;
    expect(pids.length).toBeGreaterThan(2); // Node, the postmaster, its backends
    for (const p of pids) expect(alive(p)).toBe(false);
    // Until the kill the vault answered; after it the client saw only refused or cut connections.
    expect(r.acked.size).toBeGreaterThan(50);
    expect(r.wrongData).toBe(0);
    expect(Object.keys(r.statuses).filter((s) => !['200', '201'].includes(s) && !s.startsWith('error:'))).toEqual([]);
    for (const [t, pan] of r.acked) acked.set(t, pan);
    detokenized.push(...r.detokenized);

    const t0 = Date.now();
    vault = await startVaultProcess(env);
    restarts.push(Date.now() - t0);
    expect(await checkAcked(vault.url, headers, acked)).toEqual([]);
  }

  const db = await startEmbedded({ dataDir }); // joins the running server
  const url = withDatabase(db.adminUrl, 'vault');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      "SELECT count(DISTINCT request_id)::int AS n FROM audit_log WHERE action = 'detokenize' AND request_id = ANY($1)",
      [detokenized],
    );
    expect(rows[0].n).toBe(detokenized.length);
  } finally {
    await client.end();
  }
  const verdict = await verifyAudit(url, loadOrCreateKeyFile(path.join(dataDir, 'master.key')).keyring);
  expect(verdict.valid).toBe(true);
  expect(verdict.entries).toBeGreaterThan(acked.size);

  process.stderr.write(`crash: ${acked.size} tokens acknowledged, 0 lost; ${detokenized.length} detokenizes audited; restarts ${restarts.join(', ')} ms\n`);
}, 240_000);
