// Ozura's "Common errors" page and API reference, replayed as an Ozura client sends them: the
// documented messages word for word, the verify-key shape, proj_ ids, and fields Ozura omits.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_PERMISSIONS } from '../../src/applications/permissions.js';
import { createApplication } from '../../src/applications/service.js';
import { DataKeys } from '../../src/crypto/datakeys.js';
import { startVault, type TestApp, type TestVault } from '../helpers.js';

let v: TestVault;
let a: TestApp;

beforeAll(async () => {
  v = await startVault();
  a = await v.createApp({ name: 'Checkout' });
});
afterAll(() => v.close());

const post = (url: string, headers: Record<string, string>, payload: unknown) =>
  v.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify(payload) });
const CARD = { cardNumber: '4111111111111111', expirationMonth: '12', expirationYear: '2030', cvv: '123' };

describe("Ozura's documented error messages", () => {
  const cases: [string, () => Promise<{ statusCode: number; json: () => { message: string; success: boolean } }>, number, string][] = [
    ['unknown API key', () => post('/detokenize', { 'x-api-key': 'key_nope_us_pvt_' + 'x'.repeat(32) }, { token: 'tok_x' }), 401, 'Invalid API key'],
    ['unknown token', () => post('/detokenize', { 'x-api-key': a.apiKey }, { token: 'tok_' + 'x'.repeat(24) }), 404, 'Token not found'],
    ['bad card number', () => post('/tokenize', a.headers, { type: 'card', data: { ...CARD, cardNumber: '4111111111111112' } }), 400, 'Invalid card number'],
    ['expired card', () => post('/tokenize', a.headers, { type: 'card', data: { ...CARD, expirationYear: '2001' } }), 400, 'Card has expired'],
    ['missing field', () => post('/tokenize', a.headers, { type: 'card', data: { expirationMonth: '12', expirationYear: '2030' } }), 400, 'Missing required field: cardNumber'],
    ['invalid field', () => post('/tokenize', a.headers, { type: 'card', data: { ...CARD, expirationMonth: true } }), 400, 'Invalid value for expirationMonth'],
    ['proxy to http', () => post('/proxy/transaction', { 'x-api-key': a.apiKey }, { token: 'tok_x', proxy_url: 'ftp://psp.example/charge', request_data: {} }), 400, 'Invalid proxy URL'],
  ];
  for (const [name, call, status, message] of cases) {
    it(`${name} → ${status} "${message}"`, async () => {
      const res = await call();
      expect(res.statusCode).toBe(status);
      expect(res.json()).toMatchObject({ success: false, message });
    });
  }

  it('an invalid or expired JWT → 401 "Token expired"', async () => {
    const res = await v.app.inject({ url: '/auth/verify', headers: { authorization: 'Bearer eyJhbGciOiJFZERTQSJ9.e30.c2ln' } });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ message: 'Token expired', error: { code: 'invalid_token' } });
  });

  it('an unreachable processor → 502 "Failed to proxy request"', async () => {
    const t = (await post('/tokenize', a.headers, { type: 'card', data: CARD })).json();
    const res = await post('/proxy/transaction', { 'x-api-key': a.apiKey }, { token: t.token, proxy_url: 'http://127.0.0.1:1/charge', request_data: { n: '${cardNumber}' } });
    expect(res.statusCode).toBe(502);
    expect(res.json()).toMatchObject({ message: 'Failed to proxy request', error: { code: 'upstream_error' } });
  });

  it('over a rate limit → 429 "Rate limit exceeded"', async () => {
    const login = (i: number) => v.app.inject({ method: 'POST', url: '/auth/login', payload: { email: `nobody${i}@example.com`, password: 'not the password at all' } });
    for (let i = 0; i < 7; i++) await login(i);
    const last = await login(7);
    expect(last.statusCode).toBe(429);
    expect(last.json()).toMatchObject({ message: 'Rate limit exceeded', error: { code: 'rate_limited' } });
  });

  it('a key without the permission → 403 in Ozura\'s words', async () => {
    const ro = await v.createApp({ permissions: { tokenization: { allowed: false }, provisioning: { allowed: false }, detokenization: { allowed: true } } });
    const res = await post('/tokenize', ro.headers, { type: 'card', data: CARD });
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toBe('This API key does not have permission for this operation');
  });

  it('an expired or unknown CVC session → 404 "CVC session expired or not found"', async () => {
    const t = (await post('/tokenize', a.headers, { type: 'card', data: CARD })).json();
    const res = await post('/proxy/transaction', { 'x-api-key': a.apiKey }, {
      token: t.token, cvc_session_id: '00000000-0000-4000-8000-000000000000', proxy_url: 'https://psp.example/charge', request_data: { cvc: '${cvv}' },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toBe('CVC session expired or not found');
  });
});

describe('GET /api/applications/key', () => {
  it("answers Ozura's shape: message, project_id, application_id, name, permissions", async () => {
    const res = await v.app.inject({ url: '/api/applications/key', headers: { 'x-api-key': a.apiKey } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      success: true,
      message: 'API key is valid',
      data: { project_id: a.projectId, application_id: a.appId, name: 'Checkout', permissions: ALL_PERMISSIONS },
    });
    expect(body.data.project_id).toMatch(/^proj_[a-z0-9]{16}$/);
  });

  it('an unknown key → 401 Invalid API key', async () => {
    const res = await v.app.inject({ url: '/api/applications/key', headers: { 'x-api-key': 'key_gone_us_pvt_' + 'y'.repeat(40) } });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ message: 'Invalid API key', error: { code: 'invalid_api_key' } });
  });
});

describe('optional answer fields, as Ozura', () => {
  it('no cvc_session_id without a CVV; one with it', async () => {
    const { cvv: _cvv, ...noCvv } = CARD;
    const without = (await post('/tokenize', a.headers, { type: 'card', data: noCvv })).json();
    expect(without).not.toHaveProperty('cvc_session_id');
    const withCvv = (await post('/tokenize', a.headers, { type: 'card', data: CARD })).json();
    expect(withCvv.cvc_session_id).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('project ids created before the switch to proj_', () => {
  it('a prj_ project (its id bound into its ciphertexts) keeps working end to end', async () => {
    // A project as the vault created it before proj_: the old id is kept, never renamed,
    // because the project id is part of every ciphertext's associated data.
    const id = `prj_${randomBytes(8).toString('hex')}`;
    const keys = new DataKeys(v.app.vault.database.db, v.config.keyring);
    const app = await v.app.vault.database.db.transaction().execute(async (trx) => {
      await trx.insertInto('projects').values({ id, name: 'legacy', environment: 'development', parent_id: null, proxy_allowed_hosts: null, deleted_at: null }).execute();
      await trx.insertInto('project_keys').values(keys.newWrapped(id)).execute();
      return createApplication(trx, { projectId: id, environment: 'development', name: 'legacy app', permissions: ALL_PERMISSIONS, region: 'us' });
    });
    const headers = { 'x-api-key': app.api_key, 'x-pub-key': app.pub_key };
    const key = (await v.app.inject({ url: '/api/applications/key', headers })).json();
    expect(key.data.project_id).toBe(id);
    const t = (await post('/tokenize', headers, { type: 'card', data: CARD })).json();
    const d = await post('/detokenize', headers, { token: t.token });
    expect(d.statusCode).toBe(200);
    expect(d.json().data.cardNumber).toBe(CARD.cardNumber);
  });
});
