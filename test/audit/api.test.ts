import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVault, type TestVault, VISA } from '../helpers.js';
import { LOOSE_LIMITS } from '../auth/helpers.js';
import { createUser, type TestUser } from '../users.js';

let v: TestVault;
let alice: TestUser;
let mallory: TestUser;

beforeAll(async () => {
  v = await startVault({ rateLimits: LOOSE_LIMITS });
  alice = await createUser(v, 'alice');
  mallory = await createUser(v, 'mallory');
});
afterAll(() => v.close());

const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, headers: Record<string, string>, payload?: object) =>
  v.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

describe('audit completeness', () => {
  it('a scripted session records exactly its actions, in order, with no secret', async () => {
    const p = (await call('POST', '/api/projects', alice.auth, { name: 'audited', environment: 'development' })).json().data;
    const a = (await call('POST', '/api/applications', alice.auth, { project_id: p.id, name: 'audited-app', permissions: { tokenization: { allowed: true }, provisioning: { allowed: true } } })).json().data;
    const key = { 'x-api-key': a.api_key, 'x-pub-key': a.pub_key };
    const t = (await call('POST', '/tokenize', key, { type: 'card', data: VISA })).json();
    await call('POST', '/tokenize', key, { items: [{ type: 'string', data: 'one' }, { type: 'string', data: 'two' }] });
    await call('POST', '/detokenize', key, { token: t.token });
    await call('POST', '/detokenize', key, { token: 'tok_unknown' });
    await call('POST', '/test-tokens', key, { cardNumber: '4242424242424242', expirationMonth: '12', expirationYear: '2031', cvc: '123' });
    await call('PUT', `/api/applications/${a.id}`, alice.auth, { name: 'audited-app-2' });
    await call('POST', `/api/projects/${p.id}/members`, alice.auth, { email: mallory.email, role: 'viewer' });
    const [inv] = (await call('GET', '/api/user/invitations', mallory.auth)).json().data;
    await call('POST', `/api/user/invitations/${inv.id}/accept`, mallory.auth);
    await call('PUT', `/api/projects/${p.id}/members/${mallory.id}`, alice.auth, { role: 'developer' });
    await call('DELETE', `/api/projects/${p.id}/members/${mallory.id}`, alice.auth);
    await call('PUT', `/api/projects/${p.id}`, alice.auth, { require_mfa: false });
    await call('DELETE', `/api/tokens/${t.token}`, alice.auth);
    await call('POST', '/internal/provision', key, { name: 'child' });
    await call('DELETE', `/api/applications/${a.id}`, alice.auth);

    const res = (await call('GET', `/api/audit-logs?project_id=${p.id}&limit=200`, alice.auth)).json();
    const actions = res.data.map((e: { action: string }) => e.action).reverse();
    expect(actions).toEqual([
      'project_create', 'application_create', 'tokenize', 'tokenize_batch', 'detokenize', 'detokenize', 'test_token',
      'application_update', 'member_invite', 'member_add', 'member_role_change', 'member_remove', 'project_update', 'token_delete', 'provision',
      'application_delete',
    ]);
    const byAction = Object.fromEntries(res.data.map((e: { action: string }) => [e.action, e]));
    expect(byAction.tokenize).toMatchObject({ event_type: 'token', app_id: a.id, resource_id: t.token, outcome: 'success', project_id: p.id });
    expect(res.data.filter((e: { action: string; outcome: string }) => e.action === 'detokenize').map((e: { outcome: string }) => e.outcome).sort()).toEqual(['failure', 'success']);
    expect(byAction.member_invite).toMatchObject({ user_id: alice.id, resource_type: 'invitation', resource_id: inv.id, details: { role: 'viewer' } });
    expect(byAction.member_add).toMatchObject({ user_id: mallory.id, resource_id: mallory.id, details: { role: 'viewer', invitation: inv.id } });
    for (const e of res.data) {
      expect(Object.keys(e).sort()).toEqual(['action', 'app_id', 'created_at', 'details', 'event_type', 'hash', 'id', 'ip_address', 'outcome', 'prev_hash', 'project_id', 'request_id', 'resource_id', 'resource_type', 'seq', 'user_id'].sort());
      expect(e.id).toMatch(/^aud_/);
    }
    const text = JSON.stringify(res);
    for (const secret of ['4111111111111111', a.api_key, alice.token, '"123"']) expect(text).not.toContain(secret);

    // Filters and pagination.
    const onlyTokens = (await call('GET', `/api/audit-logs?project_id=${p.id}&event_type=token&limit=2`, alice.auth)).json();
    expect(onlyTokens.data).toHaveLength(2);
    expect(onlyTokens.data.every((e: { event_type: string }) => e.event_type === 'token')).toBe(true);
    const rest = (await call('GET', `/api/audit-logs?project_id=${p.id}&event_type=token&limit=50&cursor=${onlyTokens.next_cursor}`, alice.auth)).json();
    expect(onlyTokens.data.length + rest.data.length).toBe(6); // tokenize, batch, 2 × detokenize, test token, delete
    const byUser = (await call('GET', `/api/audit-logs?project_id=${p.id}&user_id=${alice.id}&action=member_invite`, alice.auth)).json();
    expect(byUser.data).toHaveLength(1);
    const future = (await call('GET', `/api/audit-logs?project_id=${p.id}&from=2999-01-01T00:00:00Z`, alice.auth)).json();
    expect(future.data).toHaveLength(0);

    // NDJSON export: the same entries, one JSON object a line.
    const nd = await call('GET', `/api/audit-logs?project_id=${p.id}`, { ...alice.auth, accept: 'application/x-ndjson' });
    expect(nd.headers['content-type']).toContain('application/x-ndjson');
    const lines = nd.body.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((e) => e.action).reverse()).toEqual(actions);

    // The chain over all of it verifies, through the API.
    const verify = (await call('GET', `/api/audit-logs/verify?project_id=${p.id}`, alice.auth)).json();
    expect(verify).toMatchObject({ success: true, data: { valid: true, entries: actions.length } });
    expect(verify.data.head_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('verify names the first bad seq after tampering, through the API', async () => {
    const p = (await call('POST', '/api/projects', alice.auth, { name: 'tamper', environment: 'development' })).json().data;
    for (let i = 0; i < 3; i++) await call('PUT', `/api/projects/${p.id}`, alice.auth, { name: `n${i}` });
    await v.app.vault.audit.sealNow();
    const second = (await v.sql.query('SELECT ingest, id FROM audit_log WHERE project_id = $1 ORDER BY ingest OFFSET 1 LIMIT 1', [p.id])).rows[0];
    await v.sql.query(`UPDATE audit_log SET user_id = 'usr_someoneelse0000' WHERE ingest = $1`, [second.ingest]);
    const res = (await call('GET', `/api/audit-logs/verify?project_id=${p.id}`, alice.auth)).json();
    expect(res.data).toMatchObject({ valid: false, first_bad_seq: 2, first_bad_id: second.id, reason: 'row_mac' });
  });
});

describe('hybrid and JWT authentication on API-key endpoints', () => {
  it('API key + Bearer: the entry names both app and user; bad JWT → 401; non-member → 403', async () => {
    const p = (await call('POST', '/api/projects', alice.auth, { name: 'hybrid', environment: 'development' })).json().data;
    const a = (await call('POST', '/api/applications', alice.auth, { project_id: p.id, name: 'hybrid-app', permissions: { tokenization: { allowed: true } } })).json().data;
    const key = { 'x-api-key': a.api_key, 'x-pub-key': a.pub_key };
    const ok = await call('POST', '/tokenize', { ...key, ...alice.auth }, { type: 'string', data: 'both' });
    expect(ok.statusCode).toBe(201);
    const entry = (await v.sql.query(`SELECT app_id, user_id FROM audit_log WHERE resource_id = $1`, [ok.json().token])).rows[0];
    expect(entry).toEqual({ app_id: a.id, user_id: alice.id });

    const bad = await call('POST', '/tokenize', { ...key, authorization: `Bearer ${alice.token.slice(0, -3)}abc` }, { type: 'string', data: 'x' });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error.code).toBe('invalid_token');
    const stranger = await call('POST', '/tokenize', { ...key, ...mallory.auth }, { type: 'string', data: 'x' });
    expect(stranger.statusCode).toBe(403);
  });

  it('JWT alone tokenizes into a project the user belongs to (developer or above) and is audited to the user', async () => {
    const p = (await call('POST', '/api/projects', alice.auth, { name: 'jwt-only', environment: 'development' })).json().data;
    const res = await call('POST', '/tokenize', alice.auth, { project_id: p.id, type: 'card', data: VISA });
    expect(res.statusCode).toBe(201);
    const entry = (await v.sql.query(`SELECT app_id, user_id, project_id FROM audit_log WHERE resource_id = $1`, [res.json().token])).rows[0];
    expect(entry).toEqual({ app_id: null, user_id: alice.id, project_id: p.id });
    expect((await call('POST', '/tokenize', alice.auth, { type: 'string', data: 'x' })).statusCode).toBe(400);
    expect((await call('POST', '/tokenize', mallory.auth, { project_id: p.id, type: 'string', data: 'x' })).statusCode).toBe(404);
    // Detokenize never accepts a JWT alone.
    expect((await call('POST', '/detokenize', alice.auth, { token: res.json().token })).statusCode).toBe(401);
  });
});
