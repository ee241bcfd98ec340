import { randomBytes } from 'node:crypto';

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LOWER36 = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Uniform random string over an alphabet (rejection sampling, no modulo bias). */
export function randomString(length: number, alphabet = BASE62): string {
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < length) {
    for (const b of randomBytes(length * 2)) {
      if (b < limit) out += alphabet[b % alphabet.length];
      if (out.length === length) break;
    }
  }
  return out;
}

/** Opaque typed id: `usr_`, `prj_`, `app_`, `ses_` + 16 lower-case alphanumerics. */
export function newId(prefix: 'usr' | 'prj' | 'app' | 'ses' | 'aud'): string {
  return `${prefix}_${randomString(16, LOWER36)}`;
}

export function randomDigits(length: number): string {
  return randomString(length, '0123456789');
}
