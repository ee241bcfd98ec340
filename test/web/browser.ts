// Real Chromium (Debian's /usr/bin/chromium) driven by playwright-core, a dashboard built once per
// test file into a temporary directory, and the checks every screen goes through: axe-core (no
// serious or critical violations) and no Content-Security-Policy violation.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SCREENSHOTS = path.join(ROOT, 'docs/screenshots');

let built: Promise<string> | null = null;
/** `vite build web` into a fresh directory (so parallel test files never share an output). */
export function buildDashboard(): Promise<string> {
  built ??= (async () => {
    const { build } = await import('vite');
    const outDir = mkdtempSync(path.join(tmpdir(), 'vault-web-'));
    // The production build, exactly as `npm run build` makes it (vitest sets NODE_ENV=test).
    const env = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({ configFile: path.join(ROOT, 'web/vite.config.ts'), mode: 'production', logLevel: 'warn', build: { outDir, emptyOutDir: true } });
    } finally {
      process.env.NODE_ENV = env;
    }
    return outDir;
  })();
  return built;
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** `timezoneId`: the zone the page's Intl and Date see (default: the machine's). */
export async function launch(opts: { timezoneId?: string } = {}): Promise<Browser> {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'vault-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: 860 },
    timezoneId: opts.timezoneId,
  });
  // Runs through DevTools, so the page's CSP does not apply to it; it records any violation.
  await context.addInitScript(() => {
    (window as any).__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => (window as any).__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(10_000);
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core on the current screen: fails on any serious or critical violation, and on any CSP violation. */
export async function checkScreen(page: Page, name: string, opts: { screenshot?: boolean } = {}) {
  // Evaluated through DevTools: injecting a <script> would (rightly) be refused by the CSP.
  await page.evaluate(AXE_SOURCE);
  const violations: { id: string; impact: string; help: string; nodes: { target: unknown }[] }[] = await page.evaluate(async () => {
    const r = await (window as any).axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v: any) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n: any) => ({ target: n.target })) }));
  });
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad, `${name}: axe violations ${JSON.stringify(bad, null, 1)}`).toEqual([]);
  const csp: string[] = await page.evaluate(() => (window as any).__csp);
  expect(csp, `${name}: CSP violations`).toEqual([]);
  if (opts.screenshot) {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
  }
  return violations;
}

/** A port nothing listens on right now, for a vault whose PUBLIC_URL must be known up front. */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Signs `user` in through the login page (cookies cleared first) and waits for the projects list. */
export async function signInAs(b: Browser, base: string, page: Page, user: { email: string; password: string }) {
  await b.context.clearCookies();
  await page.goto(`${base}/login`);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Projects' }).waitFor();
}
