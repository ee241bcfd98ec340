// The dashboard (web/, built by `vite build web` into dist/web) served at `/`: hashed assets under
// /assets are immutable, index.html is never cached, and any other GET that asks for HTML and is
// not an API path gets index.html so the single-page app can route it. The CSP comes from helmet
// (src/plugins/headers.ts): scripts and styles from 'self' only, images from 'self' and data: (the MFA QR code).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendError, VaultError } from '../http/errors.js';

/** dist/web next to the compiled server, found the same way from src/ops (tests) and dist/ops. */
export function defaultWebRoot(): string {
  return fileURLToPath(new URL('../../dist/web/', import.meta.url));
}

const API_PREFIXES = ['/api/', '/auth/', '/internal/', '/proxy/', '/assets/', '/elements/', '/sessions/'];

function wantsHtml(req: FastifyRequest): boolean {
  const accept = req.headers.accept ?? '';
  return /\btext\/html\b/.test(accept);
}

export async function dashboardRoutes(app: FastifyInstance, opts: { root?: string }) {
  const root = opts.root ?? defaultWebRoot();
  const built = existsSync(`${root}/index.html`);
  if (!built) app.log.warn({ root }, 'dashboard not built (npm run build); / will answer 404');

  if (built) {
    await app.register(fastifyStatic, {
      root,
      prefix: '/',
      wildcard: false,
      index: false,
      cacheControl: false,
      // Vite names everything under assets/ by content hash: it never changes under that name.
      setHeaders(reply, file) {
        reply.header('cache-control', file.startsWith(`${root.replace(/\/$/, '')}/assets/`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }

  const sendIndex = (reply: FastifyReply) => {
    reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html', root);
  };

  app.get('/', { schema: { hide: true } }, async (_req, reply) => {
    if (!built) return sendError(reply, new VaultError('dashboard_not_built'));
    return sendIndex(reply);
  });

  // The single-page app's own paths (/projects/…, /settings, /reset-password?token=…). Specific
  // routes always win over this wildcard, so it only ever sees paths nothing else answers.
  app.get('/*', { schema: { hide: true } }, async (req, reply) => {
    const path = req.url.split('?')[0];
    if (built && wantsHtml(req) && !API_PREFIXES.some((p) => path.startsWith(p))) return sendIndex(reply);
    return sendError(reply, new VaultError('no_such_route'));
  });
}
