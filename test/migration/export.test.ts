// `vault export` (API.md §6.4): an export, encrypted to another vault's import key, imported
// there gives the same tokens with the same values; its manifest is signed by the exporting
// project's import key and states the count and SHA-256 of the plaintext. Plaintext export needs
// both switches; nothing the commands print names a card number.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as openpgp from 'openpgp';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { verifyManifest } from '../../src/migration/export.js';
import { ensureImportKey, loadImportKey } from '../../src/migration/import-key.js';
import { importFile } from '../../src/migration/import.js';
import { cards, cli, csvOf, type Vault, vaultWithProject, writeLines } from './support.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'vault-export-'));
let source: Vault;
let target: Vault;
const list = cards(3000, 0.5);

beforeAll(async () => {
  [source, target] = await Promise.all([vaultWithProject(), vaultWithProject()]);
  const file = path.join(tmp, 'in.csv');
  const extra = [
    `bank,bank,,,,Jane Doe,000123456789,110000000,"{""iban"":false}",\n`,
    `secret_1,string,,,,,,,"{""kind"":""ssn""}",2099-01-01T00:00:00.000Z\n`,
  ];
  const rows = csvOf(list).map((l, i) => (i === 0 ? 'token,type,cardNumber,expirationMonth,expirationYear,holderName,accountNumber,routingNumber,metadata,expires_at,value\n' : l.trimEnd() + ',,,,,\n'));
  await writeLines(file, [...rows, extra[0].trimEnd() + ',\n', extra[1].trimEnd() + ',123-45-6789\n']);
  const report = await importFile({ db: source.database.db, keyring: source.keyring, projectId: source.projectId, file });
  expect(report).toMatchObject({ imported: 3002, failed: 0 });
}, 120_000);
afterAll(async () => {
  await Promise.all([source?.close(), target?.close()]);
  rmSync(tmp, { recursive: true, force: true });
});

test('export to another vault, import there: the same tokens with the same values, a signed manifest that matches', async () => {
  const { key: targetKey } = await ensureImportKey(target.database.db, target.keyring, target.projectId);
  const recipient = path.join(tmp, 'target.asc');
  writeFileSync(recipient, targetKey.publicKey);
  const out = path.join(tmp, 'export.pgp');
  const exp = await cli(source, ['export', '--project', source.projectId, '--to', recipient, out]);
  expect(exp.code, exp.stderr).toBe(0);
  const printed = JSON.parse(exp.stdout) as { count: number; sha256: string };
  expect(printed.count).toBe(3002);

  // The manifest verifies against the source project's import key (what `import-key` prints) ...
  const signer = (await loadImportKey(source.database.db, source.keyring, source.projectId))!;
  const manifest = await verifyManifest(readFileSync(`${out}.manifest.asc`, 'utf8'), signer.publicKey);
  expect(manifest).toMatchObject({ project_id: source.projectId, count: 3002, sha256: printed.sha256, encrypted_to: targetKey.fingerprint, signed_by: signer.fingerprint });
  // ... and states what the receiver decrypts.
  const { data } = await openpgp.decrypt({ message: await openpgp.readMessage({ binaryMessage: readFileSync(out) }), decryptionKeys: targetKey.privateKey, format: 'binary' });
  const plain = Buffer.from(data as Uint8Array);
  expect(createHash('sha256').update(plain).digest('hex')).toBe(manifest.sha256);
  expect(plain.toString().trim().split('\n')).toHaveLength(3002);
  // A forged manifest does not verify.
  const forged = readFileSync(`${out}.manifest.asc`, 'utf8').replace('"count": 3002', '"count": 3001');
  await expect(verifyManifest(forged, signer.publicKey)).rejects.toThrow();

  const imp = await cli(target, ['import', '--project', target.projectId, out]);
  expect(imp.code, imp.stderr).toBe(0);
  expect(JSON.parse(imp.stdout)).toMatchObject({ encryption: 'openpgp-aead', imported: 3002, failed: 0 });
  const [a, b] = await Promise.all([source.values(), target.values()]);
  expect(b.size).toBe(3002);
  expect(new Map([...b].sort())).toEqual(new Map([...a].sort()));
  const expiry = await target.sql(`SELECT expires_at::text AS e FROM tokens WHERE project_id = $1 AND token = 'secret_1'`, [target.projectId]);
  expect(expiry[0].e).toMatch(/^2099-01-01/);

  // Audited on both sides, the export with the token ids it let out.
  const audit = await source.sql(`SELECT action, details FROM audit_log WHERE project_id = $1 AND action IN ('export', 'export_batch') ORDER BY ingest`, [source.projectId]);
  expect(audit.at(-1)).toMatchObject({ action: 'export', details: { count: 3002, plaintext: false, sha256: manifest.sha256 } });
  expect(audit.filter((r) => r.action === 'export_batch').flatMap((r) => (r.details as unknown as { tokens: string[] }).tokens)).toHaveLength(3002);
  for (const text of [exp.stdout, exp.stderr, imp.stdout, imp.stderr]) for (const c of list.slice(0, 200)) expect(text).not.toContain(c.cardNumber);
}, 180_000);

test('a plaintext export is refused without both --plaintext and VAULT_EXPORT_PLAINTEXT=yes', async () => {
  const out = path.join(tmp, 'plain.jsonl');
  const noEnv = await cli(source, ['export', '--project', source.projectId, '--plaintext', out], { VAULT_EXPORT_PLAINTEXT: 'true' });
  expect(noEnv.code).toBe(3);
  expect(noEnv.stderr).toContain('VAULT_EXPORT_PLAINTEXT=yes');
  expect(existsSync(out)).toBe(false);
  const noSwitch = await cli(source, ['export', '--project', source.projectId, out], { VAULT_EXPORT_PLAINTEXT: 'yes' });
  expect(noSwitch.code).toBe(2);
  expect(existsSync(out)).toBe(false);
  const notAKey = path.join(tmp, 'not-a-key.asc');
  writeFileSync(notAKey, 'hello');
  const badKey = await cli(source, ['export', '--project', source.projectId, '--to', notAKey, out]);
  expect(badKey.code).toBe(3);
  expect(existsSync(out)).toBe(false);

  const both = await cli(source, ['export', '--project', source.projectId, '--plaintext', out], { VAULT_EXPORT_PLAINTEXT: 'yes' });
  expect(both.code, both.stderr).toBe(0);
  expect(both.stderr).toContain('WARNING');
  const lines = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { token: string; cardNumber?: string });
  expect(lines).toHaveLength(3002);
  expect(lines.filter((l) => l.cardNumber).map((l) => l.cardNumber).sort()).toEqual(list.map((c) => c.cardNumber).sort());
  const audit = await source.sql(`SELECT details FROM audit_log WHERE project_id = $1 AND action = 'export' ORDER BY ingest DESC LIMIT 1`, [source.projectId]);
  expect(audit[0].details).toMatchObject({ plaintext: true, encrypted_to: null });
  for (const c of list) expect(both.stdout + both.stderr).not.toContain(c.cardNumber);
}, 180_000);
