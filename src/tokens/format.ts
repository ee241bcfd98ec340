// Token formats (API.md §6.2, docs/tokens.md "Formats"; the vocabulary is lib/token-formats.ts):
// what a token looks like, and how each is drawn. Every digit format fails Luhn unless the item asks for
// `luhn: true`, so a token is never a chargeable number by accident; none is ever the value itself.
import { randomInt, randomUUID } from 'node:crypto';
import type { FF1 } from '../crypto/ff1.js';
import { randomDigits, randomString } from '../lib/random.js';
import { FORMAT, type TokenFormat } from '../lib/token-formats.js';
import { luhnValid } from './validate.js';

/** Digits a digit format keeps of the value: [leading, trailing]. */
const KEPT: Partial<Record<TokenFormat, readonly [number, number]>> = {
  numeric: [0, 0],
  card_preserving: [6, 4],
  last4_preserving: [0, 4],
};
/** A random digit format needs at least this many drawn digits (one of them may fix Luhn). */
export const MIN_FREE_DIGITS = 2;

/** Digits of the value a format leaves drawn (null: not a random digit format). */
export function freeDigits(format: TokenFormat, length: number): number | null {
  const k = KEPT[format];
  return k ? length - k[0] - k[1] : null;
}

/** `tok_` + 24 base62 characters: ~143 bits, never derived from the data. */
export function randomToken(): string {
  return `tok_${randomString(24)}`;
}

/**
 * `prefix` (≥ 1 digit) + `tail` with the last digit of `prefix` changed, if needed, so that the
 * whole passes Luhn (`valid`) or fails it. Any one digit decides Luhn: for every other choice of
 * digits exactly one value of it passes.
 */
export function withLuhn(prefix: string, tail: string, valid: boolean): string {
  const t = prefix + tail;
  if (luhnValid(t) === valid) return t;
  const head = prefix.slice(0, -1);
  for (let d = 0; d < 10; d++) {
    const c = head + String(d) + tail;
    if (luhnValid(c) === valid) return c;
  }
  return t; // unreachable: some digit always passes, and nine always fail
}

const RANDOM_TRIES = 64;
// Up to 10^5 drawn combinations the whole space is cheap to list, so "used up" is decided
// exactly; above that, 64 misses in a row mean at least ~90 % is used.
const LISTABLE_FREE_DIGITS = 5;

/**
 * A random digit token (numeric, card_preserving, last4_preserving) for `value`: same length,
 * its kept digits, random ones between, Luhn as asked, never the value itself. `taken` says
 * which candidates are in use; null when the space is used up.
 */
export function digitToken(format: TokenFormat, value: string, luhn: boolean, taken?: (t: string) => boolean): string | null {
  const [lead, trail] = KEPT[format]!;
  const head = value.slice(0, lead);
  const tail = trail === 0 ? '' : value.slice(-trail);
  const free = value.length - lead - trail;
  const ok = (t: string) => t !== value && !taken?.(t);
  for (let i = 0; i < RANDOM_TRIES; i++) {
    const drawn = head + randomDigits(free);
    // Failing Luhn: draw again (9 in 10 pass), which keeps the draw uniform over failing tokens.
    const t = luhn ? withLuhn(drawn, tail, true) : drawn + tail;
    if (luhnValid(t) === luhn && ok(t)) return t;
  }
  if (free > LISTABLE_FREE_DIGITS) return null;
  const candidates: string[] = [];
  for (let m = 0; m < 10 ** free; m++) {
    const t = head + String(m).padStart(free, '0') + tail;
    if (luhnValid(t) === luhn && ok(t)) candidates.push(t);
  }
  return candidates.length === 0 ? null : candidates[randomInt(candidates.length)];
}

/** The SQL LIKE pattern of every digit token of this format that `value` could get. */
export function digitPattern(format: TokenFormat, value: string): string {
  const [lead, trail] = KEPT[format]!;
  return value.slice(0, lead) + '_'.repeat(value.length - lead - trail) + (trail === 0 ? '' : value.slice(-trail));
}

/** A token of a format that is neither a digit format nor fpe. */
export const otherToken = (format: TokenFormat): string => (format === FORMAT.uuid ? randomUUID() : randomToken());

/**
 * `fpe`: FF1 under the project's FF1 key with the project id as tweak. The last 4 digits are
 * kept; of the digits before them, all but the last are encrypted and that last one is set so
 * the token fails (or, with `luhn`, passes) Luhn. The encrypted part is a bijection and the
 * Luhn digit a function of it, so two cards never share a token and a card always gets the
 * same one. Needs PANs of 11+ digits (FF1's domain of 10^6 on the encrypted part): all are 13+.
 */
export function fpeToken(ff1: FF1, projectId: string, pan: string, luhn: boolean): string {
  const encrypted = ff1.encrypt(pan.slice(0, -5), Buffer.from(projectId, 'utf8'));
  return withLuhn(encrypted + '0', pan.slice(-4), luhn);
}

/** What drawing a token needs of an item (a PreparedItem has all of it). */
export interface TokenRequest {
  format: TokenFormat;
  ownToken: string | null;
  pan: string | null;
  luhn: boolean;
}

/**
 * The token an item gets, in its format (§6.2), as /tokenize draws it and `vault import` too:
 * its own id, the fpe token of its card, a random digit token avoiding `taken`, a UUID or a
 * random token. null when a digit format's space is used up.
 */
export function drawToken(it: TokenRequest, ff1: () => FF1, projectId: string, taken?: (t: string) => boolean): string | null {
  if (it.format === FORMAT.random && it.ownToken === null) return randomToken();
  if (it.ownToken !== null) return it.ownToken;
  if (it.format === FORMAT.fpe) return fpeToken(ff1(), projectId, it.pan!, it.luhn);
  if (freeDigits(it.format, 0) !== null) return digitToken(it.format, it.pan!, it.luhn, taken);
  return otherToken(it.format);
}

/**
 * A token id this vault could have issued or been given: a random token, a UUID, a digit
 * string failing Luhn, or an own id (3–128 of [A-Za-z0-9._:-]) that is not a Luhn-valid digit
 * string. Anything else — a card number sent by mistake above all — is raw input and never goes
 * into an audit entry.
 */
export function isTokenId(s: string): boolean {
  if (!OWN_TOKEN.test(s)) return false;
  return !looksLikeCardNumber(s);
}

export const OWN_TOKEN = /^[A-Za-z0-9._:-]{3,128}$/;

/** A Luhn-valid run of 12–19 digits, with or without separators: never an id, never logged. */
export function looksLikeCardNumber(s: string): boolean {
  const digits = s.replace(/[\s.:_-]/g, '');
  return /^\d{12,19}$/.test(digits) && luhnValid(digits);
}
