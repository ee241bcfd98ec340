import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { luhnValid } from '../../src/tokens/validate.js';
import { startVault, type TestApp, type TestVault, VISA } from '../helpers.js';

let v: TestVault;
let a: TestApp;

beforeAll(async () => {
  v = await startVault();
  a = await v.createApp();
});
afterAll(() => v.close());

const post = (url: string, headers: Record<string, string>, payload: unknown) =>
  v.app.inject({ method: 'POST', url, headers, payload: payload as object });

async function detok(token: string, app = a) {
  return post('/detokenize', { 'x-api-key': app.apiKey }, { token });
}

describe('POST /tokenize round trips', () => {
  it('card, random format: masked answer, full data back on detokenize, CVV never', async () => {
    const res = await post('/tokenize', a.headers, { type: 'card', data: VISA, metadata: { order: 'A-17' } });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      success: true,
      type: 'card',
      data: { cardNumber: '411111******1111', expirationMonth: '12', expirationYear: '2030' },
      mask: { card_number: '************1111' },
      bin: '411111',
      brand: 'visa',
      last4: '1111',
      deduplicated: false,
      expires_at: null,
      metadata: { order: 'A-17' },
    });
    expect(body.token).toMatch(/^tok_[A-Za-z0-9]{22,}$/);
    expect(body.cvc_session_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(body).not.toHaveProperty('fingerprint'); // only where deduplication applied
    expect(JSON.stringify(body)).not.toContain('4111111111111111');

    const back = await detok(body.token);
    expect(back.statusCode).toBe(200);
    expect(back.json()).toEqual({
      success: true,
      token: body.token,
      type: 'card',
      data: { cardNumber: '4111111111111111', expirationMonth: '12', expirationYear: '2030', holderName: 'Ada Lovelace' },
      // §6.2's card details, beside Ozura's fields.
      card: { brand: 'visa', bin: '411111', last4: '1111', length: 16, cvv_length: 3, expirationMonth: '12', expirationYear: '2030' },
      metadata: { order: 'A-17' },
    });
    expect(back.body).not.toContain('123"');
  });

  it('card without a CVV has no CVC session', async () => {
    const { cvv: _cvv, ...noCvv } = VISA;
    const res = await post('/tokenize', a.headers, { type: 'card', data: noCvv });
    expect(res.statusCode).toBe(201);
    expect(res.json()).not.toHaveProperty('cvc_session_id');
  });

  it('accepts cvc as an alias and enforces 4 digits for Amex', async () => {
    const amex = { cardNumber: '378282246310005', expirationMonth: '1', expirationYear: '35' };
    const ok = await post('/tokenize', a.headers, { type: 'card', data: { ...amex, cvc: '1234' } });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ brand: 'amex', data: { expirationMonth: '01', expirationYear: '35' } });
    const bad = await post('/tokenize', a.headers, { type: 'card', data: { ...amex, cvv: '123' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('invalid_cvv');
  });

  it('bank account round trip', async () => {
    const res = await post('/tokenize', a.headers, { type: 'bank', data: { accountNumber: '000123456789', routingNumber: '110000000' } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ type: 'bank', data: { accountNumber: '********6789', routingNumber: '110000000' }, last4: '6789' });
    const back = await detok(res.json().token);
    expect(back.json().data).toEqual({ accountNumber: '000123456789', routingNumber: '110000000' });
  });

  it('string round trip, with nothing of the value echoed', async () => {
    const res = await post('/tokenize', a.headers, { type: 'string', data: '123-45-6789' });
    expect(res.statusCode).toBe(201);
    expect(res.body).not.toContain('6789');
    const back = await detok(res.json().token);
    expect(back.json()).toMatchObject({ type: 'string', data: '123-45-6789' });
  });

  it('card_preserving: same length, first6/last4 kept, fails Luhn, detokenizes', async () => {
    for (let i = 0; i < 20; i++) {
      const res = await post('/tokenize', a.headers, { type: 'card', data: VISA, format: 'card_preserving' });
      expect(res.statusCode).toBe(201);
      const t: string = res.json().token;
      expect(t).toMatch(/^411111\d{6}1111$/);
      expect(luhnValid(t)).toBe(false);
      if (i === 0) expect((await detok(t)).json().data.cardNumber).toBe('4111111111111111');
    }
  });

  it('card_preserving is refused for non-card types', async () => {
    const res = await post('/tokenize', a.headers, { type: 'string', data: 'x', format: 'card_preserving' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('/format');
  });
});

describe('validation', () => {
  const cases: [string, unknown, string][] = [
    ['bad Luhn', { type: 'card', data: { ...VISA, cardNumber: '4111111111111112' } }, 'invalid_card_number'],
    ['too short', { type: 'card', data: { ...VISA, cardNumber: '411111111111' } }, 'invalid_card_number'],
    ['letters', { type: 'card', data: { ...VISA, cardNumber: '4111abcd11111111' } }, 'invalid_card_number'],
    ['month 13', { type: 'card', data: { ...VISA, expirationMonth: '13' } }, 'invalid_expiry'],
    ['past year', { type: 'card', data: { ...VISA, expirationYear: '2020' } }, 'invalid_expiry'],
    ['3-digit year', { type: 'card', data: { ...VISA, expirationYear: '203' } }, 'invalid_expiry'],
    ['cvv letters', { type: 'card', data: { ...VISA, cvv: '12a' } }, 'invalid_cvv'],
    ['routing checksum', { type: 'bank', data: { accountNumber: '000123456789', routingNumber: '110000001' } }, 'invalid_routing_number'],
    ['account too long', { type: 'bank', data: { accountNumber: '1'.repeat(18), routingNumber: '110000000' } }, 'validation_error'],
    ['unknown type', { type: 'ssn', data: 'x' }, 'validation_error'],
    ['missing data', { type: 'card' }, 'validation_error'],
    ['unknown card field', { type: 'card', data: { ...VISA, pin: '1234' } }, 'validation_error'],
    ['empty string', { type: 'string', data: '' }, 'validation_error'],
    ['string over 4096 bytes', { type: 'string', data: 'é'.repeat(2049) }, 'validation_error'],
    ['metadata over 4 KiB', { type: 'string', data: 'x', metadata: { big: 'x'.repeat(5000) } }, 'validation_error'],
  ];
  it.each(cases)('%s → 400 %s, nothing stored, value not echoed', async (_name, payload, code) => {
    const before = await v.sql.query('SELECT count(*)::int AS n FROM tokens');
    const res = await post('/tokenize', a.headers, payload);
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body).toMatchObject({ success: false, data: null, error: { code } });
    expect(typeof body.message).toBe('string');
    expect(body.error.request_id).toBeTruthy();
    expect(res.body).not.toContain('4111111111111112');
    const after = await v.sql.query('SELECT count(*)::int AS n FROM tokens');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('schema failures carry details with paths', async () => {
    const res = await post('/tokenize', a.headers, { type: 'card', data: { cardNumber: '4111111111111111' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.length).toBeGreaterThan(0);
    expect(res.json().error.details[0]).toHaveProperty('path');
  });
});
