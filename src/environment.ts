// What the configuration names but must be opened or started before a vault can be built: the
// master keyring (VAULT_MASTER_KEYS, the development key file, an HSM) and, without DATABASE_URL,
// the embedded PostgreSQL. The server (main.ts) and the CLI both come through here, so the CLI
// sees exactly the configuration the server would.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { type KeySettings, type LoadedConfig, loadConfig, type VaultConfig } from './config.js';
import { Keyring, type KeySource, loadOrCreateKeyFile, SoftKeySource } from './crypto/keyring.js';
import { type EmbeddedDb, startEmbedded, withDatabase } from './db/embedded.js';
import { KEY_PROVIDER } from './lib/key-providers.js';

export interface Environment {
  config: VaultConfig;
  port: number;
  host: string;
  embedded: EmbeddedDb | null;
  keyWarning: string | null;
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
 * The master keyring (docs/api.md §1): `keys.provider` picks where the active key lives. The other
 * kind of source, when configured too, stays in the ring for unwrapping, which is what lets
 * `vault keys migrate` move between a key file and an HSM while nodes keep serving.
 */
export async function openKeyring(
  keys: KeySettings,
  dataDir: string,
  opts: { createHsmKey?: boolean } = {},
): Promise<{ keyring: Keyring; keyWarning: string | null }> {
  let soft: KeySource | null = null;
  let keyWarning: string | null = null;
  const file = path.join(dataDir, 'master.key');
  if (keys.masterKeys) {
    soft = new SoftKeySource(keys.masterKeys);
  } else if (keys.provider === 'keyring' || existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    const loaded = loadOrCreateKeyFile(file);
    soft = loaded.keyring.primary;
    if (keys.provider === 'keyring') {
      keyWarning =
        // No "WARNING:" prefix: it is logged at warn level, which says so already.
        `Using the development master key in ${file}${loaded.created ? ' (just generated)' : ''}. ` +
        'Anyone with this file and the database can read every token. Set VAULT_MASTER_KEYS or VAULT_KEK_PROVIDER=pkcs11 in production and back the key up.';
    }
  }
  let hsm: KeySource | null = null;
  if (keys.pkcs11) {
    const { Pkcs11KeySource } = await import('./crypto/pkcs11.js');
    hsm = new Pkcs11KeySource({ ...keys.pkcs11, createMissing: opts.createHsmKey });
  }
  const sources = (keys.provider === KEY_PROVIDER.pkcs11 ? [hsm, soft] : [soft, hsm]).filter((s): s is KeySource => s !== null);
  const ids = sources.flatMap((s) => s.ids());
  if (new Set(ids).size !== ids.length) throw new Error('master key ids must be unique across VAULT_MASTER_KEYS / master.key and PKCS11_KEY_LABELS');
  return { keyring: new Keyring(sources), keyWarning };
}

/** Opens the keyring and, when DATABASE_URL is unset, starts (or joins) the embedded PostgreSQL. */
export async function openEnvironment(loaded: LoadedConfig, opts: { createHsmKey?: boolean } = {}): Promise<Environment> {
  const { dataDir } = loaded.vault;
  const { keyring, keyWarning } = await openKeyring(loaded.keys, dataDir, opts);
  let databaseUrl = loaded.databaseUrl;
  let embedded: EmbeddedDb | null = null;
  if (!databaseUrl) {
    embedded = await startEmbedded({ dataDir });
    // What this call started, it stops when it cannot finish.
    await ensureDatabase(embedded.adminUrl, 'vault').catch(async (err: unknown) => {
      await embedded?.stop().catch(() => {});
      throw err;
    });
    databaseUrl = withDatabase(embedded.adminUrl, 'vault');
  }
  const config: VaultConfig = { ...loaded.vault, databaseUrl, keyring, logPretty: process.stdout.isTTY === true };
  return { config, port: loaded.port, host: loaded.host, embedded, keyWarning };
}

/** `loadConfig` then `openEnvironment`: the CLI's and the examples' one call. */
export async function openFromEnvironment(env: NodeJS.ProcessEnv = process.env, opts: { createHsmKey?: boolean } = {}): Promise<Environment> {
  return openEnvironment(loadConfig(env), opts);
}
