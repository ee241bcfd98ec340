// Issue 12: one client's input never fails another's request, never mixes up two cards, and
// never becomes a 5xx. Each test plays the attack seen in the review.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_DEFAULTS, prepareItem } from '../../src/tokens/prepare.js';
import type { Caller } from '../../src/lib/context.js';
import { startVault, type TestApp, type TestVault, VISA } from '../helpers.js';

let v: TestVault;
let a: TestApp;
let b: TestApp;

beforeAll(async () => {
  v = await startVault();
  a = await v.createApp();
  b = await v.createApp();
});
afterAll(() => v.close());

const post = (url: string, headers: Record<string, string>, payload: unknown) =>
  v.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', ...headers }, payload: typeof payload === 'string' ? payload : JSON.stringify(payload) });
const detokHeaders = (app: TestApp) => ({ 'x-api-key': app.apiKey });
const SHORT_VISA = '4222222222222'; // 13 digits: 3 random middle digits, 900 tokens failing Luhn
const card = (holderName: string, cardNumber = SHORT_VISA) =>
  ({ type: 'card', format: 'card_preserving', data: { ...VISA, cardNumber, holderName } });

function expectErrorShape(body: Record<string, unknown>, code: string) {
  expect(body).toMatchObject({ success: false, data: null, error: { code, request_id: expect.any(String) } });
  expect(typeof body.message).toBe('string');
}

describe('card-preserving tokens', () => {
  it('100 copies of one 13-digit card in one batch get 100 distinct tokens, each detokenizing to its own item', async () => {
    const res = await post('/tokenize', a.headers, { items: Array.from({ length: 100 }, (_, i) => card(`holder ${i}`)) });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { success: boolean; token: string; deduplicated: boolean }[];
    expect(items.every((i) => i.success && !i.deduplicated)).toBe(true);
    expect(new Set(items.map((i) => i.token)).size).toBe(100);
    const back = await post('/detokenize', detokHeaders(a), { tokens: items.map((i) => i.token) });
    const holders = back.json().items.map((i: { data: { holderName: string } }) => i.data.holderName);
    expect(holders).toEqual(items.map((_, i) => `holder ${i}`));
  });

  it('when the space of a BIN/last4 is used up, each further item fails alone with 409 token_space_exhausted', async () => {
    const p = await v.createApp();
    // 1000 items for 900 possible tokens: 900 succeed, 100 fail alone, in one batch.
    const res = await post('/tokenize', p.headers, { items: Array.from({ length: 1000 }, (_, i) => card(`h${i}`)) });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { success: boolean; token?: string; error?: { code: string } }[];
    const ok = items.filter((i) => i.success);
    expect(ok).toHaveLength(900);
    expect(new Set(ok.map((i) => i.token)).size).toBe(900);
    expect(items.filter((i) => !i.success).every((i) => i.error!.code === 'token_space_exhausted')).toBe(true);

    // Later requests learn it from the database: the exhausted item fails, its neighbour does not.
    const mixed = await post('/tokenize', p.headers, { items: [card('late'), { type: 'string', data: 'still fine' }, card('ok', '4111111111111111')] });
    expect(mixed.json().items.map((i: { success: boolean; error?: { code: string } }) => i.error?.code ?? i.success)).toEqual(['token_space_exhausted', true, true]);
    const single = await post('/tokenize', p.headers, card('single'));
    expect(single.statusCode).toBe(409);
    expectErrorShape(single.json(), 'token_space_exhausted');
    expect(single.body).not.toContain(SHORT_VISA);
  });
});

describe('text the database cannot store', () => {
  it('NUL or a lone surrogate in metadata is a 400 for the request, and for that item alone in a batch', async () => {
    for (const raw of [
      '{"type":"string","data":"x","metadata":{"a":"\\u0000"}}',
      '{"type":"string","data":"x","metadata":{"order":"\\ud800A-17"}}',
      '{"type":"string","data":"x","metadata":{"\\udc00":"key"}}',
    ]) {
      const res = await post('/tokenize', a.headers, raw);
      expect(res.statusCode).toBe(400);
      expectErrorShape(res.json(), 'validation_error');
    }
    const batch = await post('/tokenize', a.headers, '{"items":[{"type":"string","data":"good"},{"type":"string","data":"bad","metadata":{"a":"\\u0000"}}]}');
    expect(batch.statusCode).toBe(200);
    const [good, bad] = batch.json().items;
    expect(good.success).toBe(true);
    expect(bad).toMatchObject({ success: false, error: { code: 'validation_error', details: [{ path: '/metadata' }] } });
  });

  it('metadata nested 5000 deep is a 400, not a stack overflow', async () => {
    const deep = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
    const res = await post('/tokenize', a.headers, `{"type":"string","data":"x","metadata":${deep}}`);
    expect(res.statusCode).toBe(400);
    expectErrorShape(res.json(), 'validation_error');
    const batch = await post('/tokenize', a.headers, `{"items":[{"type":"string","data":"x","metadata":${deep}},{"type":"string","data":"y"}]}`);
    expect(batch.json().items.map((i: { success: boolean }) => i.success)).toEqual([false, true]);
  });

  it('NUL in a detokenize token is a 400', async () => {
    for (const payload of [{ token: 'tok_\u0000' }, { tokens: ['tok_a', 'tok_\u0000'] }]) {
      const res = await post('/detokenize', detokHeaders(a), payload);
      expect(res.statusCode).toBe(400);
      expectErrorShape(res.json(), 'validation_error');
    }
  });
});

describe('group commit', () => {
  const caller = (app: TestApp, n: number): Caller => ({ projectId: app.projectId, appId: app.appId, userId: null, ip: '127.0.0.1', requestId: `r${n}` });
  const item = (data: string) => prepareItem({ type: 'string', data }, API_DEFAULTS, new Date());

  it("a job the database refuses, merged with other projects' jobs, fails alone", async () => {
    const { tokens } = v.app.vault;
    const now = new Date();
    // Both projects' keys in memory, so that every call below reaches the coalescer in one tick.
    await Promise.all([a, b].map((app) => tokens.tokenize(caller(app, 0), 'tokenize', [item('warm')], now)));
    // Validation would refuse this item; the store is handed it directly, as a bug would.
    const poisoned = { ...item('poison'), metadata: { a: '\u0000' } };
    const calls = [
      ...Array.from({ length: 5 }, (_, i) => tokens.tokenize(caller(a, i), 'tokenize', [item(`good ${i}`)], now)),
      tokens.tokenize(caller(b, 9), 'tokenize', [poisoned], now),
      ...Array.from({ length: 5 }, (_, i) => tokens.tokenize(caller(a, 10 + i), 'tokenize_batch', [item(`batch ${i}`), item(`batch ${i}b`)], now)),
    ];
    const settled = await Promise.allSettled(calls);
    expect(settled.map((s) => s.status)).toEqual([...Array(5).fill('fulfilled'), 'rejected', ...Array(5).fill('fulfilled')]);
    const good = settled.filter((s) => s.status === 'fulfilled').flatMap((s) => s.value as { token: string }[]);
    const back = await tokens.detokenize(caller(a, 99), 'detokenize_batch', good.map((g) => g.token), now);
    expect(back.map((o) => ('data' in o ? o.data : null))).toEqual([
      ...Array.from({ length: 5 }, (_, i) => `good ${i}`), ...Array.from({ length: 5 }, (_, i) => [`batch ${i}`, `batch ${i}b`]).flat(),
    ]);
    expect(v.logs.text).toContain('merged statement failed');
    expect(v.logs.text).toContain('job failed on its own');
  });

  it("a detokenize the database refuses fails alone, next to other projects' lookups", async () => {
    const { tokens } = v.app.vault;
    const now = new Date();
    const [t] = (await tokens.tokenize(caller(a, 1), 'tokenize', [item('read me')], now)) as { token: string }[];
    const settled = await Promise.allSettled([
      tokens.detokenize(caller(a, 1), 'detokenize', [t.token], now),
      tokens.detokenize(caller(b, 2), 'detokenize', ['tok_\u0000'], now),
      tokens.detokenize(caller(a, 3), 'detokenize', [t.token], now),
    ]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});

describe('audit entries', () => {
  const entries = async (requestId: string) =>
    (await v.sql.query('SELECT action, resource_id, details FROM audit_log WHERE request_id = $1', [requestId])).rows;

  it('a card number sent as a detokenize token never lands in the audit log', async () => {
    const res = await post('/detokenize', { ...detokHeaders(a), 'x-request-id': 'audit-pan-1' }, { token: '4111111111111111' });
    expect(res.statusCode).toBe(404);
    const [e] = await entries('audit-pan-1');
    expect(e.resource_id).toBeNull();
    expect(JSON.stringify(e)).not.toContain('4111111111111111');
  });

  it('batch tokenize and detokenize entries list the token ids they created and revealed', async () => {
    const t = await post('/tokenize', { ...a.headers, 'x-request-id': 'audit-batch-1' }, { items: [{ type: 'string', data: 'one' }, { type: 'string', data: 'two' }] });
    const made = t.json().items.map((i: { token: string }) => i.token);
    const [created] = await entries('audit-batch-1');
    expect(created.details.tokens).toEqual(made);

    await post('/detokenize', { ...detokHeaders(a), 'x-request-id': 'audit-batch-2' }, { tokens: [made[1], 'tok_unknownunknownunknown00', '4111111111111111'] });
    const [revealed] = await entries('audit-batch-2');
    expect(revealed.details).toMatchObject({ requested: 3, found: 1, tokens: [made[1]] });
    expect(JSON.stringify(revealed)).not.toContain('4111111111111111');
  });
});
