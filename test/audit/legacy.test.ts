// Rows from before migration 0010 (no writer MAC, no txid) are sealed once, on the first start
// after the upgrade, as a `legacy` seal; the adoption is logged for comparison with an anchor.
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { freshDatabase, startVault, testKeyring } from '../helpers.js';

describe('audit rows from before row MACs (migration 0010)', () => {
  it('are adopted once as a legacy seal, then verified like the rest; a later placeholder is not adopted', async () => {
    const url = await freshDatabase();
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      // What the migration leaves for a chain that had rows: the rows (txid NULL) and a placeholder.
      await c.query(`INSERT INTO audit_log (project_id, event_type, action, user_id, txid, details)
                     VALUES (NULL, 'auth', 'login', 'usr_old1', NULL, '{"n": 1}'), (NULL, 'auth', 'logout', 'usr_old1', NULL, '{}')`);
      await c.query(`INSERT INTO audit_seals (chain, n, kind, from_txid, to_txid, entries, digest, prev_mac) VALUES ('', 1, 'legacy', 0, 0, 0, '', '')`);
      const keyring = testKeyring();
      const v = await startVault({ databaseUrl: url, keyring });
      try {
        expect(await v.app.vault.audit.verify(null)).toMatchObject({ valid: true, entries: 2 });
        expect(v.logs.text).toContain('audit chain from before row MACs adopted');
        const a = await v.createApp();
        await v.app.inject({ method: 'POST', url: '/tokenize', headers: a.headers, payload: { type: 'string', data: 'x' } });
        expect(await v.app.vault.audit.verify(a.projectId)).toMatchObject({ valid: true, entries: 1 });
        // A legacy row edited afterwards breaks the legacy seal's digest.
        await c.query(`UPDATE audit_log SET user_id = 'usr_other' WHERE action = 'logout'`);
        expect(await v.app.vault.audit.verify(null)).toMatchObject({ valid: false, reason: 'rows_changed' });
      } finally {
        await v.close();
      }
      // Placeholders written later (to launder a deleted chain) are not adopted on the next start.
      await c.query(`DELETE FROM audit_seals WHERE chain = ''`);
      await c.query(`INSERT INTO audit_seals (chain, n, kind, from_txid, to_txid, entries, digest, prev_mac) VALUES ('', 0, 'start', 0, 0, 0, '', '')`);
      const again = await startVault({ databaseUrl: url, keyring });
      try {
        expect(await again.app.vault.audit.verify(null)).toMatchObject({ valid: false, reason: 'seal_mac' });
      } finally {
        await again.close();
      }
    } finally {
      await c.end();
    }
  });
});
