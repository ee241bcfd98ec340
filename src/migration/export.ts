// `vault export`: every live token of a project as JSONL (the §6.4 columns, token included),
// OpenPGP-encrypted to the recipient's public key, streamed page by page. Next to it,
// OUT.manifest.asc: the row count and the SHA-256 of the plaintext JSONL, cleartext-signed by the
// project's import key (whose public part `vault import-key` prints), so the receiver can check
// that the file is complete and came from this vault. Plaintext output needs two switches.
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type Kysely, sql } from 'kysely';
import * as openpgp from 'openpgp';
import { DataKeys, tokenAad } from '../crypto/datakeys.js';
import type { Keyring } from '../crypto/keyring.js';
import { writeAudit } from '../db/audit.js';
import { auditEvent } from '../db/audit-events.js';
import type { DB } from '../db/schema.js';
import { ensureImportKey } from './import-key.js';
import { progress } from './progress.js';

export interface ExportOptions {
  db: Kysely<DB>;
  keyring: Keyring;
  projectId: string;
  out: string;
  /** Armored or binary public key file; null only with `plaintext`. */
  recipient: string | null;
  plaintext: boolean;
  env: NodeJS.ProcessEnv;
  progressStream?: NodeJS.WriteStream;
}

export interface ExportManifest {
  format: 'vault-export-v1';
  export_id: string;
  project_id: string;
  count: number;
  sha256: string;
  encrypted_to: string | null;
  signed_by: string;
  created_at: string;
}

export class ExportRefused extends Error {}

const PAGE = 5000;

async function readRecipient(path: string): Promise<openpgp.Key> {
  const bytes = await readFile(path);
  const text = bytes.toString('latin1');
  try {
    const key = text.includes('-----BEGIN PGP') ? await openpgp.readKey({ armoredKey: text }) : await openpgp.readKey({ binaryKey: bytes });
    await key.getEncryptionKey();
    return key;
  } catch {
    throw new ExportRefused(`${path} is not an OpenPGP public key that can encrypt`);
  }
}

/** The JSONL line of one token: its id, its data as tokenized, and what it carries in clear. */
function line(row: { token: string; type: string; metadata: unknown; expires_at: Date | null }, data: Record<string, unknown>): string {
  const out: Record<string, unknown> = { token: row.token, type: row.type, ...data };
  if (row.metadata !== null) out.metadata = row.metadata;
  if (row.expires_at !== null) out.expires_at = row.expires_at.toISOString();
  return JSON.stringify(out) + '\n';
}

export async function exportTokens(opts: ExportOptions): Promise<ExportManifest> {
  const { db, keyring, projectId } = opts;
  if (opts.plaintext && opts.env.VAULT_EXPORT_PLAINTEXT !== 'yes') {
    throw new ExportRefused('--plaintext writes every card number in the clear: it also needs VAULT_EXPORT_PLAINTEXT=yes in the environment');
  }
  if (!opts.plaintext && !opts.recipient) throw new ExportRefused('--to RECIPIENT.asc is required (the public key the export is encrypted to)');
  const project = await db.selectFrom('projects').select('id').where('id', '=', projectId).executeTakeFirst();
  if (!project) throw new ExportRefused(`no project ${projectId}`);
  const recipient = opts.plaintext ? null : await readRecipient(opts.recipient!);
  const signer = (await ensureImportKey(db, keyring, projectId)).key;
  const key = await new DataKeys(db, keyring).get(projectId);
  const exportId = `exp_${randomUUID()}`;
  const now = new Date();
  const { total } = (await sql<{ total: number }>`
    SELECT count(*)::int AS total FROM tokens WHERE project_id = ${projectId} AND NOT test AND (expires_at IS NULL OR expires_at > ${now})`.execute(db)).rows[0];
  const bar = progress('exporting', total, opts.progressStream);
  const hash = createHash('sha256');
  let count = 0;
  let cursor = '';
  let done = false;

  // Pulled page by page by the encryption (or the file), so memory holds one page at a time.
  const plain = new ReadableStream<Uint8Array>({
    async pull(ctrl) {
      if (done) return ctrl.close();
      const { rows } = await sql<{ token: string; type: string; ciphertext: Buffer; metadata: unknown; expires_at: Date | null }>`
        SELECT token, type, ciphertext, metadata, expires_at FROM tokens
        WHERE project_id = ${projectId} AND NOT test AND (expires_at IS NULL OR expires_at > ${now}) AND token > ${cursor}
        ORDER BY token LIMIT ${PAGE}`.execute(db);
      if (rows.length < PAGE) done = true;
      if (rows.length === 0) return ctrl.close();
      cursor = rows.at(-1)!.token;
      let text = '';
      for (const r of rows) {
        const data = JSON.parse(key.open(r.ciphertext, tokenAad(projectId, r.token)).toString('utf8')) as Record<string, unknown>;
        text += line(r, data);
      }
      // PCI DSS 10.2: which token ids left the vault, as a detokenize batch lists them.
      await writeAudit(db, null, auditEvent('export_batch', {
        projectId, details: { export_id: exportId, tokens: rows.map((r) => r.token) },
      }));
      const bytes = Buffer.from(text);
      hash.update(bytes);
      count += rows.length;
      bar.update(count, count);
      ctrl.enqueue(bytes);
    },
  });
  let outcome: 'success' | 'failure' = 'failure';
  let manifest: ExportManifest | null = null;
  try {
    const body = recipient
      ? ((await openpgp.encrypt({ message: await openpgp.createMessage({ binary: plain }), encryptionKeys: recipient, format: 'binary' })) as ReadableStream<Uint8Array>)
      : plain;
    await pipeline(Readable.fromWeb(body as import('node:stream/web').ReadableStream<Uint8Array>), createWriteStream(opts.out, { mode: 0o600 }));
    manifest = {
      format: 'vault-export-v1', export_id: exportId, project_id: projectId, count, sha256: hash.digest('hex'),
      encrypted_to: recipient ? recipient.getFingerprint().toUpperCase() : null, signed_by: signer.fingerprint, created_at: now.toISOString(),
    };
    const signed = await openpgp.sign({ message: await openpgp.createCleartextMessage({ text: JSON.stringify(manifest, null, 2) }), signingKeys: signer.privateKey });
    await pipeline(Readable.from([signed]), createWriteStream(`${opts.out}.manifest.asc`));
    outcome = 'success';
    return manifest;
  } finally {
    bar.stop();
    await writeAudit(db, null, auditEvent('export', {
      projectId, outcome, resourceId: projectId,
      details: { export_id: exportId, source: 'cli', count, plaintext: opts.plaintext, encrypted_to: manifest?.encrypted_to ?? recipient?.getFingerprint().toUpperCase() ?? null, sha256: manifest?.sha256 ?? null },
    }));
  }
}

/** Checks an export's signed manifest against the signer's public key; returns what it says. */
export async function verifyManifest(armoredManifest: string, signerPublicKey: string): Promise<ExportManifest> {
  const message = await openpgp.readCleartextMessage({ cleartextMessage: armoredManifest });
  const verificationKeys = await openpgp.readKey({ armoredKey: signerPublicKey });
  const { data, signatures } = await openpgp.verify({ message, verificationKeys });
  await signatures[0].verified; // throws when the signature does not verify
  return JSON.parse(data) as ExportManifest;
}
