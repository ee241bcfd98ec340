// Idempotency keys (API.md §6.1, docs/idempotency.md). A route opts in with
// `config: { idempotent: true }` (or `'with-headers'` where request headers go upstream); this
// plugin then appends one preHandler — after the route's own guards, so the caller and project
// are known — and one onSend hook to that route only. Other routes get nothing at all, and an
// opted-in request without the header costs one header lookup (test/idempotency/cost.test.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction, onSendHookHandler, preHandlerHookHandler } from 'fastify';
import { VaultError } from '../http/errors.js';
import { canonicalParts, checkedKey, scopeOf } from './request.js';
import { type Claimant, IdempotencyStore } from './service.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Honour `Idempotency-Key` here; `'with-headers'`: request headers are part of the request. */
    idempotent?: true | 'with-headers';
  }
  interface FastifyRequest {
    /** This request holds the key's claim: its answer is stored (or the claim released) on send. */
    idempotencyClaim: { claimant: Claimant; owner: string } | null;
  }
}

/** Answers kept for a retry: what the handler decided. A 5xx or a 429 leaves the key free. */
const keeps = (status: number) => status < 500 && status !== 429;

async function begin(store: IdempotencyStore, req: FastifyRequest, reply: FastifyReply, raw: string | string[], withHeaders: boolean) {
  const key = checkedKey(raw);
  const scope = scopeOf(req);
  if (scope === null) return;
  const claimant: Claimant = { scope, key, projectId: req.project?.id ?? null };
  const result = await store.claim(claimant, await store.requestMac(canonicalParts(req, withHeaders)));
  switch (result.kind) {
    case 'run':
      req.idempotencyClaim = { claimant, owner: result.owner };
      return;
    case 'reused':
      throw new VaultError('idempotency_key_reused');
    case 'in_progress':
      throw new VaultError('idempotency_in_progress', { retryAfterSeconds: result.retryAfterSeconds });
    case 'replay':
      reply.code(result.status).header('content-type', 'application/json; charset=utf-8').header('idempotent-replayed', 'true');
      reply.send(result.body);
  }
}

async function finish(store: IdempotencyStore, req: FastifyRequest, status: number, payload: unknown) {
  const claim = req.idempotencyClaim!;
  req.idempotencyClaim = null;
  try {
    const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : Buffer.isBuffer(payload) ? payload : null;
    if (keeps(status) && body) await store.store(claim.claimant, claim.owner, status, body);
    else await store.release(claim.claimant, claim.owner);
  } catch (err) {
    // The work is done and its answer goes out; the claim lapses with its lease. Never log the key.
    req.log.warn({ err, status }, 'idempotent answer not stored');
  }
}

/** The two hooks an opted-in route gets (exported for the cost check in test/idempotency/cost.test.ts). */
export function routeHooks(store: IdempotencyStore, withHeaders: boolean) {
  const preHandler: preHandlerHookHandler = function (req, reply, done: HookHandlerDoneFunction) {
    const raw = req.headers['idempotency-key'];
    if (raw === undefined) return done();
    begin(store, req, reply, raw, withHeaders).then(() => {
      if (!reply.sent) done();
    }, done);
  };
  const onSend: onSendHookHandler = function (req, reply, payload, done) {
    if (req.idempotencyClaim === null) return done(null, payload);
    finish(store, req, reply.statusCode, payload).then(() => done(null, payload), (err: Error) => done(err));
  };
  return { preHandler, onSend };
}

/** The route's own hooks first (its guards), then ours. */
const append = (existing: unknown, hook: unknown): never =>
  (existing === undefined ? [hook] : [...(Array.isArray(existing) ? (existing as unknown[]) : [existing]), hook]) as never;

const HEADER = {
  type: 'string',
  description:
    'Optional, 1–255 printable ASCII characters. A retry with the same key and request answers the first status and body ' +
    'with Idempotent-Replayed: true (docs/idempotency.md); another request under the key → 422, while the first runs → 409.',
};

/** /openapi.json names the header. Its check is the preHandler's, so no constraint here. */
function documented<S extends { headers?: unknown }>(schema: S | undefined): S | undefined {
  if (!schema) return schema;
  const headers = (schema.headers ?? { type: 'object' }) as { properties?: Record<string, unknown> };
  return { ...schema, headers: { ...headers, properties: { ...headers.properties, 'idempotency-key': HEADER } } };
}

/** Registered before the feature plugins: it sees their routes as they are declared. */
export async function idempotencyPlugin(app: FastifyInstance) {
  const { database, config, keys, now } = app.vault;
  const store = new IdempotencyStore(database.db, database.pool, config.keyring, keys, now);
  app.decorateRequest('idempotencyClaim', null);
  const byMode = { plain: routeHooks(store, false), headers: routeHooks(store, true) };
  app.addHook('onRoute', (route) => {
    const mode = route.config?.idempotent;
    if (!mode) return;
    const h = mode === 'with-headers' ? byMode.headers : byMode.plain;
    route.schema = documented(route.schema);
    route.preHandler = append(route.preHandler, h.preHandler);
    route.onSend = append(route.onSend, h.onSend);
  });
  if (config.sweepIntervalMs > 0) {
    const timer = setInterval(() => {
      store.prune().catch((err) => app.log.warn({ err }, 'idempotency prune failed'));
    }, config.sweepIntervalMs);
    timer.unref();
    app.addHook('onClose', async () => clearInterval(timer));
  }
  app.decorate('idempotency', store);
}
// Its hooks apply to the whole app, not to an encapsulated child (what fastify-plugin sets).
Object.assign(idempotencyPlugin, { [Symbol.for('skip-override')]: true });

declare module 'fastify' {
  interface FastifyInstance {
    idempotency: IdempotencyStore;
  }
}
