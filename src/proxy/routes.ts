// POST /proxy/transaction and DELETE /proxy/delete-cvc-session/:id (docs/api.md §3.4).
// The raw-body parsers (form, XML) exist only inside this plugin's scope: everywhere else the
// vault takes JSON only.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { apiKeyGuard } from '../applications/guard.js';
import { callerOf } from '../http/context.js';
import { invalidFields, VaultError } from '../http/errors.js';
import { allows } from '../applications/permissions.js';
import { mayDeduplicate } from '../tokens/routes.js';
import { forwardTrace } from '../http/trace.js';
import { ENV } from '../lib/environments.js';
import { ErrorBody } from '../http/schemas.js';
import { encodingFor } from './placeholders.js';
import { CvcDeleted, CvcSessionParams, ProxyJsonBody, ProxyQuery, ProxyRawHeaders, ProxyResult } from './schemas.js';
import type { ProxyInput } from './service.js';
import { forwardableHeaders } from './upstream.js';

const BODY_LIMIT = 1024 * 1024; // as the app's JSON limit (docs/api.md §0: 413 over 1 MiB)
const RAW_TYPES = ['application/x-www-form-urlencoded', 'application/xml', 'text/xml'];
// In raw (header) mode the client's own headers go upstream, except these, which belong to the
// vault: its credentials (a hybrid call's JWT must never reach a PSP), its routing headers, and
// what proxies in front of it add. The PSP's credentials come as X-Proxy-Authorization.
const VAULT_HEADERS = new Set([
  'x-api-key', 'x-pub-key', 'x-session-key', 'authorization', 'cookie', 'x-proxy-authorization', 'x-token', 'x-proxy-url',
  'x-cvc-session-id', 'x-http-method', 'x-request-id', 'forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto',
  'x-real-ip', 'via',
]);

const missing = (path: string) => invalidFields([{ path, message: 'is required' }]);

function jsonInput(body: ProxyJsonBody): ProxyInput {
  const headers = forwardableHeaders(body.http_headers ?? {});
  const data = body.request_data;
  let payload: ProxyInput['body'];
  if (data === undefined || data === null) payload = { kind: 'none' };
  else if (typeof data === 'string') {
    headers['content-type'] ??= 'text/plain; charset=utf-8';
    payload = { kind: 'text', text: data, encoding: encodingFor(headers['content-type']) };
  } else payload = { kind: 'json', value: data };
  return {
    token: body.token,
    cvcSessionId: body.cvc_session_id ?? null,
    proxyUrl: body.proxy_url,
    method: body.http_method ?? 'POST',
    headers,
    body: payload,
    mode: 'json',
    tokenizeResponse: null,
    trace: null,
  };
}

/**
 * Header mode (§3.4): the body is the PSP's own; where it goes is in X-Token / X-Proxy-URL headers
 * or token / proxy_url query parameters. Property lookups only, no parsing.
 */
function isHeaderMode(req: FastifyRequest): boolean {
  const h = req.headers;
  // No body at all (no Content-Type) is a header-mode call with an empty body: it needs X-Token.
  if (h['x-token'] !== undefined || h['x-proxy-url'] !== undefined || Buffer.isBuffer(req.body) || req.body == null) return true;
  const q = req.query as Record<string, unknown>;
  return q.token !== undefined || q.proxy_url !== undefined;
}

function rawInput(req: FastifyRequest): ProxyInput {
  const h = req.headers;
  const q = req.query as Record<string, unknown>;
  const one = (header: string, param?: string) => {
    const v = h[header] ?? (param === undefined ? undefined : q[param]);
    return typeof v === 'string' && v !== '' ? v : null;
  };
  const token = one('x-token', 'token');
  const proxyUrl = one('x-proxy-url', 'proxy_url');
  if (token === null) throw missing('/headers/x-token');
  if (proxyUrl === null) throw missing('/headers/x-proxy-url');
  const headers = forwardableHeaders(h, VAULT_HEADERS);
  const pspAuth = one('x-proxy-authorization');
  if (pspAuth !== null) Object.assign(headers, forwardableHeaders({ authorization: pspAuth }));
  let body: ProxyInput['body'];
  if (Buffer.isBuffer(req.body)) {
    const text = req.body.toString('utf8');
    body = text.length === 0 ? { kind: 'none' } : { kind: 'text', text, encoding: encodingFor(headers['content-type']) };
  } else body = req.body === undefined || req.body === null ? { kind: 'none' } : { kind: 'json', value: req.body };
  return {
    token,
    cvcSessionId: one('x-cvc-session-id', 'cvc_session_id'),
    proxyUrl,
    method: one('x-http-method', 'http_method') ?? 'POST',
    headers,
    body,
    mode: 'raw',
    tokenizeResponse: null,
    trace: null,
  };
}

/**
 * Ozura's Pay API sends the processor's body to `/tokenize` with X-Proxy-URL: that is a proxy call
 * (§3.1). Fastify's rewriteUrl runs before routing; the cost on every request is one header lookup.
 */
export function rewriteTokenizeProxy(req: { headers: Record<string, unknown>; method?: string; url?: string }): string {
  const url = req.url ?? '/';
  if (req.headers['x-proxy-url'] === undefined || req.method !== 'POST') return url;
  return url === '/tokenize' || url.startsWith('/tokenize?') ? `/proxy/transaction${url.slice('/tokenize'.length)}` : url;
}

export async function proxyRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { proxy, now } = app.vault;

  app.addContentTypeParser(RAW_TYPES, { parseAs: 'buffer', bodyLimit: BODY_LIMIT }, (_req, body, done) => done(null, body));

  app.post('/proxy/transaction', {
    // Header mode forwards the client's headers: they are part of the request a retry must match.
    config: { idempotent: 'with-headers', operation: 'proxy' },
    onRequest: apiKeyGuard('tokenization'),
    schema: {
      tags: ['proxy'],
      summary: 'Forward a request to a payment processor with token data filled in',
      description:
        'JSON form: the body below. Header mode: the PSP body itself (JSON, application/x-www-form-urlencoded, application/xml or text/xml), ' +
        'with X-Token, X-Proxy-URL and optionally X-CVC-Session-ID and X-HTTP-Method headers (or token, proxy_url, cvc_session_id, ' +
        'http_method in the query string). POST /tokenize with X-Proxy-URL is the same call.',
      headers: ProxyRawHeaders,
      querystring: ProxyQuery,
      body: {
        content: {
          'application/json': { schema: ProxyJsonBody },
          ...Object.fromEntries(RAW_TYPES.map((t) => [t, { schema: { description: 'The PSP body with placeholders (read as a Buffer)' } }])),
        },
      },
      response: { 200: ProxyResult, '4xx': ErrorBody, '5xx': ErrorBody },
    },
    // The JSON schema describes the JSON form only; a header-mode body is the PSP's own, so its
    // body check is waived here (headers and query are read field by field in rawInput).
    attachValidation: true,
  }, async (req, reply) => {
    const headerMode = isHeaderMode(req);
    const invalid = req.validationError;
    if (invalid && !(headerMode && invalid.validationContext === 'body')) throw invalid;
    const input = headerMode ? rawInput(req) : jsonInput(req.body as ProxyJsonBody);
    // The vault's span replaces the forwarded traceparent unless the caller sent its own.
    if (forwardTrace(req.headers, input.headers)) input.trace = req.traceSpan;
    const project = req.project!;
    const tokenizeAt = headerMode ? undefined : (req.body as ProxyJsonBody).tokenize_response;
    if (tokenizeAt !== undefined) {
      // Tokens are created only for a key that may tokenize, checked before anything is sent.
      if (req.principal === null || !allows(req.principal.permissions, 'tokenization')) throw new VaultError('permission_denied');
      input.tokenizeResponse = { fields: tokenizeAt, deduplicate: project.deduplicate && mayDeduplicate(req) };
    }
    const destinations = { allowedHosts: project.proxyAllowedHosts, requireAllowList: project.environment === ENV.production };
    const res = await proxy.transact(callerOf(req), destinations, input, now());
    if (res.tokenized === undefined) return reply.send({ success: true, proxy_response: res });
    const { tokenized, ...response } = res;
    return reply.send({ success: true, proxy_response: response, tokenized });
  });

  app.delete('/proxy/delete-cvc-session/:id', {
    onRequest: apiKeyGuard('tokenization'),
    schema: {
      tags: ['proxy'],
      summary: 'Delete a CVC session of this project',
      params: CvcSessionParams,
      response: { 200: CvcDeleted, '4xx': ErrorBody },
    },
  }, async (req, reply) => {
    await proxy.deleteCvcSession(callerOf(req), req.params.id, now());
    return reply.send({ success: true, message: 'CVC session deleted!' });
  });
}
