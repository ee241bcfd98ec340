// Vault-wide secrets (the audit chain's MAC key, …): random, created once, stored only wrapped
// by the active master key, unwrapped into memory on first use. Re-wrapped by `keys rotate`.
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { open, seal } from './aead.js';
import { type Keyring, reloadKeyring } from './keyring.js';

export const secretAad = (name: string) => `vault:secret:${name}`;

export async function loadOrCreateSecret(db: Kysely<DB>, keyring: Keyring, name: string): Promise<Buffer> {
  await db
    .insertInto('vault_secrets')
    .values({ name, master_key_id: keyring.active.id, wrapped: seal(keyring.active.key, randomBytes(32), secretAad(name)) })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db.selectFrom('vault_secrets').select(['master_key_id', 'wrapped']).where('name', '=', name).executeTakeFirstOrThrow();
  let master = keyring.keys.get(row.master_key_id);
  if (!master && reloadKeyring(keyring)) master = keyring.keys.get(row.master_key_id);
  if (!master) throw new Error(`master key "${row.master_key_id}" is not in the keyring`);
  return open(master, row.wrapped, secretAad(name));
}
