// Placeholder grammar of docs/api.md §3.4 (written out in docs/proxy.md). Pure: no I/O. The masking
// of upstream answers is in ./mask.ts.
import { VaultError } from '../http/errors.js';
import { storedType } from '../tokens/types/index.js';

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
  return storedType(type).placeholders(data, cvv);
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
