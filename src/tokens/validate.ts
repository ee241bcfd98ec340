// Card and bank-account rules of docs/api.md §3.1. Every failure is a VaultError with a fixed message:
// the offending value itself never appears in an error.
import { invalidFields, VaultError } from '../http/errors.js';

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

export { type Brand, cardBrand } from './brand.js';

export function normalizePan(raw: string): string {
  const pan = raw.replace(/[\s-]/g, '');
  if (!/^\d{13,19}$/.test(pan) || !luhnValid(pan)) {
    throw new VaultError('invalid_card_number');
  }
  return pan;
}

export interface Expiry {
  month: string; // always two digits
  year: string; // as given: two or four digits
}

export function normalizeExpiry(month: string | number, year: string | number, now: Date): Expiry {
  const m = String(month).trim();
  const y = String(year).trim();
  const bad = () => new VaultError('invalid_expiry');
  const mm = Number(m);
  if (!/^\d{1,2}$/.test(m) || mm < 1 || mm > 12) throw new VaultError('invalid_expiry_month');
  if (!/^(\d{2}|\d{4})$/.test(y)) throw new VaultError('invalid_expiry_year');
  const yyyy = y.length === 2 ? 2000 + Number(y) : Number(y);
  // A card is valid through the last day of its expiry month.
  const thisMonth = now.getUTCFullYear() * 12 + now.getUTCMonth();
  if (yyyy * 12 + (mm - 1) < thisMonth || yyyy > now.getUTCFullYear() + 50) throw bad();
  return { month: m.padStart(2, '0'), year: y };
}

/** `want`: the network's CVV length (credit-card-type: 4 for American Express, else 3). */
export function validateCvv(cvv: string, want: number): string {
  if (!new RegExp(`^\\d{${want}}$`).test(cvv)) {
    throw new VaultError('invalid_cvv');
  }
  return cvv;
}

/** ABA routing number: nine digits with the 3-7-1 weighted checksum. */
export function abaValid(routing: string): boolean {
  if (!/^\d{9}$/.test(routing)) return false;
  const d = [...routing].map(Number);
  const sum = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5] + d[8]);
  return sum % 10 === 0;
}

export function normalizeAccount(account: string): string {
  const a = account.replace(/[\s-]/g, '');
  if (!/^\d{4,17}$/.test(a)) {
    throw invalidFields([{ path: '/data/accountNumber', message: 'must be 4 to 17 digits' }]);
  }
  return a;
}

export function normalizeRouting(routing: string): string {
  const r = routing.replace(/[\s-]/g, '');
  if (!abaValid(r)) throw new VaultError('invalid_routing_number');
  return r;
}

/** The card networks' published test numbers: the only cards /test-tokens accepts. */
export const TEST_CARDS = new Set([
  '4111111111111111', '4242424242424242', '4000056655665556', '4012888888881881', '4000000000000002',
  '4000000000009995', '4000000000000069', '4000000000000127', '4000000000000119', '4000000000003220',
  '4222222222222', '5555555555554444', '5200828282828210', '5105105105105100', '2223003122003222',
  '2222400010000008', '5454545454545454', '378282246310005', '371449635398431', '378734493671000',
  '6011111111111117', '6011000990139424', '6011000000000012', '3056930009020004', '36227206271667',
  '30569309025904', '38520000023237', '3566002020360505', '3530111333300000', '6200000000000005',
]);

export function maskPan(pan: string): { masked: string; stars: string; bin: string; last4: string } {
  const bin = pan.slice(0, 6);
  const last4 = pan.slice(-4);
  return {
    masked: bin + '*'.repeat(pan.length - 10) + last4,
    stars: '*'.repeat(pan.length - 4) + last4,
    bin,
    last4,
  };
}
