// The audit log of issue 22: rows written once with their writer's MAC, MAC'd seals over closed
// txid ranges, a MAC'd start per chain, retention behind a MAC'd checkpoint. Tampering is plain
// SQL on the vault's database, as someone with write access (not the key) would do it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebaseTxids, shiftTxids } from '../../src/audit/chain.js';
import { auditSlot } from '../../src/db/audit.js';
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
/** The project's token rows (the ones tokenizeN wrote), oldest first. */
const tokenRows = async (projectId: string) =>
  (await v.sql.query(`SELECT ingest, id FROM audit_log WHERE project_id = $1 AND event_type = 'token' ORDER BY ingest`, [projectId])).rows as { ingest: string; id: string }[];

describe('audit rows and seals', () => {
  it('each row is written exactly once, with its MAC; seals cover them and verify', async () => {
    const a = await v.createApp();
    await tokenizeN(a, 5);
    // A tokenize batch, a detokenize (hit and miss): the hot statements' rows too.
    const tok = (await v.app.inject({ method: 'POST', url: '/tokenize', headers: a.headers, payload: { items: [{ type: 'string', data: 'x' }, { type: 'string', data: 'y' }] } })).json();
    await v.app.inject({ method: 'POST', url: '/detokenize', headers: a.headers, payload: { token: tok.data?.[0]?.token ?? tok.tokens?.[0] ?? 'tok_x' } });
    await v.app.inject({ method: 'POST', url: '/detokenize', headers: a.headers, payload: { token: 'tok_unknown' } });
    const res = await verify(a.projectId);
    expect(res).toMatchObject({ valid: true, entries: 8 });
    // xmin is the transaction that wrote the row version: an UPDATE would have made a new one.
    const rows = (await v.sql.query('SELECT seq, hash, mac, txid, xmin::text::bigint AS xmin FROM audit_log WHERE project_id = $1', [a.projectId])).rows;
    expect(rows).toHaveLength(8);
    for (const r of rows) {
      expect(r.seq).toBeNull();
      expect(r.hash).toBeNull();
      expect(r.mac).toMatch(/^[0-9a-f]{12}-\d+\.[fr]\.[0-9a-f]{64}$/);
      expect(Number(r.xmin)).toBe(Number(r.txid));
    }
    const seals = (await v.sql.query('SELECT n, kind, entries, mac FROM audit_seals WHERE chain = $1 ORDER BY n', [a.projectId])).rows;
    expect(seals[0]).toMatchObject({ n: 0, kind: 'start' });
    expect(seals.slice(1).reduce((s, x) => s + Number(x.entries), 0)).toBe(8);
    expect(res.head_hash).toBe(seals[seals.length - 1].mac);
  });

  it('an edited field is reported at its row', async () => {
    const a = await v.createApp();
    await tokenizeN(a, 6);
    await v.app.vault.audit.sealNow();
    const [, , , row] = await tokenRows(a.projectId);
    await v.sql.query(`UPDATE audit_log SET user_id = 'usr_someoneelse' WHERE ingest = $1`, [row.ingest]);
    expect(await verify(a.projectId)).toMatchObject({ valid: false, reason: 'row_mac', first_bad_id: row.id });
  });

  it('a result field filled in by the statement (the outcome) is covered by the seal', async () => {
    const a = await v.createApp();
    await v.app.inject({ method: 'POST', url: '/detokenize', headers: a.headers, payload: { token: 'tok_unknown' } });
    await v.app.vault.audit.sealNow();
    await v.sql.query(`UPDATE audit_log SET outcome = 'success' WHERE project_id = $1 AND action = 'detokenize'`, [a.projectId]);
    expect(await verify(a.projectId)).toMatchObject({ valid: false, reason: 'rows_changed' });
  });

  it('a row deleted in the middle is reported', async () => {
    const a = await v.createApp();
    await tokenizeN(a, 3);
    await v.app.vault.audit.sealNow();
    await tokenizeN(a, 3);
    await v.app.vault.audit.sealNow();
    const rows = await tokenRows(a.projectId);
    await v.sql.query('DELETE FROM audit_log WHERE ingest = $1', [rows[1].ingest]);
    expect(await verify(a.projectId)).toMatchObject({ valid: false, reason: 'rows_changed' });
  });

  it('rows deleted at the tail of a seal are reported', async () => {
    const a = await v.createApp();
    await tokenizeN(a, 4);
    await v.app.vault.audit.sealNow();
    const rows = await tokenRows(a.projectId);
    await v.sql.query('DELETE FROM audit_log WHERE ingest >= $1 AND project_id = $2', [rows[2].ingest, a.projectId]);
    expect(await verify(a.projectId)).toMatchObject({ valid: false, reason: 'rows_changed' });
  });

  it('reordered rows (their transaction ids swapped across seals) are reported', async () => {
    const a = await v.createApp();
    await tokenizeN(a, 2);
    await v.app.vault.audit.sealNow();
    await tokenizeN(a, 2);
    await v.app.vault.audit.sealNow();
    const rows = await tokenRows(a.projectId);
    await v.sql.query(
      `UPDATE audit_log l SET txid = x.t FROM (SELECT a.ingest, b.txid AS t FROM audit_log a, audit_log b
         WHERE (a.ingest, b.ingest) IN (($1::bigint, $2::bigint), ($2::bigint, $1::bigint))) x WHERE l.ingest = x.ingest`,
      [rows[0].ingest, rows[3].ingest],
    );
    expect((await verify(a.projectId)).valid).toBe(false);
  });

  it('a seal edited or deleted in the middle is reported', async () => {
    const a = await v.createApp();
    for (let i = 0; i < 3; i++) {
      await tokenizeN(a, 1);
      await v.app.vault.audit.sealNow();
    }
    await v.sql.query(`UPDATE audit_seals SET entries = entries + 1 WHERE chain = $1 AND n = 2`, [a.projectId]);
    expect(await verify(a.projectId)).toMatchObject({ valid: false, reason: 'seal_mac' });
    await v.sql.query(`DELETE FROM audit_seals WHERE chain = $1 AND n = 2`, [a.projectId]);
    expect(await verify(a.projectId)).toMatchObject({ valid: false, reason: 'seal_order' });
  });

  it('many concurrent tokenize calls while the sealer runs: every row is sealed once and verifies', async () => {
    const live = await startVault({ databaseUrl: v.config.databaseUrl, keyring: v.config.keyring, auditSealIntervalMs: 5 });
    try {
      const a = await live.createApp();
      const calls = Array.from({ length: 300 }, (_, i) =>
        fetch(`${live.url}/tokenize`, { method: 'POST', headers: { ...a.headers, 'content-type': 'application/json' }, body: JSON.stringify({ type: 'string', data: `c${i}` }) }).then((r) => r.status),
      );
      expect((await Promise.all(calls)).every((s) => s === 201)).toBe(true);
      expect(await live.app.vault.audit.verify(a.projectId)).toMatchObject({ valid: true, entries: 300 });
      const sealed = await live.sql.query('SELECT sum(entries)::int n FROM audit_seals WHERE chain = $1', [a.projectId]);
      expect(sealed.rows[0].n).toBe(300);
    } finally {
      await live.close();
    }
  });

  it('after a restore into a new cluster (transaction ids start low again) new rows still seal', async () => {
    const a = await v.createApp();
    await tokenizeN(a, 2);
    await v.app.vault.audit.sealNow();
    // What a restored database looks like in a new cluster: its rows' and seals' txids are above
    // this cluster's (a restore keeps the stored values, the new cluster counts from low again).
    const key = await auditSlot(v.app.vault.database.db).ready();
    await shiftTxids(v.app.vault.database.db, key, -1_000_000);
    expect(await rebaseTxids(v.app.vault.database.db, key)).toBeGreaterThan(1_000_000 - 1000);
    await tokenizeN(a, 2);
    const res = await verify(a.projectId);
    expect(res, JSON.stringify(res)).toMatchObject({ valid: true, entries: 4 });
  });

  it('retention prunes whole verified seals older than the cutoff behind a MAC-checked checkpoint', async () => {
    clock = new Date(Date.now() - 3 * 365 * 86_400_000);
    const a = await v.createApp();
    await tokenizeN(a, 4);
    await v.app.vault.audit.sealNow();
    clock = new Date();
    await tokenizeN(a, 3);
    await v.app.vault.audit.sealNow();
    expect(await v.app.vault.audit.prune()).toBeGreaterThanOrEqual(4);
    expect(await tokenRows(a.projectId)).toHaveLength(3);
    expect(await verify(a.projectId)).toMatchObject({ valid: true, entries: 3 });
    await tokenizeN(a, 1);
    expect(await verify(a.projectId)).toMatchObject({ valid: true, entries: 4 });
    const first = (await v.sql.query('SELECT kind FROM audit_seals WHERE chain = $1 ORDER BY n LIMIT 1', [a.projectId])).rows[0];
    expect(first.kind).toBe('checkpoint');
    // A forged checkpoint (to hide a pruned-and-edited past) fails.
    await v.sql.query(`UPDATE audit_seals SET entries = entries + 1 WHERE chain = $1 AND kind = 'checkpoint'`, [a.projectId]);
    expect(await verify(a.projectId)).toMatchObject({ valid: false, reason: 'seal_mac' });
  });
});
