// FF1 (src/crypto/ff1.ts) against every sample of NIST's "FF1samples.pdf" (SP 800-38G examples,
// AES-128/192/256, radix 10 and 36), then properties: round trip, length, the 10^6 domain floor.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FF1, Ff1DomainError } from '../../src/crypto/ff1.js';

const K128 = '2B7E151628AED2A6ABF7158809CF4F3C';
const K192 = K128 + 'EF4359D8D580AA4F';
const K256 = K192 + '7F036D6F04FC6A94';
const T0 = '';
const T10 = '39383736353433323130';
const T11 = '3737373770717273373737';
const P10 = '0123456789';
const P36 = '0123456789abcdefghi';

const SAMPLES: [number, string, number, string, string, string][] = [
  [1, K128, 10, T0, P10, '2433477484'],
  [2, K128, 10, T10, P10, '6124200773'],
  [3, K128, 36, T11, P36, 'a9tv40mll9kdu509eum'],
  [4, K192, 10, T0, P10, '2830668132'],
  [5, K192, 10, T10, P10, '2496655549'],
  [6, K192, 36, T11, P36, 'xbj3kv35jrawxv32ysr'],
  [7, K256, 10, T0, P10, '6657667009'],
  [8, K256, 10, T10, P10, '1001623463'],
  [9, K256, 36, T11, P36, 'xs8a0azh2avyalyzuwd'],
];

describe('FF1: NIST SP 800-38G samples', () => {
  for (const [n, key, radix, tweak, pt, ct] of SAMPLES) {
    it(`sample ${n} (AES-${(key.length / 2) * 8}, radix ${radix})`, () => {
      const f = new FF1(Buffer.from(key, 'hex'), radix);
      expect(f.encrypt(pt, Buffer.from(tweak, 'hex'))).toBe(ct);
      expect(f.decrypt(ct, Buffer.from(tweak, 'hex'))).toBe(pt);
    });
  }
});

describe('FF1: properties', () => {
  const key = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b));
  const tweak = fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b));
  const ALPHA = '0123456789abcdefghijklmnopqrstuvwxyz';
  // A radix, and a numeral string long enough for the domain floor (radix^n ≥ 10^6).
  const input = fc.integer({ min: 2, max: 36 }).chain((radix) => {
    const minLen = Math.max(2, Math.ceil(6 / Math.log10(radix) - 1e-9));
    return fc.tuple(fc.constant(radix), fc.array(fc.integer({ min: 0, max: radix - 1 }), { minLength: minLen, maxLength: minLen + 30 }).map((d) => d.map((x) => ALPHA[x]).join('')));
  });

  it('decrypt(encrypt(x)) = x, and the length and radix are kept', () => {
    fc.assert(
      fc.property(key, tweak, input, (k, t, [radix, x]) => {
        const f = new FF1(k, radix);
        const c = f.encrypt(x, t);
        expect(c).toHaveLength(x.length);
        expect([...c].every((ch) => ALPHA.indexOf(ch) >= 0 && ALPHA.indexOf(ch) < radix)).toBe(true);
        expect(f.decrypt(c, t)).toBe(x);
      }),
      { numRuns: 300 },
    );
  });

  it('a different tweak or key gives a different ciphertext (for a 16-digit domain)', () => {
    fc.assert(
      fc.property(key, key, fc.stringMatching(/^\d{16}$/), (k1, k2, x) => {
        fc.pre(!k1.equals(k2));
        expect(new FF1(k1, 10).encrypt(x, Buffer.from('a'))).not.toBe(new FF1(k1, 10).encrypt(x, Buffer.from('b')));
        expect(new FF1(k1, 10).encrypt(x)).not.toBe(new FF1(k2, 10).encrypt(x));
      }),
      { numRuns: 100 },
    );
  });

  it('refuses a domain below 10^6, numerals outside the radix, and bad keys or radixes', () => {
    const k = Buffer.alloc(32, 7);
    expect(() => new FF1(k, 10).encrypt('12345')).toThrow(Ff1DomainError); // 10^5
    expect(new FF1(k, 10).encrypt('123456')).toHaveLength(6); // 10^6: the floor itself is allowed
    expect(() => new FF1(k, 2).encrypt('1'.repeat(19))).toThrow(Ff1DomainError); // 2^19 < 10^6
    expect(new FF1(k, 2).encrypt('1'.repeat(20))).toHaveLength(20); // 2^20 ≥ 10^6
    expect(() => new FF1(k, 10).encrypt('12345a')).toThrow(Ff1DomainError);
    expect(() => new FF1(k, 36).encrypt('ABCDEF')).toThrow(Ff1DomainError);
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 36 }), fc.integer({ min: 0, max: 40 }), (radix, n) => {
        const x = '1'.repeat(n);
        const ok = n >= 2 && BigInt(radix) ** BigInt(n) >= 1_000_000n;
        if (ok) expect(new FF1(k, radix).encrypt(x)).toHaveLength(n);
        else expect(() => new FF1(k, radix).encrypt(x)).toThrow(Ff1DomainError);
      }),
    );
    expect(() => new FF1(Buffer.alloc(20), 10)).toThrow();
    expect(() => new FF1(k, 1)).toThrow();
    expect(() => new FF1(k, 37)).toThrow();
  });
});
