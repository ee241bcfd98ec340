// Response headers every answer carries: helmet's security headers and the request id.
//
// helmet decides the headers; our policy has no per-request parts (no CSP nonces), so we run its
// middleware once at start-up against a recording response and then set the recorded headers with
// one object per request. @fastify/helmet re-runs all of helmet's middleware on every request,
// which cost about a sixth of a /healthz request's CPU in the benchmark (docs/performance.md).
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * Our helmet policy. `upgrade-insecure-requests` follows the deployment's transport, as the
 * session cookie's Secure flag does (`COOKIE_SECURE`, on unless the public URL is local plain
 * http): on a plain-http deployment it would send every script and style to an https:// URL that
 * does not answer, and the dashboard would not load.
 */
export function helmetOptions(secureTransport: boolean): HelmetOptions {
  return {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'"], imgSrc: ["'self'", 'data:'],
        ...(secureTransport ? {} : { upgradeInsecureRequests: null }),
      },
    },
  };
}

/** The headers helmet sets for `options`, as a lower-cased name → value map. */
function helmetHeaders(options: HelmetOptions): Record<string, string> {
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
  helmet(options)({} as never, res as never, (err?: unknown) => {
    failure = err ?? null;
  });
  if (failure) throw failure instanceof Error ? failure : new Error('helmet failed', { cause: failure });
  return headers;
}

export function registerResponseHeaders(app: FastifyInstance, secureTransport: boolean) {
  const fixed = helmetHeaders(helmetOptions(secureTransport));
  // Synchronous hook with `done`: no promise per request.
  app.addHook('onRequest', (req, reply, done) => {
    reply.headers(fixed);
    reply.header('x-request-id', req.id);
    done();
  });
}
