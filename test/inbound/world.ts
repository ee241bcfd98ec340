// Inbound-route tests: a vault, an owner with a project, and a merchant upstream on loopback
// (the proxy tests' recording server) that counts what reached it.
import { expect } from 'vitest';
import type { TestVault } from '../helpers.js';
import { createUser, type TestUser } from '../users.js';

export const PAN = '4111111111111111';
export const AMEX = '378282246310005';

export async function ownerWithProject(v: TestVault, environment = 'development'): Promise<{ owner: TestUser; projectId: string }> {
  const owner = await createUser(v, 'owner');
  const p = await v.app.inject({ method: 'POST', url: '/api/projects', headers: owner.auth, payload: { name: `inbound ${Date.now()}`, environment } });
  expect(p.statusCode).toBe(201);
  return { owner, projectId: p.json().data.id };
}

export async function member(v: TestVault, projectId: string, role: string, label = role): Promise<TestUser> {
  const u = await createUser(v, label);
  await v.sql.query('INSERT INTO project_members (project_id, user_id, role) VALUES ($1, $2, $3)', [projectId, u.id, role]);
  return u;
}

export interface RouteInput {
  name?: string;
  upstream_url: string;
  content_type?: 'json' | 'form';
  fields: object[];
}

export async function createRoute(v: TestVault, user: TestUser, projectId: string, body: RouteInput) {
  return v.app.inject({
    method: 'POST', url: `/api/projects/${projectId}/routes`, headers: user.auth,
    payload: { name: body.name ?? `route ${Math.random()}`, content_type: body.content_type ?? 'json', upstream_url: body.upstream_url, fields: body.fields },
  });
}

export async function routeId(v: TestVault, user: TestUser, projectId: string, body: RouteInput): Promise<string> {
  const res = await createRoute(v, user, projectId, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().data.id as string;
}

export const CARD_FIELD = {
  path: '$.card', type: 'card',
  data_fields: { cardNumber: 'number', expirationMonth: 'exp_month', expirationYear: 'exp_year', cvv: 'cvc' },
};
