// VAULT_WORKERS=2: the built server runs as a cluster on one port over one embedded PostgreSQL,
// and SIGTERM stops the workers and then PostgreSQL.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
let dir: string;
let child: ChildProcess;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

function alive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

beforeAll(() => {
  execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.json')]);
  dir = mkdtempSync(path.join(tmpdir(), 'vault-workers-'));
}, 120_000);

afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

test('two workers serve one port; SIGTERM stops them and the embedded PostgreSQL', async () => {
  const port = await freePort();
  let out = '';
  child = spawn(process.execPath, [path.join(root, 'dist/main.js')], {
    env: { ...process.env, DATA_DIR: dir, PORT: String(port), HOST: '127.0.0.1', VAULT_WORKERS: '2', LOG_LEVEL: 'warn', DATABASE_URL: '', VAULT_MASTER_KEYS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const until = Date.now() + 90_000;
  while (!out.includes('2 workers') && Date.now() < until && child.exitCode === null) await new Promise((r) => setTimeout(r, 200));
  expect(out).toContain('2 workers');

  const pids = new Set<number>();
  for (let i = 0; i < 20; i++) {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`, { headers: { connection: 'close' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ success: true, data: { status: 'ok' } });
  }
  // Both workers are up (forked by the primary, not PostgreSQL).
  const children = readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(/\s+/).map(Number);
  // By executable, not by name: Node 24 names its main thread "MainThread".
  for (const c of children) if (readlinkSync(`/proc/${c}/exe`) === process.execPath) pids.add(c);
  expect(pids.size).toBe(2);

  const pgPid = Number(readFileSync(path.join(dir, 'pg/postmaster.pid'), 'utf8').split('\n')[0]);
  expect(alive(pgPid)).toBe(true);
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
  for (const p of pids) expect(alive(p)).toBe(false);
  expect(alive(pgPid)).toBe(false);
  expect(existsSync(path.join(dir, 'pg/postmaster.pid'))).toBe(false);
}, 150_000);
