// Builds one vault instance from a config object. No environment reads here (see main.ts), so
// tests can start as many instances as they like, on as many databases.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import Fastify, { type FastifyBaseLogger, type FastifyHttpOptions, type FastifyInstance, LogController } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ApiKeyCache } from './applications/cache.js';
import { type ApplicationService, applicationService } from './applications/service.js';
import { type AuditReader, auditReader } from './audit/service.js';
import { type ElementsService, elementsService } from './elements/service.js';
import { type MemberService, memberService } from './members/service.js';
import { type ProjectService, projectService } from './projects/service.js';
import { AuditChain } from './audit/sealer.js';
import type { VaultConfig } from './config.js';
import { DataKeys } from './crypto/datakeys.js';
import { KeyringWatcher } from './crypto/master.js';
import { DataKeyMaintenance, DEFAULT_POLICY } from './crypto/rotation.js';
import { type Database, openDatabase } from './db/database.js';
import { Periodic } from './lib/periodic.js';
import { InvalidationListener } from './db/notify.js';
import { clientErrorHandler, frameworkErrors, registerErrorHandling } from './http/errors.js';
import { registerInputChecks } from './http/input.js';
import { openapiOptions } from './http/openapi.js';
import { strictParameterValidators } from './http/validation.js';
import { registerResponseHeaders } from './plugins/headers.js';
import { loggerOptions } from './plugins/logging.js';
import { requestLoggerFactory } from './plugins/request-logger.js';
import { registerMetrics, serveMetrics } from './plugins/metrics.js';
import { shared } from './plugins/domain-metrics.js';
import { rewriteTokenizeProxy } from './proxy/routes.js';
import { ProxyService } from './proxy/service.js';
import { applicationsPlugin } from './applications/plugin.js';
import { auditPlugin } from './audit/plugin.js';
import { authPlugin } from './auth/plugin.js';
import { sessionCookieName } from './auth/guard.js';
import { elementsPlugin } from './elements/plugin.js';
import { idempotencyPlugin } from './idempotency/plugin.js';
import { inboundPlugin } from './inbound/plugin.js';
import { InboundService } from './inbound/service.js';
import { membersPlugin } from './members/plugin.js';
import { opsPlugin } from './ops/plugin.js';
import { projectsPlugin } from './projects/plugin.js';
import { proxyPlugin } from './proxy/plugin.js';
import { sessionsPlugin } from './session-keys/plugin.js';
import { tokensPlugin } from './tokens/plugin.js';
import { webhooksPlugin } from './webhooks/plugin.js';
import { WebhookDispatcher } from './webhooks/dispatcher.js';
import { WebhookService } from './webhooks/service.js';
import { AuthService } from './auth/service.js';
import { Mailer } from './mail/mailer.js';
import { TokenStore } from './tokens/store.js';
import { TokenService } from './tokens/manage-service.js';
import { SessionRateLimits } from './session-keys/guard.js';
import { SessionStore } from './session-keys/service.js';

export interface VaultServices {
  config: VaultConfig;
  applications: ApplicationService;
  auditReader: AuditReader;
  elements: ElementsService;
  members: MemberService;
  projects: ProjectService;
  database: Database;
  keys: DataKeys;
  dataKeyMaintenance: DataKeyMaintenance;
  listener: InvalidationListener;
  apiKeys: ApiKeyCache;
  tokens: TokenStore;
  tokenService: TokenService;
  proxy: ProxyService;
  inbound: InboundService;
  audit: AuditChain;
  mailer: Mailer;
  auth: AuthService;
  sessions: SessionStore;
  sessionLimits: SessionRateLimits;
  webhooks: WebhookService;
  webhookDispatcher: WebhookDispatcher;
  now: () => Date;
}

declare module 'fastify' {
  interface FastifyInstance {
    vault: VaultServices;
    /** The separate metrics listener, when METRICS_PORT is set. */
    metricsUrl?: string;
  }
}

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;
// Request ids need to be unique, not secret: a random per-process prefix and a counter cost far
// less per request than fresh random bytes.
const REQ_PREFIX = `req_${randomBytes(9).toString('base64url')}`;
let reqCounter = 0;
export const BODY_LIMIT = 1024 * 1024;
const DAY_MS = 86_400_000; // webhook deliveries are retried for 24 h

type App = FastifyInstance<Server, IncomingMessage, ServerResponse, FastifyBaseLogger, TypeBoxTypeProvider>;

/** Fastify's options: logging, limits, ids, validation, timeouts and TLS. */
function serverOptions(config: VaultConfig): FastifyHttpOptions<Server> {
  const { trustProxy } = config;
  const options: FastifyHttpOptions<Server> = {
    logger: loggerOptions(config.logLevel, config.logStream, config.logPretty),
    bodyLimit: BODY_LIMIT,
    // A hop count as a function: the same rule as Fastify's number form, which its types omit.
    trustProxy: typeof trustProxy === 'number' ? (_addr: string, i: number) => i < trustProxy : trustProxy,
    requestIdHeader: false,
    // Fastify's two info lines per request (with redaction) cost more CPU than the tokenize
    // handler itself; the onResponse hook below logs failures at info and the rest at debug.
    logController: new LogController({ disableRequestLogging: true }),
    childLoggerFactory: requestLoggerFactory,
    // Echo a client's request id only when it is short and harmless.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && SAFE_REQUEST_ID.test(given) ? given : `${REQ_PREFIX}${(++reqCounter).toString(36)}`;
    },
    rewriteUrl: rewriteTokenizeProxy,
    // Unknown properties are refused (additionalProperties: false), never silently dropped.
    // strictNumbers: NaN and Infinity are not numbers to any schema.
    ajv: { customOptions: { removeAdditional: false, strictNumbers: true } },
    schemaController: { compilersFactory: { buildValidator: strictParameterValidators() } },
    // The router's and the HTTP parser's own errors answer in the one error shape too.
    frameworkErrors,
    clientErrorHandler,
    // Draining (SIGTERM): a request that arrives on an open keep-alive connection is still served,
    // with `Connection: close`, rather than refused with a 503 outside the error shape.
    return503OnClosing: false,
    // Every phase of an inbound request is bounded (Fastify leaves requestTimeout off): a request
    // whose headers or body never finish is answered 408 by clientErrorHandler and its socket freed.
    requestTimeout: config.httpTimeouts.requestMs,
    keepAliveTimeout: config.httpTimeouts.keepAliveMs,
    http: { headersTimeout: config.httpTimeouts.headersMs, connectionsCheckingInterval: config.httpTimeouts.checkIntervalMs },
  };
  // Native TLS: the same server and hooks, an https.Server underneath (its types differ only there).
  if (config.tls) Object.assign(options, { https: { cert: config.tls.cert, key: config.tls.key } });
  return options;
}

/** Every service, built once; routes reach them as `app.vault` and never touch the database. */
function createServices(app: App, config: VaultConfig) {
  // A stalled PostgreSQL fails a request with a 503 after this, never holds it (docs/operations.md).
  const timeoutMs = config.databaseTimeoutMs ?? 10_000;
  const database = openDatabase(config.databaseUrl, 20, { timeoutMs });
  // The tokenize/detokenize statements get their own pool: generic plans, and group commit keeps
  // the number of statements in flight small anyway.
  const hotDatabase = openDatabase(config.databaseUrl, 8, { genericPlans: true, timeoutMs });
  const listener = new InvalidationListener(config.databaseUrl);
  const keys = new DataKeys(database.db, config.keyring);
  const keyringWatcher = new KeyringWatcher(database.db, config.keyring, app.log, config.keyringRefreshMs);
  const dataKeyMaintenance = new DataKeyMaintenance(
    database.db,
    keys,
    {
      ...DEFAULT_POLICY,
      maxSeals: config.dataKeyMaxSeals ?? DEFAULT_POLICY.maxSeals,
      maxAgeDays: config.dataKeyMaxAgeDays ?? DEFAULT_POLICY.maxAgeDays,
      graceMs: config.dataKeyGraceMs ?? DEFAULT_POLICY.graceMs,
    },
    app.log,
    config.dataKeyTickMs,
  );
  const now = config.now ?? (() => new Date());
  const mailer = new Mailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, dataDir: config.dataDir });
  const auth = new AuthService(database, config, mailer, app.log, now);
  const tokens = new TokenStore(hotDatabase.pool, keys, app.log);
  const services: VaultServices = {
    config,
    database,
    keys,
    dataKeyMaintenance,
    listener,
    applications: applicationService(database.db),
    auditReader: auditReader(database.db),
    elements: elementsService(database.db),
    members: memberService(database.db),
    projects: projectService(database.db),
    apiKeys: new ApiKeyCache(database.db, listener, config.keyCacheTtlMs, app.log),
    tokens,
    tokenService: new TokenService(database.db, keys, database.pool, config.rateLimits),
    proxy: new ProxyService(database.pool, keys, config, app.log, tokens),
    inbound: new InboundService(database.db, database.pool, tokens, config, app.log),
    mailer,
    auth,
    sessions: new SessionStore(database.db, database.pool, now),
    sessionLimits: new SessionRateLimits(database.pool, config.rateLimits),
    audit: new AuditChain(database.db, config.keyring, app.log, {
      sealIntervalMs: config.auditSealIntervalMs,
      retentionDays: config.auditRetentionDays,
      now,
    }),
    webhooks: new WebhookService(database.db, keys, config.proxyAllowPrivateNetworks, now, config.webhooks?.retryWindowMs ?? DAY_MS),
    webhookDispatcher: new WebhookDispatcher(database.db, keys, {
      everyMs: config.webhooks?.dispatchMs ?? 1000, backoffBaseMs: config.webhooks?.backoffBaseMs ?? 30_000, timeoutMs: config.webhooks?.timeoutMs ?? 10_000,
      retryWindowMs: config.webhooks?.retryWindowMs ?? DAY_MS, loopbackOk: config.proxyAllowPrivateNetworks, now,
    }, app.log),
    now,
  };
  return { services, hotDatabase, keyringWatcher };
}

/** What runs beside the requests: the sealer, the dispatcher, invalidations, key maintenance. */
async function startBackground(app: App, services: VaultServices, keyringWatcher: KeyringWatcher) {
  const { config, keys, listener, dataKeyMaintenance } = services;
  services.audit.start();
  services.webhookDispatcher.start();
  listener.on((kind, id) => {
    if (kind === 'project') keys.forget(id);
    // Another node rotated or destroyed a data key version: swap in the new set, no wipe.
    if (kind === 'datakey') keys.reload(id).catch((err) => app.log.warn({ err }, 'data key reload failed'));
  });
  await listener.start();
  await keyringWatcher.start(listener);
  if ((config.dataKeyTickMs ?? 1000) > 0) dataKeyMaintenance.start();
}

/** The request-wide hooks every route shares: parsers, headers, the request log, errors, input checks, the document. */
async function registerHttp(app: App, config: VaultConfig) {
  // JSON only: text/plain would otherwise reach handlers as a string. Routes that take raw
  // bodies (the proxy's form/XML mode) register their own parsers in their own scope.
  app.removeContentTypeParser('text/plain');
  registerResponseHeaders(app, config.cookieSecure);
  app.addHook('onResponse', async (req, reply) => {
    // pino's disabled levels are no-ops, so the debug line costs next to nothing at info.
    req.log[reply.statusCode >= 400 ? 'info' : 'debug']({ req, res: reply, responseTime: reply.elapsedTime }, 'request completed');
  });
  registerErrorHandling(app);
  registerInputChecks(app);
  await app.register(cookie);
  await app.register(swagger, openapiOptions({ sessionCookie: sessionCookieName(config.cookieSecure) }));
}

/** /metrics: the HTTP series, the domain series, and gauges read when scraped. */
async function registerObservability(app: App, config: VaultConfig, services: VaultServices) {
  const { tokens, dataKeyMaintenance } = services;
  const { registry, domain } = registerMetrics(app, config, [...tokens.coalescers(), ...services.proxy.coalescers()]);
  services.webhookDispatcher.registerBacklog(registry);
  // Read when scraped, never on a request's path; the two audit gauges share one query.
  const auditLag = shared(() => services.audit.lag());
  domain.databaseGauge('vault_audit_unsealed_entries', 'Audit entries written but not yet sealed into their chain', async () => (await auditLag()).entries, app.log);
  domain.databaseGauge('vault_audit_seal_lag_seconds', 'Age of the oldest audit entry not yet sealed (0 when none)', async () => (await auditLag()).oldestSeconds, app.log);
  domain.databaseGauge('vault_data_key_rotation_jobs_pending', 'Data key re-encryption jobs (rotations) not yet finished', () => dataKeyMaintenance.pendingJobs(), app.log);
  if (config.metricsPort != null) {
    const metrics = await serveMetrics(registry, config);
    app.decorate('metricsUrl', metrics.url);
    app.addHook('onClose', () => metrics.close());
  }
}

/** One plugin per feature folder; the order matters only where a comment says why. */
async function registerFeatures(app: App, config: VaultConfig) {
  // Before every feature: its onRoute hook sees the routes that opt in (config.idempotent).
  await app.register(idempotencyPlugin);
  await app.register(tokensPlugin);
  await app.register(sessionsPlugin);
  await app.register(elementsPlugin, { root: config.elementsRoot });
  await app.register(applicationsPlugin);
  await app.register(authPlugin);
  await app.register(projectsPlugin);
  await app.register(membersPlugin);
  await app.register(auditPlugin);
  await app.register(proxyPlugin);
  await app.register(webhooksPlugin);
  await app.register(inboundPlugin);
  // Last: the dashboard's wildcard only answers what no route above does.
  await app.register(opsPlugin, { webRoot: config.webRoot });
}

export async function buildApp(config: VaultConfig): Promise<FastifyInstance> {
  const app = Fastify(serverOptions(config)).withTypeProvider<TypeBoxTypeProvider>();
  const { services, hotDatabase, keyringWatcher } = createServices(app, config);
  const { database, listener, dataKeyMaintenance, mailer } = services;
  await startBackground(app, services, keyringWatcher);
  app.decorate('vault', services);
  app.decorateRequest('principal', null);
  app.decorateRequest('user', null);
  app.decorateRequest('project', null);
  app.decorateRequest('jwtOnly', false);
  app.decorateRequest('elementsSession', null);
  app.decorateRequest('traceSpan', null);
  // OpenTelemetry only when asked for: unset, the SDK is never even loaded (docs/operations.md).
  if (config.otlpEndpoint) {
    const { registerTracing } = await import('./plugins/tracing.js');
    registerTracing(app, { endpoint: config.otlpEndpoint, serviceName: config.otelServiceName ?? 'open-vault', https: Boolean(config.tls) });
  }

  await registerHttp(app, config);
  await registerObservability(app, config, services);
  await registerFeatures(app, config);

  // Each sweep logs its own failure, so one failing never stops the others.
  const sweeper = new Periodic(config.sweepIntervalMs, () => Promise.all([
    services.tokens.sweep(services.now()).catch((err) => app.log.warn({ err }, 'sweep failed')),
    services.auth.sweep().catch((err) => app.log.warn({ err }, 'auth sweep failed')),
    services.sessions.sweep().catch((err) => app.log.warn({ err }, 'session sweep failed')),
  ]), app.log, 'sweep failed');
  sweeper.start();

  app.addHook('onClose', async () => {
    await sweeper.stop();
    // First: upstream calls still in flight finish and write their audit rows.
    await services.proxy.close();
    await services.webhookDispatcher.stop();
    await services.inbound.close();
    await services.audit.stop();
    await keyringWatcher.stop();
    await dataKeyMaintenance.stop();
    await services.apiKeys.close();
    mailer.close();
    await services.apiKeys.flushUsage();
    await listener.stop();
    await hotDatabase.close();
    await database.close();
  });
  return app;
}
