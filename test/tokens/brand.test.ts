// The brand lookup answers exactly as credit-card-type does for every 8-digit prefix, while it
// scans the library only once per stretch of prefixes (a made-up BIN costs a binary search).
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { cardNetwork, lookUp } from '../../src/tokens/brand.js';

const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });

it('agrees with credit-card-type on random card numbers and on every pattern edge', () => {
  fc.assert(fc.property(digits(12, 19), (pan) => { expect(cardNetwork(pan)).toEqual(lookUp(pan.slice(0, 8))); }), { numRuns: 3000 });
  // Prefixes right at and around the library's own range ends (troy's 8-digit ones included).
  for (const p of ['65083699', '65083700', '65083704', '65083705', '22000000', '22049999', '22050000', '40000000', '34000000', '62212599', '62212600', '62292500', '62292600', '99999999', '00000000']) {
    expect(cardNetwork(p + '12345678'), p).toEqual(lookUp(p));
  }
});

it('partial input (a field being typed) still gets the library partial matching', () => {
  fc.assert(fc.property(digits(1, 7), (d) => { expect(cardNetwork(d)).toEqual(lookUp(d)); }), { numRuns: 500 });
});
