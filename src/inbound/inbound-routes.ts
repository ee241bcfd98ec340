// ANY /inbound/:route_id/… (API.md §6.6): no API key — the unguessable route id is the
// capability — and a budget per route. Bodies other than JSON are read as bytes inside this
// plugin's scope only; the service decides what the route accepts.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { contextOf } from '../http/context.js';
import { documentGuard } from '../http/openapi.js';
import { ErrorBody } from '../http/schemas.js';
import { DEFAULT_INBOUND_RATE_LIMITS } from '../config.js';
import type { InboundRequest } from './forward.js';
import { InboundParams } from './schemas.js';

const BODY_LIMIT = 1024 * 1024; // as the app's JSON limit and the proxy's (API.md §0: 413 over 1 MiB)
const PREFIX = '/inbound/';
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** The raw path after the route id and the raw query, from the URL as sent (still encoded). */
function splitUrl(url: string): { rest: string; search: string } {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const slash = path.indexOf('/', PREFIX.length);
  return { rest: slash < 0 ? '' : path.slice(slash), search: q < 0 ? '' : url.slice(q) };
}

// Read as the route says (service.ts), never validated here: documented only.
const PARTNER_BODY = {
  content: {
    'application/json': { schema: { description: "The partner's own JSON body" } },
    'application/x-www-form-urlencoded': { schema: { description: "The partner's own form" } },
  },
};

export async function inboundRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { inbound } = app.vault;
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: BODY_LIMIT }, (_req, body, done) => done(null, body));

  // The route is looked up first, so a made-up id spends nobody's budget (and leaves no row).
  const { points, durationSeconds } = DEFAULT_INBOUND_RATE_LIMITS.inbound_route;
  const perRoute = documentGuard(async (req: FastifyRequest, reply: FastifyReply) => {
    const { route_id } = req.params as { route_id: string };
    const route = await inbound.route(route_id);
    await inbound.limits.spend('inbound_route', route.id, reply);
    (req as FastifyRequest & { inboundRoute?: typeof route }).inboundRoute = route;
  }, { errors: [404, 429], rateLimit: true, says: `No API key: the route id is the capability. Rate-limited per route: ${points} per ${durationSeconds} s by default (\`inbound_route\`).` });

  const handler = async (req: FastifyRequest, reply: FastifyReply) => {
    const route = (req as FastifyRequest & { inboundRoute: Awaited<ReturnType<typeof inbound.route>> }).inboundRoute;
    const input: InboundRequest = { method: req.method, ...splitUrl(req.url), headers: req.headers, body: req.body, trace: req.traceSpan };
    const res = await inbound.receive(route, input, contextOf(req));
    return reply.code(res.status).headers(res.headers).send(res.body);
  };

  const schema = (documented: boolean, withBody: boolean) => ({
    hide: !documented,
    tags: ['inbound'],
    summary: 'Send card data to a merchant through an inbound route',
    description:
      'Any of GET, POST, PUT, PATCH, DELETE (documented here as POST). The fields the route names are tokenized into its project and the ' +
      "request is forwarded to the route's upstream_url with the rest of the path and the query string; the answer is the upstream's " +
      '(status, body, safe headers). Body: application/json or application/x-www-form-urlencoded, as the route says; at most 1 MiB.',
    params: InboundParams,
    // Read as the route says (service.ts), never validated here: documented only.
    ...(withBody ? { body: PARTNER_BODY } : {}),
    response: { '2xx': { description: "The upstream's answer, as it gave it" }, '4xx': ErrorBody, '5xx': ErrorBody },
  });
  for (const url of ['/inbound/:route_id', '/inbound/:route_id/*']) {
    for (const method of METHODS) {
      app.route({ method, url, config: { operation: 'inbound' }, onRequest: perRoute, schema: schema(method === 'POST' && url.endsWith('*'), method !== 'GET'), handler });
    }
  }
}
