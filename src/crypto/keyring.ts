// The master keyring: key-encrypting keys (KEKs) that wrap the per-project data keys and the
// vault-wide secrets, never data. Keys live in one or more sources: software keys (VAULT_MASTER_KEYS
// or DATA_DIR/master.key) or an HSM (src/crypto/pkcs11.ts, where the key never leaves the token).
// One key is active (new wraps); every key of every source can unwrap, so rotation and migration
// between sources are online.
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, linkSync, openSync, readdirSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { open, seal } from './aead.js';
import { KEY_PROVIDER, type KeyProvider } from '../lib/key-providers.js';

export interface MasterKey {
  id: string;
  key: Buffer;
}

/** Where master keys live. Ids are unique across the sources of one keyring. */
export interface KeySource {
  readonly provider: KeyProvider;
  /** The ids this source holds, its own default active key first. */
  ids(): string[];
  has(id: string): boolean;
  seal(id: string, plain: Buffer, aad: string): Buffer;
  open(id: string, sealed: Buffer, aad: string): Buffer;
  /** A MAC key bound to master key `id` (email-code hashes). */
  macKey(id: string): Buffer;
  /** Re-reads where the keys live (the key file, the token); true if the set of keys changed. */
  reload(): boolean;
  /** False for VAULT_MASTER_KEYS: keys are added and removed by changing the variable. */
  readonly mutable: boolean;
  /** Creates a new key in this source (not yet active); returns its id. */
  generate(): string;
  /** Removes (destroys) a key from this source. */
  remove(id: string): void;
  close?(): void;
}

export class MasterKeyUnknown extends Error {
  constructor(id: string) {
    super(`master key "${id}" is not in the keyring`);
  }
}

export class Keyring {
  /** The key the database names active (`vault keys rotate`); null until a node has read it. */
  private chosen: string | null = null;

  constructor(readonly sources: KeySource[]) {
    if (sources.length === 0) throw new Error('a keyring needs at least one key source');
  }

  /** The first source's keys are the default: the provider this node was configured with. */
  get primary(): KeySource {
    return this.sources[0];
  }

  get activeId(): string {
    if (this.chosen !== null && this.sourceOf(this.chosen)) return this.chosen;
    return this.primary.ids()[0];
  }

  /** Follows the database's choice of active key when this node holds it; false if it does not. */
  choose(id: string | null): boolean {
    this.chosen = id;
    return id === null || this.sourceOf(id) !== null;
  }

  ids(): string[] {
    return this.sources.flatMap((s) => s.ids());
  }

  has(id: string): boolean {
    return this.sourceOf(id) !== null;
  }

  private sourceOf(id: string): KeySource | null {
    return this.sources.find((s) => s.has(id)) ?? null;
  }

  /** Seals under the active key. */
  seal(plain: Buffer, aad: string): { keyId: string; sealed: Buffer } {
    const keyId = this.activeId;
    return { keyId, sealed: this.sourceOf(keyId)!.seal(keyId, plain, aad) };
  }

  open(keyId: string, sealed: Buffer, aad: string): Buffer {
    let src = this.sourceOf(keyId);
    // Another process may have added a key this node has not read yet.
    if (!src && this.reload()) src = this.sourceOf(keyId);
    if (!src) throw new MasterKeyUnknown(keyId);
    return src.open(keyId, sealed, aad);
  }

  macKey(id: string): Buffer {
    const src = this.sourceOf(id);
    if (!src) throw new MasterKeyUnknown(id);
    return src.macKey(id);
  }

  reload(): boolean {
    let changed = false;
    for (const s of this.sources) changed = s.reload() || changed;
    return changed;
  }

  close() {
    for (const s of this.sources) s.close?.();
  }
}

const ID = /^[A-Za-z0-9_-]{1,32}$/;

export function parseKeys(spec: string): MasterKey[] {
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
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.id)) throw new Error(`VAULT_MASTER_KEYS: duplicate key id "${e.id}"`);
    seen.add(e.id);
  }
  return entries;
}

export function formatKeyring(keys: MasterKey[]): string {
  return keys.map((k) => `${k.id}:${k.key.toString('base64')}`).join('\n') + '\n';
}

/** Software master keys: from VAULT_MASTER_KEYS (fixed) or a key file (re-read on reload). */
export class SoftKeySource implements KeySource {
  readonly provider = KEY_PROVIDER.keyring;
  private keys: MasterKey[];

  constructor(
    keys: MasterKey[],
    readonly file?: string,
  ) {
    this.keys = keys;
  }

  get mutable() {
    return this.file !== undefined;
  }

  ids() {
    return this.keys.map((k) => k.id);
  }

  has(id: string) {
    return this.keys.some((k) => k.id === id);
  }

  private key(id: string): Buffer {
    const k = this.keys.find((x) => x.id === id);
    if (!k) throw new MasterKeyUnknown(id);
    return k.key;
  }

  seal(id: string, plain: Buffer, aad: string) {
    return seal(this.key(id), plain, aad);
  }

  open(id: string, sealed: Buffer, aad: string) {
    return open(this.key(id), sealed, aad);
  }

  /** The key itself, as email codes have always been hashed (so upgrades keep mailed codes valid). */
  macKey(id: string) {
    return this.key(id);
  }

  reload(): boolean {
    if (!this.file || !existsSync(this.file)) return false;
    const fresh = parseKeys(readFileSync(this.file, 'utf8'));
    const changed = fresh.map((k) => k.id).join() !== this.ids().join();
    this.keys = fresh;
    return changed;
  }

  generate(): string {
    if (!this.file) throw new Error('VAULT_MASTER_KEYS is fixed: add the new key to it on every node instead');
    this.reload();
    const next = newMasterKey(this.ids());
    writeKeyFile(this.file, [next, ...this.keys]);
    this.keys = [next, ...this.keys];
    return next.id;
  }

  remove(id: string): void {
    if (!this.file) throw new Error(`VAULT_MASTER_KEYS is fixed: remove "${id}" from it on every node`);
    this.reload();
    const rest = this.keys.filter((k) => k.id !== id);
    if (rest.length === 0) throw new Error('refusing to remove the last master key');
    writeKeyFile(this.file, rest);
    this.keys = rest;
  }
}

export function parseKeyring(spec: string, file?: string): Keyring {
  return new Keyring([new SoftKeySource(parseKeys(spec), file)]);
}

export function newMasterKey(existing: Iterable<string> = []): MasterKey {
  const taken = new Set(existing);
  let n = taken.size + 1;
  while (taken.has(`k${n}`)) n++;
  return { id: `k${n}`, key: randomBytes(32) };
}

/**
 * Writes a key file so that a crash at any instant leaves either the old or the new file, never a
 * torn one: a temporary file (0600) in the same directory, fsync, rename over, fsync the directory.
 * `exclusive`: fail with EEXIST instead of replacing an existing file.
 */
export function writeKeyFile(file: string, keys: MasterKey[], exclusive = false): void {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, formatKeyring(keys));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    if (exclusive) {
      linkSync(tmp, file);
      unlinkSync(tmp);
    } else renameSync(tmp, file);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      /* already gone */
    }
    throw e;
  }
  const d = openSync(dir, 'r');
  try {
    fsyncSync(d);
  } finally {
    closeSync(d);
  }
  removeLeftovers(dir, path.basename(file));
}

/** Temporary files of writers that died mid-write hold key material: remove them. */
function removeLeftovers(dir: string, base: string) {
  const mine = new RegExp(`^\\.${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(\\d+)\\.[0-9a-f]+\\.tmp$`);
  for (const name of readdirSync(dir)) {
    const m = mine.exec(name);
    if (!m || alive(Number(m[1]))) continue;
    try {
      unlinkSync(path.join(dir, name));
    } catch {
      /* another writer removed it */
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The development keyring in DATA_DIR/master.key, generated on first use. */
export function loadOrCreateKeyFile(file: string): { keyring: Keyring; created: boolean } {
  let created = false;
  if (!existsSync(file)) {
    try {
      writeKeyFile(file, [newMasterKey()], true);
      created = true;
    } catch (e) {
      // Another process created it first: use theirs.
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  return { keyring: parseKeyring(readFileSync(file, 'utf8'), file), created };
}
