// Idempotency keys on /tokenize and the other §6.1 routes (API.md §6.1, docs/idempotency.md),
// against the real database: replays, reuse with another request, bad keys, scope, storage.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVault, type TestApp, type TestVault, VISA } from '../helpers.js';
import { createUser } from '../users.js';

let v: TestVault;
let a: TestApp;
let n = 0;

beforeAll(async () => {
  v = await startVault();
  a = await v.createApp();
});
afterAll(() => v.close());

const key = () => `order-${++n}-${Date.now()}`;
const tokenize = (headers: Record<string, string>, payload: object) => v.app.inject({ method: 'POST', url: '/tokenize', headers, payload });
const tokenCount = async (projectId: string) =>
  (await v.sql.query('SELECT count(*)::int AS n FROM tokens WHERE project_id = $1', [projectId])).rows[0].n as number;

describe('POST /tokenize with Idempotency-Key', () => {
  it('the same request twice: one token, the same status and body, Idempotent-Replayed on the retry', async () => {
    const k = key();
    const before = await tokenCount(a.projectId);
    const first = await tokenize({ ...a.headers, 'idempotency-key': k }, { type: 'card', data: VISA });
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    // Key order does not make another request: the body is compared as canonical JSON.
    const again = await tokenize({ ...a.headers, 'idempotency-key': k }, { data: { ...VISA }, type: 'card' });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers['content-type']).toMatch(/^application\/json/);
    expect(again.body).toBe(first.body);
    expect(await tokenCount(a.projectId)).toBe(before + 1);
  });

  it('without the header every call runs (two tokens), and no row is written', async () => {
    const before = await tokenCount(a.projectId);
    const rows = (await v.sql.query('SELECT count(*)::int AS n FROM idempotency_keys')).rows[0].n;
    for (let i = 0; i < 2; i++) expect((await tokenize(a.headers, { type: 'card', data: VISA })).statusCode).toBe(201);
    expect(await tokenCount(a.projectId)).toBe(before + 2);
    expect((await v.sql.query('SELECT count(*)::int AS n FROM idempotency_keys')).rows[0].n).toBe(rows);
  });

  it('the same key with a changed body → 422 idempotency_key_reused, never the old answer, nothing created', async () => {
    const k = key();
    const first = await tokenize({ ...a.headers, 'idempotency-key': k }, { type: 'card', data: VISA });
    const before = await tokenCount(a.projectId);
    const changed = await tokenize({ ...a.headers, 'idempotency-key': k }, { type: 'card', data: { ...VISA, cardNumber: '5555555555554444' } });
    expect(changed.statusCode).toBe(422);
    expect(changed.json().error.code).toBe('idempotency_key_reused');
    expect(changed.body).not.toContain(first.json().token);
    expect(changed.headers['idempotent-replayed']).toBeUndefined();
    expect(await tokenCount(a.projectId)).toBe(before);
    // Another path with the same key is another request too.
    const other = await v.app.inject({ method: 'POST', url: '/test-tokens', headers: { ...a.headers, 'idempotency-key': k }, payload: { cardNumber: '4242424242424242', expirationMonth: '12', expirationYear: '2030', cvc: '123' } });
    expect(other.statusCode).toBe(422);
  });

  it('bad keys → 400 validation_error, nothing done', async () => {
    const before = await tokenCount(a.projectId);
    for (const bad of ['', 'x'.repeat(256), 'caf\u00e9', 'tab\there']) {
      const res = await v.app.inject({ method: 'POST', url: '/tokenize', headers: { ...a.headers, 'idempotency-key': bad }, payload: { type: 'card', data: VISA } });
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.json().error.code).toBe('validation_error');
      expect(res.json().error.details[0].path).toBe('/headers/idempotency-key');
    }
    expect(await tokenCount(a.projectId)).toBe(before);
    // The longest key allowed works.
    expect((await tokenize({ ...a.headers, 'idempotency-key': '~'.repeat(255) }, { type: 'card', data: VISA })).statusCode).toBe(201);
  });

  it('a 4xx the handler answered is stored like Stripe: the retry gets the same 400 and nothing runs', async () => {
    const k = key();
    const bad = { type: 'card', data: { ...VISA, cardNumber: '4111111111111112' } };
    const first = await tokenize({ ...a.headers, 'idempotency-key': k }, bad);
    expect(first.statusCode).toBe(400);
    expect(first.json().error.code).toBe('invalid_card_number');
    const again = await tokenize({ ...a.headers, 'idempotency-key': k }, bad);
    expect(again.statusCode).toBe(400);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toBe(first.body);
  });

  it('a schema failure (before the handler) is not stored: the fixed request runs under the same key', async () => {
    const k = key();
    const send = (payload: object) => v.app.inject({ method: 'POST', url: '/sessions', headers: { 'x-api-key': a.apiKey, 'idempotency-key': k }, payload });
    const invalid = await send({ session_limit: 0 });
    expect(invalid.statusCode).toBe(400);
    const fixed = await send({ session_limit: 1 });
    expect(fixed.statusCode).toBe(201);
    expect(fixed.headers['idempotent-replayed']).toBeUndefined();
  });

  it('while the first attempt runs → 409 idempotency_in_progress with Retry-After', async () => {
    const k = key();
    const scope = `app:${a.appId}`;
    // A claim held by another node, its lease still running.
    const first = tokenize({ ...a.headers, 'idempotency-key': k }, { type: 'card', data: VISA });
    await first;
    await v.sql.query('UPDATE idempotency_keys SET status = NULL, body = NULL WHERE scope = $1 AND key = $2', [scope, k]);
    const res = await tokenize({ ...a.headers, 'idempotency-key': k }, { type: 'card', data: VISA });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('idempotency_in_progress');
    expect(res.headers['retry-after']).toBe('1');
    // Its node died: once the lease is over, a retry runs afresh.
    await v.sql.query("UPDATE idempotency_keys SET lease_until = now() - interval '1 second' WHERE scope = $1 AND key = $2", [scope, k]);
    const before = await tokenCount(a.projectId);
    const retried = await tokenize({ ...a.headers, 'idempotency-key': k }, { type: 'card', data: VISA });
    expect(retried.statusCode).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    expect(await tokenCount(a.projectId)).toBe(before + 1);
  });

  it('a key older than 24 h is a new key', async () => {
    const k = key();
    const first = await tokenize({ ...a.headers, 'idempotency-key': k }, { type: 'card', data: VISA });
    await v.sql.query("UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE key = $1", [k]);
    const later = await tokenize({ ...a.headers, 'idempotency-key': k }, { type: 'card', data: VISA });
    expect(later.statusCode).toBe(201);
    expect(later.headers['idempotent-replayed']).toBeUndefined();
    expect(later.json().token).not.toBe(first.json().token);
    // The prune removes what has expired, and only that.
    await v.sql.query("UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE key = $1", [k]);
    expect(await v.app.idempotency.prune()).toBeGreaterThanOrEqual(1);
    expect((await v.sql.query('SELECT 1 FROM idempotency_keys WHERE key = $1', [k])).rowCount).toBe(0);
    expect((await v.sql.query('SELECT count(*)::int AS n FROM idempotency_keys')).rows[0].n).toBeGreaterThan(0);
  });

  it('stored answers are sealed at rest: no token, card digits or JSON in the row', async () => {
    const k = key();
    const res = await tokenize({ ...a.headers, 'idempotency-key': k }, { type: 'card', data: VISA });
    const row = (await v.sql.query('SELECT scope, project_id, status, body, request_mac FROM idempotency_keys WHERE key = $1', [k])).rows[0];
    expect(row).toMatchObject({ scope: `app:${a.appId}`, project_id: a.projectId, status: 201 });
    const stored = (row.body as Buffer).toString('latin1');
    for (const s of [res.json().token, '411111', '1111', 'success', VISA.holderName]) expect(stored).not.toContain(s);
    expect((row.request_mac as Buffer).length).toBe(32);
  });
});

describe('scope: a key belongs to its caller', () => {
  it('another application with the same key runs its own request and never sees the answer', async () => {
    const b = await v.createApp();
    const k = key();
    const mine = await tokenize({ ...a.headers, 'idempotency-key': k }, { type: 'card', data: VISA });
    const theirs = await tokenize({ ...b.headers, 'idempotency-key': k }, { type: 'card', data: VISA });
    expect(theirs.statusCode).toBe(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(theirs.json().token).not.toBe(mine.json().token);
    expect(await tokenCount(b.projectId)).toBe(1);
  });

  it("a JWT user replaying another user's key gets a fresh execution of their own", async () => {
    const [ada, bob] = [await createUser(v, 'ada'), await createUser(v, 'bob')];
    const k = key();
    const create = (u: typeof ada, name: string) =>
      v.app.inject({ method: 'POST', url: '/api/projects', headers: { ...u.auth, 'idempotency-key': k }, payload: { name, environment: 'development' } });
    const first = await create(ada, 'shop');
    expect(first.statusCode).toBe(201);
    const replay = await create(ada, 'shop');
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json().data.id).toBe(first.json().data.id);
    const bobs = await create(bob, 'shop');
    expect(bobs.statusCode).toBe(201);
    expect(bobs.headers['idempotent-replayed']).toBeUndefined();
    expect(bobs.json().data.id).not.toBe(first.json().data.id);
    const owned = await v.sql.query("SELECT count(*)::int AS n FROM project_members WHERE user_id = ANY($1) AND role = 'owner'", [[ada.id, bob.id]]);
    expect(owned.rows[0].n).toBe(2);
    // A JWT-scoped answer has no project key to seal under: the vault's idempotency key does.
    const rows = (await v.sql.query('SELECT scope, project_id FROM idempotency_keys WHERE key = $1 ORDER BY scope', [k])).rows;
    expect(rows).toEqual([{ scope: `usr:${ada.id}`, project_id: null }, { scope: `usr:${bob.id}`, project_id: null }].sort((x, y) => x.scope.localeCompare(y.scope)));
  });

  it('a JWT tokenize for another project (X-Pub-Key) with the same key and body is another request', async () => {
    const u = await createUser(v, 'dev');
    const [p1, p2] = [await v.createApp(), await v.createApp()];
    for (const p of [p1, p2]) await v.sql.query("INSERT INTO project_members (project_id, user_id, role) VALUES ($1, $2, 'developer')", [p.projectId, u.id]);
    const k = key();
    const one = await tokenize({ ...u.auth, 'x-pub-key': p1.pubKey, 'idempotency-key': k }, { type: 'card', data: VISA });
    expect(one.statusCode).toBe(201);
    const two = await tokenize({ ...u.auth, 'x-pub-key': p2.pubKey, 'idempotency-key': k }, { type: 'card', data: VISA });
    expect(two.statusCode).toBe(422);
    expect(await tokenCount(p2.projectId)).toBe(0);
  });
});

describe('session keys (the browser)', () => {
  it('a retry with the same session key and Idempotency-Key replays and spends no second use', async () => {
    const minted = await v.app.inject({ method: 'POST', url: '/sessions', headers: { 'x-api-key': a.apiKey }, payload: { session_limit: 2 } });
    const sessionKey = minted.json().data.session_key as string;
    const k = key();
    const send = () => tokenize({ 'x-pub-key': a.pubKey, 'x-session-key': sessionKey, 'idempotency-key': k }, { type: 'card', data: VISA });
    const [one, two] = await Promise.all([send(), send()]);
    expect([one.statusCode, two.statusCode]).toEqual([201, 201]);
    expect(two.body).toBe(one.body);
    const scope = (await v.sql.query('SELECT scope FROM idempotency_keys WHERE key = $1', [k])).rows[0].scope as string;
    expect(scope).toMatch(/^ses:/);
    const uses = await v.sql.query('SELECT uses FROM elements_sessions WHERE id = $1', [scope.slice('ses:'.length)]);
    expect(uses.rows[0].uses).toBe(1);
  });
});

describe('the other routes of §6.1', () => {
  it('POST /api/applications replays the key it created once (the same key, not a second application)', async () => {
    const u = await createUser(v, 'owner');
    const project = (await v.app.inject({ method: 'POST', url: '/api/projects', headers: u.auth, payload: { name: 'apps', environment: 'development' } })).json().data.id;
    const k = key();
    const body = { project_id: project, name: 'checkout', permissions: { tokenization: { allowed: true } } };
    const send = () => v.app.inject({ method: 'POST', url: '/api/applications', headers: { ...u.auth, 'idempotency-key': k }, payload: body });
    const first = await send();
    expect(first.statusCode).toBe(201);
    const again = await send();
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect((await v.sql.query('SELECT count(*)::int AS n FROM applications WHERE project_id = $1', [project])).rows[0].n).toBe(1);
  });

  it('POST /sessions and /test-tokens replay too', async () => {
    const k1 = key();
    const s1 = await v.app.inject({ method: 'POST', url: '/sessions', headers: { 'x-api-key': a.apiKey, 'idempotency-key': k1 }, payload: {} });
    const s2 = await v.app.inject({ method: 'POST', url: '/sessions', headers: { 'x-api-key': a.apiKey, 'idempotency-key': k1 }, payload: {} });
    expect(s1.statusCode).toBe(201);
    expect(s2.headers['idempotent-replayed']).toBe('true');
    expect(s2.json().data.session_key).toBe(s1.json().data.session_key);
    const k2 = key();
    const card = { cardNumber: '4242424242424242', expirationMonth: '12', expirationYear: '2030', cvc: '123' };
    const t1 = await v.app.inject({ method: 'POST', url: '/test-tokens', headers: { ...a.headers, 'idempotency-key': k2 }, payload: card });
    const t2 = await v.app.inject({ method: 'POST', url: '/test-tokens', headers: { ...a.headers, 'idempotency-key': k2 }, payload: card });
    expect(t1.statusCode).toBe(201);
    expect(t2.json().token).toBe(t1.json().token);
  });

  it('a route outside §6.1 ignores the header', async () => {
    const tok = (await tokenize(a.headers, { type: 'card', data: VISA })).json().token;
    const k = key();
    for (let i = 0; i < 2; i++) {
      const res = await v.app.inject({ method: 'POST', url: '/detokenize', headers: { 'x-api-key': a.apiKey, 'idempotency-key': k }, payload: { token: tok } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['idempotent-replayed']).toBeUndefined();
    }
    expect((await v.sql.query('SELECT 1 FROM idempotency_keys WHERE key = $1', [k])).rowCount).toBe(0);
  });
});
