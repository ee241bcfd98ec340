// The master keyring: 32-byte AES keys that wrap the per-project data keys and never touch data.
// The first key is active (new wraps); every key can unwrap, so rotation is online.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export interface MasterKey {
  id: string;
  key: Buffer;
}

export interface Keyring {
  active: MasterKey;
  keys: Map<string, Buffer>;
  /** Set when the keyring came from DATA_DIR/master.key, so a node can pick up a rotation. */
  file?: string;
}

const ID = /^[A-Za-z0-9_-]{1,32}$/;

export function parseKeyring(spec: string, file?: string): Keyring {
  const entries = spec
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const i = entry.indexOf(':');
      const id = entry.slice(0, i);
      const key = Buffer.from(entry.slice(i + 1), 'base64');
      // Never echo the entry itself: it is key material.
      if (i < 1 || !ID.test(id)) throw new Error('VAULT_MASTER_KEYS: every entry must be <id>:<base64 key>');
      if (key.length !== 32) throw new Error(`VAULT_MASTER_KEYS: key "${id}" is not 32 bytes of base64`);
      return { id, key };
    });
  if (entries.length === 0) throw new Error('VAULT_MASTER_KEYS: no keys');
  const keys = new Map<string, Buffer>();
  for (const e of entries) {
    if (keys.has(e.id)) throw new Error(`VAULT_MASTER_KEYS: duplicate key id "${e.id}"`);
    keys.set(e.id, e.key);
  }
  return { active: entries[0], keys, file };
}

export function formatKeyring(keys: MasterKey[]): string {
  return keys.map((k) => `${k.id}:${k.key.toString('base64')}`).join('\n') + '\n';
}

export function newMasterKey(existing: Iterable<string> = []): MasterKey {
  const taken = new Set(existing);
  let n = taken.size + 1;
  while (taken.has(`k${n}`)) n++;
  return { id: `k${n}`, key: randomBytes(32) };
}

/** The development keyring in DATA_DIR/master.key, generated on first use. */
export function loadOrCreateKeyFile(file: string): { keyring: Keyring; created: boolean } {
  if (existsSync(file)) return { keyring: parseKeyring(readFileSync(file, 'utf8'), file), created: false };
  const key = newMasterKey();
  writeFileSync(file, formatKeyring([key]), { mode: 0o600, flag: 'wx' });
  return { keyring: parseKeyring(readFileSync(file, 'utf8'), file), created: true };
}

/** Re-reads a file-backed keyring in place (after `vault keys rotate` added a version). */
export function reloadKeyring(ring: Keyring): boolean {
  if (!ring.file || !existsSync(ring.file)) return false;
  const fresh = parseKeyring(readFileSync(ring.file, 'utf8'), ring.file);
  ring.active = fresh.active;
  ring.keys = fresh.keys;
  return true;
}
