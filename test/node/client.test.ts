// packages/node against a real vault: the generated types match what /openapi.json serves, the
// typed client covers tokenize, detokenize, proxy, sessions and management, and the session
// endpoints (Fetch API, node:http/Express, Fastify) mint keys the browser can spend.
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSessionHandler, createSessionMiddleware, createVaultClient, VaultApiError } from '../../packages/node/src/index.js';
import { OPENAPI_TS, render } from '../../packages/node/scripts/generate.js';
import { LOOSE_LIMITS } from '../auth/helpers.js';
import { startVault, type TestApp, type TestVault, VISA } from '../helpers.js';
import { startPsp } from '../proxy/psp.js';
import { createUser } from '../users.js';

let v: TestVault;
let shop: TestApp;

beforeAll(async () => {
  v = await startVault({ rateLimits: LOOSE_LIMITS });
  shop = await v.createApp();
});
afterAll(() => v.close());

/** The key works where the browser would spend it: /tokenize with the pub key. */
async function spendable(sessionKey: string) {
  const res = await v.app.inject({ method: 'POST', url: '/tokenize', headers: { 'x-pub-key': shop.pubKey, 'x-session-key': sessionKey }, payload: { type: 'card', data: VISA } });
  return res.statusCode;
}

describe('@open-vault/node', () => {
  it('the committed types are generated from what /openapi.json serves (UPDATE_OPENAPI=1 rewrites them)', async () => {
    const spec = (await (await fetch(`${v.url}/openapi.json`)).json()) as object;
    const ts = await render(spec);
    if (process.env.UPDATE_OPENAPI === '1') writeFileSync(OPENAPI_TS, ts);
    expect(readFileSync(OPENAPI_TS, 'utf8')).toBe(ts);
    for (const path of ['/tokenize', '/detokenize', '/proxy/transaction', '/sessions', '/sessions/{session_key}', '/api/projects']) expect(ts).toContain(`"${path}"`);
  });

  it('typed client: tokenize, detokenize, proxy, sessions, management; failures are VaultApiError', async () => {
    const vault = createVaultClient({ vaultUrl: v.url, apiKey: shop.apiKey, pubKey: shop.pubKey });
    const t = await vault.tokenize({ type: 'card', data: VISA });
    expect(t.token).toMatch(/^tok_/);
    expect(await vault.detokenize(t.token)).toMatchObject({ data: { expirationMonth: '12' } });
    const psp = await startPsp();
    try {
      const charged = await vault.proxy({
        token: t.token, cvc_session_id: t.cvc_session_id!, proxy_url: `${psp.url}/charges`, http_method: 'POST',
        request_data: { amount: 1000, number: '${cardNumber}', cvc: '${cvv}' },
      });
      expect(charged.proxy_response.status_code).toBe(200);
      expect(JSON.parse(psp.received[0].body)).toEqual({ amount: 1000, number: '4111111111111111', cvc: '123' });
    } finally {
      await psp.close();
    }
    const s = await vault.createSession({ sessionLimit: 1, ttlSeconds: 60 });
    expect(s.session_limit).toBe(1);
    await vault.revokeSession(s.session_key);
    expect(await spendable(s.session_key)).toBe(401);
    const err = await vault.detokenize('tok_missing').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VaultApiError);
    expect(err).toMatchObject({ status: 404, code: 'token_not_found', requestId: expect.any(String) });
    const user = await createUser(v, 'dev');
    const admin = createVaultClient({ vaultUrl: v.url, accessToken: user.token });
    const created = await admin.api.POST('/api/projects', { body: { name: 'From the client', environment: 'development' } });
    expect(created.data?.data.name).toBe('From the client');
    const listed = await admin.api.GET('/api/projects', { params: { query: { limit: 10 } } });
    expect(listed.data?.data.map((p) => p.name)).toContain('From the client');
  });

  it('idempotencyKey: a retried tokenize, proxy call or session answers the first result; the PSP is called once', async () => {
    const vault = createVaultClient({ vaultUrl: v.url, apiKey: shop.apiKey, pubKey: shop.pubKey });
    const key = `sdk-${Date.now()}`;
    const [t1, t2] = [await vault.tokenize({ type: 'card', data: VISA }, { idempotencyKey: key }), await vault.tokenize({ type: 'card', data: VISA }, { idempotencyKey: key })];
    expect(t2.token).toBe(t1.token);
    const psp = await startPsp();
    try {
      const call = { token: t1.token, proxy_url: `${psp.url}/charges`, request_data: { amount: 1000, number: '${cardNumber}' } };
      const [c1, c2] = [await vault.proxy(call, { idempotencyKey: `${key}-charge` }), await vault.proxy(call, { idempotencyKey: `${key}-charge` })];
      expect(c2).toEqual(c1);
      expect(psp.received).toHaveLength(1);
    } finally {
      await psp.close();
    }
    const [s1, s2] = [await vault.createSession({ idempotencyKey: `${key}-session` }), await vault.createSession({ idempotencyKey: `${key}-session` })];
    expect(s2.session_key).toBe(s1.session_key);
    const reused = await vault.tokenize({ type: 'card', data: { ...VISA, cvv: '999' } }, { idempotencyKey: key }).catch((e: unknown) => e);
    expect(reused).toMatchObject({ status: 422, code: 'idempotency_key_reused' });
  });

  it('createSessionHandler (Fetch API): POST → {sessionKey}; GET → 405; authorize → 403; vault unreachable → 502 without details', async () => {
    const handler = createSessionHandler({ vaultUrl: v.url, apiKey: shop.apiKey, sessionLimit: 2 });
    const res = await handler(new Request('http://shop.test/session', { method: 'POST' }));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const { sessionKey } = (await res.json()) as { sessionKey: string };
    expect(await spendable(sessionKey)).toBe(201);
    expect((await handler(new Request('http://shop.test/session'))).status).toBe(405);
    const guarded = createSessionHandler({ vaultUrl: v.url, apiKey: shop.apiKey, authorize: (r) => (r as Request).headers.get('x-cart') === 'yes' });
    expect((await guarded(new Request('http://shop.test/session', { method: 'POST' }))).status).toBe(403);
    expect((await guarded(new Request('http://shop.test/session', { method: 'POST', headers: { 'x-cart': 'yes' } }))).status).toBe(200);
    const wrongKey = createSessionHandler({ vaultUrl: v.url, apiKey: 'key_x_us_pvt_00000000000000000000000000000000' });
    const failed = await wrongKey(new Request('http://shop.test/session', { method: 'POST' }));
    expect(failed.status).toBe(502);
    expect(await failed.json()).toEqual({ error: 'session_unavailable' });
  });

  it('createSessionMiddleware on node:http (as Express) and on Fastify', async () => {
    const mw = createSessionMiddleware({ vaultUrl: v.url, apiKey: shop.apiKey });
    const server = createServer((req, res) => void mw(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as { port: number }).port}/session`, { method: 'POST' });
      expect(res.status).toBe(200);
      expect(await spendable(((await res.json()) as { sessionKey: string }).sessionKey)).toBe(201);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    const app = Fastify();
    app.post('/session', createSessionMiddleware({ vaultUrl: v.url, apiKey: shop.apiKey }));
    try {
      const res = await app.inject({ method: 'POST', url: '/session' });
      expect(res.statusCode).toBe(200);
      expect(await spendable(res.json().sessionKey)).toBe(201);
    } finally {
      await app.close();
    }
  });
});
