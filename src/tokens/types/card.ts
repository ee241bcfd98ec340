// Payment cards (API.md §3.1): Luhn-valid PAN, expiry, CVV split off into a CVC session.
import { Type } from 'typebox';
import { maskCard } from '../masking.js';
import { cardNetwork, networkOfBrand } from '../brand.js';
import { maskPan, normalizeExpiry, normalizePan, validateCvv } from '../validate.js';
import type { TokenTypeDescriptor } from './descriptor.js';
import { FORMAT } from '../../lib/token-formats.js';

const MonthOrYear = (maxLength: number) => Type.Union([Type.String({ maxLength }), Type.Integer({ minimum: 0, maximum: 9999 })]);

export const CardData = Type.Object(
  {
    cardNumber: Type.String({ maxLength: 32, description: '13–19 digits; spaces and dashes are ignored' }),
    expirationMonth: MonthOrYear(2),
    expirationYear: MonthOrYear(4),
    cvv: Type.Optional(Type.String({ maxLength: 8, description: 'Kept only in a 90-second CVC session' })),
    cvc: Type.Optional(Type.String({ maxLength: 8, description: 'Alias of cvv' })),
    holderName: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

/** §6.2's card details, in every card answer (additive: Ozura's fields stay as they are). */
export const CardDetails = Type.Object({
  brand: Type.String({ description: 'The network as credit-card-type names it: visa, mastercard, american-express, discover, diners-club, jcb, unionpay, maestro, mir, elo, hiper, hipercard, troy, naranja, verve, or unknown' }),
  bin: Type.String(),
  last4: Type.String(),
  length: Type.Integer(),
  cvv_length: Type.Integer(),
  expirationMonth: Type.String(),
  expirationYear: Type.String(),
});

function details(brand: string | undefined, bin: string, last4: string, length: number, month: string, year: string) {
  const n = networkOfBrand(brand);
  return { brand: n.network, bin, last4, length, cvv_length: n.cvvLength, expirationMonth: month, expirationYear: year };
}

interface CardInput {
  cardNumber: string;
  expirationMonth: string | number;
  expirationYear: string | number;
  cvv?: string;
  cvc?: string;
  holderName?: string;
}
interface CardStored { cardNumber: string; expirationMonth: string; expirationYear: string; holderName?: string }

export const card: TokenTypeDescriptor<typeof CardData> = {
  name: 'card',
  data: CardData,
  formats: [FORMAT.random, FORMAT.uuid, FORMAT.numeric, FORMAT.card_preserving, FORMAT.last4_preserving, FORMAT.fpe],
  browserCapture: true,
  prepare(raw, now) {
    const d = raw as CardInput;
    const pan = normalizePan(d.cardNumber);
    const expiry = normalizeExpiry(d.expirationMonth, d.expirationYear, now);
    const { brand, cvvLength } = cardNetwork(pan);
    const rawCvv = d.cvv ?? d.cvc;
    const cvv = rawCvv === undefined ? null : validateCvv(rawCvv, cvvLength);
    const m = maskPan(pan);
    const stored: Record<string, string> = { cardNumber: pan, expirationMonth: expiry.month, expirationYear: expiry.year };
    if (d.holderName) stored.holderName = d.holderName;
    return {
      stored,
      canonical: pan,
      display: { cardNumber: m.masked, card_number: m.stars, expirationMonth: expiry.month, expirationYear: expiry.year, bin: m.bin, brand, last4: m.last4 },
      cvv,
      digits: pan,
    };
  },
  view: (display) => ({
    data: { cardNumber: display.cardNumber, expirationMonth: display.expirationMonth, expirationYear: display.expirationYear },
    mask: { card_number: display.card_number },
    bin: display.bin,
    brand: display.brand,
    last4: display.last4,
    card: details(display.brand, display.bin, display.last4, display.cardNumber.length, display.expirationMonth, display.expirationYear),
  }),
  mask(view, display, config) {
    const m = maskCard(display, config);
    return { ...view, data: { ...view.data, cardNumber: m.cardNumber }, mask: { card_number: m.card_number } };
  },
  placeholders(data, cvv) {
    const d = data as CardStored;
    const year4 = d.expirationYear.length === 2 ? `20${d.expirationYear}` : d.expirationYear;
    const v: Record<string, string> = {
      cardNumber: d.cardNumber,
      cardNumberPlaceholder: d.cardNumber,
      expirationMonth: d.expirationMonth,
      expirationMonthPlaceholder: d.expirationMonth,
      expirationYear: d.expirationYear,
      expirationYearPlaceholder: year4,
      expirationYearPlaceholder2: year4.slice(-2),
    };
    if (d.holderName) v.holderName = d.holderName;
    if (cvv !== null) Object.assign(v, { cvv, cvc: cvv, cvvPlaceholder: cvv });
    return v;
  },
  update(stored, display, change, now) {
    const d = { ...(stored as CardStored) };
    const expiry = normalizeExpiry(change.expirationMonth, change.expirationYear, now);
    d.expirationMonth = expiry.month;
    d.expirationYear = expiry.year;
    if (change.holderName !== undefined) d.holderName = change.holderName;
    // The number is untouched, so brand, BIN and last 4 in the display stay as they are.
    return { stored: d, display: { ...display, expirationMonth: expiry.month, expirationYear: expiry.year } };
  },
  searchCanonical: (q) => (q.card_number === undefined ? null : normalizePan(q.card_number)),
  unwrap: (stored) => stored,
  extra(stored) {
    const d = stored as CardStored;
    const pan = d.cardNumber;
    return { card: details(cardNetwork(pan).brand, pan.slice(0, 6), pan.slice(-4), pan.length, d.expirationMonth, d.expirationYear) };
  },
};
