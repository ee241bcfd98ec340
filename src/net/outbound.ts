// The vault's outbound HTTP client, shared by every feature that calls out: the undici Agent
// whose connector refuses non-public addresses (net/ssrf.ts), sending with a deadline, reading
// the answer within its cap and decoding it, and mapping undici's failures to catalogue errors.
// Nothing here knows what is sent or why: header policy and masking stay with the caller.
import zlib from 'node:zlib';
import { Agent } from 'undici';
import { VaultError } from '../http/errors.js';
import { ForbiddenAddress, guardedLookup, loopbackLookup } from './ssrf.js';

export const RESPONSE_CAP = 5 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 30_000;

// RFC 9110 §7.6.1 hop-by-hop headers: never forwarded in either direction.
export const HOP_BY_HOP = new Set([
  'connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'proxy-connection', 'te', 'trailer', 'trailers',
  'transfer-encoding', 'upgrade', 'http2-settings',
]);

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

export interface OutboundOptions {
  /** Connect timeout; the header and body timeouts are `timeoutMs`. */
  connectTimeoutMs?: number;
  /** Tests and private deployments only: skips the connector's address check. */
  allowPrivateNetworks?: boolean;
  /** Checked like any address, except that loopback is allowed (webhooks in test/dev mode). */
  allowLoopback?: boolean;
  timeoutMs: number;
}

/**
 * One keep-alive Pool per origin. Without private networks allowed, every resolved address is
 * checked inside the connector and the socket uses the checked address.
 */
export function outboundAgent(opts: OutboundOptions): Agent {
  return new Agent({
    connect: {
      timeout: opts.connectTimeoutMs ?? DEFAULT_TIMEOUT_MS,
      ...(opts.allowPrivateNetworks ? {} : { lookup: opts.allowLoopback ? loopbackLookup : guardedLookup }),
    },
    headersTimeout: opts.timeoutMs,
    bodyTimeout: opts.timeoutMs,
    keepAliveTimeout: 10_000,
    keepAliveMaxTimeout: 60_000,
    connections: 256,
  });
}

export interface OutboundAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body, decoded (gzip, br, deflate) and at most RESPONSE_CAP bytes. */
  raw: Buffer;
}

/** Sends the request and reads the answer; no redirect is followed (a 3xx comes back as it is). */
export async function send(
  agent: Agent, url: URL, method: string, headers: Record<string, string>, body: Buffer | null, timeoutMs: number,
): Promise<OutboundAnswer> {
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
  return { status: res.statusCode, headers: res.headers, raw };
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
