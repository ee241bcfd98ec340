// Per-project data keys: random AES-256 keys stored only wrapped by the active master key, unwrapped
// once per process and kept in memory so the hot path never derives or unwraps per request.
import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
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
 * Re-wraps every data key (and vault secret) that is not under the active master key. Online: the data keys
 * themselves do not change, so ciphertexts and running nodes are unaffected.
 */
export async function rewrapAll(db: Kysely<DB>, keyring: Keyring): Promise<number> {
  const rows = await db
    .selectFrom('project_keys')
    .select(['project_id', 'master_key_id', 'wrapped'])
    .where('master_key_id', '<>', keyring.active.id)
    .execute();
  let n = 0;
  for (const row of rows) {
    const master = keyring.keys.get(row.master_key_id);
    if (!master) throw new Error(`master key "${row.master_key_id}" is not in the keyring; cannot re-wrap`);
    const dek = open(master, row.wrapped, wrapAad(row.project_id));
    const next = wrapDataKey(keyring, row.project_id, dek);
    dek.fill(0);
    const res = await db
      .updateTable('project_keys')
      .set({ ...next, rewrapped_at: new Date() })
      .where('project_id', '=', row.project_id)
      .where('master_key_id', '=', row.master_key_id)
      .executeTakeFirst();
    n += Number(res.numUpdatedRows);
  }
  const secrets = await db
    .selectFrom('vault_secrets')
    .select(['name', 'master_key_id', 'wrapped'])
    .where('master_key_id', '<>', keyring.active.id)
    .execute();
  for (const row of secrets) {
    const master = keyring.keys.get(row.master_key_id);
    if (!master) throw new Error(`master key "${row.master_key_id}" is not in the keyring; cannot re-wrap`);
    const plain = open(master, row.wrapped, secretAad(row.name));
    const res = await db
      .updateTable('vault_secrets')
      .set({ master_key_id: keyring.active.id, wrapped: seal(keyring.active.key, plain, secretAad(row.name)), rewrapped_at: new Date() })
      .where('name', '=', row.name)
      .where('master_key_id', '=', row.master_key_id)
      .executeTakeFirst();
    plain.fill(0);
    n += Number(res.numUpdatedRows);
  }
  return n;
}
