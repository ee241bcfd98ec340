// Placeholder grammar of API.md §3.4 (written out in docs/proxy.md) and the masking of card
// numbers in upstream answers. Pure: no I/O.
import { VaultError } from '../http/errors.js';
import { luhnValid } from '../tokens/validate.js';

/** `${name}` placeholders the vault knows. Any other `${identifier}` is refused. */
export const NAMED = ['cardNumber', 'expirationMonth', 'expirationYear', 'cvv', 'cvc', 'accountNumber', 'routingNumber', 'firstName', 'lastName', 'holderName', 'value'] as const;
/** Ozura's literal placeholders; the longer spelling is tried first. */
export const LITERALS = ['cardNumberPlaceholder', 'cvvPlaceholder', 'expirationMonthPlaceholder', 'expirationYearPlaceholder2', 'expirationYearPlaceholder'] as const;

// One pass, left to right: a substituted value is never scanned again, so a holder name that
// happens to contain "${cvv}" stays text.
const PATTERN = new RegExp(`\\$\\{([A-Za-z_][A-Za-z0-9_]*)\\}|(${LITERALS.join('|')})`, 'g');

export type Name = (typeof NAMED)[number] | (typeof LITERALS)[number];
const KNOWN = new Set<string>(NAMED);


/** The placeholders used in a string; refuses unknown `${…}` names before anything is read. */
export function scanString(s: string, into: Set<Name>): void {
  if (!s.includes('$') && !s.includes('Placeholder')) return;
  for (const m of s.matchAll(PATTERN)) {
    if (m[1] !== undefined) {
      if (!KNOWN.has(m[1])) throw new VaultError('invalid_placeholder');
      into.add(m[1] as Name);
    } else into.add(m[2] as Name);
  }
}

/** The placeholders used anywhere in a JSON value (string values only; keys are left alone). */
export function scanJson(v: unknown, into: Set<Name>): void {
  if (typeof v === 'string') scanString(v, into);
  else if (Array.isArray(v)) for (const x of v) scanJson(x, into);
  else if (v !== null && typeof v === 'object') for (const x of Object.values(v)) scanJson(x, into);
}

export const needsCvv = (used: Set<Name>) => used.has('cvv') || used.has('cvc') || used.has('cvvPlaceholder');

/** What one token can fill, from its decrypted data (and the CVC session, if any). */
export type Values = Partial<Record<Name, string>>;

export function valuesFor(type: string, data: unknown, cvv: string | null): Values {
  const v: Values = {};
  if (type === 'card') {
    const d = data as { cardNumber: string; expirationMonth: string; expirationYear: string; holderName?: string };
    const year4 = d.expirationYear.length === 2 ? `20${d.expirationYear}` : d.expirationYear;
    Object.assign(v, {
      cardNumber: d.cardNumber,
      cardNumberPlaceholder: d.cardNumber,
      expirationMonth: d.expirationMonth,
      expirationMonthPlaceholder: d.expirationMonth,
      expirationYear: d.expirationYear,
      expirationYearPlaceholder: year4,
      expirationYearPlaceholder2: year4.slice(-2),
    });
    if (d.holderName) v.holderName = d.holderName;
    if (cvv !== null) Object.assign(v, { cvv, cvc: cvv, cvvPlaceholder: cvv });
  } else if (type === 'bank') {
    const d = data as { accountNumber: string; routingNumber: string; holderName?: string; firstName?: string; lastName?: string };
    Object.assign(v, { accountNumber: d.accountNumber, routingNumber: d.routingNumber });
    if (d.holderName) v.holderName = d.holderName;
    if (d.firstName) v.firstName = d.firstName;
    if (d.lastName) v.lastName = d.lastName;
  } else if (type === 'string') {
    v.value = data as string;
  }
  return v;
}

/** How a substituted value is written into the body it lands in. */
export type Encoding = 'json' | 'form' | 'xml' | 'raw';

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function encodeValue(value: string, enc: Encoding): string {
  switch (enc) {
    case 'form':
      return encodeURIComponent(value);
    case 'xml':
      return value.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]);
    case 'json':
      // Into a JSON document carried as a string: the value becomes string content.
      return JSON.stringify(value).slice(1, -1);
    default:
      return value;
  }
}

export function substituteString(s: string, values: Values, enc: Encoding): string {
  return s.replace(PATTERN, (_m, named: string | undefined, literal: string | undefined) => {
    const v = values[(named ?? literal) as Name];
    if (v === undefined) throw new VaultError('invalid_placeholder');
    return encodeValue(v, enc);
  });
}

/** Walks a JSON value; strings get values as plain content (serialisation escapes them later). */
export function substituteJson(v: unknown, values: Values): unknown {
  if (typeof v === 'string') return substituteString(v, values, 'raw');
  if (Array.isArray(v)) return v.map((x) => substituteJson(x, values));
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = substituteJson(x, values);
    return out;
  }
  return v;
}

/** The encoding for a raw (string) body, from its Content-Type. */
export function encodingFor(contentType: string | undefined): Encoding {
  const ct = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (ct === 'application/x-www-form-urlencoded') return 'form';
  if (ct === 'application/xml' || ct === 'text/xml' || ct.endsWith('+xml')) return 'xml';
  if (ct === 'application/json' || ct.endsWith('+json')) return 'json';
  return 'raw';
}

// ---- masking of upstream answers --------------------------------------------------------------

const maskDigits = (d: string) => d.slice(0, 6) + '*'.repeat(d.length - 10) + d.slice(-4);

// Any run of 13 or more digits: a card number may hide inside a longer run ("00" + PAN + "00").
const RUN = /\d{13,}/g;
// The usual grouped spellings (4-4-4-1..7 and Amex 4-6-5) separated by one space or dash.
const GROUPED = /(?<![\d])(?:\d{4}([ -])\d{4}\1\d{4}\1\d{1,7}|\d{4}([ -])\d{6}\2\d{5})(?![\d])/g;
// Luhn's doubled digit, reduced: 0→0, 1→2, …, 5→1, …, 9→9.
const DOUBLED = [0, 2, 4, 6, 8, 1, 3, 5, 7, 9];

// Scratch space reused across calls (masking is synchronous): typed-array allocation would cost
// more than the scan itself. Four prefix sums per position, and a difference array of starred ranges.
let sums = new Int32Array(4 * 64);
let cover = new Int32Array(65);

/**
 * Masks every Luhn-valid 13–19-digit window of a digit run: the window keeps its first 6 and last
 * 4 digits, the rest become stars (windows overlap: every digit in some window's middle is
 * starred). Prefix sums make each window's Luhn sum O(1), and a difference array marks the starred
 * ranges, so a run of n digits costs about 7n additions whatever it holds.
 */
export function maskRun(run: string): string {
  const n = run.length;
  if (sums.length < 4 * (n + 1)) {
    sums = new Int32Array(8 * (n + 1));
    cover = new Int32Array(2 * (n + 1));
  }
  // Prefix sums at k (positions m < k), by the parity p of m: plain digit at 4k+p, doubled at 4k+2+p.
  sums[0] = sums[1] = sums[2] = sums[3] = 0;
  for (let m = 0; m < n; m++) {
    const d = run.charCodeAt(m) - 48;
    const p = m & 1;
    const at = 4 * m;
    sums[at + 4] = sums[at] + (p === 0 ? d : 0);
    sums[at + 5] = sums[at + 1] + (p === 1 ? d : 0);
    sums[at + 6] = sums[at + 2] + (p === 0 ? DOUBLED[d] : 0);
    sums[at + 7] = sums[at + 3] + (p === 1 ? DOUBLED[d] : 0);
  }
  let any = false;
  for (let end = 13; end <= n; end++) {
    // The window's last digit (index end-1) is not doubled, the one before it is, and so on.
    const q = (end - 1) & 1;
    const e = 4 * end;
    // For one end, the longest valid window's middle covers every shorter one's.
    for (let len = Math.min(19, end); len >= 13; len--) {
      const b = 4 * (end - len);
      if ((sums[e + q] - sums[b + q] + sums[e + 2 + (q ^ 1)] - sums[b + 2 + (q ^ 1)]) % 10 !== 0) continue;
      if (!any) {
        cover.fill(0, 0, n + 1);
        any = true;
      }
      cover[end - len + 6]++;
      cover[end - 4]--;
      break;
    }
  }
  if (!any) return run;
  let out = '';
  let from = 0;
  let depth = 0;
  for (let m = 0; m <= n; m++) {
    const was = depth > 0;
    if (m < n) depth += cover[m];
    if (m === n || depth > 0 !== was) {
      out += was ? '*'.repeat(m - from) : run.slice(from, m);
      from = m;
    }
  }
  return out;
}

/**
 * Masks card numbers in text: every Luhn-valid 13–19-digit window of a digit run, the grouped
 * spellings, and — when the call forwarded one — every occurrence of the CVV.
 */
export function maskText(s: string, cvv: string | null = null): string {
  let out = s;
  if (/\d{4}/.test(out)) {
    out = out.replace(RUN, maskRun);
    out = out.replace(GROUPED, (m) => {
      const digits = m.replace(/[ -]/g, '');
      if (digits.length < 13 || digits.length > 19 || !luhnValid(digits)) return m;
      let i = 0;
      const masked = maskDigits(digits);
      return m.replace(/\d/g, () => masked[i++]);
    });
  }
  // A CVV is too short to recognise by shape: what was sent is masked wherever it shows up.
  if (cvv !== null && out.includes(cvv)) out = out.split(cvv).join('*'.repeat(cvv.length));
  return out;
}

/** Masks inside a parsed JSON value: strings, keys, and integers that hold a card number or are the CVV. */
export function maskJson(v: unknown, cvv: string | null = null): unknown {
  if (typeof v === 'string') return maskText(v, cvv);
  if (typeof v === 'number') {
    const s = String(v);
    if (/^\d{13,}$/.test(s)) {
      const masked = maskRun(s);
      return masked === s ? v : masked;
    }
    // Amounts are numbers too: only a number that is exactly the CVV is masked.
    return cvv !== null && s === cvv ? '*'.repeat(cvv.length) : v;
  }
  if (Array.isArray(v)) return v.map((x) => maskJson(x, cvv));
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[maskText(k, cvv)] = maskJson(x, cvv);
    return out;
  }
  return v;
}
