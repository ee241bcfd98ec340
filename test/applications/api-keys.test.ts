import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVault, type TestApp, type TestVault, VISA } from '../helpers.js';

let v: TestVault;
let a: TestApp;
let b: TestApp;

beforeAll(async () => {
  v = await startVault();
  a = await v.createApp({ name: 'My Shop!' });
  b = await v.createApp();
});
afterAll(() => v.close());

const tokenize = (headers: Record<string, string>) =>
  v.app.inject({ method: 'POST', url: '/tokenize', headers, payload: { type: 'card', data: VISA } });

describe('API keys (§2.1)', () => {
  it('have the documented formats and are stored only as a hash and a display prefix', async () => {
    expect(a.apiKey).toMatch(/^key_myshop_us_pvt_[A-Za-z0-9]{32,64}$/);
    expect(a.pubKey).toMatch(/^pk_test_[a-z0-9]{16}_[A-Za-z0-9]{32,64}$/);
    const row = (await v.sql.query('SELECT * FROM applications WHERE id = $1', [a.appId])).rows[0];
    expect(JSON.stringify(row)).not.toContain(a.apiKey.slice(18));
    expect(row.key_prefix).toBe(a.apiKey.slice(0, 22) + '…');
  });

  const cases: [string, () => Record<string, string>, number, string][] = [
    ['missing key', () => ({ 'x-pub-key': a.pubKey }), 401, 'api_key_required'],
    ['garbage key', () => ({ 'x-api-key': 'nope', 'x-pub-key': a.pubKey }), 401, 'invalid_api_key'],
    ['well-formed unknown key', () => ({ 'x-api-key': a.apiKey.slice(0, -4) + 'AAAA', 'x-pub-key': a.pubKey }), 401, 'invalid_api_key'],
    ['missing pub key', () => ({ 'x-api-key': a.apiKey }), 401, 'pub_key_required'],
    ["another application's pub key", () => ({ 'x-api-key': a.apiKey, 'x-pub-key': b.pubKey }), 401, 'pub_key_mismatch'],
  ];
  it.each(cases)('%s → %i %s', async (_n, headers, status, code) => {
    const res = await tokenize(headers());
    expect(res.statusCode).toBe(status);
    expect(res.json()).toMatchObject({ success: false, data: null, error: { code } });
    expect(res.body).not.toContain(a.apiKey);
  });

  it('missing permission → 403 permission_denied; detokenization follows tokenization when absent', async () => {
    const noTok = await v.createApp({ permissions: { tokenization: { allowed: false }, provisioning: { allowed: false } } });
    const r1 = await tokenize(noTok.headers);
    expect(r1.statusCode).toBe(403);
    expect(r1.json().error.code).toBe('permission_denied');
    const r2 = await v.app.inject({ method: 'POST', url: '/detokenize', headers: { 'x-api-key': noTok.apiKey }, payload: { token: 'tok_x' } });
    expect(r2.json().error.code).toBe('permission_denied');

    const tokOnly = await v.createApp({ permissions: { tokenization: { allowed: true }, detokenization: { allowed: false } } });
    const t = (await tokenize(tokOnly.headers)).json();
    const r3 = await v.app.inject({ method: 'POST', url: '/detokenize', headers: { 'x-api-key': tokOnly.apiKey }, payload: { token: t.token } });
    expect(r3.statusCode).toBe(403);
  });

  it('GET /api/applications/key describes the key', async () => {
    const res = await v.app.inject({ method: 'GET', url: '/api/applications/key', headers: { 'x-api-key': a.apiKey } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      success: true,
      message: 'API key is valid',
      data: {
        project_id: a.projectId,
        application_id: a.appId,
        name: 'My Shop!',
        permissions: { tokenization: { allowed: true }, provisioning: { allowed: true }, detokenization: { allowed: true } },
        valid: true,
        application: { id: a.appId, name: 'My Shop!', permissions: { tokenization: { allowed: true }, provisioning: { allowed: true }, detokenization: { allowed: true } } },
        project: { id: a.projectId, name: expect.any(String), environment: 'development' },
      },
    });
  });

  it('a deleted key is refused by every node within 1 s', async () => {
    const c = await v.createApp();
    const other = await (await import('../helpers.js')).startVault({ databaseUrl: v.config.databaseUrl, keyring: v.config.keyring });
    try {
      // Both nodes have the key cached.
      expect((await tokenize(c.headers)).statusCode).toBe(201);
      expect((await other.app.inject({ method: 'POST', url: '/tokenize', headers: c.headers, payload: { type: 'card', data: VISA } })).statusCode).toBe(201);
      // Delete the way the management API will: mark deleted and notify in one transaction.
      const client = await v.sql.connect();
      await client.query('BEGIN');
      await client.query('UPDATE applications SET deleted_at = now() WHERE id = $1', [c.appId]);
      await client.query(`SELECT pg_notify('vault_invalidate', 'app:' || $1::text)`, [c.appId]);
      await client.query('COMMIT');
      client.release();
      const deadline = Date.now() + 1000;
      let refusedA = false;
      let refusedB = false;
      while (Date.now() < deadline && !(refusedA && refusedB)) {
        refusedA ||= (await tokenize(c.headers)).statusCode === 401;
        refusedB ||= (await other.app.inject({ method: 'POST', url: '/tokenize', headers: c.headers, payload: { type: 'card', data: VISA } })).statusCode === 401;
      }
      expect(refusedA && refusedB).toBe(true);
    } finally {
      await other.close();
    }
  });

  it('a deleted key is refused within 1 s even when no notification arrives (TTL fallback)', async () => {
    const c = await v.createApp();
    expect((await tokenize(c.headers)).statusCode).toBe(201);
    await v.app.vault.listener.stop(); // simulate a lost LISTEN connection
    await v.sql.query('UPDATE applications SET deleted_at = now() WHERE id = $1', [c.appId]);
    await new Promise((r) => setTimeout(r, 1050));
    expect((await tokenize(c.headers)).statusCode).toBe(401);
  });
});
