// What an inbound request becomes on its way to the merchant (docs/inbound.md): the URL under the
// route's upstream, the body with its fields replaced by tokens, the headers a partner may pass
// on, and the answer's headers a partner may see. No database, no keys: service.ts runs the flow.
import { VaultError } from '../http/errors.js';
import { forwardTrace, type RequestTrace } from '../http/trace.js';
import { HOP_BY_HOP } from '../net/outbound.js';
import { forwardableHeaders } from '../proxy/upstream.js';
import { type Found, findInForm, findInJson, type ResponseField, replaceInForm, replaceInJson, type RouteField } from '../tokens/paths.js';
import type { TokenizeItemResult } from '../tokens/store.js';
import { CONTENT_TYPES, type RouteContentType } from './schemas.js';

/** The inbound request as the handler read it. */
export interface InboundRequest {
  method: string;
  /** The raw (still percent-encoded) path after the route id: '' or '/…'. */
  rest: string;
  /** The raw query string, with its '?', or ''. */
  search: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON (application/json), a Buffer (any other type), or undefined (no body). */
  body: unknown;
  /** The request's span when tracing is on (the upstream call gets a child span); else null. */
  trace: RequestTrace | null;
}

// Never passed to the merchant: the vault's own credentials and cookies (a browser posting a
// form to the vault would send the dashboard's session cookie), and what proxies add.
const VAULT_HEADERS = new Set([
  'x-api-key', 'x-pub-key', 'x-session-key', 'cookie', 'forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-real-ip',
  'via', 'x-request-id',
]);

// What the partner sees of the merchant's answer besides status and body. Not Set-Cookie: it
// would set cookies on the vault's own origin.
const ANSWER_HEADERS = new Set([
  'content-type', 'content-language', 'cache-control', 'expires', 'etag', 'last-modified', 'location', 'retry-after', 'www-authenticate',
]);

/** The upstream URL for this request: the route's URL, the rest of the path appended, the query kept. */
export function upstreamUrl(base: string, rest: string, search: string): string {
  for (const segment of rest.split('/')) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      throw new VaultError('bad_url');
    }
    // Resolved by the URL parser, a dot segment would climb out of the route's upstream path.
    if (decoded === '.' || decoded === '..') throw new VaultError('inbound_path_segment');
  }
  const url = new URL(base);
  url.pathname = url.pathname.replace(/\/$/, '') + rest;
  url.search = search;
  url.hash = '';
  return url.href;
}

const mediaType = (h: string | string[] | undefined) => String(h ?? '').split(';')[0].trim().toLowerCase();

/** The body as the route reads it, or 415 when it is not the route's content type. */
export type ParsedBody = { kind: 'none' } | { kind: 'json'; value: unknown } | { kind: 'form'; form: URLSearchParams };

export function parseBody(contentType: RouteContentType, req: InboundRequest): ParsedBody {
  if (req.body === undefined || req.body === null || (Buffer.isBuffer(req.body) && req.body.length === 0)) return { kind: 'none' };
  const wanted = () => new VaultError('inbound_media_type', { args: [CONTENT_TYPES[contentType]] });
  if (contentType === 'json') {
    if (Buffer.isBuffer(req.body)) throw wanted();
    return { kind: 'json', value: req.body };
  }
  if (!Buffer.isBuffer(req.body) || mediaType(req.headers['content-type']) !== CONTENT_TYPES.form) throw wanted();
  return { kind: 'form', form: new URLSearchParams(req.body.toString('utf8')) };
}

/** The places of the route's fields in the body; a required field that is absent fails (400). */
export function findFields(body: ParsedBody, fields: RouteField[]): Found[] {
  const specs = fields as ResponseField[];
  const { found, missing } =
    body.kind === 'json' ? findInJson(body.value, specs)
      : body.kind === 'form' ? findInForm(body.form, specs)
        : { found: [], missing: specs };
  const absent = missing.find((f) => (f as RouteField).required !== false);
  if (absent) throw new VaultError('missing_field', { args: [absent.path], details: [{ path: absent.path, message: 'is required' }] });
  return found;
}

/** The body to send, with the tokens in place. */
export function payloadOf(body: ParsedBody, found: Found[], outcomes: TokenizeItemResult[]): Buffer | null {
  if (body.kind === 'none') return null;
  if (body.kind === 'json') {
    replaceInJson(body.value, found, outcomes);
    return Buffer.from(JSON.stringify(body.value));
  }
  replaceInForm(body.form, found, outcomes);
  return Buffer.from(body.form.toString());
}

/** The headers to send: the partner's, less hop-by-hop and the vault's; the body's length and type. */
export function requestHeaders(req: InboundRequest, contentType: RouteContentType, payload: Buffer | null): Record<string, string> {
  const headers = forwardableHeaders(req.headers, VAULT_HEADERS);
  forwardTrace(req.headers, headers);
  headers['accept-encoding'] = 'identity';
  if (payload !== null) {
    headers['content-type'] = contentType === 'json' ? CONTENT_TYPES.json : headers['content-type'] ?? CONTENT_TYPES.form;
    headers['content-length'] = String(payload.length);
  } else delete headers['content-type'];
  return headers;
}

/** The merchant's answer headers a partner may see. */
export function answerHeaders(upstream: Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(upstream)) {
    const lower = name.toLowerCase();
    if (value !== undefined && ANSWER_HEADERS.has(lower) && !HOP_BY_HOP.has(lower)) out[lower] = value;
  }
  return out;
}
