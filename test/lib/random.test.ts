// The pooled CSPRNG feeds AES-GCM nonces and token ids: a byte handed out twice would repeat a
// nonce under the same key. These draw across many pool refills.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomDigits, randomPooled, randomString } from '../../src/lib/random.js';

describe('pooled randomness', () => {
  it('never hands out the same nonce twice across pool refills', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i++) seen.add(randomPooled(12).toString('hex')); // ~60 refills
    expect(seen.size).toBe(20_000);
  });

  it('returns copies the caller may keep', () => {
    const a = randomPooled(16);
    const copy = Buffer.from(a);
    for (let i = 0; i < 2000; i++) randomPooled(16); // refills the pool several times
    expect(a.equals(copy)).toBe(true);
  });

  it('makes strings of the asked length over the alphabet, whatever the length', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), (n) => {
        const s = randomString(n);
        expect(s).toHaveLength(n);
        expect(s).toMatch(/^[A-Za-z0-9]+$/);
      }),
      { numRuns: 200 },
    );
  });

  it('is close to uniform (no modulo bias)', () => {
    const counts = new Array(10).fill(0);
    const n = 200_000;
    for (const d of randomDigits(n)) counts[Number(d)]++;
    // Chi-square with 9 degrees of freedom: a fair source exceeds 45 once in a million runs, while
    // a modulo-biased one (256 % 10: six digits 4 % more likely) lands far above it.
    const chi = counts.reduce((s, c) => s + (c - n / 10) ** 2 / (n / 10), 0);
    expect(chi).toBeLessThan(45);
  });
});
