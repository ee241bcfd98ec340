// A start that fails, for each reason an operator meets, leaves nothing behind: no postgres on
// the data directory once the process has exited. A signal during start is a stop, not a crash.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, ROOT, sleep, vaultEnv } from '../support/vault-process.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'vault-startfail-'));

afterAll(async () => {
  for (const pid of postgresOn(dataDir)) process.kill(pid, 'SIGKILL');
  await sleep(200);
  rmSync(dataDir, { recursive: true, force: true });
});

/** Live postgres processes whose command line names `dir` (the postmaster's -D DATA_DIR/pg). */
export function postgresOn(dir: string): number[] {
  const out: number[] = [];
  for (const p of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2)[0] === 'Z') continue;
      const argv = readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0');
      if (path.basename(argv[0]) === 'postgres' && argv.some((a) => a.startsWith(dir))) out.push(Number(p));
    } catch {
      /* gone meanwhile */
    }
  }
  return out;
}

function run(extra: NodeJS.ProcessEnv, port: number, watch?: (pid: number) => void) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/main.ts')], {
    env: vaultEnv(port, { DATA_DIR: dataDir, ...extra }),
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  // PostgreSQL says nothing in the vault's output on a normal start: watch /proc instead.
  const poll = watch ? setInterval(() => watch(child.pid!), 20) : undefined;
  return new Promise<{ code: number | null; out: string }>((resolve) =>
    child.once('exit', (code) => {
      clearInterval(poll);
      resolve({ code, out });
    }),
  );
}

describe('a failed start leaves no PostgreSQL behind', () => {
  it('SIGTERM once PostgreSQL is up: exit 143, the database stopped', async () => {
    let sent = false;
    const r = await run({}, await freePort(), (pid) => {
      // Sent as soon as the postmaster runs on this directory, before the vault listens.
      if (!sent && postgresOn(dataDir).length > 0) {
        sent = true;
        process.kill(pid, 'SIGTERM');
      }
    });
    expect(sent).toBe(true);
    expect(r.out).not.toContain('Vault listening');
    expect(r.code).toBe(143);
    expect(postgresOn(dataDir)).toEqual([]);
  }, 90_000);

  it('PORT already in use', async () => {
    const busy: Server = createServer();
    const port = await freePort();
    await new Promise<void>((r) => busy.listen(port, '127.0.0.1', r));
    try {
      const r = await run({}, port);
      expect(r.code).toBe(1);
      expect(r.out).toContain(`PORT=${port} on 127.0.0.1 is already in use`);
      expect(postgresOn(dataDir)).toEqual([]);
    } finally {
      busy.close();
    }
  }, 60_000);

  it('an invalid LOG_LEVEL', async () => {
    const r = await run({ LOG_LEVEL: 'verbose' }, await freePort());
    expect(r.code).toBe(1);
    expect(r.out).toContain('LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent');
    expect(postgresOn(dataDir)).toEqual([]);
  }, 60_000);

  it('NODE_ENV=production without VAULT_MASTER_KEYS or an HSM: refused, no key file made', async () => {
    const r = await run({ NODE_ENV: 'production' }, await freePort());
    expect(r.code).toBe(1);
    expect(r.out).toContain('a production vault must not keep its master key next to its data');
    expect(postgresOn(dataDir)).toEqual([]);
  }, 60_000);

  it('an unresolvable HOST', async () => {
    const r = await run({ HOST: 'no-such-host.invalid' }, await freePort());
    expect(r.code).toBe(1);
    expect(r.out).toContain('HOST=no-such-host.invalid does not resolve');
    expect(postgresOn(dataDir)).toEqual([]);
  }, 60_000);
});
