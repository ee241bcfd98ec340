// The names of every environment variable the vault reads, and the misspelling check over them.
import { nearest } from '../lib/text.js';

/**
 * Every variable the vault reads (docs/api.md §1), the one list: `loadConfig` can read only these (the
 * `VaultEnv` type) and a set name close to one of them is reported as a likely misspelling. A new
 * variable is added here and read in `loadConfig`; nothing else needs to know about it.
 */
export const VARIABLES = [
  'PORT', 'HOST', 'PUBLIC_URL', 'DATA_DIR', 'DATABASE_URL', 'NODE_ENV', 'LOG_LEVEL', 'VAULT_REGION', 'TRUST_PROXY',
  'COOKIE_SECURE', 'PASSWORD_MAX_AGE_DAYS', 'MAIL_FROM', 'SMTP_URL', 'PROXY_ALLOW_PRIVATE_NETWORKS',
  'AUDIT_SEAL_INTERVAL_MS', 'AUDIT_RETENTION_DAYS', 'WEBHOOK_DISPATCH_MS', 'WEBHOOK_RETRY_BASE_MS', 'AUTH_RATE_LIMITS', 'METRICS_TOKEN', 'METRICS_PORT',
  'DATA_KEY_MAX_SEALS', 'DATA_KEY_MAX_AGE_DAYS', 'DATA_KEY_RETIRE_GRACE_SECONDS', 'VAULT_WORKERS', 'VAULT_DRAIN_SECONDS',
  'VAULT_KEK_PROVIDER', 'VAULT_MASTER_KEYS', 'PKCS11_MODULE', 'PKCS11_TOKEN_LABEL', 'PKCS11_PIN', 'PKCS11_KEY_LABELS',
  'PG_BIN_DIR', 'HTTP_HEADERS_TIMEOUT_SECONDS', 'HTTP_REQUEST_TIMEOUT_SECONDS', 'HTTP_KEEPALIVE_TIMEOUT_SECONDS',
  'TLS_CERT_FILE', 'TLS_KEY_FILE', 'OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_SERVICE_NAME',
  // Read by `vault export --plaintext` only (src/migration/export.ts); listed so setting it is not reported as a misspelling.
  'VAULT_EXPORT_PLAINTEXT',
] as const;
export type Variable = (typeof VARIABLES)[number];
export type VaultEnv = Partial<Record<Variable, string>>;

/**
 * Set variables that look like ours but are not: within 1 edit of a known name (2 for names of
 * 8+ letters), or any unknown VAULT_*. Names far from every known one (PATH, HOME) are not ours.
 */
export function misspelledVariables(env: NodeJS.ProcessEnv): string[] {
  const known = new Set<string>(VARIABLES);
  const out: string[] = [];
  for (const name of Object.keys(env)) {
    if (known.has(name) || !/^[A-Z][A-Z0-9_]*$/.test(name)) continue;
    const [best, bestD] = nearest(name, VARIABLES);
    const close = bestD <= (Math.min(name.length, best.length) >= 8 ? 2 : 1);
    if (close) out.push(`${name} is not a vault variable and is ignored; did you mean ${best}?`);
    else if (name.startsWith('VAULT_')) out.push(`${name} is not a vault variable and is ignored (see the Configuration table in README.md)`);
  }
  return out;
}
