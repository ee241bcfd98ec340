// Turns one request item into what the store writes: validated, canonical plaintext, a display
// (masked, kept in clear) and the CVV split off for its own session. Pure: no I/O, no keys.
import { Compile } from 'typebox/compile';
import { findBadText } from '../lib/text.js';
import { invalidFields, VaultError } from '../http/errors.js';
import type { MaskingConfig } from './masking.js';
import { BankItem, CardItem, StringItem, type TokenizeItem } from './schemas.js';
import {
  cardBrand, maskPan, normalizeAccount, normalizeExpiry, normalizePan, normalizeRouting, TEST_CARDS, validateCvv,
} from './validate.js';

export type TokenType = 'card' | 'bank' | 'string';
export type TokenFormat = 'random' | 'card_preserving';

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
  /** Needed to build a card-preserving token. */
  pan: string | null;
  /** Ozura's maskingConfig: shapes the answer only, never stored. */
  masking: MaskingConfig | null;
}

export const CVC_TTL_SECONDS = 90;
export const TEST_CVC_TTL_SECONDS = 365 * 24 * 3600;
const MAX_METADATA_BYTES = 4096;
const MAX_STRING_BYTES = 4096;

const checkers = { card: Compile(CardItem), bank: Compile(BankItem), string: Compile(StringItem) };

const schemaError = invalidFields;

function check(raw: unknown): TokenizeItem {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw schemaError([{ path: '/', message: 'must be object' }]);
  // Before anything recurses over it: text the database cannot store, or nesting too deep.
  const bad = findBadText(raw);
  if (bad) throw schemaError([bad]);
  const type = (raw as { type?: unknown }).type;
  if (type !== 'card' && type !== 'bank' && type !== 'string') {
    throw schemaError([{ path: '/type', message: 'must be one of card, bank, string' }]);
  }
  const c = checkers[type];
  if (!c.Check(raw)) {
    const details = [...c.Errors(raw)].slice(0, 10).map((e) => {
      // A missing property is named in the path, so the message can say which (§0).
      const missing = (e.params as { requiredProperties?: string[] }).requiredProperties?.[0];
      return { path: missing ? `${e.instancePath}/${missing}` : e.instancePath || '/', message: e.message };
    });
    throw schemaError(details);
  }
  return raw;
}

function checkMetadata(m: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  if (m === undefined || m === null) return null;
  if (Buffer.byteLength(JSON.stringify(m)) > MAX_METADATA_BYTES) {
    throw schemaError([{ path: '/metadata', message: 'must be at most 4 KiB of JSON' }]);
  }
  return m;
}

export function prepareItem(raw: unknown, projectDeduplicate: boolean, now: Date): PreparedItem {
  const item = check(raw);
  const format = item.format ?? 'random';
  const common = {
    format,
    metadata: checkMetadata(item.metadata),
    dedup: item.deduplicate ?? projectDeduplicate,
    test: false,
    ttlSeconds: item.ttl_seconds ?? null,
    cvcTtlSeconds: CVC_TTL_SECONDS,
    masking: item.maskingConfig ?? null,
  };
  if (item.type !== 'card' && format === 'card_preserving') {
    throw schemaError([{ path: '/format', message: 'card_preserving is only for card tokens' }]);
  }
  if (item.type === 'card') {
    const d = item.data;
    const pan = normalizePan(d.cardNumber);
    const expiry = normalizeExpiry(d.expirationMonth, d.expirationYear, now);
    const brand = cardBrand(pan);
    const rawCvv = d.cvv ?? d.cvc;
    const cvv = rawCvv === undefined ? null : validateCvv(rawCvv, brand);
    const m = maskPan(pan);
    const data: Record<string, string> = { cardNumber: pan, expirationMonth: expiry.month, expirationYear: expiry.year };
    if (d.holderName) data.holderName = d.holderName;
    return {
      ...common,
      type: 'card',
      plaintext: Buffer.from(JSON.stringify(data)),
      canonical: pan,
      display: { cardNumber: m.masked, card_number: m.stars, expirationMonth: expiry.month, expirationYear: expiry.year, bin: m.bin, brand, last4: m.last4 },
      cvv,
      pan,
    };
  }
  if (item.type === 'bank') {
    const account = normalizeAccount(item.data.accountNumber);
    const routing = normalizeRouting(item.data.routingNumber);
    const data: Record<string, string> = { accountNumber: account, routingNumber: routing };
    if (item.data.holderName) data.holderName = item.data.holderName;
    if (item.data.firstName) data.firstName = item.data.firstName;
    if (item.data.lastName) data.lastName = item.data.lastName;
    const last4 = account.slice(-4);
    return {
      ...common,
      type: 'bank',
      plaintext: Buffer.from(JSON.stringify(data)),
      canonical: `${routing}:${account}`,
      display: { accountNumber: '*'.repeat(account.length - 4) + last4, routingNumber: routing, last4 },
      cvv: null,
      pan: null,
    };
  }
  if (Buffer.byteLength(item.data) > MAX_STRING_BYTES) throw schemaError([{ path: '/data', message: 'must be at most 4096 bytes' }]);
  return {
    ...common,
    type: 'string',
    plaintext: Buffer.from(JSON.stringify({ value: item.data })),
    canonical: item.data,
    display: {},
    cvv: null,
    pan: null,
  };
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
      type: 'card',
      data: { cardNumber: pan, expirationMonth: body.expirationMonth, expirationYear: body.expirationYear, cvv: body.cvc, ...(holderName ? { holderName } : {}) },
    },
    false,
    now,
  );
  return { ...item, dedup: false, test: true, cvcTtlSeconds: TEST_CVC_TTL_SECONDS };
}

/** The tokenize answer's public part, built from the stored display. */
export interface PublicView {
  data: Record<string, string> | null;
  mask: Record<string, string>;
  bin?: string;
  brand?: string;
  last4?: string;
}

export function publicView(type: string, display: Record<string, string>): PublicView {
  if (type === 'card') {
    return {
      data: { cardNumber: display.cardNumber, expirationMonth: display.expirationMonth, expirationYear: display.expirationYear },
      mask: { card_number: display.card_number },
      bin: display.bin,
      brand: display.brand,
      last4: display.last4,
    };
  }
  if (type === 'bank') {
    return { data: { accountNumber: display.accountNumber, routingNumber: display.routingNumber }, mask: { account_number: display.accountNumber }, last4: display.last4 };
  }
  // Nothing of a string secret is echoed, not even its length.
  return { data: null, mask: { value: '********' } };
}
