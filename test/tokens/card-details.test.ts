// Card details of API.md §6.2: the brand by credit-card-type for every network it knows, the
// `card` object in every card answer (tokenize, detokenize, GET /api/tokens), the CVV length from
// the same source; and what the library costs on the hot path with and without the BIN cache.
import creditCardType from 'credit-card-type';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOOSE_LIMITS } from '../auth/helpers.js';
import { cardNetwork } from '../../src/tokens/brand.js';
import { withLuhn } from '../../src/tokens/format.js';
import { startVault, type TestVault } from '../helpers.js';
import { createUser, type TestUser } from '../users.js';

let v: TestVault;
let alice: TestUser;
let projectId: string;
let key: Record<string, string>;

beforeAll(async () => {
  v = await startVault({ rateLimits: LOOSE_LIMITS });
  alice = await createUser(v, 'alice');
  projectId = (await v.app.inject({ method: 'POST', url: '/api/projects', headers: alice.auth, payload: { name: 'shop', environment: 'development' } })).json().data.id;
  const app = (await v.app.inject({ method: 'POST', url: '/api/applications', headers: alice.auth, payload: { project_id: projectId, name: 'checkout', permissions: { tokenization: { allowed: true }, detokenization: { allowed: true } } } })).json().data;
  key = { 'x-api-key': app.api_key, 'x-pub-key': app.pub_key };
});
afterAll(() => v.close());

/** A Luhn-valid number of `length` digits starting with `prefix`. */
const pan = (prefix: string, length = 16) => withLuhn(prefix.padEnd(length, '0'), '', true);
const card = (cardNumber: string, cvv?: string) => ({ type: 'card', data: { cardNumber, expirationMonth: '07', expirationYear: '2031', ...(cvv ? { cvv } : {}) } });
const tokenize = (payload: object) => v.app.inject({ method: 'POST', url: '/tokenize', headers: key, payload });

// One number per network credit-card-type knows, with the top-level brand (Ozura's names).
const NETWORKS: [string, string, string, number][] = [
  ['visa', 'visa', '4111111111111111', 3],
  ['mastercard', 'mastercard', '5555555555554444', 3],
  ['american-express', 'amex', '378282246310005', 4],
  ['discover', 'discover', '6011111111111117', 3],
  ['diners-club', 'diners', '36227206271667', 3],
  ['jcb', 'jcb', '3566002020360505', 3],
  ['unionpay', 'unionpay', '6200000000000005', 3],
  ['maestro', 'maestro', pan('5018'), 3],
  ['mir', 'mir', pan('2200'), 3],
  ['elo', 'elo', pan('636297'), 3],
  ['hiper', 'hiper', pan('637095'), 3],
  ['hipercard', 'hipercard', pan('606282'), 3],
  ['troy', 'troy', pan('9792'), 3],
  ['naranja', 'naranja', pan('589562'), 3],
  ['verve', 'verve', pan('506099'), 3],
];

describe('card details', () => {
  it('every network the library knows is named, in tokenize, detokenize and GET /api/tokens/:token', async () => {
    expect(NETWORKS.map((n) => n[0]).sort()).toEqual(Object.values(creditCardType.types).sort());
    for (const [network, brand, number, cvvLength] of NETWORKS) {
      const r = await tokenize(card(number));
      expect(r.statusCode, network).toBe(201);
      const want = { brand: network, bin: number.slice(0, 6), last4: number.slice(-4), length: number.length, cvv_length: cvvLength, expirationMonth: '07', expirationYear: '2031' };
      expect(r.json().brand, network).toBe(brand);
      expect(r.json().card, network).toEqual(want);
      const back = await v.app.inject({ method: 'POST', url: '/detokenize', headers: { 'x-api-key': key['x-api-key'] }, payload: { token: r.json().token } });
      expect(back.json().card, network).toEqual(want);
      const batch = await v.app.inject({ method: 'POST', url: '/detokenize', headers: { 'x-api-key': key['x-api-key'] }, payload: { tokens: [r.json().token] } });
      expect(batch.json().items[0].card, network).toEqual(want);
      const shown = await v.app.inject({ url: `/api/tokens/${r.json().token}`, headers: alice.auth });
      expect(shown.json().data.card, network).toEqual(want);
    }
    const list = await v.app.inject({ url: `/api/tokens?project_id=${projectId}&limit=200`, headers: alice.auth });
    expect(list.json().data.every((t: { card?: unknown }) => t.card !== undefined)).toBe(true);
  });

  it('bank and string answers carry no card object', async () => {
    const s = await tokenize({ type: 'string', data: 'x' });
    expect(s.json()).not.toHaveProperty('card');
  });

  it('the CVV length comes from the network: 4 for American Express, 3 for the others', async () => {
    expect((await tokenize(card('378282246310005', '123'))).json().error.code).toBe('invalid_cvv');
    expect((await tokenize(card('378282246310005', '1234'))).statusCode).toBe(201);
    expect((await tokenize(card(pan('2200'), '1234'))).json().error.code).toBe('invalid_cvv');
    expect((await tokenize(card(pan('2200'), '123'))).statusCode).toBe(201);
  });

  it('the BIN cache answers as the library does, at a fraction of its cost', () => {
    const numbers = Array.from({ length: 2000 }, (_, i) => pan(String(2000000 + i * 3797).slice(0, 7)));
    for (const n of numbers) expect(cardNetwork(n).network).toBe(creditCardType(n)[0]?.type ?? 'unknown');
    const time = (f: () => void) => {
      const t = process.hrtime.bigint();
      f();
      return Number(process.hrtime.bigint() - t) / 1e3;
    };
    const raw = time(() => { for (let i = 0; i < 2000; i++) creditCardType('4111111111111111'); }) / 2000;
    const cached = time(() => { for (let i = 0; i < 2000; i++) cardNetwork('4111111111111111'); }) / 2000;
    console.log(`credit-card-type: ${raw.toFixed(1)} µs a call; through the BIN cache: ${cached.toFixed(2)} µs`);
    expect(cached).toBeLessThan(raw / 5);
  });
});
