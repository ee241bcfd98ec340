// Issue 12: input only the client is at fault for is a 400 before anything is sent upstream, never
// a 500 or a 502; and the audit entry of a proxy call never holds raw input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVault, type TestApp, type TestVault, VISA } from '../helpers.js';
import { type Psp, startPsp } from './psp.js';

let v: TestVault;
let a: TestApp;
let psp: Psp;
let token: string;

beforeAll(async () => {
  v = await startVault();
  a = await v.createApp();
  psp = await startPsp();
  const t = await v.app.inject({ method: 'POST', url: '/tokenize', headers: a.headers, payload: { type: 'card', data: VISA } });
  token = t.json().token;
});
afterAll(async () => {
  await psp.close();
  await v.close();
});

const send = (payload: string | undefined, headers: Record<string, string> = {}) =>
  fetch(`${v.url}/proxy/transaction`, { method: 'POST', headers: { 'x-api-key': a.apiKey, ...headers }, ...(payload === undefined ? {} : { body: payload }) })
    .then(async (r) => ({ status: r.status, body: await r.json() }));

function expect400(r: { status: number; body: Record<string, unknown> }) {
  expect(r.status).toBe(400);
  expect(r.body).toMatchObject({ success: false, data: null, error: { code: 'validation_error', request_id: expect.any(String) } });
}

describe('proxy input', () => {
  it('no body and no Content-Type is a 400, not a TypeError', async () => {
    expect400(await send(undefined));
  });

  it('request_data nested 5000 deep is a 400, not a 502, and nothing is sent', async () => {
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    const r = await send(`{"token":"${token}","proxy_url":"${psp.url}/x","request_data":${deep}}`, { 'content-type': 'application/json' });
    expect400(r);
    expect(psp.received).toHaveLength(0);
  });

  it('a header value outside Latin-1 is a 400, not a 502', async () => {
    const r = await send(JSON.stringify({ token, proxy_url: `${psp.url}/x`, http_headers: { 'X-Note': 'snowman ☃' }, request_data: {} }), { 'content-type': 'application/json' });
    expect400(r);
    expect(psp.received).toHaveLength(0);
  });

  it('NUL in the token is a 400', async () => {
    expect400(await send(JSON.stringify({ token: 'tok_\u0000', proxy_url: `${psp.url}/x` }), { 'content-type': 'application/json' }));
  });

  it('a card number sent as the token is not written to the audit log, not even masked', async () => {
    const r = await send(JSON.stringify({ token: '4111111111111111', proxy_url: `${psp.url}/x` }), { 'content-type': 'application/json', 'x-request-id': 'proxy-pan-1' });
    expect(r.status).toBe(404);
    const { rows } = await v.sql.query('SELECT resource_id, details FROM audit_log WHERE request_id = $1', ['proxy-pan-1']);
    expect(rows).toHaveLength(1);
    expect(rows[0].resource_id).toBeNull();
    expect(JSON.stringify(rows[0])).not.toMatch(/411111|1111\b/);
  });
});
