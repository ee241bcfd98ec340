// What identifies an idempotent request: the key, the caller it belongs to, and the canonical
// request whose MAC a retry must match (docs/idempotency.md).
import type { FastifyRequest } from 'fastify';
import { canonicalJson } from '../db/audit.js';
import { invalidFields } from '../http/errors.js';

const KEY = /^[\x20-\x7e]{1,255}$/;

/** The key as sent, or a 400 before anything runs: 1–255 printable ASCII characters. */
export function checkedKey(raw: string | string[]): string {
  // A repeated header reaches Node as an array (or joined with ", "): either is not one key.
  if (typeof raw !== 'string' || !KEY.test(raw)) {
    throw invalidFields([{ path: '/headers/idempotency-key', message: 'must be 1 to 255 printable ASCII characters' }]);
  }
  return raw;
}

/**
 * The caller a key belongs to: the application of an API key (with the user too on a hybrid
 * call), the session of a session key, the user of a JWT. Null: nobody authenticated (no route
 * of §6.1 lets such a request through to here).
 */
export function scopeOf(req: FastifyRequest): string | null {
  if (req.elementsSession) return `ses:${req.elementsSession.id}`;
  if (req.principal) return req.user ? `app:${req.principal.id}:usr:${req.user.id}` : `app:${req.principal.id}`;
  if (req.user) return `usr:${req.user.id}`;
  return null;
}

// Not part of what a request asks for: transport, tracing, and the caller's credentials (the
// caller is the scope already). Every other header counts on routes that forward headers.
const NOT_THE_REQUEST = new Set([
  'idempotency-key', 'x-request-id', 'content-length', 'connection', 'keep-alive', 'host', 'te', 'transfer-encoding',
  'x-api-key', 'x-pub-key', 'x-session-key', 'authorization', 'cookie', 'forwarded', 'x-forwarded-for',
  'x-forwarded-host', 'x-forwarded-proto', 'x-real-ip', 'via', 'traceparent', 'tracestate',
]);

/**
 * The request as compared: method, path with query, the project it acts on (a JWT caller names
 * it by X-Pub-Key or the body), the body (canonical JSON, so key order does not matter; a raw
 * body byte for byte) and, where the route forwards headers (the proxy's header mode), those.
 */
export function canonicalParts(req: FastifyRequest, withHeaders: boolean): (string | Buffer)[] {
  const body = req.body;
  const parts: (string | Buffer)[] = [req.method, req.url, req.project?.id ?? ''];
  parts.push(Buffer.isBuffer(body) ? 'raw' : 'json', Buffer.isBuffer(body) ? body : body === undefined ? '' : canonicalJson(body));
  if (withHeaders) {
    const names = Object.keys(req.headers).filter((h) => !NOT_THE_REQUEST.has(h)).sort();
    parts.push(canonicalJson(names.map((h) => [h, req.headers[h]])));
  }
  return parts;
}
