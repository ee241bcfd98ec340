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

// One JSON token: a string (escapes kept as written) or a number. Leading zeros are tolerated so
// that no digit run of the raw text is ever split between two tokens.
const JSON_TOKEN = /"[^"\\]*(?:\\[\s\S][^"\\]*)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;
const DIGIT_RUN = /\d+/g;
// Nothing to mask without one of these; most PSP answers have none, and then the text is only parsed.
const HAS_RUN = /\d{13}/;
const HAS_GROUPED = new RegExp(GROUPED.source);
// A digit, space or dash written as a \u escape: the raw text does not show it.
const HAS_ESCAPE = /\\u00(?:3\d|2[0dD])/i;

/**
 * A JSON number with a card window in any of its digit runs (sign, fraction and exponent do not
 * hide it), or a digit run that is exactly the CVV, becomes a JSON string of the same text
 * with those digits starred; any other number is left as written.
 */
function maskNumber(tok: string, cvv: string | null): string {
  let out = tok.length >= 13 ? tok.replace(RUN, maskRun) : tok;
  if (cvv !== null && out.includes(cvv)) out = out.replace(DIGIT_RUN, (r) => (r === cvv ? '*'.repeat(cvv.length) : r));
  return out === tok ? tok : `"${out}"`;
}

/**
 * A JSON string token (a key or a value). One with escapes is masked on its decoded text, so a
 * digit written as \u0034 is no way around, and a star never lands inside an escape.
 */
function maskString(tok: string, cvv: string | null): string {
  if (!tok.includes('\\')) return maskText(tok, cvv);
  const text = JSON.parse(tok) as string;
  const masked = maskText(text, cvv);
  return masked === text ? tok : JSON.stringify(masked);
}

/**
 * The answer body as the caller sees it: parsed JSON when it says so and parses, else text;
 * masked either way. JSON is masked on the raw text in one pass over its tokens, before it is
 * parsed, so a number's shape (-4111…, 0.4111…, 4111…e-16) or its size (digits past 2^53 that
 * parsing would round) cannot hide a card; then it is parsed once.
 */
export function maskBody(text: string, json: boolean, cvv: string | null = null): unknown {
  if (text.length > 0 && json) {
    try {
      const clean = !HAS_RUN.test(text) && (cvv === null || !text.includes(cvv)) && !HAS_GROUPED.test(text) && !HAS_ESCAPE.test(text);
      if (clean) return JSON.parse(text) as unknown;
      return JSON.parse(text.replace(JSON_TOKEN, (t) => (t.charCodeAt(0) === 34 ? maskString(t, cvv) : maskNumber(t, cvv)))) as unknown;
    } catch {
      // Said JSON, is not: returned as (masked) text.
    }
  }
  return maskText(text, cvv);
}
