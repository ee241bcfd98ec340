// Prometheus metrics with a registry per app instance (tests run many in one process).
// Metrics name routes, counts and timings: not for the public. They are served only with
// METRICS_TOKEN (Bearer, on the main port) or on a separate METRICS_PORT (bound to HOST); with
// neither, /metrics does not exist.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { safeEqual } from '../lib/compare.js';
import type { VaultConfig } from '../config.js';
import { VaultError } from '../http/errors.js';
import { type BatchSource, DomainMetrics } from './domain-metrics.js';

const bearerOk = (header: string | undefined, token: string | null | undefined) =>
  !token || (typeof header === 'string' && /^Bearer /i.test(header) && safeEqual(header.slice(7).trim(), token));

/** The registry, and the domain metrics fed by the routes with `config.operation` and by `batches`. */
export function registerMetrics(app: FastifyInstance, config: VaultConfig, batches: BatchSource[]): { registry: Registry; domain: DomainMetrics } {
  const registry = new Registry();
  const domain = new DomainMetrics(registry, batches.map((b) => b.name));
  domain.registerRoutes(app);
  domain.observeBatches(batches);
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'vault_http_requests_total',
    help: 'HTTP requests by method, route pattern and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'vault_http_request_duration_seconds',
    help: 'HTTP request latency by method and route pattern',
    labelNames: ['method', 'route'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? '(unmatched)';
    requests.inc({ method: req.method, route, status: reply.statusCode });
    latency.observe({ method: req.method, route }, reply.elapsedTime / 1000);
  });
  if (config.metricsToken && config.metricsPort == null) {
    app.get('/metrics', { schema: { hide: true } }, async (req, reply) => {
      if (!bearerOk(req.headers.authorization, config.metricsToken)) {
        throw new VaultError('metrics_token_required');
      }
      reply.type(registry.contentType);
      return registry.metrics();
    });
  }
  return { registry, domain };
}

/** The separate metrics listener (METRICS_PORT): GET /metrics only, the token too when set. */
export async function serveMetrics(registry: Registry, config: VaultConfig): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' || req.url !== '/metrics') return res.writeHead(404).end();
    if (!bearerOk(req.headers.authorization, config.metricsToken)) return res.writeHead(401, { 'www-authenticate': 'Bearer' }).end();
    registry.metrics().then(
      (body) => res.writeHead(200, { 'content-type': registry.contentType }).end(body),
      () => res.writeHead(500).end(),
    );
  });
  const host = config.metricsHost ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(config.metricsPort!, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // a scraper's keep-alive connection must not hold the shutdown
      }),
  };
}
