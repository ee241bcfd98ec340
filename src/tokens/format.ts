import { randomDigits, randomString } from '../lib/random.js';
import { luhnValid } from './validate.js';

/** `tok_` + 24 base62 characters: ~143 bits, never derived from the data. */
export function randomToken(): string {
  return `tok_${randomString(24)}`;
}

/**
 * Same length as the PAN, first 6 and last 4 kept, random middle, and deliberately failing Luhn
 * so that a token can never be mistaken for (or charged as) a real card number.
 */
export function cardPreservingToken(pan: string): string {
  for (;;) {
    const t = pan.slice(0, 6) + randomDigits(pan.length - 10) + pan.slice(-4);
    if (!luhnValid(t)) return t;
  }
}
