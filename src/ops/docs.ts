// GET /openapi.json (generated from the route schemas) and GET /docs, a plain server-rendered
// reference page (no scripts, so the strict CSP holds).
import type { FastifyInstance } from 'fastify';

const esc = (s: string | undefined) => (s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export async function docsRoutes(app: FastifyInstance) {
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.get('/docs', { schema: { hide: true } }, async (_req, reply) => {
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
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(spec.info.title)}</title></head>
<body><h1>${esc(spec.info.title)}</h1><p>${esc(spec.info.description)}</p>
<p>The machine-readable document is at <a href="/openapi.json">/openapi.json</a>.</p>
<table><thead><tr><th>Method</th><th>Path</th><th>Summary</th><th>Area</th></tr></thead><tbody>
${rows}
</tbody></table></body></html>`;
  });
}
