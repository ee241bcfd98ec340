// Ozura's Pay API card-sale guide, as its integration sends it: the processor's own body with the
// literal placeholders, and X-Token / X-CVC-Session-ID / X-Proxy-URL headers — to /tokenize as well
// as /proxy/transaction — or token / proxy_url / cvc_session_id in the query string.
import { describe, expect, it } from 'vitest';
import { type TestApp, type TestVault } from '../helpers.js';
import { type Psp, proxyWorld } from '../proxy/psp.js';

let v: TestVault;
let a: TestApp;
let psp: Psp;

const CARD = { cardNumber: '4111111111111111', expirationMonth: '03', expirationYear: '2030', cvv: '737' };
// A processor's card-sale body as the guide writes it: literal placeholders, no ${…}.
const SALE = {
  merchantId: 'm_123', amount: '10.00', currency: 'USD',
  cardNumber: 'cardNumberPlaceholder', expirationMonth: 'expirationMonthPlaceholder',
  expirationYear: 'expirationYearPlaceholder2', expirationYearLong: 'expirationYearPlaceholder', cvv: 'cvvPlaceholder',
};
const FILLED = { ...SALE, cardNumber: '4111111111111111', expirationMonth: '03', expirationYear: '30', expirationYearLong: '2030', cvv: '737' };

proxyWorld((w) => ({ v, a, psp } = w));

async function tokenize() {
  const res = await v.app.inject({ method: 'POST', url: '/tokenize', headers: a.headers, payload: { type: 'card', data: CARD } });
  expect(res.statusCode).toBe(201);
  return res.json<{ token: string; cvc_session_id: string }>();
}

const send = (url: string, headers: Record<string, string>, payload: string) =>
  v.app.inject({ method: 'POST', url, headers: { 'x-api-key': a.apiKey, ...headers }, payload });

describe('header proxy mode', () => {
  for (const path of ['/tokenize', '/proxy/transaction']) {
    it(`${path}: the processor's JSON body with X-Token, X-CVC-Session-ID, X-Proxy-URL (no X-Pub-Key)`, async () => {
      const t = await tokenize();
      const res = await send(path, {
        'content-type': 'application/json', 'x-token': t.token, 'x-cvc-session-id': t.cvc_session_id,
        'x-proxy-url': `${psp.url}/api/v1/cardSale`, 'x-proxy-authorization': 'Bearer psp-secret',
      }, JSON.stringify(SALE));
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ success: true, proxy_response: { status_code: 200 } });
      const got = psp.received[0];
      expect(got.url).toBe('/api/v1/cardSale');
      expect(JSON.parse(got.body)).toEqual(FILLED);
      expect(got.headers['content-type']).toBe('application/json');
      for (const h of ['x-api-key', 'x-token', 'x-proxy-url', 'x-cvc-session-id']) expect(got.headers).not.toHaveProperty(h);
      expect(res.body).not.toContain('4111111111111111');
      expect(res.body).not.toContain('737');
    });
  }

  it('a form body, and the routing in the query string instead of headers', async () => {
    const t = await tokenize();
    const q = new URLSearchParams({ token: t.token, cvc_session_id: t.cvc_session_id, proxy_url: `${psp.url}/charge` });
    const res = await send(`/proxy/transaction?${q}`, { 'content-type': 'application/x-www-form-urlencoded' },
      'amount=10.00&card=cardNumberPlaceholder&exp=expirationMonthPlaceholder%2FexpirationYearPlaceholder2&cvv=cvvPlaceholder');
    expect(res.statusCode).toBe(200);
    expect(psp.received[0].body).toBe('amount=10.00&card=4111111111111111&exp=03%2F30&cvv=737');
  });

  it('an XML body to /tokenize with X-Proxy-URL', async () => {
    const t = await tokenize();
    const res = await send('/tokenize', { 'content-type': 'application/xml', 'x-token': t.token, 'x-cvc-session-id': t.cvc_session_id, 'x-proxy-url': `${psp.url}/xml` },
      '<sale><pan>cardNumberPlaceholder</pan><exp>expirationMonthPlaceholder/expirationYearPlaceholder</exp><cvv>${cvv}</cvv></sale>');
    expect(res.statusCode).toBe(200);
    expect(psp.received[0].body).toBe('<sale><pan>4111111111111111</pan><exp>03/2030</exp><cvv>737</cvv></sale>');
  });

  it('a production CVC session is spent by the first header-mode call', async () => {
    const t = await tokenize();
    const headers = { 'content-type': 'application/json', 'x-token': t.token, 'x-cvc-session-id': t.cvc_session_id, 'x-proxy-url': `${psp.url}/s` };
    expect((await send('/tokenize', headers, JSON.stringify(SALE))).statusCode).toBe(200);
    const again = await send('/tokenize', headers, JSON.stringify(SALE));
    expect(again.statusCode).toBe(404);
    expect(again.json().message).toBe('CVC session expired or not found');
  });

  it('X-Proxy-URL without a token → 400 naming it; an unknown token → 404 Token not found; nothing sent', async () => {
    const missing = await send('/tokenize', { 'content-type': 'application/json', 'x-proxy-url': `${psp.url}/s` }, JSON.stringify(SALE));
    expect(missing.statusCode).toBe(400);
    expect(missing.json().message).toBe('Missing required field: x-token');
    const unknown = await send('/tokenize', { 'content-type': 'application/json', 'x-token': 'tok_' + 'z'.repeat(24), 'x-proxy-url': `${psp.url}/s` }, JSON.stringify(SALE));
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message).toBe('Token not found');
    expect(psp.received).toHaveLength(0);
  });

  it('a key without the tokenization permission cannot use /tokenize header mode either', async () => {
    const ro = await v.createApp({ permissions: { tokenization: { allowed: false }, provisioning: { allowed: false }, detokenization: { allowed: true } } });
    const t = await tokenize();
    const res = await v.app.inject({
      method: 'POST', url: '/tokenize', payload: JSON.stringify(SALE),
      headers: { 'x-api-key': ro.apiKey, 'content-type': 'application/json', 'x-token': t.token, 'x-proxy-url': `${psp.url}/s` },
    });
    expect(res.statusCode).toBe(403);
    expect(psp.received).toHaveLength(0);
  });

  it('without X-Proxy-URL, /tokenize is plain tokenization (pub key still required)', async () => {
    const res = await v.app.inject({ method: 'POST', url: '/tokenize', headers: { 'x-api-key': a.apiKey }, payload: { type: 'card', data: CARD } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('pub_key_required');
  });

  it('the JSON form still validates its body', async () => {
    const res = await send('/proxy/transaction', { 'content-type': 'application/json' }, JSON.stringify({ proxy_url: `${psp.url}/s` }));
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('Missing required field: token');
  });
});
