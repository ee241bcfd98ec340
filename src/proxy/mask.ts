// Masking of card data in upstream answers (docs/proxy.md §6). Pure: no I/O.
import { luhnValid } from '../tokens/validate.js';

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

/** The answer body as the caller sees it: parsed JSON when it says so and parses, else text; masked. */
export function maskBody(text: string, json: boolean, cvv: string | null = null): unknown {
  const body = maskText(text, cvv);
  if (text.length > 0 && json) {
    try {
      return maskJson(JSON.parse(text), cvv);
    } catch {
      // Said JSON, is not: returned as (masked) text.
    }
  }
  return body;
}
