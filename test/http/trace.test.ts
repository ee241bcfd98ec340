// W3C Trace Context: a caller's traceparent is logged with the request and reaches the PSP with
// the same trace id and the vault as the new parent; a malformed one is ignored, never refused.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import fc from 'fast-check';
import { LOOSE_LIMITS } from '../auth/helpers.js';
import { startVault, type TestApp, type TestVault, VISA } from '../helpers.js';
import { type Psp, startPsp } from '../proxy/psp.js';
import { parseTraceparent } from '../../src/http/trace.js';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT = `00-${TRACE}-00f067aa0ba902b7-01`;
let v: TestVault;
let a: TestApp;
let psp: Psp;
let token: string;

beforeAll(async () => {
  v = await startVault({ rateLimits: LOOSE_LIMITS, logLevel: 'debug' });
  a = await v.createApp();
  psp = await startPsp();
  token = (await v.app.inject({ method: 'POST', url: '/tokenize', headers: a.headers, payload: { type: 'card', data: VISA } })).json().token;
});
afterAll(async () => {
  await psp.close();
  await v.close();
});
beforeEach(() => {
  psp.received.length = 0;
});

const jsonCall = (headers: Record<string, string>, http_headers: Record<string, string> = {}) =>
  v.app.inject({ method: 'POST', url: '/proxy/transaction', headers: { ...a.headers, ...headers }, payload: { token, proxy_url: `${psp.url}/charge`, request_data: { pan: '${cardNumber}' }, http_headers } });

it('JSON and header mode: the PSP gets the same trace with a new parent id, and tracestate', async () => {
  const res = await jsonCall({ traceparent: PARENT, tracestate: 'psp=1' });
  expect(res.statusCode).toBe(200);
  const sent = parseTraceparent(psp.received[0].headers.traceparent)!;
  expect(sent.traceId).toBe(TRACE);
  expect(sent.flags).toBe('01');
  expect(sent.parentId).not.toBe('00f067aa0ba902b7');
  expect(psp.received[0].headers.tracestate).toBe('psp=1');

  const raw = await v.app.inject({
    method: 'POST', url: '/proxy/transaction',
    headers: { 'x-api-key': a.apiKey, 'content-type': 'application/x-www-form-urlencoded', 'x-token': token, 'x-proxy-url': `${psp.url}/charge`, traceparent: PARENT },
    payload: 'pan=${cardNumber}',
  });
  expect(raw.statusCode).toBe(200);
  const raw_sent = parseTraceparent(psp.received[1].headers.traceparent)!;
  expect(raw_sent.traceId).toBe(TRACE);
  expect(raw_sent.parentId).not.toBe('00f067aa0ba902b7');
});

it("the caller's own traceparent in http_headers wins; malformed or all-zero ones are ignored", async () => {
  const own = `00-${'1'.repeat(32)}-${'2'.repeat(16)}-00`;
  await jsonCall({ traceparent: PARENT }, { traceparent: own });
  expect(psp.received[0].headers.traceparent).toBe(own);
  for (const bad of [`00-${'0'.repeat(32)}-00f067aa0ba902b7-01`, `00-${TRACE}-${'0'.repeat(16)}-01`, `01-${TRACE}-00f067aa0ba902b7-01`, 'garbage', `00-${TRACE.toUpperCase()}-00f067aa0ba902b7-01`]) {
    psp.received.length = 0;
    const res = await jsonCall({ traceparent: bad, tracestate: 'x=1' });
    expect(res.statusCode, bad).toBe(200);
    expect(psp.received[0].headers.traceparent, bad).toBeUndefined();
    expect(psp.received[0].headers.tracestate, bad).toBeUndefined();
  }
});

it("every log line of the request carries the caller's trace id", async () => {
  const res = await v.app.inject({ method: 'GET', url: '/healthz', headers: { traceparent: PARENT } });
  const lines = v.logs.lines.map((l) => JSON.parse(l) as { reqId?: string; trace_id?: string; msg?: string });
  const mine = lines.filter((l) => l.reqId === res.headers['x-request-id']);
  expect(mine.length).toBeGreaterThan(0);
  for (const l of mine) expect(l.trace_id).toBe(TRACE);
  const plain = await v.app.inject({ method: 'GET', url: '/healthz' });
  const others = v.logs.lines.map((l) => JSON.parse(l) as { reqId?: string; trace_id?: string }).filter((l) => l.reqId === plain.headers['x-request-id']);
  expect(others.length).toBeGreaterThan(0);
  for (const l of others) expect(l.trace_id).toBeUndefined();
});

it('parseTraceparent accepts exactly the W3C version-00 form', () => {
  const hex = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: n, maxLength: n });
  fc.assert(
    fc.property(hex(32), hex(16), hex(2), (t, p, f) => {
      const parsed = parseTraceparent(`00-${t}-${p}-${f}`);
      const zero = /^0+$/.test(t) || /^0+$/.test(p);
      expect(parsed === null).toBe(zero);
      if (parsed) expect(parsed).toEqual({ traceId: t, parentId: p, flags: f });
    }),
  );
  fc.assert(fc.property(fc.string(), (s) => parseTraceparent(s) === null || /^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/.test(s)));
});
