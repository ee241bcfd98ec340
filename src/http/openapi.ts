// The OpenAPI document, derived in one place from what each route already declares: its schema,
// and the guards it runs. A guard says once (documentGuard) what it demands and which errors it
// answers; every route behind it then gets its `security`, its error responses, a description
// naming its credentials and, for rate-limited routes, the RateLimit-* headers. Routes only add
// words of their own (a description, examples). docs/api.md says how to read the result.
import { STATUS_CODES } from 'node:http';
import type { SwaggerOptions } from '@fastify/swagger';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { ErrorBody } from './schemas.js';
import { VERSION } from '../lib/version.js';

export type SecurityRequirement = Record<string, string[]>;

/** What a guard (an onRequest/preHandler hook) means for the document. */
export interface GuardDoc {
  /** Any one of these lets a request in; absent for hooks that only limit. */
  security?: SecurityRequirement[];
  /** The statuses the guard itself can answer. */
  errors: number[];
  /** One sentence for the operation's description. */
  says: string;
  /** Spends a per-client budget: the RateLimit-* headers, 429 with Retry-After. */
  rateLimit?: boolean;
}

const GUARDS = new WeakMap<object, GuardDoc>();
// Plugin-wide guards (app.addHook) are not in the route's options: noted per route here.
const PLUGIN_GUARDS = new WeakMap<object, object[]>();

/** Tags a hook with its meaning for /openapi.json; returns the hook itself. */
export function documentGuard<F extends (...args: never[]) => unknown>(hook: F, doc: GuardDoc): F {
  GUARDS.set(hook, doc);
  return hook;
}

const DOC_SCHEMAS = new WeakMap<object, object>();
/**
 * A schema validated as it is but documented as `doc`: for fields a handler checks itself (for
 * precise error paths), so the document still shows their shape. No cost per request.
 */
export function documentAs<T extends object>(schema: T, doc: object): T {
  DOC_SCHEMAS.set(schema, doc);
  return schema;
}

function documentedView(node: unknown): unknown {
  if (!node || typeof node !== 'object') return node;
  const doc = DOC_SCHEMAS.get(node);
  if (doc) return doc;
  if (Array.isArray(node)) return node.map(documentedView);
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, documentedView(v)]));
}

/** What documentGuard noted for a hook. */
export const guardDocOf = (hook: object): GuardDoc | undefined => GUARDS.get(hook);

/** `app.addHook('onRequest', guard)` for every route of a plugin, noted on each route for the document. */
export function guardEveryRoute(app: FastifyInstance, guard: (...args: never[]) => Promise<void>) {
  app.addHook('onRoute', (route) => {
    PLUGIN_GUARDS.set(route, [...(PLUGIN_GUARDS.get(route) ?? []), guard]);
  });
  app.addHook('onRequest', guard as never);
}

const ERROR_WORDS: Record<number, string> = {
  400: 'The request is malformed or fails its schema (`validation_error`, `invalid_json`, `invalid_request`, …).',
  401: 'The credentials are missing or wrong (see the operation’s security).',
  403: 'Authenticated, but not allowed: a missing permission or role, MFA not yet verified, a failed CSRF check.',
  404: 'Nothing of that id is visible to the caller.',
  429: 'Over a rate limit: retry after `Retry-After` seconds (also in `retry_after_seconds`).',
  500: '`internal_error`: a fault of the vault; the `request_id` finds it in the logs.',
  503: '`service_unavailable`: the database is unreachable or the node is shutting down.',
};

const integerHeader = (description: string) => ({ type: 'integer', minimum: 0, maximum: 2_147_483_647, description });
const RATE_HEADERS = {
  'RateLimit-Limit': integerHeader('Requests allowed in the window.'),
  'RateLimit-Remaining': integerHeader('Requests left in the window.'),
  'RateLimit-Reset': integerHeader('Seconds until the window resets.'),
  'RateLimit-Policy': { type: 'string', maxLength: 64, pattern: '^\\d+;w=\\d+$', description: '`<limit>;w=<seconds>`.' },
};
const RETRY_AFTER = { 'Retry-After': integerHeader('Seconds to wait before trying again.') };

const pascal = (s: string) => s.split(/[-_.]/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('');

/** `DELETE /api/projects/:id/members/:user_id` → `deleteApiProjectsByIdMembersByUserId`. */
export function operationIdOf(method: string, url: string): string {
  const parts = url.split('/').filter(Boolean).map((seg) => (seg.startsWith(':') ? `By${pascal(seg.slice(1))}` : pascal(seg)));
  return method.toLowerCase() + parts.join('');
}

const hooksOf = (h: unknown): object[] => (h == null ? [] : Array.isArray(h) ? (h as object[]) : [h]);

type Schema = Record<string, unknown> & { response?: Record<string, Record<string, unknown>> };

function describeOperation(schema: Schema, url: string, route: RouteOptions): Schema {
  const guards = [...(PLUGIN_GUARDS.get(route) ?? []), ...hooksOf(route.onRequest), ...hooksOf(route.preValidation), ...hooksOf(route.preHandler)]
    .map((h) => GUARDS.get(h))
    .filter((d): d is GuardDoc => d !== undefined);
  const security = guards.find((g) => g.security)?.security ?? (schema.security as SecurityRequirement[] | undefined) ?? [];
  const rateLimited = guards.some((g) => g.rateLimit);
  const statuses = new Set([400, 500, 503, ...guards.flatMap((g) => g.errors)]);
  if (url.includes(':')) statuses.add(404);
  // A route without response schemas (an HTML page) keeps the one success answer swagger gives it.
  const response: Record<string, Record<string, unknown>> = schema.response ? {} : { 200: { type: 'null', description: 'Default Response' } };
  for (const [status, body] of Object.entries(schema.response ?? {})) {
    response[status] = rateLimited && /^[24]/.test(status) ? { ...body, headers: RATE_HEADERS } : body;
  }
  for (const status of [...statuses].sort()) {
    if (response[status]) continue;
    const headers = status === 429 ? { ...RATE_HEADERS, ...RETRY_AFTER } : rateLimited && status < 500 ? RATE_HEADERS : undefined;
    response[status] = { ...ErrorBody, description: ERROR_WORDS[status] ?? STATUS_CODES[status], ...(headers ? { headers } : {}) };
  }
  const words = [schema.description, ...guards.map((g) => g.says)].filter(Boolean);
  if (security.length === 0) words.push('No authentication.');
  return {
    ...schema,
    ...(schema.body ? { body: documentedView(schema.body) } : {}),
    operationId: schema.operationId ?? operationIdOf(String(route.method), url),
    description: words.join('\n\n'),
    security,
    response,
  };
}

type Doc = Record<string, unknown> & { paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }> }>> };

// Node refuses a request whose request line and headers pass 16 KiB (431, `headers_too_large`),
// so no header or query value is longer: the document says so where the schema gives no limit.
const HEADER_BYTES = 16_384;
function boundedParameters(doc: Doc) {
  for (const ops of Object.values(doc.paths)) {
    for (const op of Object.values(ops) as { parameters?: { in: string; schema?: Record<string, unknown> }[] }[]) {
      for (const p of op.parameters ?? []) {
        if ((p.in === 'header' || p.in === 'query') && p.schema?.type === 'string' && p.schema.maxLength === undefined && !p.schema.enum) p.schema.maxLength = HEADER_BYTES;
      }
    }
  }
}

const INT32 = 2 ** 31;
/** Every integer gets the format its range allows (int32 when bounded inside it, else int64). */
function integerFormats(node: unknown) {
  if (Array.isArray(node)) return node.forEach(integerFormats);
  if (!node || typeof node !== 'object') return;
  const o = node as Record<string, unknown>;
  if (o.type === 'integer' && o.format === undefined) {
    const inside = typeof o.minimum === 'number' && typeof o.maximum === 'number' && o.minimum >= -INT32 && o.maximum < INT32;
    o.format = inside ? 'int32' : 'int64';
  }
  Object.values(o).forEach(integerFormats);
}

/** The one error shape (docs/api.md §0) as one shared component, referenced by every error answer. */
function shareErrorShape(doc: Doc) {
  let shape: Record<string, unknown> | undefined;
  for (const ops of Object.values(doc.paths)) {
    for (const op of Object.values(ops)) {
      for (const res of Object.values(op.responses ?? {})) {
        const media = res.content?.['application/json'];
        const props = media?.schema?.properties as { success?: { enum?: unknown[] } } | undefined;
        if (!media?.schema || props?.success?.enum?.[0] !== false) continue;
        shape ??= media.schema;
        media.schema = { $ref: '#/components/schemas/Error' };
      }
    }
  }
  if (shape) {
    const components = doc.components as { schemas?: Record<string, unknown> };
    components.schemas = { ...components.schemas, Error: { ...shape, description: 'The one error shape: every answer ≥ 400 (docs/api.md §0, docs/errors.md).' } };
  }
}

export const TAGS = [
  { name: 'tokens', description: 'Tokenize and detokenize cards, bank accounts and strings; test tokens; the token list (docs/api.md §3.1–§3.3).' },
  { name: 'sessions', description: 'Session keys: one-time credentials a merchant backend mints for browser capture (docs/api.md §2.4).' },
  { name: 'proxy', description: 'Forward a request to a payment provider with the card filled in (docs/api.md §3.4).' },
  { name: 'applications', description: 'Applications of a project and their API and pub keys (docs/api.md §3.6, §4.2).' },
  { name: 'auth', description: 'Dashboard users: sign-in, sign-out, passwords, registration (docs/api.md §4.1).' },
  { name: 'mfa', description: 'TOTP second factor and backup codes (docs/api.md §4.1).' },
  { name: 'user', description: 'The signed-in user’s own settings (docs/api.md §4.1).' },
  { name: 'projects', description: 'Projects, their settings and provisioned sub-projects (docs/api.md §3.5, §4.2).' },
  { name: 'members', description: 'Project members, roles and invitations (docs/api.md §4.2).' },
  { name: 'audit', description: 'The hash-chained audit log and traffic counts (docs/api.md §4.2).' },
  { name: 'webhooks', description: 'Signed webhooks (Standard Webhooks), their deliveries and retries (docs/webhooks.md).' },
  { name: 'inbound', description: 'Inbound routes: card data a partner sends is tokenized before it reaches the merchant (docs/inbound.md).' },
  { name: 'operations', description: 'Liveness and readiness probes (docs/api.md §5).' },
];

/** A trailing `/*` (the rest of the path) is documented as a named path parameter `{path}`. */
function nameWildcard(s: Schema, url: string): { schema: Schema; url: string } {
  const params = s.params as { properties?: Record<string, unknown>; required?: string[] } | undefined;
  if (!url.endsWith('/*') || !params?.properties?.['*']) return { schema: s, url };
  const { '*': rest, ...others } = params.properties;
  return {
    url: `${url.slice(0, -1)}:path`,
    schema: { ...s, params: { ...params, properties: { ...others, path: rest }, required: [...(params.required ?? []), 'path'] } },
  };
}

/** The options of @fastify/swagger: the document's frame and the two transforms above. */
export function openapiOptions(opts: { sessionCookie: string }): SwaggerOptions {
  return {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Vault API',
        version: VERSION,
        description: 'Tokenization vault, wire-compatible with Ozura Vault. The reference with prose is docs/api.md in the repository.',
        contact: { name: 'The team operating this vault' },
        license: { name: 'Apache-2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0' },
      },
      servers: [{ url: '/', description: 'This vault, wherever it is served (local, staging or production)', 'x-internal': false } as never],
      tags: TAGS,
      components: {
        securitySchemes: {
          apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'An application’s secret API key.' },
          pubKey: { type: 'apiKey', in: 'header', name: 'X-Pub-Key', description: 'An application’s public key: names the project, proves nothing alone.' },
          sessionKey: { type: 'apiKey', in: 'header', name: 'X-Session-Key', description: 'A one-time session key for browser capture, with X-Pub-Key (docs/api.md §2.4).' },
          bearer: {
            type: 'http', scheme: 'bearer', bearerFormat: 'JWT',
            description: 'A dashboard session JWT (EdDSA, known kid, expiry checked, revocable), following RFC8725.',
          },
          cookie: { type: 'apiKey', in: 'cookie', name: opts.sessionCookie, description: 'The dashboard’s HttpOnly session cookie (same JWT); writes need a matching Origin.' },
        },
      },
    },
    transform: ({ schema, url, route }) => {
      const s = schema as unknown as Schema | undefined;
      if (!s || s.hide) return { schema, url };
      const { schema: named, url: path } = nameWildcard(s, url);
      return { schema: describeOperation(named, path, route), url: path };
    },
    transformObject: (documentObject) => {
      const doc = (documentObject as { openapiObject: Doc }).openapiObject;
      shareErrorShape(doc);
      integerFormats(doc);
      boundedParameters(doc);
      return doc;
    },
  };
}
