// The vault serves the built dashboard: hashed assets immutable, index.html never cached, SPA
// fallback only for HTML navigations outside the API, and a CSP without inline scripts.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVault, type TestVault } from '../helpers.js';
import { buildDashboard } from './browser.js';

let v: TestVault;
let root: string;
beforeAll(async () => {
  root = await buildDashboard();
  v = await startVault({ webRoot: root });
});
afterAll(async () => v?.close());

const html = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

describe('dashboard serving', () => {
  it('serves index.html at / with no-cache and a strict CSP', async () => {
    const res = await fetch(`${v.url}/`, { headers: html });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const csp = res.headers.get('content-security-policy') ?? '';
    const directives = Object.fromEntries(csp.split(';').map((d) => { const [k, ...rest] = d.trim().split(/\s+/); return [k, rest.join(' ')]; }));
    expect(directives['script-src']).toBe("'self'");
    expect(directives['style-src']).toBe("'self'");
    expect(directives['img-src']).toBe("'self' data:");
    expect(directives['object-src']).toBe("'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    const body = await res.text();
    expect(body).toContain('<div id="root"></div>');
    // Every script is an external file from /assets: nothing inline for the CSP to refuse.
    expect(body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(body).toMatch(/<script type="module" crossorigin src="\/assets\/index-[\w-]+\.js"><\/script>/);
  });

  it('serves hashed assets as immutable for a year', async () => {
    const files = readdirSync(path.join(root, 'assets'));
    expect(files.some((f) => f.endsWith('.js'))).toBe(true);
    for (const f of files) {
      const res = await fetch(`${v.url}/assets/${f}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(Buffer.from(await res.arrayBuffer()).equals(readFileSync(path.join(root, 'assets', f)))).toBe(true);
    }
    const missing = await fetch(`${v.url}/assets/nope-123.js`, { headers: html });
    expect(missing.status).toBe(404);
  });

  it('falls back to index.html for the app’s own routes, only for HTML navigations', async () => {
    for (const p of ['/projects', '/projects/prj_x/tokens', '/settings', '/reset-password?token=abc']) {
      const res = await fetch(`${v.url}${p}`, { headers: html });
      expect(res.status, p).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toContain('<div id="root"></div>');
    }
    // An API client asking for JSON gets the JSON 404, never HTML.
    const json = await fetch(`${v.url}/projects/prj_x`, { headers: { accept: 'application/json' } });
    expect(json.status).toBe(404);
    expect(await json.json()).toMatchObject({ success: false, data: null, error: { code: 'not_found' } });
    // API prefixes never fall back, even for a browser.
    for (const p of ['/api/nope', '/auth/nope', '/internal/nope']) {
      const res = await fetch(`${v.url}${p}`, { headers: html });
      expect(res.status, p).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
    }
    // Other methods are untouched by the fallback.
    const post = await fetch(`${v.url}/projects`, { method: 'POST', headers: { ...html, 'content-type': 'application/json' }, body: '{}' });
    expect(post.status).toBe(404);
  });

  it('leaves the API and operations routes alone', async () => {
    expect((await fetch(`${v.url}/healthz`, { headers: html })).headers.get('content-type')).toMatch(/json/);
    expect((await fetch(`${v.url}/openapi.json`)).status).toBe(200);
    const spec = await (await fetch(`${v.url}/openapi.json`)).json();
    expect(Object.keys(spec.paths)).not.toContain('/*');
  });
});

describe('dashboard not built', () => {
  it('answers / with a JSON 404 that says how to build it', async () => {
    const w = await startVault({ webRoot: '/nonexistent/web' });
    try {
      const res = await fetch(`${w.url}/`, { headers: html });
      expect(res.status).toBe(404);
      expect((await res.json()).message).toMatch(/npm run build/);
    } finally {
      await w.close();
    }
  });
});
