// Issue 12: malformed URLs, path ids, cursors, limits and headers are 4xx in the one error shape
// (docs/api.md §0), from the framework's own errors too, and no message quotes the request.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOOSE_LIMITS } from '../auth/helpers.js';
import { startVault, type TestVault } from '../helpers.js';
import { createUser, type TestUser } from '../users.js';

let v: TestVault;
let alice: TestUser;
let projectId: string;
const PAN = '4111111111111111';

beforeAll(async () => {
  v = await startVault({ rateLimits: LOOSE_LIMITS });
  alice = await createUser(v, 'alice');
  const p = await v.app.inject({ method: 'POST', url: '/api/projects', headers: alice.auth, payload: { name: 'shop', environment: 'development' } });
  projectId = p.json().data.id;
});
afterAll(() => v.close());

/** Over real HTTP, as an attacker sends it: inject() would normalise some of these URLs. */
async function raw(method: string, path: string, body?: string, headers: Record<string, string> = {}) {
  const res = await fetch(v.url + path, {
    method, headers: { ...alice.auth, ...(body ? { 'content-type': 'application/json' } : {}), ...headers }, ...(body ? { body } : {}),
  });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

function expectShape(r: { status: number; text: string; headers?: Headers }, status: number, code?: string) {
  expect(r.status).toBe(status);
  const body = JSON.parse(r.text);
  expect(body).toMatchObject({ success: false, data: null, error: { code: code ?? expect.any(String), request_id: expect.any(String) } });
  expect(typeof body.message).toBe('string');
  expect(r.text).not.toContain(PAN);
  if (r.headers) expect(r.headers.get('x-request-id')).toBe(body.error.request_id);
}

describe("the router's own errors", () => {
  it('a malformed %-escape is a 400 that does not quote the URL (which may hold a card number)', async () => {
    expectShape(await raw('PUT', `/api/projects/%zz/members/${PAN}`, '{}'), 400, 'invalid_request');
    expectShape(await raw('GET', '/api/projects/%'), 400, 'invalid_request');
    expectShape(await raw('GET', '/api/tokens/%ED%A0%80'), 400);
  });

  it('a path parameter over the router limit is a 414 (or, where the dashboard catches it, a 404) in the shape', async () => {
    expectShape(await raw('PUT', `/api/projects/${'p'.repeat(400)}/members/${PAN}`, '{}'), 414, 'uri_too_long');
    expectShape(await raw('GET', `/api/projects/${'p'.repeat(400)}${PAN}`), 404, 'not_found');
  });

  it('headers over 16 KiB are a 431 in the shape, with Connection: close', async () => {
    const answer = await new Promise<string>((resolve, reject) => {
      const s = connect(Number(new URL(v.url).port), '127.0.0.1');
      let got = '';
      s.on('data', (d) => (got += d.toString('latin1')));
      s.on('end', () => resolve(got));
      s.on('error', reject);
      s.write(`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    });
    const [head, body] = answer.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 431 /);
    expect(head.toLowerCase()).toContain('connection: close');
    expectShape({ status: 431, text: body }, 431, 'headers_too_large');
  });
});

describe('path ids and query values', () => {
  it('NUL in a path id or a query value is a 400, not a database error', async () => {
    for (const path of ['/api/projects/%00', '/api/tokens/%00', '/api/applications/%00', `/api/tokens?project_id=%00`, `/api/audit-logs?project_id=a%00b`]) {
      expectShape(await raw('GET', path), 400, 'validation_error');
    }
  });

  it('NUL or a lone surrogate in a stored body string is a 400', async () => {
    expectShape(await raw('POST', '/api/projects', '{"name":"a\\ud800b","environment":"development"}'), 400, 'validation_error');
    expectShape(await raw('PUT', `/api/projects/${projectId}`, '{"name":"a\\u0000b"}'), 400, 'validation_error');
    expectShape(await raw('PUT', '/api/user/settings', '{"name":"a\\u0000b"}'), 400, 'validation_error');
    for (const name of ['x\\u0000yy', 'x\\udfffyy']) {
      const body = `{"project_id":"${projectId}","name":"${name}","permissions":{"tokenization":{"allowed":true}}}`;
      expectShape(await raw('POST', '/api/applications', body), 400, 'validation_error');
    }
  });

  it('limit=1e309 and limit=Infinity are 400s', async () => {
    for (const limit of ['1e309', 'Infinity', '-Infinity', 'NaN', '1e3']) {
      expectShape(await raw('GET', `/api/projects?limit=${limit}`), 400, 'validation_error');
      expectShape(await raw('GET', `/api/tokens?project_id=${projectId}&limit=${limit}`), 400, 'validation_error');
    }
  });
});

describe('cursors', () => {
  const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
  const bad = [
    'not-base64!', b64('not json'), b64({}), b64([]), b64(['x']), b64(['2024-02-31T00:00:00.000Z', 'proj_x']),
    b64(['99999-01-01T00:00:00Z', 'x']), b64([1, 2]), b64(['2024-01-01T00:00:00.000Z', 'a\u0000b']), b64(['2024-01-01T00:00:00.000Z']),
    b64('[1e309]'), b64(['1']), b64([-1]), b64([1.5]), b64([Number.MAX_SAFE_INTEGER + 2]),
  ];

  it('every malformed cursor on every list is a 400', async () => {
    for (const cursor of bad) {
      expectShape(await raw('GET', `/api/projects?cursor=${cursor}`), 400, 'validation_error');
      expectShape(await raw('GET', `/api/tokens?project_id=${projectId}&cursor=${cursor}`), 400, 'validation_error');
      expectShape(await raw('GET', `/api/audit-logs?project_id=${projectId}&cursor=${cursor}`), 400, 'validation_error');
    }
  });

  it('the cursors the lists hand out still work', async () => {
    for (let i = 0; i < 2; i++) {
      await v.app.inject({ method: 'POST', url: '/api/projects', headers: alice.auth, payload: { name: `more ${i}`, environment: 'development' } });
      await v.app.inject({ method: 'PUT', url: `/api/projects/${projectId}`, headers: alice.auth, payload: { name: `renamed ${i}` } });
    }
    const first = JSON.parse((await raw('GET', '/api/projects?limit=1')).text);
    const second = await raw('GET', `/api/projects?limit=1&cursor=${first.next_cursor}`);
    expect(second.status).toBe(200);
    const audit = JSON.parse((await raw('GET', `/api/audit-logs?project_id=${projectId}&limit=1`)).text);
    expect((await raw('GET', `/api/audit-logs?project_id=${projectId}&limit=1&cursor=${audit.next_cursor}`)).status).toBe(200);
  });
});
