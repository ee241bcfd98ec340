// /docs in real Chromium: Scalar's reference renders from the vault's own files under the vault's
// CSP (inline styles allowed on this page only, scripts 'self' only) and reaches nothing but the vault.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startVault, type TestVault } from '../helpers.js';
import { type Browser, freePort, launch, SCREENSHOTS } from '../web/browser.js';

let b: Browser;
let v: TestVault;
beforeAll(async () => {
  const port = await freePort();
  v = await startVault({ port, publicUrl: `http://127.0.0.1:${port}` });
  b = await launch();
});
afterAll(async () => {
  await b?.close();
  await v?.close();
});

it('renders the API reference from the vault alone, under a CSP that allows no outside or inline script', async () => {
  const outside: string[] = [];
  b.page.on('request', (r) => {
    if (new URL(r.url()).host !== new URL(v.url).host && !r.url().startsWith('data:')) outside.push(r.url());
  });
  const res = await b.page.goto(`${v.url}/docs`);
  expect(res!.status()).toBe(200);
  const csp = res!.headers()['content-security-policy'];
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self';");
  // An operation's summary, then its section once clicked: Scalar rendered the document.
  await b.page.getByText('Tokenize a card, bank account or string', { exact: false }).first().click({ timeout: 30_000 });
  await b.page.getByText('X-API-Key', { exact: false }).first().waitFor({ timeout: 10_000 });
  expect(await b.page.evaluate(() => getComputedStyle(document.body).margin)).toBe('0px'); // styled, not the browser's 8px
  expect(outside).toEqual([]);
  // Zod inside the bundle probes whether eval is allowed (`new Function("")` in a try); the CSP
  // refuses it and the page works without. Any other violation fails.
  const csp_violations: string[] = await b.page.evaluate(() => (window as any).__csp);
  expect(csp_violations.filter((x) => x !== 'script-src eval')).toEqual([]);
  await b.page.screenshot({ path: `${SCREENSHOTS}/api-reference.png` });
});

it('the other pages keep the strict style policy', async () => {
  const res = await fetch(`${v.url}/healthz`);
  expect(res.headers.get('content-security-policy')).toMatch(/style-src 'self'(;|$)/);
});
