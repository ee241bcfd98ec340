// Per-project data keys: random AES-256 keys stored only wrapped by the active master key, unwrapped
// once per process and kept in memory so the hot path never derives or unwraps per request.
import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.js';
import { open, seal } from './aead.js';
import { type Keyring, reloadKeyring } from './keyring.js';
import { secretAad } from './secrets.js';

export interface ProjectKey {
  /** Encrypts token data and CVC sessions. */
  dek: Buffer;
  /** HMAC key for fingerprints, derived so that it is never the encryption key itself. */
  fingerprintKey: Buffer;
}

const wrapAad = (projectId: string) => `vault:project-key:${projectId}`;

export function wrapDataKey(keyring: Keyring, projectId: string, dek: Buffer) {
  return { master_key_id: keyring.active.id, wrapped: seal(keyring.active.key, dek, wrapAad(projectId)) };
}

export class ProjectKeyMissing extends Error {
  constructor() {
    super('project data key is gone');
  }
}

export class DataKeys {
  private cache = new Map<string, Promise<ProjectKey>>();

  constructor(
    private db: Kysely<DB>,
    private keyring: Keyring,
  ) {}

  /** A fresh wrapped data key row for a new project (insert it in the project's transaction). */
  newWrapped(projectId: string) {
    return { project_id: projectId, ...wrapDataKey(this.keyring, projectId, randomBytes(32)) };
  }

  get(projectId: string): Promise<ProjectKey> {
    let p = this.cache.get(projectId);
    if (!p) {
      p = this.load(projectId);
      this.cache.set(projectId, p);
      p.catch(() => this.cache.delete(projectId));
    }
    return p;
  }

  forget(projectId: string): void {
    const p = this.cache.get(projectId);
    this.cache.delete(projectId);
    // Drop our references; a best effort, since JS cannot guarantee memory is wiped.
    p?.then((k) => { k.dek.fill(0); k.fingerprintKey.fill(0); }).catch(() => {});
  }

  private async load(projectId: string): Promise<ProjectKey> {
    const row = await this.db
      .selectFrom('project_keys')
      .select(['master_key_id', 'wrapped'])
      .where('project_id', '=', projectId)
      .executeTakeFirst();
    if (!row) throw new ProjectKeyMissing();
    let master = this.keyring.keys.get(row.master_key_id);
    // Another process may have rotated to a key version this node has not read yet.
    if (!master && reloadKeyring(this.keyring)) master = this.keyring.keys.get(row.master_key_id);
    if (!master) throw new Error(`master key "${row.master_key_id}" is not in the keyring`);
    const dek = open(master, row.wrapped, wrapAad(projectId));
    const fingerprintKey = Buffer.from(hkdfSync('sha256', dek, Buffer.alloc(0), 'vault:fingerprint:v1', 32));
    return { dek, fingerprintKey };
  }
}

export function fingerprint(key: ProjectKey, type: string, canonical: string): string {
  return 'fp_' + createHmac('sha256', key.fingerprintKey).update(`${type}\0${canonical}`).digest('base64url');
}

/**
 * Everything sealed directly under a master key: the table, its key column, the columns holding
 * the wrapped bytes and the master key id, and the AAD each was sealed with.
 */
const WRAPPED_STORES = [
  { table: 'project_keys', id: 'project_id', bytes: 'wrapped', master: 'master_key_id', aad: (id: string) => wrapAad(id) },
  { table: 'vault_secrets', id: 'name', bytes: 'wrapped', master: 'master_key_id', aad: (id: string) => secretAad(id) },
  { table: 'auth_signing_keys', id: 'kid', bytes: 'private_key', master: 'master_key_id', aad: (id: string) => `jwt-signing-key:${id}` },
  { table: 'users', id: 'id', bytes: 'mfa_secret', master: 'mfa_key_id', aad: (id: string) => `totp:${id}` },
] as const;

/**
 * Re-wraps everything sealed under a master key other than the active one: project data keys,
 * vault secrets, JWT signing keys and TOTP secrets. Online: the wrapped secrets themselves do not
 * change, so ciphertexts, sessions and running nodes are unaffected. Returns how many it re-wrapped.
 */
export async function rewrapAll(db: Kysely<DB>, keyring: Keyring): Promise<number> {
  let n = 0;
  for (const st of WRAPPED_STORES) {
    // Identifiers come from the constant table above, never from input.
    const { rows } = await sql<{ id: string; master: string; bytes: Buffer }>`
      SELECT ${sql.ref(st.id)} AS id, ${sql.ref(st.master)} AS master, ${sql.ref(st.bytes)} AS bytes FROM ${sql.table(st.table)}
      WHERE ${sql.ref(st.bytes)} IS NOT NULL AND ${sql.ref(st.master)} <> ${keyring.active.id}`.execute(db);
    for (const row of rows) {
      const master = keyring.keys.get(row.master);
      if (!master) throw new Error(`master key "${row.master}" is not in the keyring; cannot re-wrap`);
      const plain = open(master, row.bytes, st.aad(row.id));
      const next = seal(keyring.active.key, plain, st.aad(row.id));
      plain.fill(0);
      const res = await sql`
        UPDATE ${sql.table(st.table)} SET ${sql.ref(st.bytes)} = ${next}, ${sql.ref(st.master)} = ${keyring.active.id}
        WHERE ${sql.ref(st.id)} = ${row.id} AND ${sql.ref(st.master)} = ${row.master}`.execute(db);
      n += Number(res.numAffectedRows ?? 0);
    }
  }
  return n;
}
