// Finding 6 of issue 13: with database access alone, deleting the newest audit entries and
// rewinding `audit_heads` to the last remaining entry verified as valid. The head is now MAC'd
// with the chain key, verification checks it, and each seal logs the head for an outside anchor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adoptLegacyHeads } from '../../src/audit/chain.js';
import { loadOrCreateSecret } from '../../src/crypto/secrets.js';
import { startVault, type TestApp, type TestVault } from '../helpers.js';

let v: TestVault;

beforeAll(async () => {
  v = await startVault();
});
afterAll(() => v.close());

async function sealedProject(n: number): Promise<TestApp> {
  const a = await v.createApp();
  for (let i = 0; i < n; i++) {
    const r = await v.app.inject({ method: 'POST', url: '/tokenize', headers: a.headers, payload: { type: 'string', data: `v${i}` } });
    expect(r.statusCode).toBe(201);
  }
  await v.app.vault.audit.sealNow();
  return a;
}

async function cutTail(projectId: string, keep: number) {
  const { rows } = await v.sql.query('SELECT seq, hash FROM audit_log WHERE project_id = $1 AND seq = $2', [projectId, keep]);
  await v.sql.query('DELETE FROM audit_log WHERE project_id = $1 AND seq > $2', [projectId, keep]);
  return rows[0].hash as string;
}

describe('the audit head is authenticated (finding 6)', () => {
  it('deleting the newest entries and rewinding the head is detected', async () => {
    const a = await sealedProject(6);
    expect(await v.app.vault.audit.verify(a.projectId)).toMatchObject({ valid: true, entries: 6 });
    const hash = await cutTail(a.projectId, 4);
    await v.sql.query('UPDATE audit_heads SET seq = 4, hash = $2 WHERE chain = $1', [a.projectId, hash]);
    expect(await v.app.vault.audit.verify(a.projectId)).toMatchObject({ valid: false, entries: 4, first_bad_seq: 5 });
  });

  it('the finding is sticky: new entries sealed after the rewind do not make the chain valid again', async () => {
    const a = await sealedProject(5);
    const hash = await cutTail(a.projectId, 3);
    await v.sql.query('UPDATE audit_heads SET seq = 3, hash = $2 WHERE chain = $1', [a.projectId, hash]);
    await v.app.inject({ method: 'POST', url: '/tokenize', headers: a.headers, payload: { type: 'string', data: 'later' } });
    await v.app.vault.audit.sealNow();
    expect((await v.app.vault.audit.verify(a.projectId)).valid).toBe(false);
    expect(v.logs.text).toContain('audit head failed its MAC');
  });

  it('deleting the newest entries and the head row too is detected', async () => {
    const a = await sealedProject(4);
    await cutTail(a.projectId, 2);
    await v.sql.query('DELETE FROM audit_heads WHERE chain = $1', [a.projectId]);
    expect(await v.app.vault.audit.verify(a.projectId)).toMatchObject({ valid: false });
  });

  it('each seal logs the head hash, so it can be anchored outside the database', async () => {
    const a = await sealedProject(2);
    const res = await v.app.vault.audit.verify(a.projectId);
    const line = v.logs.lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'audit head sealed' && l.chain === a.projectId && l.head_hash === res.head_hash);
    expect(line).toMatchObject({ seq: 2 });
  });

  it('heads from before the upgrade get their MAC once; a head without a MAC otherwise fails', async () => {
    const a = await sealedProject(2);
    await v.sql.query('UPDATE audit_heads SET mac = NULL WHERE chain = $1', [a.projectId]);
    expect((await v.app.vault.audit.verify(a.projectId)).valid).toBe(false);
    await v.sql.query('UPDATE audit_heads SET legacy = true WHERE chain = $1', [a.projectId]);
    const key = await loadOrCreateSecret(v.app.vault.database.db, v.config.keyring, 'audit-chain');
    const adopted = await adoptLegacyHeads(v.app.vault.database.db, key);
    expect(adopted.map((h) => h.chain)).toEqual([a.projectId]);
    expect((await v.app.vault.audit.verify(a.projectId)).valid).toBe(true);
  });
});
