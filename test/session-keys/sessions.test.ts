// Session keys for browser capture (docs/api.md §2.4): minting, spending on /tokenize with X-Pub-Key +
// X-Session-Key, the 401 once spent/expired/revoked, hashed storage, rate limits and the audit.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRateLimits } from '../../src/config.js';
import { LOOSE_LIMITS } from '../auth/helpers.js';
import { startVault, type TestApp, type TestVault, VISA } from '../helpers.js';
import { createUser } from '../users.js';

let v: TestVault;
let clock = Date.now();

beforeAll(async () => {
  v = await startVault({ now: () => new Date(clock), rateLimits: LOOSE_LIMITS });
});
afterAll(() => v.close());

async function mint(a: TestApp, body: object = {}) {
  const res = await v.app.inject({ method: 'POST', url: '/sessions', headers: { 'x-api-key': a.apiKey }, payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().data as { session_key: string; session_limit: number; expires_at: string };
}

const BANK = { accountNumber: '000123456789', routingNumber: '110000000', holderName: 'Jane Smith' };

function browserTokenize(a: TestApp, key: string, payload: object = { type: 'card', data: VISA }, extra: Record<string, string> = {}) {
  return v.app.inject({ method: 'POST', url: '/tokenize', headers: { 'x-pub-key': a.pubKey, 'x-session-key': key, ...extra }, payload });
}

describe('POST /sessions', () => {
  it('mints a key with the defaults and stores only its hash', async () => {
    const a = await v.createApp();
    const s = await mint(a);
    expect(s.session_key).toMatch(/^sess_[A-Za-z0-9]{43}$/);
    expect(s.session_limit).toBe(3);
    expect(new Date(s.expires_at).getTime() - clock).toBe(900_000);
    const { rows } = await v.sql.query('SELECT * FROM elements_sessions WHERE app_id = $1', [a.appId]);
    expect(rows).toHaveLength(1);
    expect(rows[0].key_hash).toEqual(createHash('sha256').update(s.session_key).digest());
    // The plaintext key is nowhere in the database: not in the session row, not in the audit log.
    const dump = await v.sql.query("SELECT (SELECT json_agg(e)::text FROM elements_sessions e) AS s, (SELECT json_agg(l)::text FROM audit_log l) AS l");
    expect(JSON.stringify(dump.rows)).not.toContain(s.session_key.slice(5));
    const audit = await v.sql.query("SELECT action, app_id, details FROM audit_log WHERE resource_id = $1", [rows[0].id]);
    expect(audit.rows).toEqual([{ action: 'session_create', app_id: a.appId, details: { session_limit: 3, ttl_seconds: 900 } }]);
  });

  it('takes session_limit 1–100 and ttl_seconds 60–3600; anything else is a 400 that mints nothing', async () => {
    const a = await v.createApp();
    expect((await mint(a, { session_limit: 100, ttl_seconds: 60 })).session_limit).toBe(100);
    for (const body of [{ session_limit: 0 }, { session_limit: 101 }, { ttl_seconds: 59 }, { ttl_seconds: 3601 }, { session_limit: 'x' }, { extra: 1 }]) {
      const res = await v.app.inject({ method: 'POST', url: '/sessions', headers: { 'x-api-key': a.apiKey }, payload: body });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('validation_error');
    }
    expect((await v.sql.query('SELECT count(*)::int AS n FROM elements_sessions WHERE app_id = $1', [a.appId])).rows[0].n).toBe(1);
  });

  it('needs an API key with the tokenization permission', async () => {
    expect((await v.app.inject({ method: 'POST', url: '/sessions', payload: {} })).json().error.code).toBe('api_key_required');
    const reader = await v.createApp({ permissions: { tokenization: { allowed: false }, provisioning: { allowed: false }, detokenization: { allowed: true } } });
    const res = await v.app.inject({ method: 'POST', url: '/sessions', headers: { 'x-api-key': reader.apiKey }, payload: {} });
    expect(res.statusCode).toBe(403);
  });
});

describe('POST /tokenize with a session key', () => {
  it('tokenizes a card and a bank account without an API key, one use per success', async () => {
    const a = await v.createApp();
    const s = await mint(a, { session_limit: 2 });
    // A failed tokenization (bad card number) spends nothing.
    const bad = await browserTokenize(a, s.session_key, { type: 'card', data: { ...VISA, cardNumber: '4111 1111 1111 1112' } });
    expect(bad.json().error.code).toBe('invalid_card_number');
    const card = await browserTokenize(a, s.session_key);
    expect(card.statusCode, card.body).toBe(201);
    expect(card.json()).toMatchObject({ success: true, type: 'card', last4: '1111', brand: 'visa', cvc_session_id: expect.any(String) });
    const bank = await browserTokenize(a, s.session_key, { type: 'bank', data: BANK });
    expect(bank.statusCode).toBe(201);
    const spent = await browserTokenize(a, s.session_key);
    expect(spent.statusCode).toBe(401);
    expect(spent.json()).toMatchObject({ success: false, data: null, error: { code: 'session_expired' } });
    // The token belongs to the key's project and can be detokenized with the API key.
    const detok = await v.app.inject({ method: 'POST', url: '/detokenize', headers: a.headers, payload: { token: card.json().token } });
    expect(detok.json().data.cardNumber.replace(/\D/g, '')).toBe('4111111111111111');
    const uses = await v.sql.query("SELECT outcome, details FROM audit_log WHERE action = 'session_use' AND app_id = $1 ORDER BY id", [a.appId]);
    // Two successes, then the spent key's refusal.
    expect(uses.rows).toEqual([
      { outcome: 'success', details: { use: 1, session_limit: 2 } },
      { outcome: 'success', details: { use: 2, session_limit: 2 } },
      { outcome: 'failure', details: { reason: 'spent' } },
    ]);
    const tokens = await v.sql.query("SELECT count(*)::int AS n FROM audit_log WHERE action = 'tokenize' AND app_id = $1", [a.appId]);
    expect(tokens.rows[0].n).toBe(2);
  });

  it('refuses batches, strings and deduplication (no "is this card already here?" oracle for a page)', async () => {
    const a = await v.createApp({ deduplicate: true });
    const s = await mint(a, { session_limit: 10 });
    const batch = await browserTokenize(a, s.session_key, { items: [{ type: 'card', data: VISA }] });
    expect(batch.statusCode).toBe(400);
    expect((await browserTokenize(a, s.session_key, { type: 'string', data: '123-45-6789' })).statusCode).toBe(400);
    expect((await browserTokenize(a, s.session_key, { type: 'card', data: VISA, deduplicate: true })).statusCode).toBe(400);
    // The project deduplicates API-key calls, yet the browser always gets a fresh token.
    const server = await v.app.inject({ method: 'POST', url: '/tokenize', headers: a.headers, payload: { type: 'card', data: VISA } });
    const browser = await browserTokenize(a, s.session_key);
    expect(browser.json().deduplicated).toBe(false);
    expect(browser.json().token).not.toBe(server.json().token);
    expect((await v.sql.query('SELECT uses FROM elements_sessions WHERE app_id = $1', [a.appId])).rows[0].uses).toBe(1);
  });

  it('401 session_expired for an expired, revoked, unknown or another application\'s key; pub key required', async () => {
    const a = await v.createApp();
    const other = await v.createApp();
    const expiring = await mint(a, { ttl_seconds: 60 });
    clock += 61_000;
    expect((await browserTokenize(a, expiring.session_key)).json().error.code).toBe('session_expired');
    const revoked = await mint(a);
    expect((await v.app.inject({ method: 'DELETE', url: `/sessions/${revoked.session_key}`, headers: { 'x-api-key': other.apiKey } })).statusCode).toBe(404);
    const del = await v.app.inject({ method: 'DELETE', url: `/sessions/${revoked.session_key}`, headers: { 'x-api-key': a.apiKey } });
    expect(del.statusCode).toBe(200);
    expect((await browserTokenize(a, revoked.session_key)).json().error.code).toBe('session_expired');
    expect((await v.app.inject({ method: 'DELETE', url: '/sessions/sess_nope', headers: { 'x-api-key': a.apiKey } })).statusCode).toBe(404);
    const live = await mint(a);
    expect((await browserTokenize(other, live.session_key)).json().error.code).toBe('session_expired');
    // One character changed (never to itself: a key ending in x would otherwise stay the same).
    const forged = `${live.session_key.slice(0, -1)}${live.session_key.endsWith('x') ? 'y' : 'x'}`;
    expect((await browserTokenize(a, forged)).json().error.code).toBe('session_expired');
    const noPub = await v.app.inject({ method: 'POST', url: '/tokenize', headers: { 'x-session-key': live.session_key }, payload: { type: 'card', data: VISA } });
    expect(noPub.json().error.code).toBe('pub_key_required');
    const both = await browserTokenize(a, live.session_key, undefined, { 'x-api-key': a.apiKey });
    expect(both.statusCode).toBe(400);
    expect((await browserTokenize(a, live.session_key)).statusCode).toBe(201);
    const refusals = await v.sql.query("SELECT details->>'reason' AS reason FROM audit_log WHERE action = 'session_use' AND outcome = 'failure' AND app_id = $1", [a.appId]);
    expect(refusals.rows.map((r) => r.reason).sort()).toEqual(['expired', 'pub_key_mismatch', 'revoked']);
    // A deleted application's keys die with it.
    await v.sql.query('UPDATE applications SET deleted_at = now() WHERE id = $1', [a.appId]);
    expect((await browserTokenize(a, live.session_key)).json().error.code).toBe('session_expired');
  });

  it('concurrent requests never spend more than session_limit', async () => {
    const a = await v.createApp();
    const s = await mint(a, { session_limit: 2 });
    const results = await Promise.all(Array.from({ length: 8 }, () => browserTokenize(a, s.session_key)));
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(2);
    expect(results.filter((r) => r.statusCode === 401)).toHaveLength(6);
    expect((await v.sql.query('SELECT uses FROM elements_sessions WHERE app_id = $1', [a.appId])).rows[0].uses).toBe(2);
  });

  it('never logs the session key', async () => {
    const a = await v.createApp();
    const s = await mint(a, { session_limit: 1 });
    await browserTokenize(a, s.session_key);
    await browserTokenize(a, s.session_key);
    await v.app.inject({ method: 'DELETE', url: `/sessions/${s.session_key}`, headers: { 'x-api-key': a.apiKey } });
    expect(v.logs.text).not.toContain(s.session_key);
  });
});

describe('rate limits', () => {
  it('AUTH_RATE_LIMITS also sets the session-key limits', () => {
    expect(parseRateLimits('elements_ip=60/60,elements_pub_key=1000/60')).toEqual({
      elements_ip: { points: 60, durationSeconds: 60 }, elements_pub_key: { points: 1000, durationSeconds: 60 },
    });
  });

  it('per client IP (spent before the key is looked up) and per pub key (once the key is valid)', async () => {
    const limited = await startVault({ rateLimits: { ...LOOSE_LIMITS, elements_ip: { points: 3, durationSeconds: 60 }, elements_pub_key: { points: 1000, durationSeconds: 60 } } });
    try {
      const a = await limited.createApp();
      const codes = [];
      for (let i = 0; i < 4; i++) {
        const res = await limited.app.inject({ method: 'POST', url: '/tokenize', headers: { 'x-pub-key': a.pubKey, 'x-session-key': `sess_${'x'.repeat(43)}` }, payload: { type: 'card', data: VISA } });
        codes.push(res.statusCode);
        if (res.statusCode === 429) expect(res.headers['retry-after']).toBeDefined();
      }
      expect(codes).toEqual([401, 401, 401, 429]);
      // The API-key path does not count against these limits.
      const api = await limited.app.inject({ method: 'POST', url: '/tokenize', headers: a.headers, payload: { type: 'card', data: VISA } });
      expect(api.statusCode).toBe(201);
    } finally {
      await limited.close();
    }
    const byPubKey = await startVault({ rateLimits: { ...LOOSE_LIMITS, elements_ip: { points: 1000, durationSeconds: 60 }, elements_pub_key: { points: 2, durationSeconds: 60 } } });
    try {
      const a = await byPubKey.createApp();
      const b = await byPubKey.createApp();
      const key = async (app: TestApp) =>
        (await byPubKey.app.inject({ method: 'POST', url: '/sessions', headers: { 'x-api-key': app.apiKey }, payload: { session_limit: 10 } })).json().data.session_key as string;
      const send = (app: TestApp, sessionKey: string) =>
        byPubKey.app.inject({ method: 'POST', url: '/tokenize', headers: { 'x-pub-key': app.pubKey, 'x-session-key': sessionKey }, payload: { type: 'card', data: VISA } });
      // Made-up session keys under a's (public) pub key do not use up a's budget.
      for (let i = 0; i < 3; i++) expect((await send(a, `sess_${'y'.repeat(43)}`)).statusCode).toBe(401);
      const ka = await key(a);
      expect([(await send(a, ka)).statusCode, (await send(a, ka)).statusCode, (await send(a, ka)).statusCode]).toEqual([201, 201, 429]);
      expect((await send(b, await key(b))).statusCode).toBe(201);
    } finally {
      await byPubKey.close();
    }
  });
});

describe('elements_origins project setting', () => {
  it('https origins anywhere, http://localhost only in development projects', async () => {
    const alice = await createUser(v, 'alice');
    const call = (method: 'POST' | 'PUT', url: string, payload: object) => v.app.inject({ method, url, headers: alice.auth, payload });
    const prod = (await call('POST', '/api/projects', { name: 'shop', environment: 'production' })).json().data;
    expect(prod.elements_origins).toEqual([]);
    const ok = await call('PUT', `/api/projects/${prod.id}`, { elements_origins: ['https://shop.example.com', 'https://*.example.org:8443'] });
    expect(ok.json().data.elements_origins).toEqual(['https://shop.example.com', 'https://*.example.org:8443']);
    for (const bad of [['http://shop.example.com'], ['https://shop.example.com/path'], ["'unsafe-inline'"], ['*'], ['https://a.com https://b.com']]) {
      expect((await call('PUT', `/api/projects/${prod.id}`, { elements_origins: bad })).statusCode).toBe(400);
    }
    const local = await call('PUT', `/api/projects/${prod.id}`, { elements_origins: ['http://localhost:*'] });
    expect(local.statusCode).toBe(400);
    expect(local.json().error.details[0].path).toBe('/elements_origins/0');
    const dev = (await call('POST', '/api/projects', { name: 'dev', environment: 'development' })).json().data;
    expect((await call('PUT', `/api/projects/${dev.id}`, { elements_origins: ['http://localhost:*'] })).statusCode).toBe(200);
    // Turning the project into production with a localhost origin is refused, and changes nothing.
    expect((await call('PUT', `/api/projects/${dev.id}`, { environment: 'production' })).statusCode).toBe(400);
    const after = await v.sql.query('SELECT environment, elements_origins FROM projects WHERE id = ANY($1)', [[prod.id, dev.id]]);
    expect(after.rows).toEqual(expect.arrayContaining([
      { environment: 'production', elements_origins: ['https://shop.example.com', 'https://*.example.org:8443'] },
      { environment: 'development', elements_origins: ['http://localhost:*'] },
    ]));
  });
});
