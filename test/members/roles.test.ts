// The permission matrix of docs/permissions.md, table-driven: every role (and a non-member)
// against every management action, each on a fresh project so destructive actions do not interfere.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/random.js';
import { type Role, ROLES } from '../../src/members/access.js';
import { startVault, type TestVault, VISA } from '../helpers.js';
import { LOOSE_LIMITS } from '../auth/helpers.js';
import { createUser, type TestUser } from '../users.js';

let v: TestVault;
const users = {} as Record<Role | 'outsider', TestUser>;

beforeAll(async () => {
  v = await startVault({ rateLimits: LOOSE_LIMITS });
  for (const r of [...ROLES, 'outsider'] as const) users[r] = await createUser(v, r);
});
afterAll(() => v.close());

interface Fixture {
  projectId: string;
  appId: string;
  apiKey: string;
  token: string;
  target: string; // a viewer member to change or remove
  spareEmail: string; // a registered non-member to add
}

async function bareUser(): Promise<{ id: string; email: string }> {
  const id = newId('usr');
  const email = `spare-${randomBytes(4).toString('hex')}@example.test`;
  await v.sql.query('INSERT INTO users (id, email, name) VALUES ($1, $2, $3)', [id, email, 'spare']);
  return { id, email };
}

async function fixture(): Promise<Fixture> {
  const owner = users.owner;
  const p = await v.app.inject({ method: 'POST', url: '/api/projects', headers: owner.auth, payload: { name: 'matrix', environment: 'development' } });
  expect(p.statusCode).toBe(201);
  const projectId = p.json().data.id;
  for (const r of ['admin', 'developer', 'viewer'] as const) {
    await v.sql.query('INSERT INTO project_members (project_id, user_id, role) VALUES ($1, $2, $3)', [projectId, users[r].id, r]);
  }
  const target = await bareUser();
  await v.sql.query(`INSERT INTO project_members (project_id, user_id, role) VALUES ($1, $2, 'viewer')`, [projectId, target.id]);
  const a = await v.app.inject({
    method: 'POST', url: '/api/applications', headers: owner.auth,
    payload: { project_id: projectId, name: 'matrix-app', permissions: { tokenization: { allowed: true }, detokenization: { allowed: true } } },
  });
  expect(a.statusCode).toBe(201);
  const { id: appId, api_key: apiKey, pub_key: pubKey } = a.json().data;
  const t = await v.app.inject({ method: 'POST', url: '/tokenize', headers: { 'x-api-key': apiKey, 'x-pub-key': pubKey }, payload: { type: 'card', data: VISA } });
  return { projectId, appId, apiKey, token: t.json().token, target: target.id, spareEmail: (await bareUser()).email };
}

type Call = { method: 'GET' | 'POST' | 'PUT' | 'DELETE'; url: string; payload?: object };
const ACTIONS: [string, Role, (f: Fixture) => Call][] = [
  ['view project', 'viewer', (f) => ({ method: 'GET', url: `/api/projects/${f.projectId}` })],
  ['change settings', 'admin', (f) => ({ method: 'PUT', url: `/api/projects/${f.projectId}`, payload: { deduplicate: true } })],
  ['delete project', 'owner', (f) => ({ method: 'DELETE', url: `/api/projects/${f.projectId}` })],
  ['list members', 'viewer', (f) => ({ method: 'GET', url: `/api/projects/${f.projectId}/members` })],
  ['add a viewer', 'admin', (f) => ({ method: 'POST', url: `/api/projects/${f.projectId}/members`, payload: { email: f.spareEmail, role: 'viewer' } })],
  ['add an admin', 'owner', (f) => ({ method: 'POST', url: `/api/projects/${f.projectId}/members`, payload: { email: f.spareEmail, role: 'admin' } })],
  ['change a viewer to developer', 'admin', (f) => ({ method: 'PUT', url: `/api/projects/${f.projectId}/members/${f.target}`, payload: { role: 'developer' } })],
  ['promote a viewer to owner', 'owner', (f) => ({ method: 'PUT', url: `/api/projects/${f.projectId}/members/${f.target}`, payload: { role: 'owner' } })],
  ['remove a viewer', 'admin', (f) => ({ method: 'DELETE', url: `/api/projects/${f.projectId}/members/${f.target}` })],
  ['list applications', 'viewer', (f) => ({ method: 'GET', url: `/api/applications?project_id=${f.projectId}` })],
  ['show an application', 'viewer', (f) => ({ method: 'GET', url: `/api/applications/${f.appId}` })],
  ['create an application', 'admin', (f) => ({ method: 'POST', url: '/api/applications', payload: { project_id: f.projectId, name: 'another', permissions: {} } })],
  ['change an application', 'admin', (f) => ({ method: 'PUT', url: `/api/applications/${f.appId}`, payload: { name: 'renamed' } })],
  ['delete an application', 'admin', (f) => ({ method: 'DELETE', url: `/api/applications/${f.appId}` })],
  ['list tokens', 'viewer', (f) => ({ method: 'GET', url: `/api/tokens?project_id=${f.projectId}` })],
  ['show a token', 'viewer', (f) => ({ method: 'GET', url: `/api/tokens/${f.token}` })],
  ['delete a token', 'developer', (f) => ({ method: 'DELETE', url: `/api/tokens/${f.token}` })],
  ['read the audit log', 'developer', (f) => ({ method: 'GET', url: `/api/audit-logs?project_id=${f.projectId}` })],
  ['verify the audit chain', 'developer', (f) => ({ method: 'GET', url: `/api/audit-logs/verify?project_id=${f.projectId}` })],
  ['tokenize with a JWT', 'developer', (f) => ({ method: 'POST', url: '/tokenize', payload: { project_id: f.projectId, type: 'string', data: 'jwt' } })],
  ['test token with a JWT', 'developer', (f) => ({ method: 'POST', url: '/test-tokens', payload: { project_id: f.projectId, cardNumber: '4242424242424242', expirationMonth: '12', expirationYear: '2031', cvc: '123' } })],
];

const RANK: Record<Role, number> = { viewer: 1, developer: 2, admin: 3, owner: 4 };
const cases = ACTIONS.flatMap(([name, min, call]) =>
  ([...ROLES, 'outsider'] as const).map((who) => {
    const expected = who === 'outsider' ? 404 : RANK[who] >= RANK[min] ? 'ok' : 403;
    return [name, who, expected, call] as const;
  }),
);

describe('role matrix', () => {
  it.each(cases)('%s as %s → %s', async (_name, who, expected, call) => {
    const f = await fixture();
    const c = call(f);
    const res = await v.app.inject({ ...c, headers: users[who].auth });
    if (expected === 'ok') {
      expect(res.statusCode, res.body).toBeGreaterThanOrEqual(200);
      expect(res.statusCode, res.body).toBeLessThan(300);
    } else {
      expect(res.statusCode, res.body).toBe(expected);
      expect(res.json().error.code).toMatch(expected === 404 ? /not_found/ : /permission_denied/);
    }
  });
});

describe('non-members learn nothing', () => {
  it('a real project of someone else answers exactly like a project that does not exist', async () => {
    const f = await fixture();
    const headers = { ...users.outsider.auth, 'x-request-id': 'same' };
    for (const [real, fake] of [
      [`/api/projects/${f.projectId}`, '/api/projects/prj_doesnotexist0000'],
      [`/api/applications/${f.appId}`, '/api/applications/app_doesnotexist0000'],
      [`/api/tokens/${f.token}`, '/api/tokens/tok_doesnotexist00000000000'],
      [`/api/audit-logs/verify?project_id=${f.projectId}`, '/api/audit-logs/verify?project_id=prj_doesnotexist0000'],
    ]) {
      const a = await v.app.inject({ method: 'GET', url: real, headers });
      const b = await v.app.inject({ method: 'GET', url: fake, headers });
      expect(a.statusCode).toBe(404);
      expect(a.body).toBe(b.body);
    }
    const list = await v.app.inject({ method: 'GET', url: '/api/projects', headers: users.outsider.auth });
    expect(list.json().data.map((p: { id: string }) => p.id)).not.toContain(f.projectId);
  });
});
