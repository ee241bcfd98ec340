// The merchant's server side of Open Vault:
// - `createVaultClient`: a typed client for the whole API (openapi-fetch over the types generated
//   from the vault's /openapi.json), with shortcuts for the calls a checkout makes;
// - `createSessionHandler` (Fetch API) and `createSessionMiddleware` (Express, Fastify, node:http):
//   the `sessionUrl` endpoint the browser SDK calls for a session key.
import type { IncomingMessage, ServerResponse } from 'node:http';
import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from './openapi.js';

export type { components, paths };

export interface VaultClientOptions {
  /** The vault's base URL, e.g. https://vault.example.com */
  vaultUrl: string;
  /** The application's secret API key (`key_…`), for the API-key endpoints. */
  apiKey?: string;
  /** The application's pub key (`pk_…`), required by /tokenize. */
  pubKey?: string;
  /** A dashboard JWT, for the management endpoints (/api/…). */
  accessToken?: string;
  fetch?: typeof fetch;
}

/** A failed call: the vault's error code, status and request id (never the request's data). */
export class VaultApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly requestId?: string) {
    super(message);
    this.name = 'VaultApiError';
  }
}

type Schema<K extends string> = K extends keyof components['schemas'] ? components['schemas'][K] : never;
type Json<P extends keyof paths, M extends 'post' | 'delete'> = paths[P][M] extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;
type Reply<P extends keyof paths, M extends 'post' | 'delete', S extends number> = paths[P][M] extends { responses: { [K in S]: { content: { 'application/json': infer R } } } } ? R : never;

export type TokenizeRequest = Json<'/tokenize', 'post'>;
export type TokenizeResponse = Reply<'/tokenize', 'post', 201>;
export type DetokenizeResponse = Reply<'/detokenize', 'post', 200>;
export type ProxyRequest = Json<'/proxy/transaction', 'post'>;
export type ProxyResponse = Reply<'/proxy/transaction', 'post', 200>;
export type SessionResponse = Reply<'/sessions', 'post', 201>;
export type { Schema };

async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (error !== undefined || data === undefined) {
    const e = (error ?? {}) as { message?: string; error?: { code?: string; request_id?: string } };
    throw new VaultApiError(response.status, e.error?.code ?? 'unknown_error', e.message ?? `The vault answered ${response.status}.`, e.error?.request_id);
  }
  return data;
}

/**
 * Per call. `idempotencyKey` (1–255 printable ASCII): a retry with the same key and the same
 * request gets the first answer back instead of running again (API.md §6.1), e.g. one key per
 * checkout attempt so a second click never charges twice.
 */
export interface CallOptions {
  idempotencyKey?: string;
}

const callHeaders = (o?: CallOptions) => (o?.idempotencyKey !== undefined ? { headers: { 'idempotency-key': o.idempotencyKey } } : {});

export interface VaultClient {
  /** Every path of the API, typed: `api.GET('/api/projects')`, `api.POST('/tokenize', {body})`, … */
  api: Client<paths>;
  tokenize(body: TokenizeRequest, options?: CallOptions): Promise<TokenizeResponse>;
  detokenize(token: string): Promise<DetokenizeResponse>;
  proxy(body: ProxyRequest, options?: CallOptions): Promise<ProxyResponse>;
  createSession(options?: { sessionLimit?: number; ttlSeconds?: number } & CallOptions): Promise<SessionResponse['data']>;
  revokeSession(sessionKey: string): Promise<void>;
}

export function createVaultClient(options: VaultClientOptions): VaultClient {
  const headers: Record<string, string> = {};
  if (options.apiKey) headers['x-api-key'] = options.apiKey;
  if (options.pubKey) headers['x-pub-key'] = options.pubKey;
  if (options.accessToken) headers.authorization = `Bearer ${options.accessToken}`;
  const api = createClient<paths>({ baseUrl: options.vaultUrl.replace(/\/+$/, ''), headers, ...(options.fetch ? { fetch: options.fetch } : {}) });
  return {
    api,
    // One item answers 201 with the token; a batch (`items`) answers 200: this shortcut is for one item.
    tokenize: (body, o) => unwrap(api.POST('/tokenize', { body, ...callHeaders(o) })) as Promise<TokenizeResponse>,
    detokenize: (token) => unwrap(api.POST('/detokenize', { body: { token } })),
    proxy: (body, o) => unwrap(api.POST('/proxy/transaction', { body, ...callHeaders(o) })),
    async createSession(o = {}) {
      const body = { ...(o.sessionLimit !== undefined && { session_limit: o.sessionLimit }), ...(o.ttlSeconds !== undefined && { ttl_seconds: o.ttlSeconds }) };
      return (await unwrap(api.POST('/sessions', { body, ...callHeaders(o) }))).data;
    },
    async revokeSession(sessionKey) {
      await unwrap(api.DELETE('/sessions/{session_key}', { params: { path: { session_key: sessionKey } } }));
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
  fetch?: typeof fetch;
}

type Minted = { status: number; body: { sessionKey: string } | { error: string } };

function minter(options: SessionHandlerOptions) {
  const client = createVaultClient({ vaultUrl: options.vaultUrl, apiKey: options.apiKey, fetch: options.fetch });
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
