// The vault applies helmet's headers computed once at start-up. This checks them against helmet
// itself, run as ordinary middleware on a plain node:http server, on every kind of answer.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import helmet from 'helmet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helmetOptions } from '../../src/plugins/headers.js';
import { startVault, type TestApp, type TestVault } from '../helpers.js';

let v: TestVault;
let a: TestApp;
let reference: Server;
let expected: Record<string, string>;

beforeAll(async () => {
  v = await startVault();
  a = await v.createApp();
  const mw = helmet(helmetOptions(v.config.cookieSecure));
  reference = createServer((req, res) => mw(req as never, res as never, () => res.end('ok')));
  await new Promise<void>((r) => reference.listen(0, '127.0.0.1', r));
  const res = await fetch(`http://127.0.0.1:${(reference.address() as AddressInfo).port}/`);
  expected = {};
  for (const [k, val] of res.headers) if (!['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding'].includes(k)) expected[k] = val;
  expect(expected['content-security-policy']).toContain("default-src 'self'");
});
afterAll(async () => {
  await v?.close();
  await new Promise((r) => reference?.close(r));
});

describe('security headers', () => {
  const cases: Array<[string, () => RequestInit & { path: string }, number]> = [
    ['a health check', () => ({ path: '/healthz' }), 200],
    ['a tokenize', () => ({ path: '/tokenize', method: 'POST', headers: { ...a.headers, 'content-type': 'application/json' }, body: JSON.stringify({ type: 'card', data: { cardNumber: '4242424242424242', expirationMonth: '12', expirationYear: '2034' } }) }), 201],
    ['a refused API key', () => ({ path: '/detokenize', method: 'POST', headers: { ...a.headers, 'content-type': 'application/json', 'x-api-key': 'nope' }, body: '{}' }), 401],
    ['a validation error', () => ({ path: '/detokenize', method: 'POST', headers: { ...a.headers, 'content-type': 'application/json' }, body: '{"token":"x","unknown":1}' }), 400],
    ['an unknown route', () => ({ path: '/no/such/route' }), 404],
    ['the OpenAPI document', () => ({ path: '/openapi.json' }), 200],
  ];
  it.each(cases)('are the ones helmet sets, on %s', async (_name, make, status) => {
    const { path, ...init } = make();
    const res = await fetch(v.url + path, init);
    expect(res.status).toBe(status);
    for (const [k, val] of Object.entries(expected)) expect([k, res.headers.get(k)]).toEqual([k, val]);
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('x-request-id')).toMatch(/^req_/);
  });

  it('upgrade insecure requests only where the deployment is https (as the cookie is Secure)', async () => {
    expect(v.config.cookieSecure).toBe(false);
    expect(expected['content-security-policy']).not.toContain('upgrade-insecure-requests');
    const secure = await startVault({ cookieSecure: true, publicUrl: 'https://vault.example.com' });
    try {
      const csp = (await fetch(`${secure.url}/healthz`)).headers.get('content-security-policy');
      expect(csp).toContain('upgrade-insecure-requests');
      expect(csp).toContain("default-src 'self'");
    } finally {
      await secure.close();
    }
  });
});
