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

/** The library's answer for these digits (a full scan of every pattern: ~65 µs). */
export function lookUp(digits: string): CardNetwork {
  const [best] = creditCardType(digits);
  if (!best) return UNKNOWN;
  return { brand: OZURA_NAME[best.type] ?? (best.type as Brand), network: best.type, cvvLength: best.code.size };
}

// Every pattern of the library is a number or a [from, to] range of at most 8 digits, so it matches
// an interval of 8-digit prefixes. Between two consecutive interval ends the library's answer cannot
// change: one lookup per stretch (a few hundred in all) serves every card, whatever its BIN — a
// flood of made-up BINs costs a binary search, not a scan.
const SPAN = 10 ** PREFIX;
const BOUNDS: number[] = (() => {
  const ends = new Set<number>([0, SPAN]);
  for (const type of Object.values(creditCardType.types)) {
    for (const p of (creditCardType.getTypeInfo(type) as { patterns: (number | number[])[] }).patterns) {
      const [from, to] = Array.isArray(p) ? p : [p, p];
      const scale = 10 ** (PREFIX - String(from).length);
      ends.add(from * scale).add((to + 1) * scale);
    }
  }
  return [...ends].sort((a, b) => a - b);
})();
const byStretch: (CardNetwork | undefined)[] = new Array<CardNetwork | undefined>(BOUNDS.length);

/** The stretch of BOUNDS holding n: the last i with BOUNDS[i] <= n. */
function stretchOf(n: number): number {
  let lo = 0;
  let hi = BOUNDS.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (BOUNDS[mid] <= n) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The brand of a card number, by Ozura's names (the answers' top-level `brand`). */
/** A brand as answers name it at the top level (Ozura's `amex`), from either name. */
export const ozuraBrand = (name: string): string => OZURA_NAME[name] ?? name;

export const cardBrand = (pan: string): Brand => cardNetwork(pan).brand;

/** The network of a card number (or of the digits typed so far). */
export function cardNetwork(pan: string): CardNetwork {
  if (pan === '') return UNKNOWN;
  if (pan.length >= PREFIX && /^\d+$/.test(pan)) {
    const i = stretchOf(Number(pan.slice(0, PREFIX)));
    return (byStretch[i] ??= lookUp(String(BOUNDS[i]).padStart(PREFIX, '0')));
  }
  // Fewer digits (a field being typed): the library's partial matching, cached by the digits.
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
