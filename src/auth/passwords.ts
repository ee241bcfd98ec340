// Password hashing (argon2id), the password policy of docs/api.md §4.1 and password expiry.
import { hash, verify } from '@node-rs/argon2';
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { VaultError } from '../http/errors.js';

// @node-rs/argon2 defaults to argon2id; these are OWASP's minimums (19 MiB, 2 passes, 1 lane).
const ARGON = { algorithm: 2 as const, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON);
}

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  // A user without a password (or an unknown email) still costs one full verification, so the
  // answer takes the same time either way.
  const target = stored ?? (await dummyHash());
  try {
    const ok = await verify(target, password);
    return ok && stored !== null;
  } catch {
    return false;
  }
}

let dummy: Promise<string> | null = null;
/** Computes the dummy hash ahead of time, so the first unknown-email login is not slower. */
export function dummyHash(): Promise<string> {
  dummy ??= hash('not-a-real-password-' + Math.random(), ARGON);
  return dummy;
}

// The English dictionaries are not loaded (only the common-password lists of language-common);
// language-en is used for its translations so feedback reads as sentences, not keys. Loaded on
// the first password check: the dictionaries cost tens of MB that the API-key hot path never needs.
let zxcvbn: Promise<ZxcvbnFactory> | null = null;
function strengthChecker(): Promise<ZxcvbnFactory> {
  zxcvbn ??= Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common'), import('@zxcvbn-ts/language-en')]).then(
    ([core, common, en]) => new core.ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs, translations: en.translations }),
  );
  return zxcvbn;
}

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

/** Throws 400 `weak_password` unless the password meets the policy. */
export async function checkPasswordPolicy(password: string, email: string, name = ''): Promise<void> {
  if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) {
    throw new VaultError('password_length', { args: [PASSWORD_MIN, PASSWORD_MAX] });
  }
  if (password.trim().toLowerCase() === email.trim().toLowerCase()) {
    throw new VaultError('password_is_email');
  }
  const result = (await strengthChecker()).check(password, [email, email.split('@')[0], name].filter(Boolean));
  if (result.score < 3) {
    const parts = [result.feedback.warning, ...result.feedback.suggestions].filter((s): s is string => !!s);
    const message = parts.length > 0 ? parts.join(' ') : 'This password is too easy to guess.';
    throw new VaultError('password_guessable', { args: [message] });
  }
}

export const DAY_MS = 86_400_000;

/** When a password changed at `changedAt` expires; null when passwords never expire (max age 0). */
export function passwordExpiresAt(changedAt: Date, maxAgeDays: number): Date | null {
  return maxAgeDays > 0 ? new Date(changedAt.getTime() + maxAgeDays * DAY_MS) : null;
}
