// Card networks by Braintree's credit-card-type (every network it knows), replacing our own
// prefix table. It costs ~65 µs a call (it tries every pattern of every network), so the hot
// path asks a cache keyed by the first 8 digits: no network's pattern is longer, so the answer
// depends on nothing else. The frames (packages/elements/src/card.ts) ask the same library.
import creditCardType from 'credit-card-type';

/** Ozura's names where it has one (`amex`, `diners`); the library's for the networks it lacks. */
export type Brand = 'visa' | 'mastercard' | 'amex' | 'discover' | 'jcb' | 'diners' | 'unionpay' | 'maestro' | 'mir' | 'elo' | 'hiper' | 'hipercard' | 'troy' | 'naranja' | 'verve' | 'unknown';

const OZURA_NAME: Record<string, Brand> = { 'american-express': 'amex', 'diners-club': 'diners' };
const NETWORK_OF: Record<string, string> = { amex: 'american-express', diners: 'diners-club' };

export interface CardNetwork {
  /** The top-level `brand` of an answer (Ozura's names). */
  brand: Brand;
  /** credit-card-type's name (`american-express`, `diners-club`, `mir`, …) or `unknown`. */
  network: string;
  cvvLength: number;
}

const UNKNOWN: CardNetwork = { brand: 'unknown', network: 'unknown', cvvLength: 3 };
const PREFIX = 8;
const CACHE_MAX = 10_000;
const cache = new Map<string, CardNetwork>();

function lookUp(digits: string): CardNetwork {
  const [best] = creditCardType(digits);
  if (!best) return UNKNOWN;
  return { brand: OZURA_NAME[best.type] ?? (best.type as Brand), network: best.type, cvvLength: best.code.size };
}

/** The brand of a card number, by Ozura's names (the answers' top-level `brand`). */
export const cardBrand = (pan: string): Brand => cardNetwork(pan).brand;

/** The network of a card number (or of the digits typed so far). */
export function cardNetwork(pan: string): CardNetwork {
  if (pan === '') return UNKNOWN;
  const key = pan.slice(0, PREFIX);
  let n = cache.get(key);
  if (n === undefined) {
    // Bounded: a flood of made-up BINs costs lookups, never memory.
    if (cache.size >= CACHE_MAX) cache.clear();
    n = lookUp(key);
    cache.set(key, n);
  }
  return n;
}

/** A stored brand (Ozura's name) back to the network and its CVV length, for answers. */
export function networkOfBrand(brand: string | undefined): CardNetwork {
  if (brand === undefined || brand === 'unknown') return UNKNOWN;
  let n = byBrand.get(brand);
  if (n === undefined) {
    const network = NETWORK_OF[brand] ?? brand;
    const info = creditCardType.getTypeInfo(network) as { code?: { size: number } } | null;
    n = info ? { brand: brand as Brand, network, cvvLength: info.code?.size ?? 3 } : UNKNOWN;
    if (byBrand.size < 64) byBrand.set(brand, n);
  }
  return n;
}
const byBrand = new Map<string, CardNetwork>();
