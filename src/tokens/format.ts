import { randomInt } from 'node:crypto';
import { randomDigits, randomString } from '../lib/random.js';
import { luhnValid } from './validate.js';

/** `tok_` + 24 base62 characters: ~143 bits, never derived from the data. */
export function randomToken(): string {
  return `tok_${randomString(24)}`;
}

const RANDOM_TRIES = 64;
// Up to 10^5 middle combinations (PANs of 13–15 digits) the whole space is cheap to list, so
// "used up" is decided exactly; above that, 64 misses in a row mean at least ~90 % is used.
const LISTABLE_MIDDLE_DIGITS = 5;

/**
 * Same length as the PAN, first 6 and last 4 kept, random middle, and deliberately failing Luhn
 * so that a token can never be mistaken for (or charged as) a real card number. `taken` says
 * which candidates are already in use; null when the space for this BIN/last4 is used up.
 */
export function cardPreservingToken(pan: string, taken?: (t: string) => boolean): string | null {
  const head = pan.slice(0, 6);
  const tail = pan.slice(-4);
  const middle = pan.length - 10;
  for (let i = 0; i < RANDOM_TRIES; i++) {
    const t = head + randomDigits(middle) + tail;
    if (!luhnValid(t) && !taken?.(t)) return t;
  }
  if (middle > LISTABLE_MIDDLE_DIGITS) return null;
  const free: string[] = [];
  for (let m = 0; m < 10 ** middle; m++) {
    const t = head + String(m).padStart(middle, '0') + tail;
    if (!luhnValid(t) && !taken?.(t)) free.push(t);
  }
  return free.length === 0 ? null : free[randomInt(free.length)];
}

/** The SQL LIKE pattern of every card-preserving token of this PAN's BIN, last 4 and length. */
export const cardPreservingPattern = (pan: string) => pan.slice(0, 6) + '_'.repeat(pan.length - 10) + pan.slice(-4);

/**
 * A token id this vault could have issued: a random token, or a card-preserving one (digits
 * failing Luhn). Anything else — a card number sent by mistake above all — is raw input and never
 * goes into an audit entry.
 */
export function isTokenId(s: string): boolean {
  if (s.startsWith('tok_')) return /^tok_[A-Za-z0-9]{22,64}$/.test(s);
  return /^\d{13,19}$/.test(s) && !luhnValid(s);
}
