// Turns one request item into what the store writes: validated, canonical plaintext, a display
// (masked, kept in clear) and the CVV split off for its own session. Pure: no I/O, no keys.
import { Compile } from 'typebox/compile';
import { findBadText } from '../lib/text.js';
import { invalidFields, VaultError } from '../http/errors.js';
import { freeDigits, looksLikeCardNumber, MIN_FREE_DIGITS } from './format.js';
import { FORMAT, type TokenFormat } from '../lib/token-formats.js';
import type { MaskingConfig } from './masking.js';
import { itemSchema, type TokenizeItem } from './schemas.js';
import { normalizePan, TEST_CARDS } from './validate.js';
import { cardType, type PublicView, storedType, TOKEN_TYPE_NAMES, TOKEN_TYPES, type TokenType, tokenType } from './types/index.js';

export type { PublicView, TokenFormat, TokenType };

export interface PreparedItem {
  type: TokenType;
  format: TokenFormat;
  /** JSON of the data as tokenized, without the CVV. Encrypted before it leaves the process. */
  plaintext: Buffer;
  /** The value deduplication compares (through an HMAC): the PAN, account+routing, or the string. */
  canonical: string;
  display: Record<string, string>;
  metadata: Record<string, unknown> | null;
  dedup: boolean;
  test: boolean;
  ttlSeconds: number | null;
  cvv: string | null;
  cvcTtlSeconds: number;
  /** The digits a digit format shapes its token after (a card's PAN). */
  pan: string | null;
  /** Ozura's maskingConfig: shapes the answer only, never stored. */
  masking: MaskingConfig | null;
  /** Digit formats: the token passes Luhn (default: it fails). */
  luhn: boolean;
  /** The caller's own token id (§6.2), checked: never a card number. */
  ownToken: string | null;
}

export const CVC_TTL_SECONDS = 90;
export const TEST_CVC_TTL_SECONDS = 365 * 24 * 3600;
const MAX_METADATA_BYTES = 4096;

const checkers = new Map(TOKEN_TYPES.map((t) => [t.name, Compile(itemSchema(t))]));

const schemaError = invalidFields;

function check(raw: unknown): TokenizeItem {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw schemaError([{ path: '/', message: 'must be object' }]);
  // Before anything recurses over it: text the database cannot store, or nesting too deep.
  const bad = findBadText(raw);
  if (bad) throw schemaError([bad]);
  const t = tokenType((raw as { type?: unknown }).type);
  if (!t) throw schemaError([{ path: '/type', message: `must be one of ${TOKEN_TYPE_NAMES.join(', ')}` }]);
  const c = checkers.get(t.name)!;
  if (!c.Check(raw)) {
    const details = [...c.Errors(raw)].slice(0, 10).map((e) => {
      // A missing property is named in the path, so the message can say which (§0).
      const missing = (e.params as { requiredProperties?: string[] }).requiredProperties?.[0];
      return { path: missing ? `${e.instancePath}/${missing}` : e.instancePath || '/', message: e.message };
    });
    throw schemaError(details);
  }
  return raw as TokenizeItem;
}

export function checkMetadata(m: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  if (m === undefined || m === null) return null;
  if (Buffer.byteLength(JSON.stringify(m)) > MAX_METADATA_BYTES) {
    throw schemaError([{ path: '/metadata', message: 'must be at most 4 KiB of JSON' }]);
  }
  return m;
}

/** What a project decides for items that do not say: deduplication and the token format. */
export interface ItemDefaults {
  deduplicate: boolean;
  /** A name of TOKEN_FORMATS (the project's token_format). */
  format: string;
}

/** No project setting applies (test cards, a route's own configuration). */
export const API_DEFAULTS: ItemDefaults = { deduplicate: false, format: FORMAT.random };

export function prepareItem(raw: unknown, defaults: ItemDefaults, now: Date): PreparedItem {
  const item = check(raw);
  const t = storedType(item.type);
  const metadata = checkMetadata(item.metadata);
  const asked: TokenFormat | undefined = item.format;
  if (asked !== undefined && !t.formats.includes(asked)) {
    const owners = TOKEN_TYPES.filter((x) => x.formats.includes(asked)).map((x) => x.name);
    throw schemaError([{ path: '/format', message: `${String(asked)} is only for ${owners.join(', ')} tokens` }]);
  }
  const p = t.prepare(item.data, now);
  const format = asked ?? defaultFormat(defaults.format, t.formats, item.token, p.digits);
  const luhn = checkLuhn(format, item.luhn, p.digits);
  return {
    type: item.type,
    format,
    plaintext: Buffer.from(JSON.stringify(p.stored)),
    canonical: p.canonical,
    display: p.display,
    metadata,
    dedup: item.deduplicate ?? defaults.deduplicate,
    test: false,
    ttlSeconds: item.ttl_seconds ?? null,
    cvv: p.cvv,
    cvcTtlSeconds: CVC_TTL_SECONDS,
    pan: p.digits,
    masking: item.maskingConfig ?? null,
    luhn,
    ownToken: item.token === undefined ? null : checkOwnToken(item.token, format),
  };
}

/**
 * The project's format where it fits the item: its type takes it, the item brings no own id, and
 * a digit format has digits enough to draw. Elsewhere random, so a project default never turns an
 * item the API would accept into an error.
 */
function defaultFormat(projectFormat: string, formats: readonly TokenFormat[], ownToken: string | undefined, digits: string | null): TokenFormat {
  const f = formats.find((x) => x === projectFormat);
  return f === undefined || ownToken !== undefined || cannotDraw(f, digits) !== null ? FORMAT.random : f;
}

/** A format whose token is digits drawn from the value's: the digit formats and fpe. */
const drawsDigits = (format: TokenFormat) => format === FORMAT.fpe || freeDigits(format, 0) !== null;

/** Why a digit format cannot draw a token from this value (§6.2), or null: it can, or it draws no digits. */
function cannotDraw(format: TokenFormat, digits: string | null): string | null {
  if (!drawsDigits(format)) return null;
  if (digits === null) return 'needs a value of digits';
  const free = freeDigits(format, digits.length);
  return free !== null && free < MIN_FREE_DIGITS ? 'needs a longer value' : null;
}

/** `luhn` applies to digit formats only, and a digit format needs digits to draw (§6.2). */
function checkLuhn(format: TokenFormat, luhn: boolean | undefined, digits: string | null): boolean {
  const why = cannotDraw(format, digits);
  if (why !== null) throw schemaError([{ path: '/format', message: `${format} ${why}` }]);
  if (!drawsDigits(format) && luhn !== undefined) throw schemaError([{ path: '/luhn', message: 'is only for digit formats' }]);
  return luhn ?? false;
}

/** An own token id must never be a card number: it would be stored, logged and audited in clear. */
function checkOwnToken(token: string, format: TokenFormat): string {
  if (format !== FORMAT.random) throw schemaError([{ path: '/token', message: 'is not combined with a format' }]);
  if (looksLikeCardNumber(token)) throw schemaError([{ path: '/token', message: 'must not be a card number' }]);
  return token;
}

export interface TestCardInput {
  cardNumber: string;
  expirationMonth: string | number;
  expirationYear: string | number;
  cvc: string;
  firstName?: string;
  lastName?: string;
}

/** /test-tokens: only published test numbers, so a real card can never get a year-long CVC. */
export function prepareTestCard(body: TestCardInput, now: Date): PreparedItem {
  const pan = normalizePan(body.cardNumber);
  if (!TEST_CARDS.has(pan)) throw new VaultError('not_a_test_card');
  const holderName = [body.firstName, body.lastName].filter(Boolean).join(' ');
  const item = prepareItem(
    {
      type: cardType.name,
      data: { cardNumber: pan, expirationMonth: body.expirationMonth, expirationYear: body.expirationYear, cvv: body.cvc, ...(holderName ? { holderName } : {}) },
    },
    API_DEFAULTS,
    now,
  );
  return { ...item, dedup: false, test: true, cvcTtlSeconds: TEST_CVC_TTL_SECONDS };
}

/** The tokenize answer's public part, built from the stored display. */
export function publicView(type: string, display: Record<string, string>, masking?: MaskingConfig | null): PublicView {
  const t = storedType(type);
  const view = t.view(display);
  return masking && t.mask ? t.mask(view, display, masking) : view;
}
