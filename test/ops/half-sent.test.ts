// Half-sent requests (issue 31, item 3): on a keep-alive connection, a request whose headers or
// body never finish is answered 408 in the error shape and closed within the request timeout,
// and an idle keep-alive connection is closed after its timeout, measured with raw sockets on a
// vault with short timeouts. A complete request on a pooled connection is not slowed by a crowd
// of such sockets, and a proxy call to an upstream slower than the request timeout still works.
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { serverTimeouts } from '../../src/app.js';
import { httpTimeouts, testConfig } from '../../src/config.js';
import { startVault, testKeyring, type TestApp, type TestVault, VISA } from '../helpers.js';

const TIMEOUTS = { headersMs: 1000, requestMs: 2000, keepAliveMs: 2000 };
// Node checks every connectionsCheckingInterval (250 ms here); the rest is a busy machine.
const SLACK_MS = 1500;

let v: TestVault;
let a: TestApp;
let port: number;
const figures: Record<string, number> = {};

beforeAll(async () => {
  v = await startVault({ http: TIMEOUTS });
  a = await v.createApp();
  port = Number(new URL(v.url).port);
});
afterAll(async () => {
  console.log('half-sent figures (ms):', JSON.stringify(figures));
  await v.close();
});

interface Outcome {
  /** ms from the half-sent request to the close. */
  heldMs: number;
  /** Status lines of the answers after the first (keep-alive) one. */
  statuses: number[];
  text: string;
}

const KEEPALIVE_FIRST = 'GET /healthz HTTP/1.1\r\nHost: vault\r\n\r\n';

/** One keep-alive connection: a complete request, then `half` (if any), then wait for the close. */
function halfSent(half: string | null, limitMs = 20_000): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1');
    let text = '';
    let t0 = 0;
    const guard = setTimeout(() => {
      s.destroy();
      reject(new Error(`connection still open after ${limitMs} ms`));
    }, limitMs);
    s.on('data', (d) => {
      const first = text === '';
      text += d.toString('latin1');
      if (first) {
        t0 = Date.now();
        if (half !== null) s.write(half);
      }
    });
    s.on('error', () => {});
    s.on('close', () => {
      clearTimeout(guard);
      const statuses = [...text.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => Number(m[1])).slice(1);
      resolve({ heldMs: Date.now() - t0, statuses, text });
    });
    s.write(KEEPALIVE_FIRST);
  });
}

const post = (headers: string) => `POST /tokenize HTTP/1.1\r\nHost: vault\r\nX-API-Key: ${a.apiKey}\r\nX-Pub-Key: ${a.pubKey}\r\nContent-Type: application/json\r\n${headers}`;
const CASES = {
  'Expect: 100-continue, no body': () => post('Expect: 100-continue\r\nContent-Length: 120\r\n\r\n'),
  'Content-Length longer than the body': () => post('Content-Length: 400\r\n\r\n{"type":"card","data":'),
  'chunked without its last chunk': () => post('Transfer-Encoding: chunked\r\n\r\n10\r\n{"type":"card","\r\n'),
  'unfinished headers': () => 'POST /tokenize HTTP/1.1\r\nHost: vault\r\nContent-Type: appl',
};

test.each(Object.entries(CASES))('%s: answered 408 in the error shape and closed within the request timeout', async (name, half) => {
  const o = await halfSent(half());
  figures[name] = o.heldMs;
  expect(o.heldMs).toBeLessThan(TIMEOUTS.requestMs + SLACK_MS);
  // 100-continue gets its interim answer first; then the 408.
  expect(o.statuses.filter((s) => s !== 100)).toEqual([408]);
  const body = JSON.parse(o.text.slice(o.text.lastIndexOf('\r\n\r\n') + 4)) as { error: { code: string } };
  expect(body.error.code).toBe('request_timeout');
});

test('an idle keep-alive connection is closed after the keep-alive timeout', async () => {
  const o = await halfSent(null);
  figures['idle keep-alive'] = o.heldMs;
  expect(o.statuses).toEqual([]);
  expect(o.heldMs).toBeGreaterThan(TIMEOUTS.keepAliveMs - 500);
  // Node closes an idle keep-alive socket 1 s after keepAliveTimeout (its own buffer for the race).
  expect(o.heldMs).toBeLessThan(TIMEOUTS.keepAliveMs + 1000 + SLACK_MS);
});

test('a complete request on a pooled connection waits no longer under a crowd of half-sent sockets', async () => {
  const pool = new Pool(v.url, { connections: 1, pipelining: 1 });
  const body = JSON.stringify({ type: 'card', data: VISA });
  const headers = { ...a.headers, 'content-type': 'application/json' };
  const until = Date.now() + 5000;
  const makers = Object.values(CASES);
  let longestHold = 0;
  let opened = 0;
  // 16 sockets at a time, each replaced when the vault closes it: a bounded loop of 5 s.
  const crowd = Array.from({ length: 16 }, async (_x, i) => {
    while (Date.now() < until) {
      const o = await halfSent(makers[(i + opened++) % makers.length]());
      longestHold = Math.max(longestHold, o.heldMs);
    }
  });
  const waits: number[] = [];
  while (Date.now() < until) {
    const t0 = Date.now();
    const res = await pool.request({ path: '/tokenize', method: 'POST', headers, body });
    await res.body.text();
    expect(res.statusCode).toBe(201);
    waits.push(Date.now() - t0);
    await new Promise((r) => setTimeout(r, 20));
  }
  await Promise.all(crowd);
  await pool.close();
  figures['crowd: half-sent sockets opened'] = opened;
  figures['crowd: longest hold'] = longestHold;
  figures['pooled: longest wait'] = Math.max(...waits);
  figures['pooled: requests'] = waits.length;
  expect(longestHold).toBeLessThan(TIMEOUTS.requestMs + SLACK_MS);
  expect(Math.max(...waits)).toBeLessThan(1000);
});

test('a proxy call to an upstream slower than the request timeout is not cut', async () => {
  const slow = http.createServer((_req, res) => {
    setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'), TIMEOUTS.requestMs + 1500);
  });
  await new Promise<void>((r) => slow.listen(0, '127.0.0.1', r));
  try {
    const tok = await fetch(`${v.url}/tokenize`, { method: 'POST', headers: { ...a.headers, 'content-type': 'application/json' }, body: JSON.stringify({ type: 'card', data: VISA }) });
    const { token } = (await tok.json()) as { token: string };
    const t0 = Date.now();
    const res = await fetch(`${v.url}/proxy/transaction`, {
      method: 'POST',
      headers: { 'x-api-key': a.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({ token, proxy_url: `http://127.0.0.1:${(slow.address() as AddressInfo).port}/charge`, request_data: { pan: '${cardNumber}' } }),
    });
    figures['slow upstream proxy call'] = Date.now() - t0;
    expect(res.status).toBe(200);
    expect(((await res.json()) as { proxy_response: { status_code: number } }).proxy_response.status_code).toBe(200);
  } finally {
    slow.closeAllConnections();
    await new Promise((r) => slow.close(r));
  }
});

test('HTTP_*_TIMEOUT_SECONDS: documented defaults, checked, and the socket bound outlasts a proxy call', () => {
  expect(httpTimeouts({})).toEqual({ headersMs: 10_000, requestMs: 30_000, keepAliveMs: 65_000 });
  expect(httpTimeouts({ HTTP_REQUEST_TIMEOUT_SECONDS: '120', HTTP_KEEPALIVE_TIMEOUT_SECONDS: '5' })).toMatchObject({ requestMs: 120_000, keepAliveMs: 5000 });
  expect(() => httpTimeouts({ HTTP_HEADERS_TIMEOUT_SECONDS: '0' })).toThrow(/HTTP_HEADERS_TIMEOUT_SECONDS must be at least 1/);
  expect(() => httpTimeouts({ HTTP_REQUEST_TIMEOUT_SECONDS: '5' })).toThrow(/must not exceed HTTP_REQUEST_TIMEOUT_SECONDS/);
  expect(() => httpTimeouts({ HTTP_KEEPALIVE_TIMEOUT_SECONDS: 'soon' })).toThrow(/non-negative integer/);
  const s = serverTimeouts(testConfig({ databaseUrl: 'postgres://x/y', keyring: testKeyring() }));
  expect(s.http).toEqual({ headersTimeout: 10_000, requestTimeout: 30_000, keepAliveTimeout: 65_000, connectionsCheckingInterval: 1000 });
  expect(s.connectionTimeout).toBe(90_000);
});
