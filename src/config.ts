// The one shape every part of the vault is built from, and the one reader of the environment
// (docs/api.md §1). `loadConfig(env)` parses and checks every variable before anything starts;
// src/environment.ts then opens what the config names (the keyring, the embedded PostgreSQL).
// Tests build the config directly (`testConfig`) so they can start as many vaults as they like.
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { type Keyring, type MasterKey, parseKeys } from './crypto/keyring.js';
import { DEFAULT_POLICY } from './crypto/rotation.js';
import { isKeyProvider, KEY_PROVIDER, KEY_PROVIDERS, type KeyProvider } from './lib/key-providers.js';
import { bool, type HttpTimeouts, int, parseTrustProxy, portNumber, type TrustProxy } from './config/parse.js';
import { type TlsFiles, tlsFiles } from './config/tls.js';
import { misspelledVariables, type Variable, type VaultEnv } from './config/variables.js';

export { type HttpTimeouts, parseTrustProxy, type TrustProxy } from './config/parse.js';
export { misspelledVariables, VARIABLES, type Variable, type VaultEnv } from './config/variables.js';

export type RateLimitRule = { points: number; durationSeconds: number };

export interface VaultConfig {
  databaseUrl: string;
  keyring: Keyring;
  dataDir: string;
  publicUrl: string;
  region: string;
  logLevel: string;
  /** Which hops may name the client in X-Forwarded-For: none, a hop count, or addresses/CIDRs. */
  trustProxy: TrustProxy;
  cookieSecure: boolean;
  passwordMaxAgeDays: number;
  mailFrom: string;
  smtpUrl: string | null;
  proxyAllowPrivateNetworks: boolean;
  /** /proxy/transaction: ms to open a connection to the upstream (default 30 000). */
  proxyConnectTimeoutMs?: number;
  /** /proxy/transaction: ms for the whole upstream exchange, answer body included (default 30 000). */
  proxyTimeoutMs?: number;
  /** ms between sweeps of expired tokens and CVC sessions; 0 disables the sweeper. */
  sweepIntervalMs: number;
  /** ms between re-reads of the master keyring and the active master key id (besides NOTIFY). */
  keyringRefreshMs?: number;
  /** Data-key cryptoperiod (docs/keys.md): DATA_KEY_MAX_SEALS, DATA_KEY_MAX_AGE_DAYS. */
  dataKeyMaxSeals?: number;
  dataKeyMaxAgeDays?: number;
  /** ms a retired data key version is kept before the final check may destroy it. */
  dataKeyGraceMs?: number;
  /** ms between data-key maintenance ticks (seal-count flush, rotation jobs); 0 disables them. */
  dataKeyTickMs?: number;
  /** How long an API-key lookup may be served from memory when LISTEN/NOTIFY is down. */
  keyCacheTtlMs: number;
  /** How often the audit sealer links new entries into the hash chain; 0 = on demand only. */
  auditSealIntervalMs: number;
  /** Webhooks, in ms (docs/webhooks.md): dispatcher tick (0: on demand), first retry delay, attempt deadline, retry window. */
  webhooks?: { dispatchMs?: number; backoffBaseMs?: number; timeoutMs?: number; retryWindowMs?: number };
  /** Audit entries older than this are pruned behind a MAC'd checkpoint (Ozura keeps 2 years). */
  auditRetentionDays: number;
  /** Bearer token that /metrics requires (METRICS_TOKEN). */
  metricsToken?: string | null;
  /** Serve /metrics on this port only, not on the API port (METRICS_PORT; 0 = any free port). */
  metricsPort?: number | null;
  /** Address the metrics port binds to (HOST). */
  metricsHost?: string;
  /** A writable stream for pino; tests pass one to capture and inspect log lines. */
  logStream?: NodeJS.WritableStream;
  /** Human-readable log lines (pino-pretty) instead of JSON: set when stdout is a terminal. */
  logPretty?: boolean;
  /** Clock, so expiry can be tested without sleeping. */
  now?: () => Date;
  rateLimits?: Partial<Record<string, RateLimitRule>>;
  /** The built browser SDK (packages/elements/dist) served at /elements/v1/. */
  elementsRoot?: string;
  /** The built dashboard (index.html + assets/); default dist/web next to the server. */
  webRoot?: string;
  /** Bounds on each phase of an inbound request (docs/operations.md, "Timeouts"). */
  httpTimeouts: HttpTimeouts;
  /** ms a request waits for a pooled connection or a statement's answer before a 503 (default 10 000). */
  databaseTimeoutMs?: number;
  /** TLS_CERT_FILE + TLS_KEY_FILE, read at start: the API port speaks HTTPS (docs/operations.md). */
  tls?: TlsFiles | null;
  /** OTEL_EXPORTER_OTLP_ENDPOINT: spans are exported there over OTLP/HTTP; unset, no tracing code loads. */
  otlpEndpoint?: string | null;
  /** OTEL_SERVICE_NAME: the spans' service.name (default open-vault). */
  otelServiceName?: string;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const DEFAULTS = {
  port: 8080,
  host: '127.0.0.1',
  dataDir: './.vault',
  region: 'us',
  logLevel: 'info',
  passwordMaxAgeDays: 90,
  mailFrom: 'vault@localhost',
  sweepIntervalMs: 30_000,
  keyCacheTtlMs: 1_000,
  auditSealIntervalMs: 250,
  auditRetentionDays: 730,
  workers: 1,
  drainSeconds: 30,
  httpHeadersTimeoutSeconds: 10,
  httpRequestTimeoutSeconds: 30,
  httpKeepAliveTimeoutSeconds: 65,
} as const;

/** docs/api.md §4.1's limits per client IP (per target address for the `*_email` ones); AUTH_RATE_LIMITS overrides. */
export const DEFAULT_RATE_LIMITS = {
  login: { points: 5, durationSeconds: 120 },
  register: { points: 30, durationSeconds: 3600 },
  verify: { points: 60, durationSeconds: 60 },
  change_password: { points: 3, durationSeconds: 3600 },
  forgot_password: { points: 5, durationSeconds: 3600 },
  send_verification_code: { points: 5, durationSeconds: 3600 },
  verify_email_code: { points: 30, durationSeconds: 3600 },
  send_verification_code_email: { points: 3, durationSeconds: 3600 },
  verify_email_code_email: { points: 10, durationSeconds: 3600 },
  forgot_password_email: { points: 3, durationSeconds: 3600 },
  // Invitation mail (members): per invited address, and per inviting user.
  invite_email: { points: 3, durationSeconds: 3600 },
  invite_inviter: { points: 20, durationSeconds: 3600 },
} satisfies Record<string, RateLimitRule>;

/** Session-key tokenization (session-keys/guard.ts): per pub key, and per client IP. */
export const DEFAULT_SESSION_RATE_LIMITS = { elements_pub_key: { points: 600, durationSeconds: 60 }, elements_ip: { points: 30, durationSeconds: 60 } } satisfies Record<string, RateLimitRule>;
/** Token search (tokens/views.ts), per caller: every search spends `token_search`, a full-value one `token_search_full` too. */
export const DEFAULT_SEARCH_RATE_LIMITS = { token_search: { points: 300, durationSeconds: 60 }, token_search_full: { points: 30, durationSeconds: 60 } } satisfies Record<string, RateLimitRule>;

/** Per inbound route (docs/inbound.md): its id is the capability, so each route has one budget. */
export const DEFAULT_INBOUND_RATE_LIMITS = {
  inbound_route: { points: 600, durationSeconds: 60 },
} satisfies Record<string, RateLimitRule>;

/** `COOKIE_SECURE` defaults to true except for plain-http local development URLs. */
export function defaultCookieSecure(publicUrl: string): boolean {
  const u = new URL(publicUrl);
  const local = u.hostname === 'localhost' || u.hostname.startsWith('127.');
  return !(u.protocol === 'http:' && local);
}

/** `AUTH_RATE_LIMITS="login=10/120,register=100/3600"`: per-IP points per window (seconds). */
export function parseRateLimits(v: string | undefined): Record<string, RateLimitRule> | undefined {
  if (!v) return undefined;
  const out: Record<string, RateLimitRule> = {};
  const names = { ...DEFAULT_RATE_LIMITS, ...DEFAULT_SESSION_RATE_LIMITS, ...DEFAULT_SEARCH_RATE_LIMITS, ...DEFAULT_INBOUND_RATE_LIMITS };
  for (const entry of v.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^([a-z_]+)=(\d+)\/(\d+)$/.exec(entry);
    if (!m || !(m[1] in names) || Number(m[2]) < 1 || Number(m[3]) < 1) {
      throw new Error(`AUTH_RATE_LIMITS: "${entry}" is not <name>=<points>/<seconds> with name one of ${Object.keys(names).join(', ')}`);
    }
    out[m[1]] = { points: Number(m[2]), durationSeconds: Number(m[3]) };
  }
  return out;
}

/**
 * HTTP_HEADERS_TIMEOUT_SECONDS, HTTP_REQUEST_TIMEOUT_SECONDS, HTTP_KEEPALIVE_TIMEOUT_SECONDS.
 * Node requires the headers bound to be at most the request bound.
 */
export function httpTimeouts(env: VaultEnv): HttpTimeouts {
  const seconds = (name: Variable, dflt: number) => {
    const n = int(name, env[name], dflt);
    if (n < 1 || n > 3600) throw new Error(`${name} must be between 1 and 3600 seconds`);
    return n * 1000;
  };
  const headersMs = seconds('HTTP_HEADERS_TIMEOUT_SECONDS', DEFAULTS.httpHeadersTimeoutSeconds);
  const requestMs = seconds('HTTP_REQUEST_TIMEOUT_SECONDS', DEFAULTS.httpRequestTimeoutSeconds);
  if (headersMs > requestMs) throw new Error('HTTP_HEADERS_TIMEOUT_SECONDS must not exceed HTTP_REQUEST_TIMEOUT_SECONDS');
  const keepAliveMs = seconds('HTTP_KEEPALIVE_TIMEOUT_SECONDS', DEFAULTS.httpKeepAliveTimeoutSeconds);
  return { headersMs, requestMs, keepAliveMs, checkIntervalMs: Math.min(1000, headersMs / 2) };
}

/** `VAULT_WORKERS`: how many Node processes serve the port (default 1, `auto` = one per core). */
function workerCount(v: string | undefined): number {
  if (v === undefined || v === '') return DEFAULTS.workers;
  if (v === 'auto') return availableParallelism();
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error('VAULT_WORKERS must be a positive integer or "auto"');
  return n;
}

/** `VAULT_DRAIN_SECONDS`: how long a stopping process waits for requests in flight (default 30). */
function drainSeconds(v: string | undefined): number {
  const n = int('VAULT_DRAIN_SECONDS', v, DEFAULTS.drainSeconds);
  if (n < 1) throw new Error('VAULT_DRAIN_SECONDS must be at least 1');
  return n;
}

/** OTEL_EXPORTER_OTLP_ENDPOINT: the collector's base URL (the exporter appends /v1/traces). */
function otlpEndpoint(v: string | undefined): string | null {
  if (!v) return null;
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    throw new Error(`OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL such as http://127.0.0.1:4318`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error(`OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL (got "${u.protocol}")`);
  return v.replace(/\/$/, '');
}

export interface Pkcs11Settings {
  module: string;
  tokenLabel: string;
  pin: string;
  labels: string[];
}

/** Where the master keys come from (docs/api.md §1); src/environment.ts opens them. */
export interface KeySettings {
  /** VAULT_KEK_PROVIDER: which source holds the active key. */
  provider: KeyProvider;
  /** VAULT_MASTER_KEYS; null: the key file DATA_DIR/master.key. */
  masterKeys: MasterKey[] | null;
  /** PKCS11_*: an HSM, as the provider or as the second source `vault keys migrate` moves to or from. */
  pkcs11: Pkcs11Settings | null;
}

export function keySettings(env: VaultEnv): KeySettings {
  const provider = env.VAULT_KEK_PROVIDER || KEY_PROVIDER.keyring;
  if (!isKeyProvider(provider)) throw new Error(`VAULT_KEK_PROVIDER must be ${KEY_PROVIDERS.join(' or ')}`);
  const masterKeys = env.VAULT_MASTER_KEYS ? parseKeys(env.VAULT_MASTER_KEYS) : null;
  if (!masterKeys && provider === KEY_PROVIDER.keyring && env.DATABASE_URL) throw new Error('VAULT_MASTER_KEYS is required when DATABASE_URL is set');
  // The development key file sits beside the data: whoever copies DATA_DIR can read every token.
  if (!masterKeys && provider === KEY_PROVIDER.keyring && env.NODE_ENV === 'production') {
    throw new Error(
      'NODE_ENV=production refuses the development master key file (DATA_DIR/master.key): a production vault must not keep its master key next to its data. ' +
        'Set VAULT_MASTER_KEYS (from a secret store) or VAULT_KEK_PROVIDER=pkcs11 with PKCS11_MODULE, PKCS11_TOKEN_LABEL, PKCS11_PIN and PKCS11_KEY_LABELS.',
    );
  }
  let pkcs11: Pkcs11Settings | null = null;
  if (provider === KEY_PROVIDER.pkcs11 || env.PKCS11_MODULE) {
    const need = (name: Variable) => {
      const v = env[name];
      if (!v) throw new Error(`${name} is required with ${provider === KEY_PROVIDER.pkcs11 ? 'VAULT_KEK_PROVIDER=pkcs11' : 'PKCS11_MODULE'}`);
      return v;
    };
    pkcs11 = {
      module: need('PKCS11_MODULE'),
      tokenLabel: need('PKCS11_TOKEN_LABEL'),
      pin: need('PKCS11_PIN'),
      labels: need('PKCS11_KEY_LABELS').split(',').map((s) => s.trim()).filter(Boolean),
    };
  }
  return { provider, masterKeys, pkcs11 };
}

/** The environment, parsed and checked; nothing is opened or started yet. */
export interface LoadedConfig {
  /** The vault's config but for what src/environment.ts must open first. */
  vault: Omit<VaultConfig, 'databaseUrl' | 'keyring'>;
  /** DATABASE_URL; null: the embedded PostgreSQL under DATA_DIR. */
  databaseUrl: string | null;
  keys: KeySettings;
  port: number;
  host: string;
  workers: number;
  drainMs: number;
  /** Misspelled-looking variables, for the caller to log. */
  warnings: string[];
}

/** Reads every variable of docs/api.md §1, refusing a bad one before anything starts. */
export function loadConfig(raw: NodeJS.ProcessEnv): LoadedConfig {
  // Typed to the known names: reading a variable missing from VARIABLES does not compile.
  const env: VaultEnv = raw;
  const port = portNumber('PORT', env.PORT, DEFAULTS.port);
  const host = env.HOST || DEFAULTS.host;
  const logLevel = env.LOG_LEVEL || DEFAULTS.logLevel;
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${logLevel}")`);
  const tls = tlsFiles(env.TLS_CERT_FILE, env.TLS_KEY_FILE);
  const publicUrl = (env.PUBLIC_URL || `${tls ? 'https' : 'http'}://${host}:${port}`).replace(/\/$/, '');
  const vault: LoadedConfig['vault'] = {
    dataDir: path.resolve(env.DATA_DIR || DEFAULTS.dataDir),
    publicUrl,
    region: (env.VAULT_REGION || DEFAULTS.region).toLowerCase(),
    logLevel,
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    cookieSecure: bool(env.COOKIE_SECURE, defaultCookieSecure(publicUrl)),
    passwordMaxAgeDays: int('PASSWORD_MAX_AGE_DAYS', env.PASSWORD_MAX_AGE_DAYS, DEFAULTS.passwordMaxAgeDays),
    mailFrom: env.MAIL_FROM || DEFAULTS.mailFrom,
    smtpUrl: env.SMTP_URL || null,
    proxyAllowPrivateNetworks: bool(env.PROXY_ALLOW_PRIVATE_NETWORKS, false),
    sweepIntervalMs: DEFAULTS.sweepIntervalMs,
    keyCacheTtlMs: DEFAULTS.keyCacheTtlMs,
    auditSealIntervalMs: int('AUDIT_SEAL_INTERVAL_MS', env.AUDIT_SEAL_INTERVAL_MS, DEFAULTS.auditSealIntervalMs),
    webhooks: { dispatchMs: int('WEBHOOK_DISPATCH_MS', env.WEBHOOK_DISPATCH_MS, 1000), backoffBaseMs: int('WEBHOOK_RETRY_BASE_MS', env.WEBHOOK_RETRY_BASE_MS, 30_000) },
    auditRetentionDays: int('AUDIT_RETENTION_DAYS', env.AUDIT_RETENTION_DAYS, DEFAULTS.auditRetentionDays),
    rateLimits: parseRateLimits(env.AUTH_RATE_LIMITS),
    metricsToken: env.METRICS_TOKEN || null,
    metricsPort: env.METRICS_PORT ? portNumber('METRICS_PORT', env.METRICS_PORT, 0, 0) : null,
    metricsHost: host,
    dataKeyMaxSeals: int('DATA_KEY_MAX_SEALS', env.DATA_KEY_MAX_SEALS, DEFAULT_POLICY.maxSeals),
    dataKeyMaxAgeDays: int('DATA_KEY_MAX_AGE_DAYS', env.DATA_KEY_MAX_AGE_DAYS, DEFAULT_POLICY.maxAgeDays),
    dataKeyGraceMs: int('DATA_KEY_RETIRE_GRACE_SECONDS', env.DATA_KEY_RETIRE_GRACE_SECONDS, DEFAULT_POLICY.graceMs / 1000) * 1000,
    httpTimeouts: httpTimeouts(env),
    tls,
    otlpEndpoint: otlpEndpoint(env.OTEL_EXPORTER_OTLP_ENDPOINT),
    otelServiceName: env.OTEL_SERVICE_NAME || 'open-vault',
  };
  if (vault.metricsToken && vault.metricsToken.length < 16) throw new Error('METRICS_TOKEN must be at least 16 characters');
  // AES-GCM with random nonces: NIST SP 800-38D allows at most 2^32 encryptions under one key.
  if (vault.dataKeyMaxSeals! < 1 || vault.dataKeyMaxSeals! > 2 ** 32) throw new Error('DATA_KEY_MAX_SEALS must be between 1 and 2^32 (4294967296)');
  if (vault.dataKeyMaxAgeDays! < 1) throw new Error('DATA_KEY_MAX_AGE_DAYS must be at least 1');
  if (!/^[a-z]{2,8}$/.test(vault.region)) throw new Error('VAULT_REGION must be 2–8 letters');
  return {
    vault,
    databaseUrl: env.DATABASE_URL || null,
    keys: keySettings(env),
    port,
    host,
    workers: workerCount(env.VAULT_WORKERS),
    drainMs: drainSeconds(env.VAULT_DRAIN_SECONDS) * 1000,
    warnings: misspelledVariables(raw),
  };
}

/**
 * A test vault's config: the defaults above, on the given database and keyring, with what a test
 * wants instead: no background sweeper, audit sealing on demand, loopback upstreams allowed, and
 * no data directory (a test that reads mail gives an SMTP double).
 */
export function testConfig(given: Pick<VaultConfig, 'databaseUrl' | 'keyring'> & Partial<VaultConfig>): VaultConfig {
  return {
    ...loadConfig({}).vault,
    dataDir: '/nonexistent',
    proxyAllowPrivateNetworks: true,
    sweepIntervalMs: 0,
    auditSealIntervalMs: 0,
    ...given,
  };
}
