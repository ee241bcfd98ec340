// Finding 9 of issue 13: placeholders were substituted raw into content types other than JSON,
// form and XML, so a holder name or string value could inject structure (a multipart part, a
// text line). Placeholders are now filled only where an escaping exists; elsewhere → 415.
import { describe, expect, it } from 'vitest';
import { type TestApp, type TestVault, VISA } from '../helpers.js';
import { type Psp, proxyWorld } from './psp.js';

let v: TestVault;
let a: TestApp;
let psp: Psp;
// A holder name that, pasted raw into a multipart body, closes the part and adds one of its own.
const EVIL = 'Ada\r\n--b0undary\r\nContent-Disposition: form-data; name="amount"\r\n\r\n1';

proxyWorld((w) => ({ v, a, psp } = w));

async function tokenize(data: object | string, type = 'card') {
  return (await v.app.inject({ method: 'POST', url: '/tokenize', headers: a.headers, payload: { type, data } })).json().token as string;
}
const proxy = (token: string, contentType: string | null, request_data: string) =>
  v.app.inject({
    method: 'POST', url: '/proxy/transaction', headers: { 'x-api-key': a.apiKey },
    payload: { token, proxy_url: `${psp.url}/upload`, request_data, ...(contentType ? { http_headers: { 'Content-Type': contentType } } : {}) },
  });

describe('placeholders only in JSON, form and XML bodies (finding 9)', () => {
  it('multipart, text/* and no Content-Type with a placeholder → 415, nothing sent', async () => {
    const card = await tokenize({ ...VISA, holderName: EVIL });
    const str = await tokenize('x\r\n--b0undary--', 'string');
    const multipart = '--b0undary\r\nContent-Disposition: form-data; name="name"\r\n\r\n${holderName}\r\n--b0undary--\r\n';
    for (const [token, type, body] of [
      [card, 'multipart/form-data; boundary=b0undary', multipart],
      [card, 'text/plain', 'name: ${holderName}\namount: 1'],
      [card, 'text/csv', '${cardNumber},${holderName}'],
      [str, null, 'v=${value}'],
      [card, 'application/octet-stream', 'cardNumberPlaceholder'],
    ] as const) {
      const res = await proxy(token, type, body);
      expect(res.statusCode, String(type)).toBe(415);
      expect(res.json().error.code).toBe('unsupported_media_type');
      expect(res.json().message).toMatch(/JSON, form-encoded and XML/);
    }
    expect(psp.received).toHaveLength(0);
  });

  it('the three escapings still work, and a text body without placeholders is forwarded as is', async () => {
    const card = await tokenize({ ...VISA, holderName: EVIL });
    expect((await proxy(card, 'application/x-www-form-urlencoded', 'name=${holderName}')).statusCode).toBe(200);
    expect(psp.received[0].body).toBe(`name=${encodeURIComponent(EVIL)}`);
    expect((await proxy(card, 'application/xml', '<n>${holderName}</n>')).statusCode).toBe(200);
    expect(psp.received[1].body).toBe(`<n>${EVIL.replaceAll('"', '&quot;')}</n>`);
    expect((await proxy(card, 'application/json', '{"n":"${holderName}"}')).statusCode).toBe(200);
    expect(JSON.parse(psp.received[2].body)).toEqual({ n: EVIL });
    expect((await proxy(card, 'text/plain', 'ping')).statusCode).toBe(200);
    expect(psp.received[3].body).toBe('ping');
  });
});
