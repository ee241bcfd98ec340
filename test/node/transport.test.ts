// @open-vault/node's transport against a real vault behind a real, misbehaving front on loopback:
// retries of safe and idempotent calls with one generated Idempotency-Key, Retry-After honoured,
// no retry of other writes, and failures without an answer as VaultError (network_error, timeout).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVaultClient, retryAfterMs, VaultError } from '../../packages/node/src/index.js';
import { LOOSE_LIMITS } from '../auth/helpers.js';
import { startVault, type TestApp, type TestVault, VISA } from '../helpers.js';

let v: TestVault;
let shop: TestApp;
beforeAll(async () => {
  v = await startVault({ rateLimits: LOOSE_LIMITS });
  shop = await v.createApp();
});
afterAll(() => v.close());

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
type Seen = { method: string; url: string; key?: string; at: number };

/** A front that answers the first `fail` requests itself (`answer`), then forwards to the vault. */
async function front(fail: number, answer: (res: ServerResponse) => void) {
  const seen: Seen[] = [];
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    seen.push({ method: req.method!, url: req.url!, key: req.headers['idempotency-key'] as string | undefined, at: Date.now() });
    if (seen.length <= fail) return answer(res);
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => k !== 'host' && k !== 'content-length')) as Record<string, string>;
    const up = await fetch(`${v.url}${req.url}`, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
    res.writeHead(up.status, { 'content-type': up.headers.get('content-type') ?? 'application/json', 'x-request-id': up.headers.get('x-request-id') ?? '' });
    res.end(Buffer.from(await up.arrayBuffer()));
  };
  const server: Server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, close: () => new Promise((r) => { server.close(r); server.closeAllConnections(); }) };
}

const unavailable = (retryAfter?: string) => (res: ServerResponse) => {
  res.writeHead(503, { 'content-type': 'application/json', 'x-request-id': 'req_front', ...(retryAfter && { 'retry-after': retryAfter }) });
  res.end(JSON.stringify({ success: false, message: 'Service unavailable', data: null, error: { code: 'service_unavailable', request_id: 'req_front' } }));
};

describe('@open-vault/node transport', () => {
  it('a tokenize answered 503 + Retry-After: 1 is sent again after a second with the same generated UUID v4 Idempotency-Key', async () => {
    const f = await front(1, unavailable('1'));
    try {
      const vault = createVaultClient({ vaultUrl: f.url, apiKey: shop.apiKey, pubKey: shop.pubKey });
      const t = await vault.tokenize({ type: 'card', data: VISA });
      expect(t.token).toMatch(/^tok_/);
      expect(f.seen.map((s) => `${s.method} ${s.url}`)).toEqual(['POST /tokenize', 'POST /tokenize']);
      expect(f.seen[0].key).toMatch(UUID_V4);
      expect(f.seen[1].key).toBe(f.seen[0].key);
      expect(f.seen[1].at - f.seen[0].at).toBeGreaterThanOrEqual(950);
      // A new call has a new key; a key of the caller's own is sent as given.
      await vault.tokenize({ type: 'string', data: 'x' }, { idempotencyKey: 'order-17' });
      expect(f.seen[2].key).toBe('order-17');
    } finally {
      await f.close();
    }
  });

  it('GET is retried with backoff until the retries run out; the last answer is the VaultError', async () => {
    const f = await front(10, unavailable());
    try {
      const vault = createVaultClient({ vaultUrl: f.url, apiKey: shop.apiKey, retry: { maxRetries: 2, baseDelayMs: 5 } });
      const { error, response } = await vault.api.GET('/api/applications/key');
      expect(response.status).toBe(503);
      expect(error).toMatchObject({ error: { code: 'service_unavailable' } });
      expect(f.seen).toHaveLength(3);
      expect(f.seen.every((s) => s.key === undefined)).toBe(true); // a GET needs no key
      const err = await vault.detokenize('tok_x').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(VaultError);
      expect(err).toMatchObject({ code: 'service_unavailable', status: 503, requestId: 'req_front' });
    } finally {
      await f.close();
    }
  });

  it('a write the vault does not make idempotent is sent once; retries: 0 turns retrying off', async () => {
    const f = await front(10, unavailable('0'));
    try {
      const vault = createVaultClient({ vaultUrl: f.url, apiKey: shop.apiKey, retry: { baseDelayMs: 1 } });
      await vault.api.POST('/auth/logout', {});
      expect(f.seen).toHaveLength(1);
      const off = createVaultClient({ vaultUrl: f.url, apiKey: shop.apiKey, pubKey: shop.pubKey, retry: { maxRetries: 0 } });
      await expect(off.tokenize({ type: 'card', data: VISA })).rejects.toMatchObject({ status: 503 });
      expect(f.seen).toHaveLength(2);
    } finally {
      await f.close();
    }
  });

  it('a Retry-After longer than maxDelayMs is not waited for: the 429 comes back at once, with retryAfterSeconds', async () => {
    const f = await front(10, (res) => {
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '120' });
      res.end(JSON.stringify({ success: false, message: 'Rate limit exceeded', data: null, retry_after_seconds: 120, error: { code: 'rate_limited', request_id: 'r1' } }));
    });
    try {
      const vault = createVaultClient({ vaultUrl: f.url, apiKey: shop.apiKey, pubKey: shop.pubKey });
      const started = Date.now();
      await expect(vault.tokenize({ type: 'card', data: VISA })).rejects.toMatchObject({ status: 429, code: 'rate_limited', message: 'Rate limit exceeded', retryAfterSeconds: 120 });
      expect(Date.now() - started).toBeLessThan(1000);
      expect(f.seen).toHaveLength(1);
    } finally {
      await f.close();
    }
  });

  it('nothing listening: VaultError network_error (status 0, the cause code), not a bare "fetch failed"', async () => {
    const f = await front(0, () => {});
    await f.close();
    const vault = createVaultClient({ vaultUrl: f.url, apiKey: shop.apiKey, pubKey: shop.pubKey, retry: { baseDelayMs: 1 } });
    const err = (await vault.tokenize({ type: 'card', data: VISA }).catch((e: unknown) => e)) as VaultError;
    expect(err).toBeInstanceOf(VaultError);
    expect(err).toMatchObject({ code: 'network_error', status: 0 });
    expect(err.message).toBe(`Could not reach the vault at ${f.url} (ECONNREFUSED) after 3 attempts.`);
    expect(err.message).not.toContain(VISA.cardNumber);
  });

  it('no answer within timeoutMs: VaultError timeout', async () => {
    const f = await front(10, () => {}); // reads the request, never answers
    try {
      const vault = createVaultClient({ vaultUrl: f.url, apiKey: shop.apiKey, timeoutMs: 300, retry: { maxRetries: 1, baseDelayMs: 1 } });
      const started = Date.now();
      await expect(vault.detokenize('tok_x')).rejects.toMatchObject({ code: 'timeout', status: 0, message: `The vault at ${f.url} did not answer within 300 ms (2 attempts).` });
      expect(Date.now() - started).toBeLessThan(3000);
      expect(f.seen).toHaveLength(2);
    } finally {
      await f.close();
    }
  });

  it('Retry-After as seconds or an HTTP date', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs(new Date(10_000 + 5000).toUTCString(), 10_000)).toBe(5000);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(null)).toBeUndefined();
  });
});
