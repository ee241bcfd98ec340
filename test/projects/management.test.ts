import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataKeys, ProjectKeyMissing } from '../../src/crypto/datakeys.js';
import { startVault, type TestVault, VISA } from '../helpers.js';
import { LOOSE_LIMITS } from '../auth/helpers.js';
import { createUser, type TestUser } from '../users.js';

let v: TestVault;
let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  v = await startVault({ rateLimits: LOOSE_LIMITS });
  alice = await createUser(v, 'alice');
  bob = await createUser(v, 'bob');
});
afterAll(() => v.close());

const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, user: TestUser, payload?: object) =>
  v.app.inject({ method, url, headers: user.auth, ...(payload ? { payload } : {}) });

async function project(user = alice, extra: object = {}) {
  const res = await call('POST', '/api/projects', user, { name: 'shop', environment: 'production', ...extra });
  expect(res.statusCode).toBe(201);
  return res.json().data;
}

describe('projects', () => {
  it('create, list with pagination, get, update, with settings', async () => {
    const created = [];
    for (let i = 0; i < 3; i++) created.push(await project(alice, { name: `p${i}`, deduplicate: i === 0, proxy_allowed_hosts: ['api.stripe.com'] }));
    expect(created[0]).toMatchObject({ name: 'p0', environment: 'production', role: 'owner', deduplicate: true, require_mfa: false, parent_id: null, proxy_allowed_hosts: ['api.stripe.com'] });
    const page1 = (await call('GET', '/api/projects?limit=2', alice)).json();
    expect(page1.data).toHaveLength(2);
    expect(page1.next_cursor).toEqual(expect.any(String));
    const page2 = (await call('GET', `/api/projects?limit=2&cursor=${page1.next_cursor}`, alice)).json();
    const seen = [...page1.data, ...page2.data].map((p: { id: string }) => p.id);
    expect(new Set(seen).size).toBe(seen.length);
    for (const c of created) expect(seen).toContain(c.id);
    const upd = await call('PUT', `/api/projects/${created[1].id}`, alice, { name: 'renamed', environment: 'staging', proxy_allowed_hosts: null });
    expect(upd.json().data).toMatchObject({ name: 'renamed', environment: 'staging', proxy_allowed_hosts: null });
    expect((await call('GET', `/api/projects/${created[1].id}`, alice)).json().data.name).toBe('renamed');
  });

  it('validates input: bad environment, empty update, bad cursor → 400 with details, nothing changed', async () => {
    const bad = await call('POST', '/api/projects', alice, { name: 'x', environment: 'moon' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.length).toBeGreaterThan(0);
    const p = await project();
    expect((await call('PUT', `/api/projects/${p.id}`, alice, {})).statusCode).toBe(400);
    expect((await call('GET', '/api/projects?cursor=garbage', alice)).json().error.code).toBe('validation_error');
    expect((await call('GET', '/api/projects?limit=500', alice)).statusCode).toBe(400);
  });

  // Issue 22 item 9: docs/api.md §4.2 lets the Elements integration create its project in one call.
  it('create takes elements_origins, validated as on update and audited', async () => {
    const origins = ['https://shop.example.com', 'https://*.example.org:8443'];
    const p = await project(alice, { elements_origins: origins });
    expect(p.elements_origins).toEqual(origins);
    expect((await call('GET', `/api/projects/${p.id}`, alice)).json().data.elements_origins).toEqual(origins);
    const entry = (await v.sql.query("SELECT details FROM audit_log WHERE project_id = $1 AND action = 'project_create'", [p.id])).rows[0];
    expect(entry.details).toMatchObject({ environment: 'production', fields: ['elements_origins'] });
    const dev = await project(alice, { environment: 'development', elements_origins: ['http://localhost:*'] });
    expect(dev.elements_origins).toEqual(['http://localhost:*']);
    // The update route's rules: https origins only (http://localhost in development), no paths or CSP words.
    const before = (await v.sql.query('SELECT count(*)::int AS n FROM projects')).rows[0].n;
    for (const bad of [['http://shop.example.com'], ['https://shop.example.com/path'], ["'unsafe-inline'"], ['*'], ['https://a.com', 'https://a.com']]) {
      const res = await call('POST', '/api/projects', alice, { name: 'shop', environment: 'production', elements_origins: bad });
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.json().error.code).toBe('validation_error');
    }
    const local = await call('POST', '/api/projects', alice, { name: 'shop', environment: 'staging', elements_origins: ['https://ok.example.com', 'http://localhost:3000'] });
    expect(local.statusCode).toBe(400);
    expect(local.json().error.details[0].path).toBe('/elements_origins/1');
    // Refused creations leave nothing behind (no project, no data key, no audit row).
    expect((await v.sql.query('SELECT count(*)::int AS n FROM projects')).rows[0].n).toBe(before);
  });

  it('requires a JWT', async () => {
    const res = await v.app.inject({ method: 'GET', url: '/api/projects' });
    expect(res.statusCode).toBe(401);
  });

  it('a project setting change reaches API-key callers at once (deduplicate)', async () => {
    const p = await project();
    const a = (await call('POST', '/api/applications', alice, { project_id: p.id, name: 'dedup-app', permissions: { tokenization: { allowed: true } } })).json().data;
    const h = { 'x-api-key': a.api_key, 'x-pub-key': a.pub_key };
    const t1 = (await v.app.inject({ method: 'POST', url: '/tokenize', headers: h, payload: { type: 'string', data: 'same' } })).json();
    await call('PUT', `/api/projects/${p.id}`, alice, { deduplicate: true });
    await new Promise((r) => setTimeout(r, 100));
    const t2 = (await v.app.inject({ method: 'POST', url: '/tokenize', headers: h, payload: { type: 'string', data: 'same2' } })).json();
    const t3 = (await v.app.inject({ method: 'POST', url: '/tokenize', headers: h, payload: { type: 'string', data: 'same2' } })).json();
    expect(t1.deduplicated).toBe(false);
    expect(t3).toMatchObject({ token: t2.token, deduplicated: true });
  });
});

describe('members', () => {
  it('invite by email, accept, change role, remove; the last owner stays', async () => {
    const p = await project();
    const add = await call('POST', `/api/projects/${p.id}/members`, alice, { email: bob.email.toUpperCase(), role: 'developer' });
    expect(add.statusCode).toBe(202);
    expect(add.json().data).toEqual({ email: bob.email.toLowerCase(), role: 'developer', status: 'invited' });
    expect((await call('GET', `/api/projects/${p.id}`, bob)).statusCode).toBe(404); // not before accepting
    const [inv] = (await call('GET', '/api/user/invitations', bob)).json().data;
    expect((await call('POST', `/api/user/invitations/${inv.id}/accept`, bob)).statusCode).toBe(200);
    // Inviting a member again changes nothing and answers the same.
    expect((await call('POST', `/api/projects/${p.id}/members`, alice, { email: bob.email, role: 'viewer' })).statusCode).toBe(202);
    expect((await call('GET', '/api/user/invitations', bob)).json().data).toEqual([]);
    expect((await call('GET', `/api/projects/${p.id}`, bob)).json().data.role).toBe('developer');
    expect((await call('PUT', `/api/projects/${p.id}/members/${bob.id}`, alice, { role: 'viewer' })).json().data.role).toBe('viewer');
    const list = (await call('GET', `/api/projects/${p.id}/members`, bob)).json().data;
    expect(list.map((m: { role: string }) => m.role).sort()).toEqual(['owner', 'viewer']);
    expect((await call('PUT', `/api/projects/${p.id}/members/${alice.id}`, alice, { role: 'admin' })).statusCode).toBe(409);
    expect((await call('DELETE', `/api/projects/${p.id}/members/${alice.id}`, alice)).statusCode).toBe(409);
    expect((await call('DELETE', `/api/projects/${p.id}/members/${bob.id}`, alice)).statusCode).toBe(200);
    expect((await call('GET', `/api/projects/${p.id}`, bob)).statusCode).toBe(404);
  });
});

describe('applications', () => {
  it('create shows the key once; list shows the prefix and last use; names unique per project', async () => {
    const p = await project();
    const res = await call('POST', '/api/applications', alice, { project_id: p.id, name: 'Checkout', permissions: { tokenization: { allowed: true }, detokenization: { allowed: false } } });
    expect(res.statusCode).toBe(201);
    const a = res.json().data;
    expect(a).toMatchObject({ name: 'Checkout', permissions: { tokenization: { allowed: true } } });
    expect(a.api_key).toMatch(/^key_checkout_us_pvt_/);
    expect(a.pub_key).toMatch(/^pk_prod_/);
    expect((await call('POST', '/api/applications', alice, { project_id: p.id, name: 'checkout', permissions: {} })).statusCode).toBe(409);
    expect((await call('POST', '/api/applications', alice, { project_id: p.id, name: 'ab', permissions: {} })).statusCode).toBe(400);

    await v.app.inject({ method: 'POST', url: '/tokenize', headers: { 'x-api-key': a.api_key, 'x-pub-key': a.pub_key }, payload: { type: 'card', data: VISA } });
    await v.app.vault.apiKeys.flushUsage();
    const list = (await call('GET', `/api/applications?project_id=${p.id}`, alice)).json().data;
    expect(list).toHaveLength(1);
    expect(list[0].key_prefix).toBe(a.api_key.slice(0, a.api_key.indexOf('_pvt_') + 9) + '…');
    expect(list[0].last_used_at).toEqual(expect.any(String));
    expect(JSON.stringify(list)).not.toContain(a.api_key);
    expect(JSON.stringify((await call('GET', `/api/applications/${a.id}`, alice)).json())).not.toContain(a.api_key);
  });

  it('permission changes and deletion take effect for the key at once', async () => {
    const p = await project();
    const a = (await call('POST', '/api/applications', alice, { project_id: p.id, name: 'worker', permissions: { tokenization: { allowed: true } } })).json().data;
    const h = { 'x-api-key': a.api_key, 'x-pub-key': a.pub_key };
    const tok = () => v.app.inject({ method: 'POST', url: '/tokenize', headers: h, payload: { type: 'string', data: 'x' } });
    expect((await tok()).statusCode).toBe(201);
    expect((await call('PUT', `/api/applications/${a.id}`, alice, { permissions: { tokenization: { allowed: false } } })).statusCode).toBe(200);
    await new Promise((r) => setTimeout(r, 100));
    expect((await tok()).statusCode).toBe(403);
    expect((await call('DELETE', `/api/applications/${a.id}`, alice)).statusCode).toBe(200);
    await new Promise((r) => setTimeout(r, 100));
    expect((await tok()).statusCode).toBe(401);
    expect((await call('GET', `/api/applications/${a.id}`, alice)).statusCode).toBe(404);
  });
});

describe('tokens', () => {
  it('list (filter, paginate), show and delete — masked only', async () => {
    const p = await project();
    const a = (await call('POST', '/api/applications', alice, { project_id: p.id, name: 'tok-app', permissions: { tokenization: { allowed: true } } })).json().data;
    const h = { 'x-api-key': a.api_key, 'x-pub-key': a.pub_key };
    await v.app.inject({ method: 'POST', url: '/tokenize', headers: h, payload: { items: [
      { type: 'card', data: VISA, metadata: { order: 1 } }, { type: 'card', data: VISA }, { type: 'string', data: 'secret-value' },
      { type: 'bank', data: { accountNumber: '000123456789', routingNumber: '110000000' } },
    ] } });
    const cards = (await call('GET', `/api/tokens?project_id=${p.id}&type=card&limit=1`, alice)).json();
    expect(cards.data).toHaveLength(1);
    expect(cards.data[0]).toMatchObject({ type: 'card', data: { cardNumber: '411111******1111' }, mask: { card_number: '************1111' }, brand: 'visa' });
    const next = (await call('GET', `/api/tokens?project_id=${p.id}&type=card&limit=1&cursor=${cards.next_cursor}`, alice)).json();
    expect(next.data).toHaveLength(1);
    expect(next.next_cursor).toBeNull();
    const all = (await call('GET', `/api/tokens?project_id=${p.id}`, alice)).json();
    expect(all.data).toHaveLength(4);
    const text = JSON.stringify(all);
    for (const secret of ['4111111111111111', 'secret-value', '000123456789']) expect(text).not.toContain(secret);
    const one = (await call('GET', `/api/tokens/${cards.data[0].token}`, alice)).json().data;
    expect(one.token).toBe(cards.data[0].token);
    expect((await call('DELETE', `/api/tokens/${one.token}`, alice)).statusCode).toBe(200);
    expect((await v.app.inject({ method: 'POST', url: '/detokenize', headers: h, payload: { token: one.token } })).statusCode).toBe(404);
    expect((await call('GET', `/api/tokens/${one.token}`, alice)).statusCode).toBe(404);
  });
});

describe('crypto-shredding', () => {
  it('deleting a project destroys its data key: its ciphertexts cannot be decrypted, even from a copy', async () => {
    const p = await project();
    const a = (await call('POST', '/api/applications', alice, { project_id: p.id, name: 'shred-app', permissions: { tokenization: { allowed: true } } })).json().data;
    const t = (await v.app.inject({ method: 'POST', url: '/tokenize', headers: { 'x-api-key': a.api_key, 'x-pub-key': a.pub_key }, payload: { type: 'card', data: VISA } })).json();
    // An attacker's copy of the database taken before the deletion…
    const backup = (await v.sql.query('SELECT token, ciphertext FROM tokens WHERE project_id = $1', [p.id])).rows[0];
    const key = await v.app.vault.keys.get(p.id);
    expect(key.open(backup.ciphertext, `vault:token:${p.id}:${t.token}`).toString()).toContain('4111111111111111');

    expect((await call('DELETE', `/api/projects/${p.id}`, alice)).statusCode).toBe(200);
    expect((await v.sql.query('SELECT 1 FROM project_keys WHERE project_id = $1', [p.id])).rowCount).toBe(0);
    expect((await v.sql.query('SELECT 1 FROM tokens WHERE project_id = $1', [p.id])).rowCount).toBe(0);
    // …is useless now: no wrapped key exists for any keyring to unwrap.
    const fresh = new DataKeys(v.app.vault.database.db, v.config.keyring);
    await expect(fresh.get(p.id)).rejects.toBeInstanceOf(ProjectKeyMissing);
    await expect(v.app.vault.keys.get(p.id)).rejects.toBeInstanceOf(ProjectKeyMissing);
    expect((await call('GET', `/api/projects/${p.id}`, alice)).statusCode).toBe(404);
    await new Promise((r) => setTimeout(r, 100));
    expect((await v.app.inject({ method: 'POST', url: '/detokenize', headers: { 'x-api-key': a.api_key }, payload: { token: t.token } })).statusCode).toBe(401);
    const entry = (await v.sql.query(`SELECT details FROM audit_log WHERE project_id = $1 AND action = 'project_delete'`, [p.id])).rows[0];
    expect(entry.details).toMatchObject({ data_key_destroyed: true, tokens_deleted: 1 });
  });
});
