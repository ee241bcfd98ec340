// Issue 22, item 2: with write access to the database (not to the key), the audit chain bent.
// (a) delete rows, null seq/hash/prev_hash of the rest and drop the head: the sealer re-sealed a
// fresh chain; (b) a row inserted straight into audit_log was sealed as genuine; (c) backdating
// created_at made retention prune the rows and write a fresh checkpoint. Each attack is plain SQL
// that also removes whatever seal state exists, so it is the same attack on the old and new code.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebaseTxids } from '../../src/audit/chain.js';
import { formatKeyring, newMasterKey, parseKeyring } from '../../src/crypto/keyring.js';
import { auditSlot } from '../../src/db/audit.js';
import { activate, rewrapAll } from '../../src/crypto/master.js';
import { rotateDataKey } from '../../src/crypto/rotation.js';
import { startVault, type TestApp, type TestVault } from '../helpers.js';

let v: TestVault;
const k1 = { id: 'k1', key: randomBytes(32) };

beforeAll(async () => {
  v = await startVault({ keyring: parseKeyring(formatKeyring([k1])) });
});
afterAll(() => v.close());

async function sealedProject(n: number): Promise<TestApp> {
  const a = await v.createApp();
  for (let i = 0; i < n; i++) {
    const r = await v.app.inject({ method: 'POST', url: '/tokenize', headers: a.headers, payload: { type: 'string', data: `v${i}` } });
    expect(r.statusCode).toBe(201);
  }
  expect(await v.app.vault.audit.verify(a.projectId)).toMatchObject({ valid: true });
  return a;
}

/** Runs a statement only when its table exists (the old schema has no audit_seals). */
async function ifTable(table: string, text: string, values: unknown[]) {
  const { rows } = await v.sql.query('SELECT to_regclass($1) IS NOT NULL AS ok', [table]);
  if (rows[0].ok) await v.sql.query(text, values);
}

describe('the audit chain holds against a database writer (issue 22, item 2)', () => {
  it('(a) deleting rows and every trace of sealing does not yield a fresh valid chain', async () => {
    const a = await sealedProject(6);
    const { rows } = await v.sql.query(`SELECT ingest FROM audit_log WHERE project_id = $1 AND action = 'tokenize' ORDER BY ingest`, [a.projectId]);
    await v.sql.query('DELETE FROM audit_log WHERE ingest = ANY($1::bigint[])', [[rows[1].ingest, rows[2].ingest]]);
    await v.sql.query('UPDATE audit_log SET seq = NULL, hash = NULL, prev_hash = NULL WHERE project_id = $1', [a.projectId]);
    await v.sql.query('DELETE FROM audit_heads WHERE chain = $1', [a.projectId]);
    await v.sql.query('DELETE FROM audit_checkpoints WHERE chain = $1', [a.projectId]);
    await ifTable('audit_seals', 'DELETE FROM audit_seals WHERE chain = $1', [a.projectId]);
    await v.app.vault.audit.sealNow();
    expect(await v.app.vault.audit.verify(a.projectId)).toMatchObject({ valid: false, reason: 'start_missing' });
  });

  it('(a) keeping the start but deleting the seals after it leaves rows no seal covers', async () => {
    const a = await sealedProject(3);
    await sealedProject(1); // another project's seal closes a later round
    await ifTable('audit_seals', 'DELETE FROM audit_seals WHERE chain = $1 AND n > 0', [a.projectId]);
    await v.sql.query('DELETE FROM audit_heads WHERE chain = $1', [a.projectId]);
    await v.sql.query('UPDATE audit_log SET seq = NULL, hash = NULL, prev_hash = NULL WHERE project_id = $1', [a.projectId]);
    expect(await v.app.vault.audit.verify(a.projectId)).toMatchObject({ valid: false, reason: 'unsealed_rows' });
    // Nor does it make the next start shift every row as after a restore.
    expect(await rebaseTxids(v.app.vault.database.db, await auditSlot(v.app.vault.database.db).ready())).toBe(0);
  });

  it('(a) a project whose whole chain (start, seals, rows) was deleted is reported', async () => {
    const a = await sealedProject(2);
    await v.sql.query('DELETE FROM audit_log WHERE project_id = $1', [a.projectId]);
    await v.sql.query('DELETE FROM audit_heads WHERE chain = $1', [a.projectId]);
    await ifTable('audit_seals', 'DELETE FROM audit_seals WHERE chain = $1', [a.projectId]);
    expect(await v.app.vault.audit.verify(a.projectId)).toMatchObject({ valid: false, reason: 'start_missing' });
  });

  it('(b) a row inserted straight into audit_log is not sealed as genuine, and stays reported', async () => {
    const a = await sealedProject(2);
    await v.sql.query(
      `INSERT INTO audit_log (project_id, event_type, action, outcome, resource_type, details)
       VALUES ($1, 'token', 'token_delete', 'success', 'token', '{}')`,
      [a.projectId],
    );
    const res = await v.app.vault.audit.verify(a.projectId);
    expect(res).toMatchObject({ valid: false, reason: 'forged_row' });
    expect(v.logs.text).toContain('audit rows failed their MAC');
    // Deleting the forged row again does not clear the finding: the seal lists it.
    await v.sql.query(`DELETE FROM audit_log WHERE project_id = $1 AND action = 'token_delete'`, [a.projectId]);
    expect((await v.app.vault.audit.verify(a.projectId)).valid).toBe(false);
  });

  it('(b) a row inserted with a txid the sealer would only reach in the future is reported', async () => {
    const a = await sealedProject(1);
    await v.sql.query(
      `INSERT INTO audit_log (project_id, event_type, action, resource_type, txid, details) VALUES ($1, 'token', 'token_delete', 'token', 1000000000000, '{}')`,
      [a.projectId],
    );
    expect(await v.app.vault.audit.verify(a.projectId)).toMatchObject({ valid: false, reason: 'unsealed_rows' });
  });

  it('(b) a genuine row copied (with its MAC) into a project is reported', async () => {
    const a = await sealedProject(2);
    await v.sql.query(
      `INSERT INTO audit_log (project_id, created_at, event_type, action, outcome, resource_type, resource_id, app_id, user_id, ip_address, request_id, details, mac)
       SELECT project_id, created_at, event_type, action, outcome, resource_type, resource_id, app_id, user_id, ip_address, request_id, details, mac
       FROM audit_log WHERE project_id = $1 AND action = 'tokenize' ORDER BY ingest LIMIT 1`,
      [a.projectId],
    );
    expect(await v.app.vault.audit.verify(a.projectId)).toMatchObject({ valid: false, reason: 'duplicate_row' });
  });

  it('(c) backdated rows are not pruned: retention verifies first, and verification reports them', async () => {
    const a = await sealedProject(3);
    await v.sql.query(`UPDATE audit_log SET created_at = created_at - interval '3 years' WHERE project_id = $1`, [a.projectId]);
    await v.sql.query('DELETE FROM audit_heads WHERE chain = $1', [a.projectId]);
    await v.app.vault.audit.prune();
    const left = await v.sql.query('SELECT count(*)::int AS n FROM audit_log WHERE project_id = $1', [a.projectId]);
    expect(left.rows[0].n).toBeGreaterThanOrEqual(3);
    expect(await v.app.vault.audit.verify(a.projectId)).toMatchObject({ valid: false, reason: 'row_mac' });
    expect(v.logs.text).toContain('audit retention stopped at a seal that fails verification');
  });

  it('the limit: deleting the newest round (seal and rows) is caught only against the logged head', async () => {
    const a = await sealedProject(2);
    const before = await v.app.vault.audit.verify(a.projectId);
    await sealedProject(0);
    const b = await v.createApp();
    await v.app.inject({ method: 'POST', url: '/tokenize', headers: b.headers, payload: { type: 'string', data: 'x' } });
    await v.app.inject({ method: 'POST', url: '/tokenize', headers: a.headers, payload: { type: 'string', data: 'newest' } });
    await v.app.vault.audit.sealNow();
    // Everything of the newest round, in every chain, goes: nothing in the database remembers it.
    const { rows } = await v.sql.query('SELECT max(to_txid) AS g FROM audit_seals');
    const { rows: gone } = await v.sql.query(`DELETE FROM audit_seals WHERE to_txid = $1 RETURNING chain, mac`, [rows[0].g]);
    await v.sql.query('DELETE FROM audit_log WHERE txid >= (SELECT max(to_txid) FROM audit_seals)');
    const after = await v.app.vault.audit.verify(a.projectId);
    expect(after).toMatchObject({ valid: true, head_hash: before.head_hash });
    const logged = v.logs.lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'audit head sealed' && l.chain === a.projectId);
    expect(logged[logged.length - 1].head_hash).toBe(gone.find((g) => g.chain === a.projectId).mac);
    expect(logged[logged.length - 1].head_hash).not.toBe(after.head_hash);
  });

  it('master key rotation (`keys rotate`) and data key rotation keep old rows verifying', async () => {
    const a = await sealedProject(3);
    const before = await v.app.vault.audit.verify(a.projectId);
    await rotateDataKey(v.app.vault.database.db, v.app.vault.keys, a.projectId, 'test');
    const k2 = newMasterKey(['k1']);
    const ring2 = parseKeyring(formatKeyring([k2, k1]));
    await activate(v.app.vault.database.db, ring2, k2.id);
    await rewrapAll(v.app.vault.database.db, ring2);
    const { rows } = await v.sql.query(`SELECT master_key_id FROM vault_secrets WHERE name = 'audit-chain'`);
    expect(rows[0].master_key_id).toBe(k2.id);
    // A vault that holds only the new master key reads the same audit key and verifies the old rows.
    const next = await startVault({ databaseUrl: v.config.databaseUrl, keyring: parseKeyring(formatKeyring([k2])) });
    try {
      await next.app.inject({ method: 'POST', url: '/tokenize', headers: a.headers, payload: { type: 'string', data: 'after' } });
      expect(await next.app.vault.audit.verify(a.projectId)).toMatchObject({ valid: true, entries: before.entries + 2 }); // + data_key.rotate, tokenize
    } finally {
      await next.close();
    }
  });
});
