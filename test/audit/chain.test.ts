import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVault, type TestApp, type TestVault } from '../helpers.js';

let v: TestVault;
let clock = new Date();

beforeAll(async () => {
  v = await startVault({ now: () => clock });
});
afterAll(() => v.close());

async function tokenizeN(app: TestApp, n: number) {
  for (let i = 0; i < n; i++) {
    const r = await v.app.inject({ method: 'POST', url: '/tokenize', headers: app.headers, payload: { type: 'string', data: `v${i}` } });
    expect(r.statusCode).toBe(201);
  }
}

const verify = (projectId: string) => v.app.vault.audit.verify(projectId);

describe('audit hash chain', () => {
  it('seals entries in order and verifies', async () => {
    const a = await v.createApp();
    await tokenizeN(a, 5);
    const res = await verify(a.projectId);
    expect(res).toMatchObject({ valid: true, entries: 5 });
    const rows = (await v.sql.query('SELECT seq, hash, prev_hash FROM audit_log WHERE project_id = $1 ORDER BY seq', [a.projectId])).rows;
    expect(rows.map((r) => Number(r.seq))).toEqual([1, 2, 3, 4, 5]);
    expect(rows[0].prev_hash).toBeNull();
    for (let i = 1; i < rows.length; i++) expect(rows[i].prev_hash).toBe(rows[i - 1].hash);
    expect(res.head_hash).toBe(rows[4].hash);
  });

  it('an edited row is detected at its seq', async () => {
    const a = await v.createApp();
    await tokenizeN(a, 6);
    await v.app.vault.audit.sealNow();
    await v.sql.query(`UPDATE audit_log SET details = details || '{"count": 99}' WHERE project_id = $1 AND seq = 4`, [a.projectId]);
    expect(await verify(a.projectId)).toMatchObject({ valid: false, first_bad_seq: 4, entries: 3 });
  });

  it('a deleted row is detected at its seq', async () => {
    const a = await v.createApp();
    await tokenizeN(a, 6);
    await v.app.vault.audit.sealNow();
    await v.sql.query('DELETE FROM audit_log WHERE project_id = $1 AND seq = 3', [a.projectId]);
    expect(await verify(a.projectId)).toMatchObject({ valid: false, first_bad_seq: 3 });
  });

  it('reordered rows are detected', async () => {
    const a = await v.createApp();
    await tokenizeN(a, 6);
    await v.app.vault.audit.sealNow();
    // Swap seq 2 and 5 (through a free value: seq is unique per chain).
    for (const [from, to] of [[2, -1], [5, 2], [-1, 5]]) {
      await v.sql.query('UPDATE audit_log SET seq = $3 WHERE project_id = $1 AND seq = $2', [a.projectId, from, to]);
    }
    expect(await verify(a.projectId)).toMatchObject({ valid: false, first_bad_seq: 2 });
  });

  it('deleting the newest rows is detected against the head', async () => {
    const a = await v.createApp();
    await tokenizeN(a, 4);
    await v.app.vault.audit.sealNow();
    await v.sql.query('DELETE FROM audit_log WHERE project_id = $1 AND seq = 4', [a.projectId]);
    expect(await verify(a.projectId)).toMatchObject({ valid: false, first_bad_seq: 4 });
  });

  it('a chain re-forged with plain SQL (without the MAC key) fails', async () => {
    const a = await v.createApp();
    await tokenizeN(a, 3);
    await v.app.vault.audit.sealNow();
    // An attacker edits a row and recomputes an unkeyed SHA-256 as its hash.
    await v.sql.query(
      `UPDATE audit_log SET action = 'nothing', hash = encode(sha256(convert_to(id, 'UTF8')), 'hex') WHERE project_id = $1 AND seq = 3`,
      [a.projectId],
    );
    expect(await verify(a.projectId)).toMatchObject({ valid: false, first_bad_seq: 3 });
  });

  it('many concurrent tokenize calls while the sealer runs: the chain stays valid and complete', async () => {
    const live = await (await import('../helpers.js')).startVault({ databaseUrl: v.config.databaseUrl, keyring: v.config.keyring, auditSealIntervalMs: 5 });
    try {
      const a = await live.createApp();
      const calls = Array.from({ length: 300 }, (_, i) =>
        fetch(`${live.url}/tokenize`, { method: 'POST', headers: { ...a.headers, 'content-type': 'application/json' }, body: JSON.stringify({ type: 'string', data: `c${i}` }) }).then((r) => r.status),
      );
      const statuses = await Promise.all(calls);
      expect(statuses.every((s) => s === 201)).toBe(true);
      const res = await live.app.vault.audit.verify(a.projectId);
      expect(res).toMatchObject({ valid: true, entries: 300 });
      const unsealed = await live.sql.query('SELECT count(*)::int n FROM audit_log WHERE project_id = $1 AND seq IS NULL', [a.projectId]);
      expect(unsealed.rows[0].n).toBe(0);
    } finally {
      await live.close();
    }
  });

  it('retention prunes the old prefix behind a MAC-checked checkpoint; the rest still verifies', async () => {
    const a = await v.createApp();
    clock = new Date(Date.now() - 3 * 365 * 86_400_000);
    await tokenizeN(a, 4);
    clock = new Date();
    await tokenizeN(a, 3);
    await v.app.vault.audit.sealNow();
    const pruned = await v.app.vault.audit.prune();
    expect(pruned).toBeGreaterThanOrEqual(4);
    const left = await v.sql.query('SELECT seq FROM audit_log WHERE project_id = $1 ORDER BY seq', [a.projectId]);
    expect(left.rows.map((r) => Number(r.seq))).toEqual([5, 6, 7]);
    expect(await verify(a.projectId)).toMatchObject({ valid: true, entries: 3 });
    await tokenizeN(a, 1);
    expect(await verify(a.projectId)).toMatchObject({ valid: true, entries: 4 });
    // A forged checkpoint (to hide a pruned-and-edited past) fails.
    await v.sql.query(`UPDATE audit_checkpoints SET seq = seq + 1 WHERE chain = $1`, [a.projectId]);
    expect((await verify(a.projectId)).valid).toBe(false);
  });
});
