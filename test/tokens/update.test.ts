// PATCH /tokens/:token and /api/tokens/:token (API.md §6.3) against the real vault: a new
// expiry without a new token, re-sealed under the current data key; the number never changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headerVersion } from '../../src/crypto/datakeys.js';
import { rotateDataKey } from '../../src/crypto/rotation.js';
import { startVault, type TestApp, type TestVault, VISA } from '../helpers.js';
import { createUser, type TestUser } from '../users.js';

let v: TestVault;
let a: TestApp;
let b: TestApp;
let dev: TestUser;
let viewer: TestUser;

beforeAll(async () => {
  v = await startVault();
  a = await v.createApp();
  b = await v.createApp();
  dev = await createUser(v, 'dev');
  viewer = await createUser(v, 'viewer');
  await v.sql.query("INSERT INTO project_members (project_id, user_id, role) VALUES ($1, $2, 'developer'), ($1, $3, 'viewer')", [a.projectId, dev.id, viewer.id]);
});
afterAll(() => v.close());

const tokenize = async (app: TestApp, payload: object = { type: 'card', data: VISA }) => {
  const r = await v.app.inject({ method: 'POST', url: '/tokenize', headers: app.headers, payload });
  expect(r.statusCode).toBe(201);
  return r.json().token as string;
};
const patch = (app: TestApp, token: string, payload: object, headers: Record<string, string> = {}) =>
  v.app.inject({ method: 'PATCH', url: `/tokens/${encodeURIComponent(token)}`, headers: { 'x-api-key': app.apiKey, ...headers }, payload });
const detok = (app: TestApp, token: string) => v.app.inject({ method: 'POST', url: '/detokenize', headers: { 'x-api-key': app.apiKey }, payload: { token } });
const sealed = async (app: TestApp, token: string) =>
  (await v.sql.query('SELECT ciphertext FROM tokens WHERE project_id = $1 AND token = $2', [app.projectId, token])).rows[0].ciphertext as Buffer;

describe('PATCH /tokens/:token', () => {
  it('a new expiry: same token, same number, brand and card object right, sealed again', async () => {
    const token = await tokenize(a);
    const before = await sealed(a, token);
    const r = await patch(a, token, { data: { expirationMonth: '9', expirationYear: '2032', holderName: 'Ada King' } });
    expect(r.statusCode).toBe(200);
    const d = r.json().data;
    expect(d.token).toBe(token);
    expect(d.data).toEqual({ cardNumber: '411111******1111', expirationMonth: '09', expirationYear: '2032' });
    expect(d.card).toMatchObject({ brand: 'visa', bin: '411111', last4: '1111', length: 16, cvv_length: 3, expirationMonth: '09', expirationYear: '2032' });
    const back = (await detok(a, token)).json();
    expect(back.data).toEqual({ cardNumber: '4111111111111111', expirationMonth: '09', expirationYear: '2032', holderName: 'Ada King' });
    expect(back.card.expirationYear).toBe('2032');
    expect((await sealed(a, token)).equals(before)).toBe(false);
  });

  it('after a data key rotation the updated card is sealed under the new version', async () => {
    const c = await v.createApp();
    const token = await tokenize(c);
    const old = headerVersion(await sealed(c, token));
    const next = await rotateDataKey(v.app.vault.database.db, v.app.vault.keys, c.projectId, 'test');
    expect(next).not.toBe(old);
    expect((await patch(c, token, { data: { expirationMonth: '12', expirationYear: '2035' } })).statusCode).toBe(200);
    expect(headerVersion(await sealed(c, token))).toBe(next);
    expect((await detok(c, token)).json().data.expirationYear).toBe('2035');
  });

  it('the number never changes: cardNumber in data is a 400 with its own message', async () => {
    const token = await tokenize(a);
    const r = await patch(a, token, { data: { cardNumber: '5555555555554444', expirationMonth: '12', expirationYear: '2031' } });
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toBe("A token's card number never changes: tokenize the new number to get a new token.");
    expect(r.body).not.toContain('5555555555554444');
    expect((await detok(a, token)).json().data.cardNumber).toBe('4111111111111111');
  });

  it('expiry is validated as at tokenize: month 13, an expired card', async () => {
    const token = await tokenize(a);
    expect((await patch(a, token, { data: { expirationMonth: '13', expirationYear: '2031' } })).json().message).toBe('Invalid value for expirationMonth');
    const past = await patch(a, token, { data: { expirationMonth: '01', expirationYear: '2020' } });
    expect(past.statusCode).toBe(400);
    expect(past.json().message).toBe('Card has expired');
  });

  it('metadata, ttl_seconds and expires_at (null = never); both TTL forms at once is a 400', async () => {
    const token = await tokenize(a, { type: 'string', data: 'secret', metadata: { a: 1 } });
    const m = await patch(a, token, { metadata: { order: 'B-2' }, ttl_seconds: 3600 });
    expect(m.statusCode).toBe(200);
    expect(m.json().data.metadata).toEqual({ order: 'B-2' });
    expect(Date.parse(m.json().data.expires_at) - Date.now()).toBeGreaterThan(3500_000);
    const never = await patch(a, token, { expires_at: null, metadata: null });
    expect(never.json().data).toMatchObject({ expires_at: null, metadata: null });
    expect((await patch(a, token, { ttl_seconds: 5, expires_at: null })).statusCode).toBe(400);
    expect((await patch(a, token, { expires_at: '2001-01-01T00:00:00Z' })).statusCode).toBe(400);
    // A string has no data to change.
    expect((await patch(a, token, { data: { expirationMonth: '12', expirationYear: '2031' } })).json().message).toBe('Only a card token has data to update (its expiry and holder name).');
  });

  it('audited with the fields changed, never their values', async () => {
    const token = await tokenize(a);
    await patch(a, token, { data: { expirationMonth: '10', expirationYear: '2033' }, metadata: { x: 'y' } });
    const { rows } = await v.sql.query("SELECT app_id, details FROM audit_log WHERE project_id = $1 AND action = 'token_update' AND resource_id = $2", [a.projectId, token]);
    expect(rows).toHaveLength(1);
    expect(rows[0].app_id).toBe(a.appId);
    expect(rows[0].details.fields).toEqual(['expirationMonth', 'expirationYear', 'metadata']);
    expect(JSON.stringify(rows[0].details)).not.toContain('2033');
  });

  it("another project's token is 404, the same as an unknown one; a key without tokenization is 403", async () => {
    const token = await tokenize(a);
    const other = await patch(b, token, { metadata: { x: 1 } });
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('token_not_found');
    const noRight = await v.createApp({ permissions: { tokenization: { allowed: false }, detokenization: { allowed: true } } });
    expect((await patch(noRight, token, { metadata: {} })).statusCode).toBe(403);
  });

  it('idempotent: a retry with the same Idempotency-Key replays the answer and writes once', async () => {
    const token = await tokenize(a);
    const h = { 'idempotency-key': `upd-${token}` };
    const one = await patch(a, token, { metadata: { n: 1 } }, h);
    const two = await patch(a, token, { metadata: { n: 1 } }, h);
    expect(two.statusCode).toBe(200);
    expect(two.headers['idempotent-replayed']).toBe('true');
    expect(two.json()).toEqual(one.json());
    const { rows } = await v.sql.query("SELECT count(*)::int AS n FROM audit_log WHERE action = 'token_update' AND resource_id = $1", [token]);
    expect(rows[0].n).toBe(1);
    expect((await patch(a, token, { metadata: { n: 2 } }, h)).statusCode).toBe(422);
  });
});

describe('PATCH /api/tokens/:token', () => {
  it('a developer updates; a viewer is 403; a non-member 404', async () => {
    const token = await tokenize(a);
    const url = `/api/tokens/${token}?project_id=${a.projectId}`;
    const ok = await v.app.inject({ method: 'PATCH', url, headers: dev.auth, payload: { data: { expirationMonth: '11', expirationYear: '2034' } } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().data.card.expirationYear).toBe('2034');
    const { rows } = await v.sql.query("SELECT user_id FROM audit_log WHERE action = 'token_update' AND resource_id = $1", [token]);
    expect(rows[0].user_id).toBe(dev.id);
    expect((await v.app.inject({ method: 'PATCH', url, headers: viewer.auth, payload: { metadata: {} } })).statusCode).toBe(403);
    const stranger = await createUser(v, 'stranger');
    expect((await v.app.inject({ method: 'PATCH', url, headers: stranger.auth, payload: { metadata: {} } })).statusCode).toBe(404);
  });
});
