// Issue 31.10: every integer query and path parameter of /openapi.json refuses numbers at the
// edges of what text can say — overflow, sign, NaN, hex, fractions, exponents — with 400
// validation_error, never a 500 (`hours=1e309` once became an invalid SQL timestamp).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVault, type TestApp, type TestVault } from '../helpers.js';
import { createUser, type TestUser } from '../users.js';

const BAD = ['1e309', '-1', String(2n ** 63n), 'NaN', '0x10', '1.5', '1e2', ' 7', 'Infinity', '99999999999999999999'];

interface Param {
  name: string;
  in: 'query' | 'path';
  required?: boolean;
  schema: { type?: string; anyOf?: { type?: string }[] };
}
interface Operation {
  method: string;
  path: string;
  params: Param[];
}

let vault: TestVault;
let app: TestApp;
let user: TestUser;
let ops: Operation[];
/** Path ids of resources that must exist for their routes to get past a 404. */
const ids: Record<string, string> = {};

const isInteger = (s: Param['schema']): boolean => s.type === 'integer' || s.type === 'number' || (s.anyOf?.some((x) => isInteger(x)) ?? false);

beforeAll(async () => {
  vault = await startVault();
  app = await vault.createApp();
  user = await createUser(vault);
  // The user owns the app's project, so project-scoped routes get past their guard to validation.
  await vault.sql.query("INSERT INTO project_members (project_id, user_id, role) VALUES ($1, $2, 'owner')", [app.projectId, user.id]);
  const hook = await vault.app.inject({
    method: 'POST', url: `/api/projects/${app.projectId}/webhooks`, headers: user.auth,
    payload: { url: 'https://hooks.merchant.example/vault', events: ['token.created'] },
  });
  ids.webhook_id = hook.json<{ data: { id: string } }>().data.id;
  const doc = (await vault.app.inject({ method: 'GET', url: '/openapi.json' })).json<{ paths: Record<string, Record<string, { parameters?: Param[] }>> }>();
  ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ method: method.toUpperCase(), path, params: op.parameters ?? [] })),
  );
});
afterAll(() => vault?.close());

/** A request for `op` with `value` in `target` and a harmless value in every other parameter. */
function urlFor(op: Operation, target: Param | null, value: string): string {
  let path = op.path;
  const query = new URLSearchParams();
  for (const p of op.params) {
    const v = p === target ? value : isInteger(p.schema) ? '1' : /^(id|project_?id)$/i.test(p.name) ? app.projectId : ids[p.name] ?? 'x';
    if (p.in === 'path') path = path.replace(`{${p.name}}`, encodeURIComponent(v));
    else if (p === target || p.required) query.set(p.name, v);
  }
  const qs = query.toString();
  return qs ? `${path}?${qs}` : path;
}

const CREDENTIALS = () => [{ ...user.auth }, { ...app.headers }, { ...user.auth, ...app.headers }];

describe('integer parameters at the edges', () => {
  it('the document has integer query parameters to try', () => {
    const found = ops.flatMap((op) => op.params.filter((p) => isInteger(p.schema)));
    expect(found.length).toBeGreaterThanOrEqual(4);
    for (const p of found) expect(p.schema, p.name).toMatchObject({ minimum: expect.any(Number), maximum: expect.any(Number) });
  });

  it('every one answers 400 validation_error to each bad value, and accepts a good one', async () => {
    const tried: string[] = [];
    for (const op of ops) {
      if (op.method !== 'GET' && op.method !== 'DELETE') continue;
      for (const param of op.params.filter((p) => isInteger(p.schema))) {
        // The credentials under which a good value gets past the guard.
        let headers: Record<string, string> | null = null;
        for (const h of CREDENTIALS()) {
          const res = await vault.app.inject({ method: op.method, url: urlFor(op, param, '1'), headers: h });
          if (res.statusCode < 400) {
            headers = h;
            break;
          }
        }
        expect(headers, `${op.method} ${op.path} ?${param.name}=1 is refused under every credential`).not.toBeNull();
        for (const bad of BAD) {
          const res = await vault.app.inject({ method: op.method, url: urlFor(op, param, bad), headers: headers! });
          const label = `${op.method} ${op.path} ${param.name}=${JSON.stringify(bad)}`;
          expect(res.statusCode, `${label}: ${res.body}`).toBe(400);
          expect(res.json().error.code, label).toBe('validation_error');
          expect(res.json().error.details[0].path, label).toBe(`/${param.name}`);
          tried.push(label);
        }
      }
    }
    expect(tried.length).toBeGreaterThanOrEqual(4 * BAD.length);
  });

  it('a negative zero is below the minimum; a decimal integer within bounds is served', async () => {
    const res = await vault.app.inject({ method: 'GET', url: `/api/projects/${app.projectId}/traffic?hours=-0`, headers: user.auth });
    expect(res.statusCode).toBe(400);
    const ok = await vault.app.inject({ method: 'GET', url: `/api/projects/${app.projectId}/traffic?hours=3`, headers: user.auth });
    expect(ok.statusCode).toBe(200);
  });
});
