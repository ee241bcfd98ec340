// The frames' card rules agree with the vault's (src/tokens/validate.ts): a field never calls a
// card valid that the vault refuses, nor shows another brand than the token will carry.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as vault from '../../src/tokens/validate.js';
import { abaValid, cardBrand, cvvState, expiryState, formatExpiry, formatPan, luhnValid, panState, parseExpiry } from '../../packages/elements/src/card.js';

const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });

describe('card rules in the frames', () => {
  it('brand, Luhn and ABA match the vault for any digits', () => {
    fc.assert(fc.property(digits(1, 19), (d) => {
      expect(cardBrand(d)).toBe(vault.cardBrand(d));
      expect(luhnValid(d)).toBe(vault.luhnValid(d));
    }), { numRuns: 2000 });
    fc.assert(fc.property(digits(9, 9), (d) => {
      expect(abaValid(d)).toBe(vault.abaValid(d));
    }), { numRuns: 2000 });
  });

  it('a number the frame calls valid is one the vault accepts', () => {
    fc.assert(fc.property(digits(12, 19), (d) => {
      if (panState(d).valid) expect(() => vault.normalizePan(d)).not.toThrow();
    }), { numRuns: 2000 });
  });

  it('formats numbers and expiry dates as typed or autofilled', () => {
    expect(formatPan('4242424242424242')).toBe('4242 4242 4242 4242');
    expect(formatPan('378282246310005')).toBe('3782 822463 10005');
    expect(formatPan('36227206271667')).toBe('3622 720627 1667');
    for (const [raw, shown] of [['1230', '12 / 30'], ['12/2030', '12 / 30'], ['12 / 30', '12 / 30'], ['2', '02'], ['1', '1'], ['0730', '07 / 30']]) {
      expect(formatExpiry(parseExpiry(raw)), raw).toBe(shown);
    }
    const now = new Date(2026, 10, 25);
    expect(expiryState(parseExpiry('1126'), now)).toEqual({ empty: false, complete: true, valid: true });
    expect(expiryState(parseExpiry('1026'), now).valid).toBe(false);
    expect(expiryState(parseExpiry('1326'), now).valid).toBe(false);
    expect(cvvState('123', 'amex')).toEqual({ empty: false, complete: false, valid: false });
    expect(cvvState('1234', 'amex').valid).toBe(true);
    expect(cvvState('123', 'visa').valid).toBe(true);
  });
});
