// TOTP (RFC 6238, SHA-1, 6 digits, 30 s) with otpauth. The secret is sealed under the master key
// (AAD 'totp:<user id>'); a code is accepted for the current step ±1, and the caller refuses any
// step at or before the last accepted one, so a code is never accepted twice.
import { Secret, TOTP } from 'otpauth';
import type { Keyring } from '../crypto/keyring.js';

const PERIOD = 30;
const ISSUER = 'Vault';

function totp(secret: Secret, label: string) {
  return new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret });
}

export function newTotpSecret(): Secret {
  return new Secret({ size: 20 });
}

export function totpUri(secret: Secret, email: string): string {
  return totp(secret, email).toString();
}

export function sealSecret(keyring: Keyring, userId: string, secret: Secret): { sealed: Buffer; keyId: string } {
  return keyring.seal(Buffer.from(secret.bytes), `totp:${userId}`);
}

export function openSecret(keyring: Keyring, userId: string, sealed: Buffer, keyId: string): Secret {
  return new Secret({ buffer: new Uint8Array(keyring.open(keyId, sealed, `totp:${userId}`)).buffer });
}

/** The time step a code matches (current ±1), or null. */
export function matchStep(secret: Secret, code: string, now: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const t = totp(secret, 'x');
  const delta = t.validate({ token: code, timestamp: now.getTime(), window: 1 });
  if (delta === null) return null;
  return Math.floor(now.getTime() / 1000 / PERIOD) + delta;
}
