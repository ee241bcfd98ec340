// Response headers every answer carries: helmet's security headers and the request id.
//
// helmet decides the headers; our policy has no per-request parts (no CSP nonces), so we run its
// middleware once at start-up against a recording response and then set the recorded headers with
// one object per request. @fastify/helmet re-runs all of helmet's middleware on every request,
// which cost about a sixth of a /healthz request's CPU in the benchmark (docs/performance.md).
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

export const HELMET_OPTIONS: Readonly<HelmetOptions> = {
  contentSecurityPolicy: {
    directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'"], imgSrc: ["'self'", 'data:'] },
  },
};

/** The headers helmet sets for our options, as a lower-cased name → value map. */
function helmetHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let failure: unknown = null;
  // helmet's middleware is synchronous: `next` has run (or it threw) by the time the call returns.
  helmet(HELMET_OPTIONS)({} as never, res as never, (err?: unknown) => {
    failure = err ?? null;
  });
  if (failure) throw failure;
  return headers;
}

export function registerResponseHeaders(app: FastifyInstance) {
  const fixed = helmetHeaders();
  // Synchronous hook with `done`: no promise per request.
  app.addHook('onRequest', (req, reply, done) => {
    reply.headers(fixed);
    reply.header('x-request-id', req.id);
    done();
  });
}
