// AES-256-GCM with a random 96-bit nonce and associated data. Layout: nonce(12) | ct | tag(16).
// The AAD binds a ciphertext to where it belongs (project, token): copied elsewhere it fails.
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { randomPooled } from '../lib/random.js';

const NONCE = 12;
const TAG = 16;

/** `prefix`: bytes put before the nonce (a data key's version header), not authenticated. */
export function seal(key: Buffer, plaintext: Buffer, aad: string, prefix?: Buffer): Buffer {
  const nonce = randomPooled(NONCE);
  const c = createCipheriv('aes-256-gcm', key, nonce);
  c.setAAD(Buffer.from(aad, 'utf8'));
  // Array elements evaluate left to right: the tag is read after final().
  const parts = [nonce, c.update(plaintext), c.final(), c.getAuthTag()];
  return Buffer.concat(prefix ? [prefix, ...parts] : parts);
}

export class DecryptError extends Error {
  constructor() {
    super('ciphertext failed authentication');
  }
}

export function open(key: Buffer, sealed: Buffer, aad: string): Buffer {
  if (sealed.length < NONCE + TAG) throw new DecryptError();
  try {
    const d = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, NONCE));
    d.setAAD(Buffer.from(aad, 'utf8'));
    d.setAuthTag(sealed.subarray(sealed.length - TAG));
    return Buffer.concat([d.update(sealed.subarray(NONCE, sealed.length - TAG)), d.final()]);
  } catch {
    throw new DecryptError();
  }
}
