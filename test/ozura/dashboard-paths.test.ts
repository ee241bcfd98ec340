// Ozura's dashboard paths: GET /tokens (same as /api/tokens) and GET /audit-logs in Ozura's shape
// (logs + page/limit/total, upper-case names), as an Ozura client calls them with its JWT.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOOSE_LIMITS } from '../auth/helpers.js';
import { startVault, type TestVault } from '../helpers.js';
import { createUser, type TestUser } from '../users.js';

let v: TestVault;
let alice: TestUser;
let mallory: TestUser;
let projectId: string;
let key: Record<string, string>;
let token: string;

const CARD = { cardNumber: '4111111111111111', expirationMonth: '12', expirationYear: '2030', cvv: '123' };

beforeAll(async () => {
  v = await startVault({ rateLimits: LOOSE_LIMITS });
  alice = await createUser(v, 'alice');
  mallory = await createUser(v, 'mallory');
  projectId = (await v.app.inject({ method: 'POST', url: '/api/projects', headers: alice.auth, payload: { name: 'shop', environment: 'development' } })).json().data.id;
  const app = (await v.app.inject({
    method: 'POST', url: '/api/applications', headers: alice.auth,
    payload: { project_id: projectId, name: 'checkout', permissions: { tokenization: { allowed: true }, provisioning: { allowed: false } } },
  })).json().data;
  key = { 'x-api-key': app.api_key, 'x-pub-key': app.pub_key };
  token = (await v.app.inject({ method: 'POST', url: '/tokenize', headers: key, payload: { type: 'card', data: CARD } })).json().token;
  await v.app.inject({ method: 'POST', url: '/detokenize', headers: key, payload: { token } });
});
afterAll(() => v.close());

describe('GET /tokens', () => {
  it('answers exactly as GET /api/tokens', async () => {
    const ours = await v.app.inject({ url: `/api/tokens?project_id=${projectId}`, headers: alice.auth });
    const ozura = await v.app.inject({ url: `/tokens?project_id=${projectId}`, headers: alice.auth });
    expect(ozura.statusCode).toBe(200);
    expect(ozura.json()).toEqual(ours.json());
    expect(ozura.json().data.map((t: { token: string }) => t.token)).toEqual([token]);
    expect(ozura.body).not.toContain('4111111111111111');
  });

  it("another tenant's project → 404, never its tokens", async () => {
    const res = await v.app.inject({ url: `/tokens?project_id=${projectId}`, headers: mallory.auth });
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain(token);
  });
});

describe('GET /audit-logs', () => {
  it("Ozura's shape: logs with timestamp, page/limit/total, upper-case names", async () => {
    const res = await v.app.inject({ url: `/audit-logs?project_id=${projectId}&page=1&limit=2`, headers: alice.auth });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    // project_create, application_create, tokenize, detokenize.
    expect(body.data.pagination).toEqual({ page: 1, limit: 2, total: 4 });
    expect(body.data.logs).toHaveLength(2);
    const [detok, tok] = body.data.logs;
    expect(tok).toMatchObject({ event_type: 'TOKEN_CREATION', action: 'TOKENIZE', resource_type: 'TOKEN', resource_id: token, user_id: null });
    expect(detok).toMatchObject({ event_type: 'TOKEN_ACCESS', action: 'DETOKENIZE', resource_type: 'TOKEN' });
    expect(Date.parse(tok.timestamp)).not.toBeNaN();
    for (const k of ['id', 'event_type', 'action', 'resource_type', 'resource_id', 'user_id', 'app_id', 'timestamp', 'ip_address', 'details']) expect(tok).toHaveProperty(k);
    expect(res.body).not.toContain('4111111111111111');
  });

  it('page 2 continues where page 1 stopped; past the end is empty with the same total', async () => {
    const p2 = (await v.app.inject({ url: `/audit-logs?project_id=${projectId}&page=2&limit=2`, headers: alice.auth })).json().data;
    expect(p2.logs.map((l: { action: string }) => l.action)).toEqual(['APPLICATION_CREATE', 'PROJECT_CREATE']);
    expect(p2.logs.map((l: { event_type: string }) => l.event_type)).toEqual(['APPLICATION_MANAGEMENT', 'PROJECT_MANAGEMENT']);
    const p9 = (await v.app.inject({ url: `/audit-logs?project_id=${projectId}&page=9&limit=2`, headers: alice.auth })).json().data;
    expect(p9).toEqual({ logs: [], pagination: { page: 9, limit: 2, total: 4 } });
  });

  it("without project_id: the caller's own account events (logins) only", async () => {
    const res = (await v.app.inject({ url: '/audit-logs', headers: alice.auth })).json().data;
    expect(res.logs.length).toBeGreaterThan(0);
    expect(res.logs.every((l: { event_type: string; user_id: string }) => l.event_type === 'AUTHENTICATION' && l.user_id === alice.id)).toBe(true);
  });

  it("another tenant's project → 404; no JWT → 401; a bad limit → 400", async () => {
    expect((await v.app.inject({ url: `/audit-logs?project_id=${projectId}`, headers: mallory.auth })).statusCode).toBe(404);
    expect((await v.app.inject({ url: `/audit-logs?project_id=${projectId}` })).statusCode).toBe(401);
    const bad = await v.app.inject({ url: `/audit-logs?project_id=${projectId}&limit=500`, headers: alice.auth });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toBe('Invalid value for limit');
    for (const q of ['limit=1e309', 'page=1e309', 'page=0']) {
      expect((await v.app.inject({ url: `/audit-logs?project_id=${projectId}&${q}`, headers: alice.auth })).statusCode, q).toBe(400);
    }
  });
});
