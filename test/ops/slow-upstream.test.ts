// The inbound request bound covers only what the client sends (issue 31, item 3): a proxy call to
// an upstream slower than HTTP_REQUEST_TIMEOUT_SECONDS still gets its answer, over a real socket.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startVault, type TestApp, type TestVault, VISA } from '../helpers.js';

const BOUNDS = { headersMs: 1000, requestMs: 2000, keepAliveMs: 2000, checkIntervalMs: 250 };
let v: TestVault;
let a: TestApp;

beforeAll(async () => {
  v = await startVault({ httpTimeouts: BOUNDS });
  a = await v.createApp();
});
afterAll(() => v.close());

test('a proxy call to an upstream slower than the request timeout is not cut', async () => {
  const slow = http.createServer((_req, res) => {
    setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'), BOUNDS.requestMs + 1500);
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
    expect(res.status).toBe(200);
    expect(((await res.json()) as { proxy_response: { status_code: number } }).proxy_response.status_code).toBe(200);
    expect(Date.now() - t0).toBeGreaterThan(BOUNDS.requestMs + 1000);
  } finally {
    slow.closeAllConnections();
    await new Promise((r) => slow.close(r));
  }
});
