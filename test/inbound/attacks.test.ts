// Attacks on inbound routes (docs/inbound.md, "Security"): other tenants, low roles, internal
// upstreams at creation and at send time, production projects' allowed hosts, and card data
// leaking into logs, audit entries or error answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOOSE_LIMITS } from '../auth/helpers.js';
import { startVault, type TestVault } from '../helpers.js';
import { type Psp, startPsp, startTrap } from '../proxy/psp.js';
import type { TestUser } from '../users.js';
import { CARD_FIELD, createRoute, member, ownerWithProject, PAN, routeId } from './world.js';

let v: TestVault;
let psp: Psp;
let owner: TestUser;
let projectId: string;

beforeAll(async () => {
  v = await startVault({ rateLimits: LOOSE_LIMITS });
  psp = await startPsp();
  ({ owner, projectId } = await ownerWithProject(v));
});
afterAll(async () => {
  await psp.close();
  await v.close();
});

describe('who may manage routes', () => {
  it("another tenant's admin or developer cannot read or change a route: 404 as if it did not exist", async () => {
    const id = await routeId(v, owner, projectId, { upstream_url: psp.url, fields: [{ path: '$.v', type: 'string' }] });
    const other = await ownerWithProject(v);
    const admin = await member(v, other.projectId, 'admin');
    const developer = await member(v, other.projectId, 'developer');
    for (const u of [admin, developer, other.owner]) {
      const calls = [
        { method: 'GET' as const, url: `/api/projects/${projectId}/routes` },
        { method: 'GET' as const, url: `/api/projects/${projectId}/routes/${id}` },
        { method: 'PUT' as const, url: `/api/projects/${projectId}/routes/${id}`, payload: { name: 'x', upstream_url: psp.url, content_type: 'json', fields: [{ path: '$.v', type: 'string' }] } },
        { method: 'DELETE' as const, url: `/api/projects/${projectId}/routes/${id}` },
        { method: 'POST' as const, url: `/api/projects/${projectId}/routes`, payload: { name: 'y', upstream_url: psp.url, content_type: 'json', fields: [{ path: '$.v', type: 'string' }] } },
        // Their own project id with our route id: still not found.
        { method: 'GET' as const, url: `/api/projects/${other.projectId}/routes/${id}` },
        ...(u === developer ? [] : [{ method: 'DELETE' as const, url: `/api/projects/${other.projectId}/routes/${id}` }]),
      ];
      for (const c of calls) {
        const res = await v.app.inject({ ...c, headers: u.auth });
        expect(res.statusCode, `${c.method} ${c.url}`).toBe(404);
      }
    }
    const still = await v.app.inject({ method: 'GET', url: `/api/projects/${projectId}/routes/${id}`, headers: owner.auth });
    expect(still.json().data.name).not.toBe('x');
  });

  it('a viewer or developer reads but cannot create, change or delete (403); an admin can', async () => {
    const id = await routeId(v, owner, projectId, { upstream_url: psp.url, fields: [{ path: '$.v', type: 'string' }] });
    const body = { upstream_url: psp.url, fields: [{ path: '$.v', type: 'string' }] };
    for (const role of ['viewer', 'developer']) {
      const u = await member(v, projectId, role);
      expect((await v.app.inject({ method: 'GET', url: `/api/projects/${projectId}/routes`, headers: u.auth })).statusCode).toBe(200);
      const create = await createRoute(v, u, projectId, body);
      expect(create.statusCode).toBe(403);
      expect(create.json().error.code).toBe('permission_denied');
      expect((await v.app.inject({ method: 'DELETE', url: `/api/projects/${projectId}/routes/${id}`, headers: u.auth })).statusCode).toBe(403);
    }
    const admin = await member(v, projectId, 'admin');
    expect((await createRoute(v, admin, projectId, body)).statusCode).toBe(201);
    expect((await v.app.inject({ method: 'GET', url: `/api/projects/${projectId}/routes` })).statusCode).toBe(401);
  });
});

describe('destinations', () => {
  it('production mode: internal upstreams refused at creation and at send time, nothing connected', async () => {
    const prod = await startVault({ proxyAllowPrivateNetworks: false, rateLimits: LOOSE_LIMITS });
    const trap = await startTrap();
    try {
      const p = await ownerWithProject(prod);
      const fields = [{ path: '$.v', type: 'string' }];
      for (const url of ['https://169.254.169.254/latest/meta-data', 'https://localhost/', `https://[::1]:${trap.port}/`, 'https://127.0.0.1/', 'https://10.0.0.7/']) {
        const res = await createRoute(prod, p.owner, p.projectId, { upstream_url: url, fields });
        expect(res.statusCode, url).toBe(403);
        expect(res.json().error.code).toBe('destination_forbidden');
      }
      const http = await createRoute(prod, p.owner, p.projectId, { upstream_url: 'http://api.merchant.example/', fields });
      expect(http.statusCode).toBe(400);
      expect(http.json().error.code).toBe('invalid_proxy_url');

      // Rows that slipped past creation (written before a rule changed, or a name that resolved
      // elsewhere then): send time refuses them on the address actually connected to.
      for (const [i, url] of ['https://169.254.169.254/in', `https://localhost:${trap.port}/in`].entries()) {
        const id = `rt_${'x'.repeat(31)}${i}`;
        await prod.sql.query(
          "INSERT INTO inbound_routes (id, project_id, name, upstream_url, content_type, fields, created_at, updated_at) VALUES ($1, $2, $3, $4, 'json', $5, now(), now())",
          [id, p.projectId, `slipped ${i}`, url, JSON.stringify(fields)],
        );
        const res = await prod.app.inject({ method: 'POST', url: `/inbound/${id}`, payload: { v: 'secret' } });
        expect(res.statusCode, url).toBe(403);
        expect(res.json().error.code).toBe('destination_forbidden');
        // An address refused from the URL alone: refused before any value is stored. (A name is
        // judged by the connector, after the values became tokens — which reach nobody.)
        if (i === 0) expect((await prod.sql.query('SELECT count(*)::int AS n FROM tokens WHERE project_id = $1', [p.projectId])).rows[0].n).toBe(0);
      }
      expect(trap.connections()).toBe(0);
    } finally {
      await trap.close();
      await prod.close();
    }
  });

  it('a production project sends only to its proxy_allowed_hosts, at creation and at send time', async () => {
    const p = await ownerWithProject(v, 'production');
    const fields = [{ path: '$.v', type: 'string' }];
    const none = await createRoute(v, p.owner, p.projectId, { upstream_url: psp.url, fields });
    expect(none.statusCode).toBe(403);
    expect(none.json().error.code).toBe('destination_forbidden');
    await v.sql.query("UPDATE projects SET proxy_allowed_hosts = ARRAY['127.0.0.1'] WHERE id = $1", [p.projectId]);
    const id = await routeId(v, p.owner, p.projectId, { upstream_url: psp.url, fields });
    psp.received.length = 0;
    expect((await v.app.inject({ method: 'POST', url: `/inbound/${id}`, payload: { v: 'x' } })).statusCode).toBe(200);
    await v.sql.query("UPDATE projects SET proxy_allowed_hosts = ARRAY['api.psp.example'] WHERE id = $1", [p.projectId]);
    const later = await v.app.inject({ method: 'POST', url: `/inbound/${id}`, payload: { v: 'x' } });
    expect(later.statusCode).toBe(403);
    expect(psp.received).toHaveLength(1);
  });

  it("a deleted project's routes answer 404", async () => {
    const p = await ownerWithProject(v);
    const id = await routeId(v, p.owner, p.projectId, { upstream_url: psp.url, fields: [{ path: '$.v', type: 'string' }] });
    expect((await v.app.inject({ method: 'DELETE', url: `/api/projects/${p.projectId}`, headers: p.owner.auth })).statusCode).toBe(200);
    expect((await v.app.inject({ method: 'POST', url: `/inbound/${id}`, payload: { v: 'x' } })).statusCode).toBe(404);
  });
});

describe('no card data in logs, audit entries or errors', () => {
  it('valid and invalid cards, in the body and in the path', async () => {
    const id = await routeId(v, owner, projectId, { upstream_url: `${psp.url}/in`, fields: [CARD_FIELD] });
    const bad = '4111111111111112';
    const answers = [
      await v.app.inject({ method: 'POST', url: `/inbound/${id}/cards/${PAN}?pan=${PAN}`, payload: { card: { number: PAN, exp_month: 12, exp_year: 2030, cvc: '987' } } }),
      await v.app.inject({ method: 'POST', url: `/inbound/${id}`, payload: { card: { number: bad, exp_month: 12, exp_year: 2030 } } }),
      await v.app.inject({ method: 'POST', url: `/inbound/${id}`, payload: { card: { number: PAN, exp_month: 13, exp_year: 2030 } } }),
      await v.app.inject({ method: 'POST', url: `/inbound/${id}`, payload: { card: { number: PAN, exp_month: 12, exp_year: 2030, cvc: 'abc' } } }),
    ];
    expect(answers.map((r) => r.statusCode)).toEqual([200, 400, 400, 400]);
    for (const r of answers.slice(1)) {
      expect(r.body).not.toContain(PAN);
      expect(r.body).not.toContain(bad);
    }
    const { rows } = await v.sql.query('SELECT details::text AS d, resource_id FROM audit_log WHERE project_id = $1', [projectId]);
    const audit = rows.map((r) => `${r.d} ${r.resource_id}`).join('\n');
    expect(audit).toContain('/in/cards/411111******1111');
    for (const secret of [PAN, bad, '"987"', ':987']) {
      expect(audit).not.toContain(secret);
      expect(v.logs.text).not.toContain(secret);
    }
  });
});
