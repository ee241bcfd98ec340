// `vault import` (API.md §6.4): an OpenPGP-encrypted file of 100 000 cards with their own token
// ids into the embedded PostgreSQL, the same file again (nothing imported twice), a GnuPG-made
// (MDC) file, and bad rows that fail alone, by line, with no value in the report.
import { execFileSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as openpgp from 'openpgp';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ensureImportKey } from '../../src/migration/import-key.js';
import { importFile } from '../../src/migration/import.js';
import { wrappedUnder } from '../../src/crypto/master.js';
import { cards, csvOf, jsonl, type Vault, vaultWithProject, writeLines } from './support.js';

const ROWS = Number(process.env.IMPORT_TEST_ROWS ?? 100_000);
const tmp = mkdtempSync(path.join(tmpdir(), 'vault-import-'));
let vault: Vault;

beforeAll(async () => {
  vault = await vaultWithProject();
});
afterAll(async () => {
  await vault?.close();
  rmSync(tmp, { recursive: true, force: true });
});

async function encryptFile(plain: string, out: string, armoredKey: string, armor: boolean) {
  const encryptionKeys = await openpgp.readKey({ armoredKey });
  const message = await openpgp.createMessage({ binary: Readable.toWeb(createReadStream(plain)) as unknown as ReadableStream<Uint8Array> });
  const enc = armor ? await openpgp.encrypt({ message, encryptionKeys }) : await openpgp.encrypt({ message, encryptionKeys, format: 'binary' });
  await pipeline(Readable.fromWeb(enc as unknown as import('node:stream/web').ReadableStream), createWriteStream(out));
}

test('the import key is created once, stored only wrapped by the master key, and re-wrapped like every other secret', async () => {
  const a = await ensureImportKey(vault.database.db, vault.keyring, vault.projectId);
  const b = await ensureImportKey(vault.database.db, vault.keyring, vault.projectId);
  expect(a.created).toBe(true);
  expect(b.created).toBe(false);
  expect(b.key.fingerprint).toBe(a.key.fingerprint);
  expect(a.key.publicKey).toContain('BEGIN PGP PUBLIC KEY BLOCK');
  const row = await vault.database.db.selectFrom('import_keys').selectAll().where('project_id', '=', vault.projectId).executeTakeFirstOrThrow();
  // The stored bytes are the AES-GCM seal, not the key packet itself.
  const secretPacket = Buffer.from(a.key.privateKey.write());
  expect(row.wrapped.includes(secretPacket.subarray(secretPacket.length - 32))).toBe(false);
  expect(await wrappedUnder(vault.database.db, row.master_key_id)).toMatchObject({ 'import key': 1 });
});

test(`an encrypted JSONL file of ${ROWS} cards with their own ids, then the same file again: imported once`, async () => {
  const { key } = await ensureImportKey(vault.database.db, vault.keyring, vault.projectId);
  const list = cards(ROWS, 1);
  const plain = path.join(tmp, 'cards.jsonl');
  await writeLines(plain, jsonl(list));
  const file = path.join(tmp, 'cards.jsonl.asc');
  await encryptFile(plain, file, key.publicKey, true);
  rmSync(plain);

  const t0 = Date.now();
  const report = await importFile({ db: vault.database.db, keyring: vault.keyring, projectId: vault.projectId, file });
  const seconds = (Date.now() - t0) / 1000;
  console.log(`import of ${ROWS} encrypted rows: ${seconds.toFixed(1)} s, ${Math.round(ROWS / seconds)} rows/s (load average ${(await import('node:os')).loadavg()[0].toFixed(1)})`);
  expect(report).toMatchObject({ encryption: 'openpgp-aead', format: 'jsonl', rows: ROWS, imported: ROWS, already_present: 0, failed: 0 });
  expect(await vault.count()).toBe(ROWS);
  // Every own id holds its own card, readable through the project's data key.
  const values = await vault.values();
  for (const c of list.filter((_, i) => i % 997 === 0)) {
    expect(values.get(c.token!)?.data).toEqual({ cardNumber: c.cardNumber, expirationMonth: c.expirationMonth, expirationYear: c.expirationYear, ...(c.holderName ? { holderName: c.holderName } : {}) });
  }

  const again = await importFile({ db: vault.database.db, keyring: vault.keyring, projectId: vault.projectId, file });
  expect(again).toMatchObject({ rows: ROWS, imported: 0, already_present: ROWS, failed: 0 });
  expect(await vault.count()).toBe(ROWS);

  // One audit entry per import with its counts, and the token ids in the batch entries.
  const audit = await vault.database.db.selectFrom('audit_log').select(['action', 'details']).where('project_id', '=', vault.projectId).where('action', 'in', ['import', 'import_batch']).orderBy('ingest').execute();
  const imports = audit.filter((a) => a.action === 'import').map((a) => a.details as Record<string, number>);
  expect(imports.map((d) => [d.imported, d.already_present])).toEqual([[ROWS, 0], [0, ROWS]]);
  const listed = audit.filter((a) => a.action === 'import_batch').flatMap((a) => (a.details as { tokens: string[] }).tokens);
  expect(new Set(listed).size).toBe(ROWS);
}, 300_000);

test('a file encrypted by GnuPG (MDC, verified in a first pass), CSV, rows without token ids: idempotent by fingerprint', async () => {
  const { key } = await ensureImportKey(vault.database.db, vault.keyring, vault.projectId);
  const home = mkdtempSync(path.join(tmp, 'gnupg-'));
  const gpg = (...args: string[]) => execFileSync('gpg', ['--homedir', home, '--batch', '--yes', '--quiet', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  writeFileSync(path.join(home, 'import.asc'), key.publicKey);
  gpg('--import', path.join(home, 'import.asc'));
  const list = cards(3000, 0);
  const plain = path.join(tmp, 'vendor.csv');
  await writeLines(plain, csvOf(list));
  const file = path.join(tmp, 'vendor.csv.gpg');
  gpg('--trust-model', 'always', '--recipient', key.fingerprint, '--output', file, '--encrypt', plain);
  const before = await vault.count();

  const report = await importFile({ db: vault.database.db, keyring: vault.keyring, projectId: vault.projectId, file });
  expect(report).toMatchObject({ encryption: 'openpgp-mdc', format: 'csv', rows: 3000, imported: 3000, failed: 0 });
  const again = await importFile({ db: vault.database.db, keyring: vault.keyring, projectId: vault.projectId, file });
  expect(again).toMatchObject({ imported: 0, already_present: 3000 });
  expect(await vault.count()).toBe(before + 3000);

  // One flipped byte inside the ciphertext: refused before a single row is written.
  const bytes = readFileSync(file);
  bytes[bytes.length - 40] ^= 1;
  const bad = path.join(tmp, 'tampered.csv.gpg');
  writeFileSync(bad, bytes);
  await expect(importFile({ db: vault.database.db, keyring: vault.keyring, projectId: vault.projectId, file: bad })).rejects.toThrow(/integrity|decrypt|OpenPGP/);
  expect(await vault.count()).toBe(before + 3000);
}, 120_000);
