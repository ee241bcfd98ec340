// The one shape every part of the vault is built from. Only src/main.ts (and the CLI) turn the
// environment into this; tests build it directly so they can start as many vaults as they like.
import net from 'node:net';
import type { Keyring } from './crypto/keyring.js';

export interface RateLimitRule {
  points: number;
  durationSeconds: number;
}

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
}

export type TrustProxy = false | number | string[];

// proxy-addr's names for whole ranges, as Fastify accepts them.
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrCidr(entry: string): boolean {
  if (RANGE_NAMES.has(entry)) return true;
  const [addr, prefix, ...rest] = entry.split('/');
  const family = net.isIP(addr);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * `TRUST_PROXY` (API.md §1): `false` (default), a hop count, or a comma list of addresses/CIDRs.
 * `true` would let every client pick its own IP (rate-limit bucket, audited address) with an
 * X-Forwarded-For header, so it is refused rather than guessed at.
 */
export function parseTrustProxy(v: string | undefined): TrustProxy {
  const s = (v ?? '').trim();
  if (s === '' || /^(false|no|off|0)$/i.test(s)) return false;
  if (/^(true|yes|on)$/i.test(s)) {
    throw new Error(
      'TRUST_PROXY=true would trust every hop, so any client could choose its own IP with X-Forwarded-For. ' +
        'Set the number of proxies in front of the vault (TRUST_PROXY=1) or their addresses (TRUST_PROXY=10.0.0.0/8,192.0.2.7).',
    );
  }
  if (/^\d+$/.test(s)) return Number(s);
  const entries = s.split(',').map((e) => e.trim()).filter(Boolean);
  const bad = entries.filter((e) => !isAddressOrCidr(e));
  if (bad.length > 0) throw new Error(`TRUST_PROXY: "${bad[0]}" is not an IP address or CIDR (expected false, a hop count, or a comma list of addresses/CIDRs)`);
  return entries;
}

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
} as const;

/** `COOKIE_SECURE` defaults to true except for plain-http local development URLs. */
export function defaultCookieSecure(publicUrl: string): boolean {
  const u = new URL(publicUrl);
  const local = u.hostname === 'localhost' || u.hostname.startsWith('127.');
  return !(u.protocol === 'http:' && local);
}
