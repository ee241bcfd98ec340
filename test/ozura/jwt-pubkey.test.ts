// Ozura's JWT form of /tokenize and /test-tokens: `Authorization: Bearer <jwt>` + `X-Pub-Key`, no
// API key; the pub key names the project and the user must be a member with role ≥ developer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOOSE_LIMITS } from '../auth/helpers.js';
import { startVault, type TestVault } from '../helpers.js';
import { createUser, type TestUser } from '../users.js';

let v: TestVault;
let alice: TestUser;
let victor: TestUser;
let mallory: TestUser;
let projectId: string;
let pubKey: string;

const CARD = { cardNumber: '4111111111111111', expirationMonth: '12', expirationYear: '2030', cvv: '123' };
const TEST_CARD = { cardNumber: '4242424242424242', expirationMonth: '12', expirationYear: '2031', cvc: '123' };

beforeAll(async () => {
  v = await startVault({ rateLimits: LOOSE_LIMITS });
  [alice, victor, mallory] = await Promise.all([createUser(v, 'alice'), createUser(v, 'victor'), createUser(v, 'mallory')]);
  projectId = (await v.app.inject({ method: 'POST', url: '/api/projects', headers: alice.auth, payload: { name: 'shop', environment: 'production' } })).json().data.id;
  pubKey = (await v.app.inject({
    method: 'POST', url: '/api/applications', headers: alice.auth,
    payload: { project_id: projectId, name: 'checkout', permissions: { tokenization: { allowed: true }, provisioning: { allowed: false } } },
  })).json().data.pub_key;
  await v.sql.query("INSERT INTO project_members (project_id, user_id, role) VALUES ($1, $2, 'viewer')", [projectId, victor.id]);
});
afterAll(() => v.close());

const post = (url: string, user: TestUser, pk: string | null, payload: object) =>
  v.app.inject({ method: 'POST', url, headers: { ...user.auth, ...(pk ? { 'x-pub-key': pk } : {}) }, payload });

describe('JWT + X-Pub-Key', () => {
  it('tokenizes in the pub key\'s project, and the audit entry names the user', async () => {
    const res = await post('/tokenize', alice, pubKey, { type: 'card', data: CARD });
    expect(res.statusCode).toBe(201);
    const listed = (await v.app.inject({ url: `/api/tokens?project_id=${projectId}`, headers: alice.auth })).json().data;
    expect(listed.map((t: { token: string }) => t.token)).toContain(res.json().token);
    const { rows } = await v.sql.query("SELECT user_id, app_id FROM audit_log WHERE resource_id = $1 AND action = 'tokenize'", [res.json().token]);
    expect(rows).toEqual([{ user_id: alice.id, app_id: null }]);
  });

  it('works on /test-tokens too', async () => {
    const res = await post('/test-tokens', alice, pubKey, TEST_CARD);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ success: true, test_mode: true });
  });

  it('a viewer may not tokenize: 403', async () => {
    expect((await post('/tokenize', victor, pubKey, { type: 'card', data: CARD })).statusCode).toBe(403);
  });

  it("a non-member with another project's pub key gets 404, like an unknown pub key", async () => {
    const cross = await post('/tokenize', mallory, pubKey, { type: 'card', data: CARD });
    const unknown = await post('/tokenize', mallory, 'pk_test_0000000000000000_' + 'x'.repeat(32), { type: 'card', data: CARD });
    expect(cross.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    expect(cross.json().message).toBe(unknown.json().message);
  });

  it('the pub key wins over a project_id in the body, so a member cannot aim it elsewhere', async () => {
    const other = (await v.app.inject({ method: 'POST', url: '/api/projects', headers: mallory.auth, payload: { name: 'mine', environment: 'development' } })).json().data.id;
    const res = await post('/tokenize', mallory, pubKey, { project_id: other, type: 'string', data: 'x' });
    expect(res.statusCode).toBe(404);
  });

  it('without a pub key or project_id: 400 naming X-Pub-Key; project_id alone still works (ext)', async () => {
    const none = await post('/tokenize', alice, null, { type: 'string', data: 'x' });
    expect(none.statusCode).toBe(400);
    expect(none.json().message).toBe('Missing required field: x-pub-key');
    expect((await post('/tokenize', alice, null, { project_id: projectId, type: 'string', data: 'x' })).statusCode).toBe(201);
  });

  it("a deleted application's pub key no longer names its project", async () => {
    const app = (await v.app.inject({
      method: 'POST', url: '/api/applications', headers: alice.auth,
      payload: { project_id: projectId, name: 'short-lived', permissions: { tokenization: { allowed: true }, provisioning: { allowed: false } } },
    })).json().data;
    await v.app.inject({ method: 'DELETE', url: `/api/applications/${app.id}`, headers: alice.auth });
    expect((await post('/tokenize', alice, app.pub_key, { type: 'string', data: 'x' })).statusCode).toBe(404);
  });
});
