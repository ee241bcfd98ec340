// A project's OpenPGP import key: vendors encrypt card exports to its public part, and the vault
// signs its export manifests with it (so a receiver can check them against the same public key
// `vault import-key` printed). The private key exists in the clear only in this process's memory;
// in the database it is wrapped by the active master key, like the data keys.
import type { Kysely } from 'kysely';
import * as openpgp from 'openpgp';
import type { Keyring } from '../crypto/keyring.js';
import { importKeyAad } from '../crypto/secrets.js';
import type { DB } from '../db/schema.js';
import { writeAudit } from '../db/audit.js';
import { auditEvent } from '../db/audit-events.js';

export interface ImportKey {
  projectId: string;
  fingerprint: string;
  publicKey: string;
  privateKey: openpgp.PrivateKey;
}

async function unwrap(keyring: Keyring, row: { project_id: string; fingerprint: string; public_key: string; master_key_id: string; wrapped: Buffer }): Promise<ImportKey> {
  const plain = keyring.open(row.master_key_id, row.wrapped, importKeyAad(row.project_id));
  try {
    // A copy: openpgp keeps views into the bytes it parsed, and `plain` is wiped below.
    const privateKey = await openpgp.readPrivateKey({ binaryKey: Uint8Array.from(plain) });
    return { projectId: row.project_id, fingerprint: row.fingerprint, publicKey: row.public_key, privateKey };
  } finally {
    plain.fill(0);
  }
}

/** The project's import key, or null when `vault import-key` was never run for it. */
export async function loadImportKey(db: Kysely<DB>, keyring: Keyring, projectId: string): Promise<ImportKey | null> {
  const row = await db.selectFrom('import_keys').selectAll().where('project_id', '=', projectId).executeTakeFirst();
  return row ? unwrap(keyring, row) : null;
}

/**
 * Creates the key once (a second call, or a concurrent one, returns the stored key). A v4 key
 * with the legacy Curve25519 algorithms (EdDSA + ECDH cv25519), which GnuPG 2.2 reads (it refuses
 * RFC 9580's Ed25519/X25519), advertising SEIPDv2: senders that support it encrypt with AEAD,
 * which streams authenticated chunks (source.ts); GnuPG falls back to MDC.
 */
export async function ensureImportKey(db: Kysely<DB>, keyring: Keyring, projectId: string): Promise<{ key: ImportKey; created: boolean }> {
  const existing = await loadImportKey(db, keyring, projectId);
  if (existing) return { key: existing, created: false };
  const project = await db.selectFrom('projects').select(['id', 'name']).where('id', '=', projectId).executeTakeFirst();
  if (!project) throw new Error(`no project ${projectId}`);
  const { privateKey, publicKey } = await openpgp.generateKey({
    type: 'ecc',
    curve: 'curve25519Legacy',
    userIDs: [{ name: `vault import key ${projectId}` }],
    format: 'object',
    config: { aeadProtect: true },
  });
  const fingerprint = privateKey.getFingerprint().toUpperCase();
  const plain = Buffer.from(privateKey.write());
  const { keyId, sealed } = keyring.seal(plain, importKeyAad(projectId));
  plain.fill(0);
  const inserted = await db.transaction().execute(async (trx) => {
    const res = await trx
      .insertInto('import_keys')
      .values({ project_id: projectId, fingerprint, public_key: publicKey.armor(), master_key_id: keyId, wrapped: sealed })
      .onConflict((oc) => oc.column('project_id').doNothing())
      .executeTakeFirst();
    const won = Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
    if (won) {
      await writeAudit(trx, null, auditEvent('import_key.create', {
        projectId, resourceId: fingerprint, details: { source: 'cli', algorithm: 'curve25519' },
      }));
    }
    return won;
  });
  if (!inserted) return { key: (await loadImportKey(db, keyring, projectId))!, created: false };
  return { key: { projectId, fingerprint, publicKey: publicKey.armor(), privateKey }, created: true };
}
