// GET /openapi.json (generated from the route schemas) and GET /docs, the API reference: Scalar's
// standalone bundle served from the vault itself (no CDN, no fonts or proxy from elsewhere), started
// by a script file rather than an inline one so the vault's CSP (script-src 'self') holds. Without
// JavaScript the page still lists every operation.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';

const esc = (s: string | undefined) => (s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// Scalar options: everything that would reach outside the vault is off; "try it" calls the vault
// itself (same origin, no proxy), with the key the reader pastes.
const INIT = `Scalar.createApiReference('#reference', ${JSON.stringify({
  url: '/openapi.json',
  withDefaultFonts: false,
  hideClientButton: true,
  showDeveloperTools: 'never',
  telemetry: false,
  agent: { disabled: true },
  mcp: { disabled: true },
  persistAuth: false,
})});\n`;

let bundle: Buffer | null = null;
/** Read on first use: 3.5 MB that a vault serving no reader never holds. */
function scalarBundle(): Buffer {
  bundle ??= readFileSync(createRequire(import.meta.url).resolve('@scalar/api-reference/browser/standalone.js'));
  return bundle;
}

export async function docsRoutes(app: FastifyInstance) {
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.get('/docs/scalar.js', { schema: { hide: true } }, async (_req, reply) => {
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600');
    return scalarBundle();
  });
  app.get('/docs/init.js', { schema: { hide: true } }, async (_req, reply) => {
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600');
    return INIT;
  });

  app.get('/docs', { schema: { hide: true } }, async (_req, reply) => {
    // Scalar (Vue) injects its styles as <style> elements and style attributes, so this one page
    // allows inline styles; scripts stay 'self' only, and nothing may be fetched from elsewhere.
    const csp = String(reply.getHeader('content-security-policy') ?? '');
    reply.header('content-security-policy', csp.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"));
    const spec = app.swagger() as { info: { title: string; description?: string }; paths: Record<string, Record<string, { summary?: string; tags?: string[] }>> };
    const rows = Object.entries(spec.paths)
      .flatMap(([path, ops]) =>
        Object.entries(ops).map(
          ([method, op]) =>
            `<tr><td><code>${esc(method.toUpperCase())}</code></td><td><code>${esc(path)}</code></td><td>${esc(op.summary)}</td><td>${esc((op.tags ?? []).join(', '))}</td></tr>`,
        ),
      )
      .join('\n');
    reply.type('text/html; charset=utf-8');
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(spec.info.title)} — API reference</title></head>
<body><div id="reference"></div>
<noscript><h1>${esc(spec.info.title)}</h1><p>${esc(spec.info.description)}</p>
<p>The machine-readable document is at <a href="/openapi.json">/openapi.json</a>.</p>
<table><thead><tr><th>Method</th><th>Path</th><th>Summary</th><th>Area</th></tr></thead><tbody>
${rows}
</tbody></table></noscript>
<script src="/docs/scalar.js"></script><script src="/docs/init.js"></script></body></html>`;
  });
}
