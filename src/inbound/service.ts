// Inbound routes (API.md §6.6, docs/inbound.md): their management (admins and above; viewers
// read), and an inbound request end to end — route look-up, fields tokenized through the token
// store into the route's project, forwarded through the outbound client under the proxy's SSRF
// rules, one audit entry per request.
import dns from 'node:dns/promises';
import { performance } from 'node:perf_hooks';
import type { Kysely } from 'kysely';
import type pg from 'pg';
import type { Agent } from 'undici';
import { DEFAULT_INBOUND_RATE_LIMITS, type VaultConfig } from '../config.js';
import { writeAudit } from '../db/audit.js';
import { auditEvent } from '../db/audit-events.js';
import type { DB } from '../db/schema.js';
import { invalidFields, VaultError } from '../http/errors.js';
import { RateLimits } from '../http/ratelimit.js';
import { ENV } from '../lib/environments.js';
import type { Caller, RequestContext } from '../lib/context.js';
import { randomString } from '../lib/random.js';
import { authorize } from '../members/access.js';
import { codesOf, DEFAULT_TIMEOUT_MS, outboundAgent, send, upstreamFailure } from '../net/outbound.js';
import { checkDestination, type DestinationPolicy, isPublicAddress } from '../net/ssrf.js';
import { maskText } from '../proxy/mask.js';
import { checkDataFields, checkJsonPath, tokenizeFound } from '../tokens/paths.js';
import type { TokenStore } from '../tokens/store.js';
import { answerHeaders, findFields, type InboundRequest, parseBody, payloadOf, requestHeaders, upstreamUrl } from './forward.js';
import type { RouteBody, RouteView } from './schemas.js';
import * as q from './sql.js';

export interface InboundAnswer {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

// A form field name, as the partner's form spells it: no brackets (object types read name[prop]).
const FORM_NAME = /^[^[\]&=]{1,128}$/;

const policyOf = (p: { environment: string; proxy_allowed_hosts: string[] | null }): DestinationPolicy => ({
  allowedHosts: p.proxy_allowed_hosts, requireAllowList: p.environment === ENV.production,
});

export class InboundService {
  private readonly agent: Agent;
  private readonly timeoutMs: number;
  readonly limits: RateLimits<keyof typeof DEFAULT_INBOUND_RATE_LIMITS>;

  constructor(
    private db: Kysely<DB>,
    pool: pg.Pool,
    private tokens: TokenStore,
    private config: VaultConfig,
    private log: { warn(obj: object, msg: string): void },
  ) {
    this.timeoutMs = config.proxyTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.agent = outboundAgent({ connectTimeoutMs: config.proxyConnectTimeoutMs, allowPrivateNetworks: config.proxyAllowPrivateNetworks, timeoutMs: this.timeoutMs });
    this.limits = new RateLimits(pool, DEFAULT_INBOUND_RATE_LIMITS, config.rateLimits);
  }

  close() {
    return this.agent.close();
  }

  view(r: q.RouteRow): RouteView {
    return {
      id: r.id, url: `${this.config.publicUrl.replace(/\/$/, '')}/inbound/${r.id}`, project_id: r.project_id, name: r.name,
      upstream_url: r.upstream_url, content_type: r.content_type, fields: r.fields,
      created_at: r.created_at.toISOString(), updated_at: r.updated_at.toISOString(),
    };
  }

  async list(userId: string, projectId: string): Promise<RouteView[]> {
    await authorize(this.db, userId, projectId, 'routes.read');
    return (await q.listRoutes(this.db, projectId)).map((r) => this.view(r));
  }

  async get(userId: string, projectId: string, routeId: string): Promise<RouteView> {
    await authorize(this.db, userId, projectId, 'routes.read');
    const row = await q.findRoute(this.db, projectId, routeId);
    if (!row) throw new VaultError('inbound_route_not_found');
    return this.view(row);
  }

  async create(ctx: RequestContext, userId: string, projectId: string, body: RouteBody): Promise<RouteView> {
    await authorize(this.db, userId, projectId, 'routes.manage');
    const values = await this.checked(projectId, body);
    // The id is the capability a partner holds: 32 base62 characters, about 190 random bits.
    const id = `rt_${randomString(32)}`;
    try {
      const row = await this.db.transaction().execute(async (trx) => {
        const r = await q.insertRoute(trx, id, projectId, values, ctx.at);
        await writeAudit(trx, ctx, auditEvent('inbound_route_create', { projectId, resourceId: id, userId, details: this.auditDetails(r) }));
        return r;
      });
      return this.view(row);
    } catch (e) {
      if (q.isUniqueViolation(e)) throw new VaultError('inbound_route_name_taken');
      throw e;
    }
  }

  async update(ctx: RequestContext, userId: string, projectId: string, routeId: string, body: RouteBody): Promise<RouteView> {
    await authorize(this.db, userId, projectId, 'routes.manage');
    const values = await this.checked(projectId, body);
    try {
      await this.db.transaction().execute(async (trx) => {
        if (!(await q.updateRoute(trx, projectId, routeId, values, ctx.at))) throw new VaultError('inbound_route_not_found');
        await writeAudit(trx, ctx, auditEvent('inbound_route_update', { projectId, resourceId: routeId, userId, details: this.auditDetails(values) }));
      });
    } catch (e) {
      if (q.isUniqueViolation(e)) throw new VaultError('inbound_route_name_taken');
      throw e;
    }
    return this.get(userId, projectId, routeId);
  }

  async remove(ctx: RequestContext, userId: string, projectId: string, routeId: string): Promise<void> {
    await authorize(this.db, userId, projectId, 'routes.manage');
    await this.db.transaction().execute(async (trx) => {
      const row = await q.deleteRoute(trx, projectId, routeId);
      if (!row) throw new VaultError('inbound_route_not_found');
      await writeAudit(trx, ctx, auditEvent('inbound_route_delete', { projectId, resourceId: routeId, userId, details: this.auditDetails(row) }));
    });
  }

  private auditDetails(v: q.RouteValues) {
    return { name: v.name, host: new URL(v.upstream_url).host, content_type: v.content_type, fields: v.fields.map((f) => ({ path: f.path, type: f.type })) };
  }

  /** The body, checked: the upstream under the project's rules (as the proxy's), every field's path. */
  private async checked(projectId: string, body: RouteBody): Promise<q.RouteValues> {
    const project = await q.projectPolicy(this.db, projectId);
    if (!project) throw new VaultError('project_not_found');
    const dest = checkDestination(body.upstream_url, this.config.proxyAllowPrivateNetworks, policyOf(project));
    if (dest.url.search !== '') throw invalidFields([{ path: '/upstream_url', message: 'must not have a query string' }]);
    if (!this.config.proxyAllowPrivateNetworks) await this.refuseInternalName(dest.host);
    body.fields.forEach((f, i) => {
      const at = `/fields/${i}/path`;
      if (body.content_type === 'json') checkJsonPath(f.path, at);
      else if (!FORM_NAME.test(f.path)) throw invalidFields([{ path: at, message: 'must be a form field name without brackets' }]);
      checkDataFields(f, `/fields/${i}`);
    });
    return { name: body.name, upstream_url: dest.url.href, content_type: body.content_type, fields: body.fields };
  }

  /**
   * Early word for a host name that points inside (localhost, an internal name): refused now
   * rather than at the first request. Send time checks again on the address connected to, so
   * a name that resolves elsewhere later (or does not resolve now) gains nothing.
   */
  private async refuseInternalName(host: string) {
    const addresses = await Promise.race([
      dns.lookup(host, { all: true }).catch(() => []),
      new Promise<[]>((resolve) => setTimeout(() => resolve([]), 2000).unref()),
    ]);
    if (addresses.some((a) => !isPublicAddress(a.address))) throw new VaultError('destination_forbidden');
  }

  /** The route an inbound request names, while its project lives; else 404. */
  async route(routeId: string): Promise<q.LiveRoute> {
    const row = routeId.startsWith('rt_') && routeId.length <= 64 ? await q.liveRoute(this.db, routeId) : undefined;
    if (!row) throw new VaultError('inbound_route_not_found');
    return row;
  }

  /** ANY /inbound/:route_id/…: tokenize, forward, answer with the merchant's answer. */
  async receive(route: q.LiveRoute, req: InboundRequest, ctx: RequestContext): Promise<InboundAnswer> {
    const started = performance.now();
    const audit: Record<string, unknown> = { method: req.method, host: null, path: null, upstream_status: null, tokens: 0 };
    let error: string | null = null;
    try {
      // 1. Everything decided before a token is stored or a byte sent.
      const target = checkDestination(upstreamUrl(route.upstream_url, req.rest, req.search), this.config.proxyAllowPrivateNetworks, policyOf(route));
      audit.host = target.host;
      // A path may carry anything a partner put in it: masked like a proxy answer.
      audit.path = maskText(target.url.pathname);
      const body = parseBody(route.content_type, req);
      const found = findFields(body, route.fields);

      // 2. Every value valid, or nothing stored and nothing sent.
      const caller: Caller = { projectId: route.project_id, appId: null, userId: null, ip: ctx.ip, requestId: ctx.requestId };
      // No deduplication: a sender who is no member must not learn whether a card is stored.
      const outcomes = found.length > 0 ? await tokenizeFound(this.tokens, caller, 'inbound_tokenize', found, { deduplicate: false, strict: true }, ctx.at) : [];
      const failed = outcomes.find((o) => o instanceof VaultError);
      if (failed) throw failed;
      audit.tokens = outcomes.length;

      // 3. Forward; the answer goes back as the merchant gave it, less unsafe headers.
      const payload = payloadOf(body, found, outcomes);
      const headers = requestHeaders(req, route.content_type, payload);
      // A partner's own traceparent is the incoming one, so the vault's span always replaces it.
      const span = req.trace?.outbound('inbound upstream', { 'http.request.method': req.method, 'server.address': target.host }) ?? null;
      if (span !== null) headers.traceparent = span.traceparent;
      let res: Awaited<ReturnType<typeof send>>;
      try {
        res = await send(this.agent, target.url, req.method, headers, payload, this.timeoutMs);
        span?.end(res.status);
      } catch (err) {
        span?.end(null, upstreamFailure(err).code);
        throw err;
      }
      audit.upstream_status = res.status;
      return { status: res.status, headers: answerHeaders(res.headers), body: res.raw };
    } catch (err) {
      const ve = upstreamFailure(err);
      error = ve.code;
      if (!(err instanceof VaultError) && ve.code === 'upstream_error') this.log.warn({ upstream_error: codesOf(err)[0] }, 'inbound upstream failed');
      throw ve;
    } finally {
      const details = { ...audit, duration_ms: Math.round((performance.now() - started) * 10) / 10, ...(error ? { error } : {}) };
      await writeAudit(this.db, ctx, auditEvent('inbound_request', {
        projectId: route.project_id, resourceId: route.id, outcome: error === null ? 'success' : 'failure', details,
      }));
    }
  }
}
