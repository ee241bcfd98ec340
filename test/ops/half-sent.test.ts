// Issue 31.3: a request whose headers or body never finish must not hold its connection. Each
// case is played on a raw socket, as the first request and as the second on a keep-alive
// connection; the vault must answer 408 in the one error shape (or close) within its bound.
import net from 'node:net';
import { Pool } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpTimeouts, loadConfig } from '../../src/config.js';
import { startVault, type TestApp, type TestVault, VISA } from '../helpers.js';

const BOUNDS = { headersMs: 1000, requestMs: 2000, keepAliveMs: 1500, checkIntervalMs: 250 };
// Node checks the bounds every checkIntervalMs; allow that, plus a slow machine.
const SLACK = 1500;

let vault: TestVault;
let app: TestApp;
let port: number;

beforeAll(async () => {
  vault = await startVault({ httpTimeouts: BOUNDS });
  app = await vault.createApp();
  port = Number(new URL(vault.url).port);
});
afterAll(() => vault?.close());

const head = (extra: string) =>
  `POST /tokenize HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: ${app.apiKey}\r\nX-Pub-Key: ${app.pubKey}\r\nContent-Type: application/json\r\n${extra}`;
const complete = () => {
  const body = JSON.stringify({ type: 'card', data: { ...VISA, cvv: undefined } });
  return head(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n`) + body;
};

const CASES: { name: string; bytes: () => string; boundMs: () => number }[] = [
  { name: 'headers never finished', bytes: () => head(''), boundMs: () => BOUNDS.headersMs },
  { name: 'Content-Length longer than the body sent', bytes: () => head('Content-Length: 100\r\n\r\n{"type":"card"'), boundMs: () => BOUNDS.requestMs },
  { name: 'Expect: 100-continue and no body', bytes: () => head('Content-Length: 50\r\nExpect: 100-continue\r\n\r\n'), boundMs: () => BOUNDS.requestMs },
  { name: 'chunked body without its last chunk', bytes: () => head('Transfer-Encoding: chunked\r\n\r\n5\r\n{"typ\r\n'), boundMs: () => BOUNDS.requestMs },
];

interface Outcome {
  heldMs: number;
  received: string;
}

/** Sends `first` (a complete request, optional) then `bytes`, and waits for the server to close. */
function play(bytes: string, first?: string): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    let t0 = 0;
    const send = () => {
      t0 = Date.now();
      socket.write(bytes);
    };
    const guard = setTimeout(() => {
      socket.destroy();
      reject(new Error(`connection still open after ${Date.now() - t0} ms`));
    }, 20_000);
    socket.on('connect', () => (first ? socket.write(first) : send()));
    socket.on('data', (d) => {
      received += d.toString('latin1');
      // The first answer is complete once its JSON body closed; then the half-sent request goes.
      if (first && t0 === 0 && /\r\n\r\n\{.*\}$/s.test(received)) send();
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(guard);
      resolve({ heldMs: Date.now() - t0, received });
    });
  });
}

/** The last HTTP answer in what a socket received. */
function lastAnswer(received: string) {
  const at = received.lastIndexOf('HTTP/1.1 ');
  const text = received.slice(at);
  const [headers, body] = text.split('\r\n\r\n');
  return { status: Number(headers.split(' ')[1]), headers, body: JSON.parse(body) as { success: boolean; error: { code: string } } };
}

describe('half-sent requests', () => {
  const held: number[] = [];
  for (const c of CASES) {
    for (const keepAlive of [false, true]) {
      it(`${c.name}${keepAlive ? ', as the second request on a keep-alive connection' : ''}: 408 and closed within the bound`, async () => {
        const { heldMs, received } = await play(c.bytes(), keepAlive ? complete() : undefined);
        held.push(heldMs);
        if (keepAlive) expect(received).toMatch(/^HTTP\/1\.1 201 /);
        const answer = lastAnswer(received);
        expect(answer.status).toBe(408);
        expect(answer.body.success).toBe(false);
        expect(answer.body.error.code).toBe('request_timeout');
        expect(answer.headers).toMatch(/connection: close/i);
        expect(heldMs).toBeLessThan(c.boundMs() + SLACK);
      });
    }
  }

  it('an idle keep-alive connection is closed after the keep-alive bound', async () => {
    const { heldMs, received } = await play('', complete());
    expect(received).toMatch(/^HTTP\/1\.1 201 /);
    expect(heldMs).toBeGreaterThanOrEqual(BOUNDS.keepAliveMs - 100);
    expect(heldMs).toBeLessThan(BOUNDS.keepAliveMs + SLACK);
  });

  it('complete requests on pooled connections are served at once while half-sent requests pile up', async () => {
    // 40 sockets stuck in every phase, renewed as the vault closes them, for the whole run.
    let stop = false;
    const stuck: Promise<void>[] = [];
    for (let i = 0; i < 40; i++) {
      stuck.push((async () => {
        while (!stop) await play(CASES[i % CASES.length].bytes()).catch(() => {});
      })());
    }
    const pool = new Pool(vault.url, { connections: 4, pipelining: 1 });
    let longest = 0;
    const t0 = Date.now();
    try {
      while (Date.now() - t0 < BOUNDS.requestMs * 2) {
        const started = performance.now();
        const res = await pool.request({ method: 'POST', path: '/tokenize', headers: { ...app.headers, 'content-type': 'application/json' }, body: JSON.stringify({ type: 'card', data: { ...VISA, cvv: undefined } }) });
        await res.body.dump();
        expect(res.statusCode).toBe(201);
        longest = Math.max(longest, performance.now() - started);
      }
    } finally {
      stop = true;
      await pool.close();
      await Promise.all(stuck);
    }
    process.stdout.write(`half-sent: longest hold ${Math.max(...held)} ms; longest pooled request ${longest.toFixed(0)} ms\n`);
    expect(longest).toBeLessThan(1000);
  }, 30_000);
});

describe('timeout settings', () => {
  it('are on by default and read from the environment', () => {
    expect(loadConfig({}).vault.httpTimeouts).toEqual({ headersMs: 10_000, requestMs: 30_000, keepAliveMs: 65_000, checkIntervalMs: 1000 });
    expect(httpTimeouts({ HTTP_HEADERS_TIMEOUT_SECONDS: '5', HTTP_REQUEST_TIMEOUT_SECONDS: '60', HTTP_KEEPALIVE_TIMEOUT_SECONDS: '5' }))
      .toEqual({ headersMs: 5000, requestMs: 60_000, keepAliveMs: 5000, checkIntervalMs: 1000 });
  });

  it('refuse a headers bound above the request bound, zero and junk', () => {
    expect(() => httpTimeouts({ HTTP_HEADERS_TIMEOUT_SECONDS: '40' })).toThrow(/must not exceed HTTP_REQUEST_TIMEOUT_SECONDS/);
    expect(() => httpTimeouts({ HTTP_REQUEST_TIMEOUT_SECONDS: '0' })).toThrow(/HTTP_REQUEST_TIMEOUT_SECONDS must be between 1 and 3600/);
    expect(() => httpTimeouts({ HTTP_KEEPALIVE_TIMEOUT_SECONDS: 'soon' })).toThrow(/HTTP_KEEPALIVE_TIMEOUT_SECONDS/);
  });

  it('reach the server Node runs', () => {
    const server = vault.app.server;
    expect(server.requestTimeout).toBe(BOUNDS.requestMs);
    expect(server.headersTimeout).toBe(BOUNDS.headersMs);
    expect(server.keepAliveTimeout).toBe(BOUNDS.keepAliveMs);
  });
});
