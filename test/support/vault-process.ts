// The vault as production runs it: `src/main.ts` in its own process (through tsx, so no build is
// shared with other tests), on a DATA_DIR or a DATABASE_URL, for tests that kill, restart or drain
// it. Plus what those tests check afterwards: the database behind it and the audit chain.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import pino from 'pino';
import { AuditChain } from '../../src/audit/sealer.js';
import { type Keyring } from '../../src/crypto/keyring.js';
import { type Database, openDatabase } from '../../src/db/database.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');
const runFile = promisify(execFile);

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface VaultProcess {
  child: ChildProcess;
  url: string;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code (or signal) and when (ms since epoch) the process exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

/** The environment a vault on `dataDir` (embedded PostgreSQL) or on `databaseUrl` runs with. */
export function vaultEnv(port: number, extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...extra };
  for (const k of ['DATABASE_URL', 'VAULT_MASTER_KEYS']) if (!env[k]) delete env[k];
  return env;
}

/** Starts `src/main.ts` and waits until it says it is listening. */
export async function startVaultProcess(env: NodeJS.ProcessEnv, timeoutMs = 90_000): Promise<VaultProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/main.ts')], { env, cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  const until = Date.now() + timeoutMs;
  while (!out.includes('Vault listening') && Date.now() < until && child.exitCode === null) await sleep(100);
  if (!out.includes('Vault listening')) {
    child.kill('SIGKILL');
    throw new Error(`the vault did not start:\n${out}`);
  }
  return { child, url: `http://127.0.0.1:${env.PORT}`, output: () => out, exited };
}

/** `vault bootstrap` next to the running vault: headers of an application with every permission. */
export async function bootstrap(env: NodeJS.ProcessEnv, project = 'load'): Promise<Record<string, string>> {
  const { stdout } = await runFile(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/vault.ts'), 'bootstrap', '--project', project], { env, cwd: ROOT });
  const keys = JSON.parse(stdout);
  return { 'content-type': 'application/json', 'x-api-key': keys.api_key, 'x-pub-key': keys.pub_key };
}

/** Every process below `pid` (the vault's cluster workers, PostgreSQL and its backends). */
export function descendants(pid: number): number[] {
  const out: number[] = [];
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const t of tasks) {
    let kids: number[];
    try {
      kids = readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      continue;
    }
    for (const k of kids) out.push(k, ...descendants(k));
  }
  return out;
}

/** A power cut, as far as one machine can play it: SIGKILL to the whole process tree at once. */
export function killTree(pid: number): number[] {
  const all = [pid, ...descendants(pid)];
  for (const p of all) {
    try {
      process.kill(p, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  return all;
}

/** Running, that is: neither gone nor a zombie waiting for its parent to reap it. */
export function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Checks every audit chain the way `/api/audit-logs/verify` does. */
export async function verifyAudit(databaseUrl: string, keyring: Keyring) {
  const database: Database = openDatabase(databaseUrl, 2);
  try {
    return await new AuditChain(database.db, keyring, pino({ level: 'silent' }), { sealIntervalMs: 0, retentionDays: 730, now: () => new Date() }).verifyAll();
  } finally {
    await database.close();
  }
}
