// Card and bank rules the frames apply as the user types: brand, grouping, Luhn, expiry, CVV
// length, ABA checksum. The vault checks everything again; these only drive the field's state.
import creditCardType from 'credit-card-type';

export type Brand = 'visa' | 'mastercard' | 'amex' | 'discover' | 'jcb' | 'diners' | 'unionpay' | 'maestro' | 'mir' | 'elo' | 'hiper' | 'hipercard' | 'troy' | 'naranja' | 'verve' | 'unknown';

const OZURA_NAME: Record<string, Brand> = { 'american-express': 'amex', 'diners-club': 'diners' };

/** The vault's brand detection (src/tokens/brand.ts): credit-card-type, Ozura's names. */
export function cardBrand(pan: string): Brand {
  if (pan === '') return 'unknown';
  const [best] = creditCardType(pan.slice(0, 8));
  return best ? (OZURA_NAME[best.type] ?? (best.type as Brand)) : 'unknown';
}

/** Lengths a complete number of the brand has. */
export function panLengths(brand: Brand): number[] {
  switch (brand) {
    case 'amex': return [15];
    case 'diners': return [14, 16, 19];
    case 'visa': return [13, 16, 19];
    case 'mastercard': return [16];
    case 'unknown': return [16, 19];
    default: return [16, 17, 18, 19];
  }
}

export const cvvLength = (brand: Brand) => (brand === 'amex' ? 4 : 3);

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** 4-6-5 for Amex, 4-6-4 for 14-digit Diners, groups of four otherwise. */
export function formatPan(digits: string): string {
  const brand = cardBrand(digits);
  const gaps = brand === 'amex' || (brand === 'diners' && digits.length <= 14) ? [4, 10] : [4, 8, 12, 16];
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (gaps.includes(i)) out += ' ';
    out += digits[i];
  }
  return out;
}

export interface FieldState {
  empty: boolean;
  complete: boolean;
  valid: boolean;
  brand?: Brand;
}

export function panState(digits: string): FieldState {
  const brand = cardBrand(digits);
  const complete = panLengths(brand).includes(digits.length) || digits.length === 19;
  return { empty: digits === '', complete, valid: complete && luhnValid(digits), brand };
}

/** "MM / YY" from whatever was typed or autofilled ("1230", "12/2030", "12 / 30"). */
export function parseExpiry(raw: string): { month: string; year: string } {
  const parts = raw.split(/\s*[/-]\s*/);
  if (parts.length === 2 && /^\d{1,2}$/.test(parts[0]) && /^\d{2}(\d{2})?$/.test(parts[1])) {
    return { month: parts[0].padStart(2, '0'), year: parts[1].slice(-2) };
  }
  const d = raw.replace(/\D/g, '');
  // A leading 2–9 can only be a one-digit month.
  const month = /^[2-9]/.test(d) ? `0${d[0]}` : d.slice(0, 2);
  const rest = /^[2-9]/.test(d) ? d.slice(1) : d.slice(2);
  return { month, year: rest.length > 2 ? rest.slice(-2) : rest };
}

export function formatExpiry(e: { month: string; year: string }): string {
  return e.year ? `${e.month} / ${e.year}` : e.month;
}

export function expiryState(e: { month: string; year: string }, now = new Date()): FieldState {
  const complete = e.month.length === 2 && e.year.length === 2;
  const m = Number(e.month);
  const y = 2000 + Number(e.year);
  const notPast = y * 12 + m - 1 >= now.getFullYear() * 12 + now.getMonth();
  return { empty: e.month === '' && e.year === '', complete, valid: complete && m >= 1 && m <= 12 && notPast && y < now.getFullYear() + 50 };
}

export function cvvState(digits: string, brand: Brand): FieldState {
  const complete = digits.length === cvvLength(brand);
  return { empty: digits === '', complete, valid: complete };
}

export function abaValid(r: string): boolean {
  if (!/^\d{9}$/.test(r)) return false;
  const d = [...r].map(Number);
  return (3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5] + d[8])) % 10 === 0;
}

export function accountState(digits: string): FieldState {
  const complete = digits.length >= 4;
  return { empty: digits === '', complete, valid: complete && digits.length <= 17 };
}

export function routingState(digits: string): FieldState {
  const complete = digits.length === 9;
  return { empty: digits === '', complete, valid: complete && abaValid(digits) };
}
