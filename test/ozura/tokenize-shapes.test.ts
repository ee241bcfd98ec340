// POST /tokenize as Ozura's API reference shows it: the optional maskingConfig, and bank data with
// the holder's firstName / lastName (Ozura's bank elements require them).
import { describe, expect, it } from 'vitest';
import { type TestApp, type TestVault } from '../helpers.js';
import { type Psp, proxyWorld } from '../proxy/psp.js';

let v: TestVault;
let a: TestApp;
let psp: Psp;

proxyWorld((w) => ({ v, a, psp } = w));

const post = (url: string, headers: Record<string, string>, payload: unknown) =>
  v.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify(payload) });
const CARD = { cardNumber: '4111111111111111', expirationMonth: '12', expirationYear: '2030', cvv: '123' };
const BANK = { accountNumber: '000123456789', routingNumber: '110000000', firstName: 'Jane', lastName: 'Smith' };

describe('maskingConfig', () => {
  it('shapes data.cardNumber and mask.card_number of the answer', async () => {
    const res = await post('/tokenize', a.headers, { type: 'card', data: CARD, maskingConfig: { visible_first: 4, visible_last: 2, mask_char: '#' } });
    expect(res.statusCode).toBe(201);
    expect(res.json().data.cardNumber).toBe('4111##########11');
    expect(res.json().mask.card_number).toBe('##############11');
  });

  it('applies per item in a batch, and the stored token keeps the standard mask', async () => {
    const res = await post('/tokenize', a.headers, { items: [
      { type: 'card', data: CARD, maskingConfig: { visible_first: 0, visible_last: 0 } },
      { type: 'card', data: CARD },
    ] });
    const [masked, plain] = res.json().items;
    expect(masked.data.cardNumber).toBe('*'.repeat(16));
    expect(plain.data.cardNumber).toBe('411111******1111');
  });

  it('can never show more than the first 6 and last 4 digits, nor use a digit as mask', async () => {
    for (const maskingConfig of [{ visible_first: 7 }, { visible_last: 5 }, { mask_char: '1' }, { mask_char: '**' }, { show_all: true }]) {
      const res = await post('/tokenize', a.headers, { type: 'card', data: CARD, maskingConfig });
      expect(res.statusCode, JSON.stringify(maskingConfig)).toBe(400);
      expect(res.json().error.code).toBe('validation_error');
    }
  });
});

describe('bank data with the holder names', () => {
  it('tokenizes, detokenizes the names back, and fills ${firstName} / ${lastName} in the proxy', async () => {
    const t = await post('/tokenize', a.headers, { type: 'bank', data: BANK });
    expect(t.statusCode).toBe(201);
    expect(t.body).not.toContain('Jane');
    const d = await post('/detokenize', { 'x-api-key': a.apiKey }, { token: t.json().token });
    expect(d.json().data).toEqual(BANK);
    const p = await post('/proxy/transaction', { 'x-api-key': a.apiKey }, {
      token: t.json().token, proxy_url: `${psp.url}/ach`,
      request_data: { account: '${accountNumber}', routing: '${routingNumber}', name: { first: '${firstName}', last: '${lastName}' } },
    });
    expect(p.statusCode).toBe(200);
    expect(JSON.parse(psp.received.at(-1)!.body)).toEqual({ account: BANK.accountNumber, routing: BANK.routingNumber, name: { first: 'Jane', last: 'Smith' } });
  });

  it('the names are encrypted at rest, never in the clear display', async () => {
    const t = (await post('/tokenize', a.headers, { type: 'bank', data: { ...BANK, firstName: 'Zebulon' } })).json();
    const { rows } = await v.sql.query('SELECT * FROM tokens WHERE token = $1', [t.token]);
    expect(JSON.stringify(rows[0])).not.toContain('Zebulon');
  });

  it('a bank token without names cannot fill ${firstName}: 400 invalid_placeholder, nothing sent', async () => {
    const { firstName: _f, lastName: _l, ...noNames } = BANK;
    const t = (await post('/tokenize', a.headers, { type: 'bank', data: noNames })).json();
    const before = psp.received.length;
    const p = await post('/proxy/transaction', { 'x-api-key': a.apiKey }, { token: t.token, proxy_url: `${psp.url}/ach`, request_data: { n: '${firstName}' } });
    expect(p.statusCode).toBe(400);
    expect(p.json().error.code).toBe('invalid_placeholder');
    expect(psp.received.length).toBe(before);
  });
});
