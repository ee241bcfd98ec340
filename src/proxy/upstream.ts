// The upstream side of the proxy: which headers may go out, and masking the answer on the way
// back. Sending goes through the shared outbound client (net/outbound.ts), whose connector
// refuses non-public addresses. Nothing here reads the database or sees a token.
import { invalidFields } from '../http/errors.js';
import { HOP_BY_HOP } from '../net/outbound.js';
import { maskBody, maskText } from './mask.js';

export interface ProxyResponse {
  status_code: number;
  headers: Record<string, string | string[]>;
  body: unknown;
}

const NEVER_FORWARDED = new Set(['host', 'content-length', 'expect', 'accept-encoding']);
const TOKEN_CHARS = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Outgoing headers: hop-by-hop and vault-owned ones dropped, names and values checked. */
export function forwardableHeaders(given: Record<string, string | string[] | undefined>, extraDrop: Set<string> = new Set()) {
  const named = String(given.connection ?? given.Connection ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const out: Record<string, string> = {};
  for (const [name, raw] of Object.entries(given)) {
    const lower = name.toLowerCase();
    if (raw === undefined || HOP_BY_HOP.has(lower) || NEVER_FORWARDED.has(lower) || extraDrop.has(lower) || named.includes(lower)) continue;
    if (!TOKEN_CHARS.test(name)) throw invalidFields([{ path: '/http_headers', message: 'header names must be HTTP tokens' }]);
    const value = Array.isArray(raw) ? raw.join(', ') : raw;
    // Never echo the value: it may be a PSP secret.
    // Latin-1 without control characters: anything else cannot be sent, so it is the caller's
    // error (400), not an upstream failure.
    if (/[^\t\x20-\x7e\x80-\xff]/.test(value)) {
      throw invalidFields([{ path: '/http_headers', message: 'header values must be Latin-1 text without control characters' }]);
    }
    out[lower] = value;
  }
  return out;
}

const isJsonType = (ct: string | undefined) => {
  const t = (ct ?? '').split(';')[0].trim().toLowerCase();
  return t === 'application/json' || t.endsWith('+json');
};

/** The answer as the caller sees it: hop-by-hop, cookies and encodings dropped, card data masked. */
export function answer(status: number, upstream: Record<string, string | string[] | undefined>, raw: Buffer, cvv: string | null): ProxyResponse {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(upstream)) {
    const lower = name.toLowerCase();
    if (value === undefined || HOP_BY_HOP.has(lower) || lower === 'set-cookie' || lower === 'content-length' || lower === 'content-encoding') continue;
    headers[lower] = Array.isArray(value) ? value.map((x) => maskText(x, cvv)) : maskText(value, cvv);
  }
  const body = maskBody(raw.toString('utf8'), isJsonType(headers['content-type'] as string | undefined), cvv);
  return { status_code: status, headers, body };
}
