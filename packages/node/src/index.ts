// The merchant's server side of Open Vault:
// - `createVaultClient`: a typed client for the whole API (openapi-fetch over the types generated
//   from the vault's /openapi.json), with shortcuts for the calls a checkout makes;
// - `createSessionHandler` (Fetch API) and `createSessionMiddleware` (Express, Fastify, node:http):
//   the `sessionUrl` endpoint the browser SDK calls for a session key.
import type { IncomingMessage, ServerResponse } from 'node:http';
import createClient, { type Client } from 'openapi-fetch';
import { fromAnswer } from './errors.js';
import type { components, paths } from './openapi.js';
import { createTransport, type RetryOptions } from './transport.js';
import type {
  DetokenizeBatchResponse, DetokenizeResponse, ProxyRequest, ProxyResponse, SessionResponse, TokenizeBatchRequest, TokenizeBatchResponse, TokenizeRequest,
  TokenizeResponse,
} from './types.js';

export type { components, paths };
export { VaultApiError, VaultError, type ClientErrorCode } from './errors.js';
export { retriable, retryAfterMs, type RetryOptions } from './transport.js';
export type * from './types.js';

export interface VaultClientOptions {
  /** The vault's base URL, e.g. https://vault.example.com */
  vaultUrl: string;
  /** The application's secret API key (`key_…`), for the API-key endpoints. */
  apiKey?: string;
  /** The application's pub key (`pk_…`), required by /tokenize. */
  pubKey?: string;
  /** A dashboard JWT, for the management endpoints (/api/…). */
  accessToken?: string;
  /** Per attempt, ms (default 30 000); past it the call fails with code `timeout`. */
  timeoutMs?: number;
  /** Retries of safe and idempotent calls (default: 2 retries, backoff from 200 ms, `Retry-After` honoured up to 10 s). */
  retry?: RetryOptions;
  fetch?: typeof fetch;
}

/** Per call: your own `Idempotency-Key` (one is generated otherwise), and an abort signal. */
export interface CallOptions {
  idempotencyKey?: string;
  signal?: AbortSignal;
}

type Schema<K extends string> = K extends keyof components['schemas'] ? components['schemas'][K] : never;
export type { Schema };

async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (error !== undefined || data === undefined) throw fromAnswer(response, error);
  return data;
}

export interface VaultClient {
  /** Every path of the API, typed: `api.GET('/api/projects')`, `api.POST('/tokenize', {body})`, … */
  api: Client<paths>;
  /** One item → 201 with its token. */
  tokenize(body: TokenizeRequest, options?: CallOptions): Promise<TokenizeResponse>;
  /** A batch (`items`, ≤ 1000) → each item's result or its own error, in order. */
  tokenize(body: TokenizeBatchRequest, options?: CallOptions): Promise<TokenizeBatchResponse>;
  /** One token → its data as tokenized (never the CVV). */
  detokenize(token: string, options?: CallOptions): Promise<DetokenizeResponse>;
  /** Several tokens (≤ 1000) → `{items: [{token, data} | {token, error}]}`. */
  detokenize(tokens: string[], options?: CallOptions): Promise<DetokenizeBatchResponse>;
  proxy(body: ProxyRequest, options?: CallOptions): Promise<ProxyResponse>;
  createSession(options?: { sessionLimit?: number; ttlSeconds?: number } & CallOptions): Promise<SessionResponse['data']>;
  revokeSession(sessionKey: string, options?: CallOptions): Promise<void>;
}

const init = (o: CallOptions = {}) => ({
  ...(o.idempotencyKey !== undefined && { headers: { 'idempotency-key': o.idempotencyKey } }),
  ...(o.signal !== undefined && { signal: o.signal }),
});

export function createVaultClient(options: VaultClientOptions): VaultClient {
  const headers: Record<string, string> = {};
  if (options.apiKey) headers['x-api-key'] = options.apiKey;
  if (options.pubKey) headers['x-pub-key'] = options.pubKey;
  if (options.accessToken) headers.authorization = `Bearer ${options.accessToken}`;
  const baseUrl = options.vaultUrl.replace(/\/+$/, '');
  const fetch = createTransport(baseUrl, { timeoutMs: options.timeoutMs, retry: options.retry, fetch: options.fetch });
  const api = createClient<paths>({ baseUrl, headers, fetch });
  // The generated body types say `data: unknown`; ours (types.ts) are the stricter ones callers see.
  const post = <T>(path: '/tokenize' | '/detokenize' | '/proxy/transaction', body: unknown, o?: CallOptions) =>
    unwrap(api.POST(path, { body: body as never, ...init(o) })) as Promise<T>;
  return {
    api,
    tokenize: ((body: TokenizeRequest | TokenizeBatchRequest, o?: CallOptions) => post('/tokenize', body, o)) as VaultClient['tokenize'],
    detokenize: ((t: string | string[], o?: CallOptions) => post('/detokenize', Array.isArray(t) ? { tokens: t } : { token: t }, o)) as VaultClient['detokenize'],
    proxy: (body, o) => post<ProxyResponse>('/proxy/transaction', body, o),
    async createSession(o = {}) {
      const body = { ...(o.sessionLimit !== undefined && { session_limit: o.sessionLimit }), ...(o.ttlSeconds !== undefined && { ttl_seconds: o.ttlSeconds }) };
      return (await unwrap(api.POST('/sessions', { body, ...init(o) }))).data;
    },
    async revokeSession(sessionKey, o) {
      await unwrap(api.DELETE('/sessions/{session_key}', { params: { path: { session_key: sessionKey } }, ...init(o) }));
    },
  };
}

export interface SessionHandlerOptions {
  vaultUrl: string;
  /** The merchant application's API key (tokenization permission). Stays on the server. */
  apiKey: string;
  /** Tokenizations per key (1–100, default 3); give the SDK the same `sessionLimit`. */
  sessionLimit?: number;
  /** Seconds a key lives (60–3600, default 900). */
  ttlSeconds?: number;
  /**
   * Whether this caller may have a key (e.g. has a cart); refused → 403. Without it anyone who
   * can reach the endpoint gets keys, so put it behind your own session or rate limit.
   */
  authorize?: (req: Request | IncomingMessage) => boolean | Promise<boolean>;
  /** Per attempt, ms (default 10 000): a checkout should not hang on the vault. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

type Minted = { status: number; body: { sessionKey: string } | { error: string } };

function minter(options: SessionHandlerOptions) {
  const client = createVaultClient({ vaultUrl: options.vaultUrl, apiKey: options.apiKey, fetch: options.fetch, timeoutMs: options.timeoutMs ?? 10_000 });
  return async (req: Request | IncomingMessage): Promise<Minted> => {
    if (options.authorize && !(await options.authorize(req))) return { status: 403, body: { error: 'forbidden' } };
    try {
      const s = await client.createSession({ sessionLimit: options.sessionLimit, ttlSeconds: options.ttlSeconds });
      return { status: 200, body: { sessionKey: s.session_key } };
    } catch {
      // The vault's answer stays on the server: the browser only learns that there is no key.
      return { status: 502, body: { error: 'session_unavailable' } };
    }
  };
}

const NO_STORE = { 'content-type': 'application/json', 'cache-control': 'no-store' };

/** A Fetch API handler (Next.js route handlers, Hono, Deno, Bun, Workers): POST → `{"sessionKey"}`. */
export function createSessionHandler(options: SessionHandlerOptions): (req: Request) => Promise<Response> {
  const mint = minter(options);
  return async (req) => {
    if (req.method !== 'POST') return new Response(JSON.stringify({ error: 'method_not_allowed' }), { status: 405, headers: { ...NO_STORE, allow: 'POST' } });
    const { status, body } = await mint(req);
    return new Response(JSON.stringify(body), { status, headers: NO_STORE });
  };
}

interface FastifyLikeReply {
  code(status: number): FastifyLikeReply;
  headers(h: Record<string, string>): FastifyLikeReply;
  send(body: unknown): unknown;
}

const isFastifyReply = (r: unknown): r is FastifyLikeReply =>
  typeof (r as FastifyLikeReply).code === 'function' && typeof (r as FastifyLikeReply).send === 'function' && typeof (r as FastifyLikeReply).headers === 'function';

/**
 * For Express (`app.post('/session', mw)`), node:http, and Fastify (`app.post('/session', mw)`,
 * where the second argument is Fastify's reply). Answers the request itself; `next` is only
 * called with an unexpected error.
 */
export function createSessionMiddleware(options: SessionHandlerOptions) {
  const mint = minter(options);
  return async (req: IncomingMessage | { raw: IncomingMessage }, res: ServerResponse | FastifyLikeReply, next?: (err?: unknown) => void): Promise<void> => {
    try {
      const raw = 'raw' in req ? req.raw : req;
      const { status, body } = await mint(raw);
      if (isFastifyReply(res)) {
        await res.code(status).headers(NO_STORE).send(body);
        return;
      }
      res.writeHead(status, NO_STORE).end(JSON.stringify(body));
    } catch (err) {
      if (next) next(err);
      else throw err;
    }
  };
}
