// With stdout not a terminal (a container, systemd, a log shipper) every line the vault prints
// from start to stop is one JSON object: the start lines, a request, a failed request, the drain.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { freePort, ROOT, sleep, vaultEnv } from '../support/vault-process.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'vault-jsonlog-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

test('start, requests and shutdown with stdout piped: every line parses as JSON', async () => {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/main.ts')], {
    env: vaultEnv(port, { DATA_DIR: dataDir, LOG_LEVEL: 'info', PROT: '1' }),
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const until = Date.now() + 90_000;
  while (!out.includes('Vault listening') && Date.now() < until && child.exitCode === null) await sleep(100);
  expect(out).toContain('Vault listening');
  expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  expect((await fetch(`http://127.0.0.1:${port}/tokenize`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })).status).toBe(401);
  child.kill('SIGTERM');
  expect(await exited).toBe(0);

  const lines = out.split('\n').filter(Boolean);
  const parsed = lines.map((l) => {
    try {
      return JSON.parse(l) as { level: number; msg: string; [k: string]: unknown };
    } catch {
      throw new Error(`not JSON: ${l}`);
    }
  });
  expect(err).toBe('');
  const msgs = parsed.map((p) => p.msg);
  expect(msgs).toContain('PROT is not a vault variable and is ignored; did you mean PORT?');
  const banner = parsed.find((p) => p.msg.startsWith('Vault listening'))!;
  expect(banner).toMatchObject({ database: `embedded PostgreSQL under ${dataDir}/pg`, mail: `written as .eml files to ${dataDir}/outbox/` });
  expect(msgs.some((m) => m.startsWith('Using the development master key'))).toBe(true);
  expect(msgs.some((m) => /^vault: drained and stopped/.test(m))).toBe(true);
  expect(msgs.some((m) => m.includes('WARNING'))).toBe(false);
}, 120_000);
