// The upstream side of the proxy: which headers may go out, the undici Agent whose connector
// refuses non-public addresses, sending, reading the answer within its cap, and masking it on
// the way back. Nothing here reads the database or sees a token.
import zlib from 'node:zlib';
import { Agent } from 'undici';
import type { VaultConfig } from '../config.js';
import { invalidFields, VaultError } from '../http/errors.js';
import { maskBody, maskText } from './mask.js';
import { ForbiddenAddress, guardedLookup } from './ssrf.js';

const RESPONSE_CAP = 5 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 30_000;

export interface ProxyResponse {
  status_code: number;
  headers: Record<string, string | string[]>;
  body: unknown;
}

// RFC 9110 §7.6.1 hop-by-hop headers, plus what the vault itself sets on the upstream request.
const HOP_BY_HOP = new Set([
  'connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'proxy-connection', 'te', 'trailer', 'trailers',
  'transfer-encoding', 'upgrade', 'http2-settings',
]);
const NEVER_FORWARDED = new Set(['host', 'content-length', 'expect', 'accept-encoding']);
const TOKEN_CHARS = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const FORBIDDEN = new ForbiddenAddress().code;
const TIMEOUTS = ['TimeoutError', 'AbortError', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT'];

/** The codes of an error and of every `cause` under it (undici wraps some socket errors). */
export function codesOf(err: unknown): string[] {
  const out: string[] = [];
  for (let e = err as { code?: unknown; name?: unknown; cause?: unknown } | undefined, i = 0; e && i < 5; e = e.cause as typeof e, i++) {
    if (typeof e.code === 'string') out.push(e.code);
    if (typeof e.name === 'string') out.push(e.name);
  }
  return out;
}

/** The connector refused the resolved address: nothing left the vault. */
export const refusedAddress = (err: unknown) => codesOf(err).includes(FORBIDDEN);

export function upstreamFailure(err: unknown): VaultError {
  if (err instanceof VaultError) return err;
  const codes = codesOf(err);
  if (codes.includes(FORBIDDEN)) return new VaultError('destination_forbidden');
  if (codes.some((c) => TIMEOUTS.includes(c))) return new VaultError('upstream_timeout');
  return new VaultError('upstream_error');
}

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

/**
 * One keep-alive Pool per origin. Without private networks allowed, every resolved address is
 * checked inside the connector and the socket uses the checked address.
 */
export function upstreamAgent(config: VaultConfig, timeoutMs: number): Agent {
  return new Agent({
    connect: {
      timeout: config.proxyConnectTimeoutMs ?? DEFAULT_TIMEOUT_MS,
      ...(config.proxyAllowPrivateNetworks ? {} : { lookup: guardedLookup }),
    },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    keepAliveTimeout: 10_000,
    keepAliveMaxTimeout: 60_000,
    connections: 256,
  });
}

/** Sends the request and reads the answer; no redirect is followed (a 3xx comes back as it is). */
export async function forward(
  agent: Agent, url: URL, method: string, headers: Record<string, string>, body: Buffer | null, timeoutMs: number, cvv: string | null,
): Promise<ProxyResponse> {
  const res = await agent.request({
    origin: url.origin,
    path: url.pathname + url.search,
    method,
    headers,
    body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > RESPONSE_CAP) {
    res.body.destroy();
    throw new VaultError('upstream_error');
  }
  const raw = decode(await readCapped(res.body), res.headers['content-encoding'] as string | undefined);
  return answer(res.statusCode, res.headers, raw, cvv);
}

async function readCapped(body: AsyncIterable<Buffer> & { destroy(err?: Error): void }): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > RESPONSE_CAP) {
      body.destroy();
      throw new VaultError('upstream_error');
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

function decode(buf: Buffer, encoding: string | undefined): Buffer {
  const enc = (encoding ?? '').trim().toLowerCase();
  if (enc === '' || enc === 'identity') return buf;
  const opts = { maxOutputLength: RESPONSE_CAP };
  try {
    if (enc === 'gzip' || enc === 'x-gzip') return zlib.gunzipSync(buf, opts);
    if (enc === 'br') return zlib.brotliDecompressSync(buf, opts);
    if (enc === 'deflate') {
      try {
        return zlib.inflateSync(buf, opts);
      } catch {
        return zlib.inflateRawSync(buf, opts);
      }
    }
  } catch {
    throw new VaultError('upstream_error');
  }
  throw new VaultError('upstream_error');
}

const isJsonType = (ct: string | undefined) => {
  const t = (ct ?? '').split(';')[0].trim().toLowerCase();
  return t === 'application/json' || t.endsWith('+json');
};

/** The answer as the caller sees it: hop-by-hop, cookies and encodings dropped, card data masked. */
function answer(status: number, upstream: Record<string, string | string[] | undefined>, raw: Buffer, cvv: string | null): ProxyResponse {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(upstream)) {
    const lower = name.toLowerCase();
    if (value === undefined || HOP_BY_HOP.has(lower) || lower === 'set-cookie' || lower === 'content-length' || lower === 'content-encoding') continue;
    headers[lower] = Array.isArray(value) ? value.map((x) => maskText(x, cvv)) : maskText(value, cvv);
  }
  const body = maskBody(raw.toString('utf8'), isJsonType(headers['content-type'] as string | undefined), cvv);
  return { status_code: status, headers, body };
}
