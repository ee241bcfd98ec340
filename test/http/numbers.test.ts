// Numbers at the edges of input (issue 31, item 10): every numeric query and path parameter that
// /openapi.json lists is an integer with bounds, and each hostile spelling of a number answers
// 400 validation_error — never a 500 and never a coerced value (ajv turns '0x10' into 16 and
// '1e309' into Infinity, which then skips its range checks).
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startVault, type TestApp, type TestVault } from '../helpers.js';
import { createUser, type TestUser } from '../users.js';

let v: TestVault;
let a: TestApp;
let u: TestUser;

beforeAll(async () => {
  v = await startVault();
  u = await createUser(v, 'numbers');
  a = await v.createApp();
  await v.sql.query("INSERT INTO project_members (project_id, user_id, role) VALUES ($1, $2, 'owner')", [a.projectId, u.id]);
});
afterAll(() => v.close());

const HOSTILE = ['1e309', '-1', String(2n ** 63n), 'NaN', '0x10', '1.5', 'Infinity', '1e2', ' 5', '+5'];

interface Param {
  name: string;
  in: string;
  schema?: { type?: string; minimum?: number; maximum?: number; anyOf?: { type?: string }[] };
}

test('every numeric query and path parameter is a bounded integer and refuses hostile numbers with 400', async () => {
  const doc = (await v.app.inject('/openapi.json')).json<{ paths: Record<string, Record<string, { parameters?: Param[] }>> }>();
  const seen: string[] = [];
  const failures: string[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const params = (op.parameters ?? []).filter((p) => p.in === 'query' || p.in === 'path');
      for (const p of params) {
        const types = [p.schema?.type, ...(p.schema?.anyOf ?? []).map((s) => s.type)];
        if (!types.includes('integer') && !types.includes('number')) continue;
        seen.push(`${method.toUpperCase()} ${path} ${p.in}:${p.name}`);
        expect(p.schema?.type, `${path} ${p.name} is an integer`).toBe('integer');
        expect(typeof p.schema?.minimum === 'number' && typeof p.schema?.maximum === 'number', `${path} ${p.name} has bounds`).toBe(true);
        for (const bad of HOSTILE) {
          const enc = encodeURIComponent(bad);
          let url = path.replace(/\{([^}]+)\}/g, (_m, name: string) => (p.in === 'path' && name === p.name ? enc : name === 'id' ? a.projectId : 'x'));
          if (p.in === 'query') url += `?${p.name}=${enc}`;
          const res = await v.app.inject({ method: method.toUpperCase() as 'GET', url, headers: { ...u.auth, ...a.headers }, ...(method === 'get' ? {} : { payload: {} }) });
          const body = res.json<{ error?: { code?: string } }>();
          if (res.statusCode !== 400 || body.error?.code !== 'validation_error') failures.push(`${method.toUpperCase()} ${url} → ${res.statusCode} ${body.error?.code}`);
        }
      }
    }
  }
  expect(seen.length).toBeGreaterThan(3);
  expect(failures).toEqual([]);
});

test('a plain integer in range is still accepted', async () => {
  const res = await v.app.inject({ url: `/api/projects/${a.projectId}/traffic?hours=5`, headers: u.auth });
  expect(res.statusCode).toBe(200);
  const list = await v.app.inject({ url: `/api/projects?limit=0010`, headers: u.auth });
  expect(list.statusCode).toBe(400);
});
