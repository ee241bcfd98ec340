// Vault-wide secrets (the audit chain's MAC key, …): random, created once, stored only wrapped
// by the active master key, unwrapped into memory on first use. Re-wrapped by `keys rotate`.
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Keyring } from './keyring.js';

export const secretAad = (name: string) => `vault:secret:${name}`;
/** A project's OpenPGP import key (migration/import-key.ts), wrapped like every other secret. */
export const importKeyAad = (projectId: string) => `vault:import-key:${projectId}`;

export async function loadOrCreateSecret(db: Kysely<DB>, keyring: Keyring, name: string): Promise<Buffer> {
  const { keyId, sealed } = keyring.seal(randomBytes(32), secretAad(name));
  await db
    .insertInto('vault_secrets')
    .values({ name, master_key_id: keyId, wrapped: sealed })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db.selectFrom('vault_secrets').select(['master_key_id', 'wrapped']).where('name', '=', name).executeTakeFirstOrThrow();
  return keyring.open(row.master_key_id, row.wrapped, secretAad(name));
}
