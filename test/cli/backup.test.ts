// The backup and restore drill: `vault backup FILE` next to a running vault under tokenize load,
// `vault restore FILE` into an empty database with the same master key, and the restored vault
// detokenizes every token acknowledged before the backup and verifies its audit chain. A keyring
// without the right key, or a database that is not empty, is refused before anything is written.
// RESTORE_DRILL_TOKENS=1000000 makes it the 1 M-token drill of docs/operations.md.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadOrCreateKeyFile } from '../../src/crypto/keyring.js';
import { startEmbedded, withDatabase } from '../../src/db/embedded.js';
import { ensureDebianPackages } from '../support/debian.js';
import { checkAcked, randomPan, runLoad } from '../support/load.js';
import { bootstrap, freePort, killTree, ROOT, sleep, startVaultProcess, vaultEnv, verifyAudit, type VaultProcess } from '../support/vault-process.js';

const TOKENS = Number(process.env.RESTORE_DRILL_TOKENS ?? 3000);
const run = promisify(execFile);
const tmp = mkdtempSync(path.join(tmpdir(), 'vault-backup-'));
const dirs = { source: path.join(tmp, 'source'), target: path.join(tmp, 'target'), stranger: path.join(tmp, 'stranger') };
const file = path.join(tmp, 'vault.backup');
const running: VaultProcess[] = [];

const cli = (env: NodeJS.ProcessEnv, ...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/vault.ts'), ...args], { env, cwd: ROOT, maxBuffer: 1 << 24 });

beforeAll(() => {
  ensureDebianPackages([
    { file: '/usr/lib/postgresql/15/bin/pg_dump', pkg: 'postgresql-client-15' },
    { file: '/usr/lib/postgresql/15/bin/pg_restore', pkg: 'postgresql-client-15' },
  ]);
}, 600_000);

afterAll(async () => {
  for (const v of running) if (v.child.exitCode === null) killTree(v.child.pid!);
  await sleep(200);
  rmSync(tmp, { recursive: true, force: true });
});

/** Tokenizes `n` cards in batches of 1000 on 4 connections; returns token → card number. */
async function fill(url: string, headers: Record<string, string>, n: number) {
  const out = new Map<string, string>();
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < n) {
        const size = Math.min(1000, n - next);
        next += size;
        const pans = Array.from({ length: size }, randomPan);
        const res = await fetch(`${url}/tokenize`, {
          method: 'POST', headers,
          body: JSON.stringify({ items: pans.map((p) => ({ type: 'card', data: { cardNumber: p, expirationMonth: '12', expirationYear: '2034' } })) }),
        });
        expect(res.status).toBe(200);
        const { items } = (await res.json()) as { items: { token: string }[] };
        items.forEach((it, i) => out.set(it.token, pans[i]));
      }
    }),
  );
  return out;
}

test(`backup under load, restore into an empty database: every token detokenizes, the audit chain verifies (${TOKENS} tokens)`, async () => {
  const source = vaultEnv(await freePort(), { DATA_DIR: dirs.source });
  let vault = await startVaultProcess(source);
  running.push(vault);
  const headers = await bootstrap(source);
  const t0 = Date.now();
  const before = await fill(vault.url, headers, TOKENS);
  const fillSeconds = (Date.now() - t0) / 1000;

  // The backup runs while clients keep tokenizing and detokenizing.
  let stop = false;
  const load = runLoad({ url: vault.url, headers, connections: 4, done: () => stop, timeoutMs: 10_000, detokenizeShare: 0.5, prefix: 'during-backup' });
  await sleep(300);
  const made = JSON.parse((await cli(source, 'backup', file)).stdout);
  stop = true;
  const during = await load;
  expect(made.counts.tokens).toBeGreaterThanOrEqual(TOKENS);
  expect(made.master_keys.map((k: { id: string }) => k.id)).toEqual(['k1']);
  // The key's check value is in the file, the key is not.
  const key = readFileSync(path.join(dirs.source, 'master.key'), 'utf8').trim().split(':')[1];
  const bytes = readFileSync(file);
  expect(bytes.includes(key)).toBe(false);
  expect(bytes.includes(Buffer.from(key, 'base64'))).toBe(false);
  vault.child.kill('SIGTERM');
  await vault.exited;

  // A keyring without the backup's key: refused, nothing written.
  const stranger = vaultEnv(await freePort(), { DATA_DIR: dirs.stranger });
  await expect(cli(stranger, 'restore', file)).rejects.toThrow(/master key "k1" in this keyring is not the one the backup was sealed under/);
  const probe = await startEmbedded({ dataDir: dirs.stranger });
  const c = new pg.Client({ connectionString: withDatabase(probe.adminUrl, 'vault') });
  await c.connect();
  expect((await c.query("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'")).rows[0].n).toBe(0);
  await c.end();
  await probe.stop();

  // The operator brings the master key; the database is new and empty.
  const target = vaultEnv(await freePort(), { DATA_DIR: dirs.target });
  mkdirSync(dirs.target, { recursive: true });
  copyFileSync(path.join(dirs.source, 'master.key'), path.join(dirs.target, 'master.key'));
  const restored = JSON.parse((await cli(target, 'restore', file)).stdout);
  expect(restored.tokens).toBe(made.counts.tokens);
  expect(restored.audit_entries_verified).toBeGreaterThan(0);
  // A second restore into the now full database is refused.
  await expect(cli(target, 'restore', file)).rejects.toThrow(/restore needs an empty database/);

  vault = await startVaultProcess(target);
  running.push(vault);
  expect(await checkAcked(vault.url, headers, before)).toEqual([]);
  const verdict = await verifyAudit(withDatabase((await startEmbedded({ dataDir: dirs.target })).adminUrl, 'vault'), loadOrCreateKeyFile(path.join(dirs.target, 'master.key')).keyring);
  expect(verdict.valid).toBe(true);
  process.stderr.write(
    `backup drill: ${made.counts.tokens} tokens (filled in ${fillSeconds} s); backup ${made.seconds} s, ${(made.bytes / 1e6).toFixed(1)} MB, ` +
      `under load (${during.acked.size} tokenized meanwhile); restore ${restored.restore_seconds} s (+ checks: ${restored.seconds} s); ` +
      `${verdict.entries} audit entries verify\n`,
  );
}, Math.max(240_000, TOKENS * 2));
