// The browser SDK and its frames, served by the vault at /elements/v1/ (docs/api.md §2.4).
// - The scripts (built into packages/elements/dist by `npm run build`) are read once at start-up
//   and may be loaded by any page: CORS *, Cross-Origin-Resource-Policy cross-origin.
// - The frame documents carry a CSP of their own: scripts, styles and fetches from the vault only,
//   and frame-ancestors from the project's `elements_origins`, so only the merchant's own pages
//   can embed them (no list → 'none'). X-Frame-Options is dropped: frame-ancestors replaces it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { VaultError } from '../http/errors.js';
import { frameAncestors } from '../session-keys/origins.js';

/** packages/elements/dist, found the same way from src/elements (tests) and dist/elements. */
export function defaultElementsRoot(): string {
  return fileURLToPath(new URL('../../packages/elements/dist/', import.meta.url));
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
};

const FRAMES = {
  field: { title: 'Secure payment field', script: 'field.js', css: true },
  tokenizer: { title: 'Vault tokenizer', script: 'tokenizer.js', css: false },
} as const;

function frameHtml(f: (typeof FRAMES)[keyof typeof FRAMES]): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${f.title}</title>${f.css ? '<link rel="stylesheet" href="field.css">' : ''}<script src="${f.script}" defer></script></head><body></body></html>`;
}

const FRAME_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'";

/** Every built file, by its URL name (types/*.d.ts for the declarations). */
function loadFiles(root: string): Map<string, { body: Buffer; type: string }> {
  const files = new Map<string, { body: Buffer; type: string }>();
  if (!existsSync(`${root}/elements.js`)) return files;
  for (const name of readdirSync(root)) {
    const ext = name.slice(name.lastIndexOf('.'));
    if (TYPES[ext]) files.set(name, { body: readFileSync(`${root}/${name}`), type: TYPES[ext] });
  }
  for (const name of readdirSync(`${root}/types`)) {
    if (name.endsWith('.d.ts')) files.set(`types/${name}`, { body: readFileSync(`${root}/types/${name}`), type: TYPES['.ts'] });
  }
  return files;
}

export async function elementsRoutes(fastify: FastifyInstance, opts: { root?: string }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const root = opts.root ?? defaultElementsRoot();
  const files = loadFiles(root);
  if (files.size === 0) app.log.warn({ root }, 'elements SDK not built (npm run build); /elements/v1/ will answer 404');
  const { elements } = app.vault;

  const frame = (kind: keyof typeof FRAMES) => {
    const html = frameHtml(FRAMES[kind]);
    app.get(`/elements/v1/${kind}.html`, {
      schema: { hide: true, querystring: Type.Object({ pk: Type.String({ maxLength: 128 }) }, { additionalProperties: true }) },
    }, async (req, reply) => {
      const origins = await elements.originsOfPubKey(req.query.pk);
      if (origins === undefined || files.size === 0) throw new VaultError('pub_key_not_found');
      reply.removeHeader('x-frame-options');
      return reply
        .header('content-security-policy', `${FRAME_CSP}; frame-ancestors ${frameAncestors(origins)}`)
        .header('cache-control', 'no-store')
        .type('text/html; charset=utf-8')
        .send(html);
    });
  };
  frame('field');
  frame('tokenizer');

  app.get('/elements/v1/*', { schema: { hide: true } }, async (req, reply) => {
    const file = files.get((req.params as { '*': string })['*']);
    if (!file) throw new VaultError('file_not_found');
    return reply
      .header('access-control-allow-origin', '*')
      .header('cross-origin-resource-policy', 'cross-origin')
      .header('cache-control', 'public, max-age=300')
      .type(file.type)
      .send(file.body);
  });
}
