// FF1 format-preserving encryption, NIST SP 800-38G (Rev. 1), Algorithms 7 (encrypt) and 8
// (decrypt), over AES from Node's crypto. The one piece of cryptography written here: no kept FF1
// package exists on npm (docs/tokens.md). Numerals are strings over 0-9a-z (radix 2..36), as in
// NIST's samples; NUM/STR conversions use BigInt. Checked against all nine NIST samples
// (test/crypto/ff1.test.ts).
import { type Cipher, createCipheriv } from 'node:crypto';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';
/** SP 800-38G Rev. 1, §5.2: radix^minlen ≥ 1 000 000. */
export const MIN_DOMAIN = 1_000_000n;
const MAX_TWEAK = 1024;

export class Ff1DomainError extends Error {
  constructor(message: string) {
    super(message);
  }
}

/** [x]^s: x as s bytes, big-endian (§4.4). */
function bytes(x: bigint, s: number): Buffer {
  return Buffer.from(x.toString(16).padStart(2 * s, '0'), 'hex');
}

/** NUM_radix(X) (§4.5, Algorithm 1): the number a numeral string stands for. */
function num(x: string, radix: number): bigint {
  const r = BigInt(radix);
  let n = 0n;
  for (const c of x) n = n * r + BigInt(ALPHABET.indexOf(c));
  return n;
}

/** STR^m_radix(x) (§4.5, Algorithm 3): x as m numerals, most significant first. */
const str = (x: bigint, radix: number, m: number) => x.toString(radix).padStart(m, '0');

export class FF1 {
  private readonly ecb: Cipher;
  private readonly alphabet: RegExp;

  /** `key`: 16, 24 or 32 bytes (AES-128/192/256); the vault uses AES-256. */
  constructor(key: Buffer, readonly radix: number) {
    if (![16, 24, 32].includes(key.length)) throw new Error('FF1 key must be 16, 24 or 32 bytes');
    if (!Number.isInteger(radix) || radix < 2 || radix > 36) throw new Error('FF1 radix must be 2..36');
    // One ECB cipher, kept: each update() of whole blocks is CIPH_K of each block, which is all
    // that PRF (CBC-MAC, Algorithm 6) and the extension of step 6.iii need.
    this.ecb = createCipheriv(`aes-${key.length * 8}-ecb`, key, null).setAutoPadding(false);
    this.alphabet = new RegExp(`^[${ALPHABET.slice(0, radix)}]*$`);
  }

  encrypt(x: string, tweak: Buffer = Buffer.alloc(0)): string {
    return this.run(x, tweak, true);
  }

  decrypt(x: string, tweak: Buffer = Buffer.alloc(0)): string {
    return this.run(x, tweak, false);
  }

  /** PRF(X) (Algorithm 6): CBC-MAC with a zero IV, the last block. */
  private prf(x: Buffer): Buffer {
    let y = Buffer.alloc(16);
    for (let j = 0; j < x.length; j += 16) {
      for (let k = 0; k < 16; k++) y[k] ^= x[j + k];
      y = this.ecb.update(y);
    }
    return y;
  }

  private run(x: string, tweak: Buffer, encrypt: boolean): string {
    const { radix } = this;
    const n = x.length;
    if (!this.alphabet.test(x)) throw new Ff1DomainError(`numerals must be of radix ${radix}`);
    if (n < 2 || BigInt(radix) ** BigInt(n) < MIN_DOMAIN) throw new Ff1DomainError('domain radix^length must be at least 10^6');
    if (tweak.length > MAX_TWEAK) throw new Ff1DomainError('tweak too long');
    const t = tweak.length;
    // 1. u = ⌊n/2⌋; v = n – u.   2. A = X[1..u]; B = X[u+1..n].
    const u = Math.floor(n / 2);
    const v = n - u;
    let a = x.slice(0, u);
    let b = x.slice(u);
    // 3. b = ⌈⌈v·LOG(radix)⌉/8⌉: the bytes of radix^v – 1, exactly (no floating point).
    const bLen = Math.ceil((BigInt(radix) ** BigInt(v) - 1n).toString(2).length / 8);
    // 4. d = 4⌈b/4⌉ + 4.
    const d = 4 * Math.ceil(bLen / 4) + 4;
    // 5. P = [1]^1 || [2]^1 || [1]^1 || [radix]^3 || [10]^1 || [u mod 256]^1 || [n]^4 || [t]^4.
    const p = Buffer.concat([Buffer.from([1, 2, 1]), bytes(BigInt(radix), 3), Buffer.from([10, u % 256]), bytes(BigInt(n), 4), bytes(BigInt(t), 4)]);
    const pad = Buffer.alloc((((-t - bLen - 1) % 16) + 16) % 16);
    const modU = BigInt(radix) ** BigInt(u);
    const modV = BigInt(radix) ** BigInt(v);
    // 6. Ten Feistel rounds; decryption (Algorithm 8) runs them backwards with A and B swapped.
    for (let k = 0; k < 10; k++) {
      const i = encrypt ? k : 9 - k;
      // 6.i Q = T || [0]^((–t–b–1) mod 16) || [i]^1 || [NUM_radix(B)]^b  (A when decrypting).
      const q = Buffer.concat([tweak, pad, Buffer.from([i]), bytes(num(encrypt ? b : a, radix), bLen)]);
      // 6.ii R = PRF(P || Q).
      const r = this.prf(Buffer.concat([p, q]));
      // 6.iii S = the first d bytes of R || CIPH(R ⊕ [1]^16) || … || CIPH(R ⊕ [⌈d/16⌉–1]^16).
      const blocks = [r];
      for (let j = 1; j < Math.ceil(d / 16); j++) {
        const xj = Buffer.from(r);
        const jb = bytes(BigInt(j), 16);
        for (let z = 0; z < 16; z++) xj[z] ^= jb[z];
        blocks.push(this.ecb.update(xj));
      }
      // 6.iv y = NUM(S).
      const y = BigInt('0x' + Buffer.concat(blocks).subarray(0, d).toString('hex'));
      // 6.v m = u if i is even, else v.
      const m = i % 2 === 0 ? u : v;
      const mod = m === u ? modU : modV;
      if (encrypt) {
        // 6.vi c = (NUM_radix(A) + y) mod radix^m.  6.vii C = STR^m(c).  6.viii A = B.  6.ix B = C.
        const c = (num(a, radix) + y) % mod;
        a = b;
        b = str(c, radix, m);
      } else {
        // Algorithm 8, 6.vi c = (NUM_radix(B) – y) mod radix^m; then B = A, A = C.
        const c = (((num(b, radix) - y) % mod) + mod) % mod;
        b = a;
        a = str(c, radix, m);
      }
    }
    // 7. Return A || B.
    return a + b;
  }
}
