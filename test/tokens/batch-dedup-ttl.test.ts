import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVault, type TestApp, type TestVault, VISA } from '../helpers.js';

let v: TestVault;
let a: TestApp;
let clock = new Date();

beforeAll(async () => {
  v = await startVault({ now: () => clock });
  a = await v.createApp();
});
afterAll(() => v.close());

const post = (url: string, headers: Record<string, string>, payload: unknown) =>
  v.app.inject({ method: 'POST', url, headers, payload: payload as object });

describe('batch tokenize', () => {
  it('one bad item in the middle fails alone, results stay in order', async () => {
    const res = await post('/tokenize', a.headers, {
      items: [
        { type: 'string', data: 'first' },
        { type: 'card', data: { ...VISA, cardNumber: '4111111111111112' } },
        { type: 'card', data: VISA },
        { type: 'nope' },
        { type: 'bank', data: { accountNumber: '000123456789', routingNumber: '110000000' } },
      ],
    });
    expect(res.statusCode).toBe(200);
    const { items } = res.json();
    expect(items.map((i: { success: boolean }) => i.success)).toEqual([true, false, true, false, true]);
    expect(items[1].error.code).toBe('invalid_card_number');
    expect(items[3].error.code).toBe('validation_error');
    expect(items.map((i: { type?: string }) => i.type)).toEqual(['string', undefined, 'card', undefined, 'bank']);
    const back = await post('/detokenize', { 'x-api-key': a.apiKey }, { tokens: [items[0].token, items[2].token, 'tok_missing'] });
    expect(back.json().items).toEqual([
      { token: items[0].token, data: 'first' },
      { token: items[2].token, data: { cardNumber: '4111111111111111', expirationMonth: '12', expirationYear: '2030', holderName: 'Ada Lovelace' }, card: { brand: 'visa', bin: '411111', last4: '1111', length: 16, cvv_length: 3, expirationMonth: '12', expirationYear: '2030' } },
      { token: 'tok_missing', error: { code: 'token_not_found' } },
    ]);
  });

  it('1000 items in one request, one audit entry for the call', async () => {
    const before = (await v.sql.query(`SELECT count(*)::int n FROM audit_log WHERE action = 'tokenize_batch'`)).rows[0].n;
    const items = Array.from({ length: 1000 }, (_, i) => ({ type: 'string', data: `value-${i}` }));
    const res = await post('/tokenize', a.headers, { items });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.filter((i: { success: boolean }) => i.success)).toHaveLength(1000);
    const after = (await v.sql.query(`SELECT count(*)::int n FROM audit_log WHERE action = 'tokenize_batch'`)).rows[0].n;
    expect(after - before).toBe(1);
  });

  it('more than 1000 items is a 400', async () => {
    const items = Array.from({ length: 1001 }, () => ({ type: 'string', data: 'x' }));
    const res = await post('/tokenize', a.headers, { items });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_error');
  });
});

describe('deduplication', () => {
  it('a new token answers with what was stored: a later deduplicated hit (read back from the row) answers the same', async () => {
    const item = { type: 'card', data: { ...VISA, cardNumber: '5555555555554444' }, deduplicate: true, ttl_seconds: 3600, metadata: { order: 'A-1', n: 2, nested: { z: 1, a: [1, 2] } } };
    const first = (await post('/tokenize', a.headers, item)).json();
    const again = (await post('/tokenize', a.headers, item)).json();
    expect(first.deduplicated).toBe(false);
    expect(again.deduplicated).toBe(true);
    const { cvc_session_id: _a, deduplicated: _b, ...firstFields } = first;
    const { cvc_session_id: _c, deduplicated: _d, ...againFields } = again;
    expect(againFields).toEqual(firstFields);
    expect(first.expires_at).not.toBeNull();
  });

  it('the same card returns the same token with deduplicated: true, found by fingerprint', async () => {
    const first = (await post('/tokenize', a.headers, { type: 'card', data: VISA, deduplicate: true })).json();
    const second = (await post('/tokenize', a.headers, { type: 'card', data: { ...VISA, cardNumber: '4111-1111-1111-1111' }, deduplicate: true })).json();
    expect(first.deduplicated).toBe(false);
    expect(second).toMatchObject({ token: first.token, deduplicated: true, fingerprint: first.fingerprint });
    // Each call still gets its own CVC session.
    expect(second.cvc_session_id).not.toBe(first.cvc_session_id);
    const sessions = await v.sql.query('SELECT token FROM cvc_sessions WHERE id = ANY($1::uuid[])', [[first.cvc_session_id, second.cvc_session_id]]);
    expect(sessions.rows.map((r) => r.token)).toEqual([first.token, first.token]);
    // The fingerprint column never holds the number.
    const rows = await v.sql.query('SELECT fingerprint, display::text FROM tokens WHERE token = $1', [first.token]);
    expect(JSON.stringify(rows.rows)).not.toContain('4111111111111111');
  });

  it('without deduplicate a new token is made each time', async () => {
    const one = (await post('/tokenize', a.headers, { type: 'string', data: 'same' })).json();
    const two = (await post('/tokenize', a.headers, { type: 'string', data: 'same' })).json();
    expect(one.token).not.toBe(two.token);
    // A fingerprint only where deduplication applied (docs/api.md §3.1).
    expect(one).not.toHaveProperty('fingerprint');
  });

  it('duplicates inside one batch and across concurrent calls resolve to one token', async () => {
    const item = { type: 'bank', data: { accountNumber: '99887766', routingNumber: '021000021' }, deduplicate: true };
    const [batch, ...singles] = await Promise.all([
      post('/tokenize', a.headers, { items: [item, item, item] }),
      ...Array.from({ length: 8 }, () => post('/tokenize', a.headers, item)),
    ]);
    const tokens = new Set([...batch.json().items.map((i: { token: string }) => i.token), ...singles.map((s) => s.json().token)]);
    expect(tokens.size).toBe(1);
    const n = await v.sql.query(`SELECT count(*)::int n FROM tokens WHERE project_id = $1 AND type = 'bank' AND dedup`, [a.projectId]);
    expect(n.rows[0].n).toBe(1);
  });

  it('the project setting turns deduplication on by default', async () => {
    const p = await v.createApp({ deduplicate: true });
    const one = (await post('/tokenize', p.headers, { type: 'string', data: 'dedup-by-project' })).json();
    const two = (await post('/tokenize', p.headers, { type: 'string', data: 'dedup-by-project' })).json();
    expect(two).toMatchObject({ token: one.token, deduplicated: true });
    const three = (await post('/tokenize', p.headers, { type: 'string', data: 'dedup-by-project', deduplicate: false })).json();
    expect(three.token).not.toBe(one.token);
  });

  it('an expired deduplicated token is replaced by a fresh one', async () => {
    clock = new Date();
    const old = (await post('/tokenize', a.headers, { type: 'string', data: 'short-lived', deduplicate: true, ttl_seconds: 60 })).json();
    clock = new Date(clock.getTime() + 61_000);
    const fresh = (await post('/tokenize', a.headers, { type: 'string', data: 'short-lived', deduplicate: true })).json();
    expect(fresh.deduplicated).toBe(false);
    expect(fresh.token).not.toBe(old.token);
    clock = new Date();
  });
});

describe('TTL and CVC session expiry', () => {
  it('a token with ttl_seconds is unusable the moment it expires, then swept', async () => {
    clock = new Date();
    const t = (await post('/tokenize', a.headers, { type: 'string', data: 'ttl', ttl_seconds: 30 })).json();
    expect(new Date(t.expires_at).getTime()).toBe(clock.getTime() + 30_000);
    clock = new Date(clock.getTime() + 29_000);
    expect((await post('/detokenize', { 'x-api-key': a.apiKey }, { token: t.token })).statusCode).toBe(200);
    clock = new Date(clock.getTime() + 1_000);
    const gone = await post('/detokenize', { 'x-api-key': a.apiKey }, { token: t.token });
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.code).toBe('token_not_found');
    await v.app.vault.tokens.sweep(clock);
    expect((await v.sql.query('SELECT 1 FROM tokens WHERE token = $1', [t.token])).rowCount).toBe(0);
    clock = new Date();
  });

  it('CVC sessions live 90 seconds (test sessions a year) and are swept after', async () => {
    clock = new Date();
    const t = (await post('/tokenize', a.headers, { type: 'card', data: VISA })).json();
    const test = (await post('/test-tokens', { 'x-api-key': a.apiKey }, { cardNumber: '4242424242424242', expirationMonth: '12', expirationYear: '2031', cvc: '999' })).json();
    const row = (await v.sql.query('SELECT expires_at, test FROM cvc_sessions WHERE id = $1', [t.cvc_session_id])).rows[0];
    expect(row.expires_at.getTime() - clock.getTime()).toBe(90_000);
    expect(row.test).toBe(false);
    const testRow = (await v.sql.query('SELECT expires_at, test FROM cvc_sessions WHERE id = $1', [test.cvc_session_id])).rows[0];
    expect(testRow.test).toBe(true);
    expect(testRow.expires_at.getTime() - clock.getTime()).toBe(365 * 24 * 3600 * 1000);
    // The CVV is stored only as ciphertext.
    const ct = (await v.sql.query('SELECT ciphertext FROM cvc_sessions WHERE id = $1', [t.cvc_session_id])).rows[0].ciphertext as Buffer;
    expect(ct.includes(Buffer.from('123'))).toBe(false);
    await v.app.vault.tokens.sweep(new Date(clock.getTime() + 90_000));
    expect((await v.sql.query('SELECT 1 FROM cvc_sessions WHERE id = $1', [t.cvc_session_id])).rowCount).toBe(0);
    expect((await v.sql.query('SELECT 1 FROM cvc_sessions WHERE id = $1', [test.cvc_session_id])).rowCount).toBe(1);
  });
});

describe('POST /test-tokens', () => {
  it('accepts published test numbers', async () => {
    const res = await post('/test-tokens', { 'x-api-key': a.apiKey }, { cardNumber: '4111111111111111', expirationMonth: '12', expirationYear: '2030', cvc: '123', firstName: 'Ada', lastName: 'L' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ success: true, mask: { card_number: '************1111' }, bin: '411111', test_mode: true, expires_in: '1 year (test session)' });
    expect(res.json().token).toMatch(/^tok_/);
  });

  it('refuses any other valid card number', async () => {
    const res = await post('/test-tokens', { 'x-api-key': a.apiKey }, { cardNumber: '4532015112830366', expirationMonth: '12', expirationYear: '2030', cvc: '123' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('not_a_test_card');
  });

  it('needs X-Pub-Key for production projects only', async () => {
    const prod = await v.createApp({ environment: 'production' });
    const body = { cardNumber: '5555555555554444', expirationMonth: '12', expirationYear: '2030', cvc: '123' };
    const without = await post('/test-tokens', { 'x-api-key': prod.apiKey }, body);
    expect(without.statusCode).toBe(401);
    expect(without.json().error.code).toBe('pub_key_required');
    expect((await post('/test-tokens', prod.headers, body)).statusCode).toBe(201);
    expect(prod.pubKey).toMatch(/^pk_prod_/);
  });
});
