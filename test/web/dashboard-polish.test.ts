// The dashboard's finish (issue 29.6) in real Chromium against a real vault: the product name and
// favicon, a 390 px phone, the audit log by name and time zone, the traffic chart's axis and
// values, editable application permissions (detokenization off by default), the breadcrumb, and
// no Retry on a 404. UPDATE_SCREENSHOTS=1 refreshes docs/screenshots.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVault, type TestVault, VISA } from '../helpers.js';
import { createUser, type TestUser } from '../users.js';
import { type Browser, buildDashboard, checkScreen, freePort, launch, signInAs } from './browser.js';

const shot = process.env.UPDATE_SCREENSHOTS === '1';
let v: TestVault;
let port: number;
let b: Browser;
let owner: TestUser;
let projectId: string;
let keys: { apiKey: string; pubKey: string };
let token: string;

const signIn = (page: Page, user: TestUser) => signInAs(b, v.url, page, user);

const call = (path: string, body: unknown) =>
  fetch(`${v.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': keys.apiKey, 'x-pub-key': keys.pubKey },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  port = await freePort();
  // PUBLIC_URL is the address the browser uses, so its Origin passes the CSRF check.
  v = await startVault({ webRoot: await buildDashboard(), port, publicUrl: `http://127.0.0.1:${port}`, auditSealIntervalMs: 100 });
  b = await launch({ timezoneId: 'Europe/Berlin' });
  owner = await createUser(v, 'owner');
  await v.sql.query("UPDATE users SET name = 'Ada Lovelace' WHERE id = $1", [owner.id]);
  const created = await v.app.inject({ method: 'POST', url: '/api/projects', headers: owner.auth, payload: { name: 'Payments', environment: 'development' } });
  projectId = created.json().data.id;
}, 120_000);
afterAll(async () => {
  await b?.close();
  await v?.close();
});

describe('dashboard finish (real vault, real Chromium)', () => {
  it('names the product, serves its favicon under the CSP, and the breadcrumb names the project', async () => {
    const page = b.page;
    await page.goto(`${v.url}/login`);
    expect(await page.title()).toBe('Open Vault');
    expect(await page.locator('.brand').first().textContent()).toBe('Open Vault');
    const href = await page.locator('link[rel="icon"]').getAttribute('href');
    expect(href).toBe('/favicon.svg');
    const icon = await fetch(`${v.url}${href}`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(await icon.text()).toContain('<svg');
    await signIn(page, owner);
    // The header shows the icon too: a same-origin image the CSP allows (checkScreen fails otherwise).
    expect(await page.locator('header .brand img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await page.goto(`${v.url}/projects/${projectId}/tokens`);
    const crumbs = page.getByRole('navigation', { name: 'Breadcrumb' });
    await crumbs.getByRole('link', { name: 'Payments' }).waitFor();
    expect(await crumbs.locator('li').allTextContents()).toEqual(['Projects', 'Payments', 'Tokens']);
    expect(await crumbs.locator('[aria-current="page"]').textContent()).toBe('Tokens');
    expect(await page.title()).toBe('Tokens · Payments · Open Vault');
    await checkScreen(page, 'tokens-breadcrumb');
    await crumbs.getByRole('link', { name: 'Payments' }).click();
    await page.getByRole('heading', { level: 2, name: 'Applications' }).waitFor();
    expect(await crumbs.locator('[aria-current="page"]').textContent()).toBe('Applications');
  }, 60_000);

  it('a new application cannot detokenize until its permissions are edited; the key follows at once', async () => {
    const page = b.page;
    await page.goto(`${v.url}/projects/${projectId}/applications`);
    const form = page.getByRole('form', { name: 'New application' });
    await form.getByLabel('Application name').fill('Checkout');
    expect(await form.getByLabel('Tokenization (tokenize, test tokens, proxy)').isChecked()).toBe(true);
    expect(await form.getByLabel('Detokenization').isChecked()).toBe(false);
    await form.getByRole('button', { name: 'Create application' }).click();
    keys = { apiKey: (await page.getByTestId('api-key').textContent())!.trim(), pubKey: (await page.getByTestId('pub-key').textContent())!.trim() };
    await page.getByRole('button', { name: 'I have stored the key' }).click();
    const row = page.getByRole('row').filter({ hasText: 'Checkout' });
    await row.getByRole('cell', { name: 'tokenization', exact: true }).waitFor();
    const stored = await v.sql.query('SELECT permissions FROM applications WHERE name = $1', ['Checkout']);
    expect(stored.rows[0].permissions).toEqual({ tokenization: { allowed: true }, detokenization: { allowed: false }, provisioning: { allowed: false } });

    const tokenized = await call('/tokenize', { type: 'card', data: VISA });
    expect(tokenized.status).toBe(201);
    token = ((await tokenized.json()) as { token: string }).token;
    expect((await call('/detokenize', { token })).status).toBe(403);

    await page.getByRole('button', { name: 'Edit permissions of Checkout' }).click();
    const edit = page.getByRole('form', { name: 'Permissions of Checkout' });
    expect(await edit.getByLabel('Detokenization').isChecked()).toBe(false);
    await edit.getByLabel('Detokenization').check();
    await checkScreen(page, 'application-permissions', { screenshot: shot });
    await edit.getByRole('button', { name: 'Save permissions' }).click();
    await page.getByText('Permissions of Checkout saved.').waitFor();
    await row.getByRole('cell', { name: 'tokenization, detokenization', exact: true }).waitFor();
    expect(await edit.count()).toBe(0);
    const after = await v.sql.query('SELECT permissions FROM applications WHERE name = $1', ['Checkout']);
    expect(after.rows[0].permissions.detokenization).toEqual({ allowed: true });
    // Every node drops the cached key at commit: the same key now detokenizes.
    await expect.poll(async () => (await call('/detokenize', { token })).status, { timeout: 5000 }).toBe(200);
    // Cancel leaves the permissions alone.
    await page.getByRole('button', { name: 'Edit permissions of Checkout' }).click();
    await page.getByRole('form', { name: 'Permissions of Checkout' }).getByLabel('Tokenization (tokenize, test tokens, proxy)').uncheck();
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect((await v.sql.query('SELECT permissions FROM applications WHERE name = $1', ['Checkout'])).rows[0].permissions.tokenization).toEqual({ allowed: true });
  }, 60_000);

  it('the audit log names people and applications and says the time zone; unknown ids stay ids', async () => {
    const page = b.page;
    // An application that tokenized and was deleted since: no list names it any more.
    const gone = await v.app.inject({ method: 'POST', url: '/api/applications', headers: owner.auth, payload: { project_id: projectId, name: 'Old shop', permissions: { tokenization: { allowed: true } } } });
    const old = gone.json().data as { id: string; api_key: string; pub_key: string };
    const oldToken = await fetch(`${v.url}/tokenize`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': old.api_key, 'x-pub-key': old.pub_key },
      body: JSON.stringify({ type: 'card', data: VISA }),
    });
    expect(oldToken.status).toBe(201);
    const oldTok = ((await oldToken.json()) as { token: string }).token;
    expect((await v.app.inject({ method: 'DELETE', url: `/api/applications/${old.id}`, headers: owner.auth })).statusCode).toBe(200);

    await page.goto(`${v.url}/projects/${projectId}/audit`);
    await page.getByTestId('chain-badge').waitFor();
    expect(await page.getByTestId('time-zone').textContent()).toBe('Times in Europe/Berlin.');
    const appId = (await v.sql.query('SELECT id FROM applications WHERE name = $1', ['Checkout'])).rows[0].id as string;
    const byApp = page.getByTestId('audit-row').filter({ hasText: token }).filter({ has: page.getByRole('cell', { name: 'tokenize', exact: true }) });
    await expect.poll(() => byApp.getByTestId('actor').textContent()).toContain('Checkout');
    expect(await byApp.getByTestId('actor').textContent()).toContain(appId);
    const byPerson = page.getByTestId('audit-row').filter({ hasText: 'application_update' }).first();
    expect(await byPerson.getByTestId('actor').textContent()).toContain('Ada Lovelace');
    // The deleted application's entry shows its bare id.
    const oldRow = page.getByTestId('audit-row').filter({ hasText: oldTok });
    expect((await oldRow.locator('td').nth(6).textContent())!.trim()).toBe(old.id);
    expect(await oldRow.getByTestId('actor').count()).toBe(0);
    // Times are Berlin's (UTC+1 in December, +2 in summer), as the browser's locale writes them.
    const at = (await v.sql.query("SELECT created_at FROM audit_log WHERE action = 'tokenize' AND resource_id = $1", [token])).rows[0].created_at as Date;
    const locale = await page.evaluate(() => navigator.language);
    expect(await byApp.locator('td').nth(1).textContent()).toBe(at.toLocaleString(locale, { timeZone: 'Europe/Berlin' }));
    expect(at.toLocaleString(locale, { timeZone: 'Europe/Berlin' })).not.toBe(at.toLocaleString(locale, { timeZone: 'UTC' }));
    // Filtering by an application is a list of names.
    await page.getByLabel('Application', { exact: true }).selectOption({ label: 'Checkout' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(async () => (await page.getByTestId('audit-row').allTextContents()).every((t) => t.includes(appId))).toBe(true);
    expect(await page.getByTestId('audit-row').filter({ hasText: oldTok }).count()).toBe(0);
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByTestId('audit-row').filter({ hasText: oldTok }).waitFor();
    await checkScreen(page, 'audit-log-names', { screenshot: shot });
  }, 60_000);

  it('the traffic chart has a y-axis and shows each hour’s values on hover and from the keyboard', async () => {
    const page = b.page;
    await page.goto(`${v.url}/projects/${projectId}/traffic`);
    await expect.poll(() => page.getByTestId('total-tokenize').textContent()).toBe('2');
    const detok = Number(await page.getByTestId('total-detokenize').textContent());
    expect(detok).toBeGreaterThanOrEqual(1);
    const axis = await page.getByTestId('y-axis').locator('text').allTextContents();
    expect(axis[0]).toBe('0');
    expect(Number(axis[axis.length - 1])).toBeGreaterThanOrEqual(2 + detok);
    const bars = page.getByTestId('bar');
    expect(await bars.count()).toBe(24);
    const last = bars.last();
    expect(await last.locator('title').textContent()).toMatch(new RegExp(`: 2 tokenize, ${detok} detokenize, 0 proxy$`));
    await last.hover();
    await expect.poll(() => page.getByTestId('chart-tip').textContent()).toContain('tokenize: 2');
    expect(await page.getByTestId('chart-tip').textContent()).toContain(`detokenize: ${detok}`);
    await checkScreen(page, 'traffic-values', { screenshot: shot });
    await page.mouse.move(0, 0);
    await page.getByTestId('chart-tip').waitFor({ state: 'detached' });
    // Keyboard: one tab stop, the arrow keys move between hours, the tip follows the focus.
    await page.getByRole('navigation', { name: 'Project sections' }).getByRole('link', { name: 'Settings', exact: true }).focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => `${document.activeElement?.tagName} ${document.activeElement?.getAttribute('aria-label')}`)).toMatch(/^g .*: 2 tokenize/);
    await page.getByTestId('chart-tip').waitFor();
    await page.keyboard.press('ArrowLeft');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '')).toMatch(/: 0 tokenize, 0 detokenize, 0 proxy$/);
    expect(await page.getByTestId('chart-tip').textContent()).toContain('0 calls');
    await page.keyboard.press('Home');
    expect(await page.evaluate(() => Array.from(document.querySelectorAll('[data-testid="bar"]')).indexOf(document.activeElement!))).toBe(0);
    expect(await page.locator('[data-testid="bar"][tabindex="0"]').count()).toBe(1);
  }, 60_000);

  it('an error a retry can mend offers Retry, and Retry mends it', async () => {
    const page = b.page;
    await page.goto(`${v.url}/projects/${projectId}/applications`);
    await page.getByRole('cell', { name: 'Checkout', exact: true }).waitFor();
    // The vault stops listening (the database and the page stay): the next call cannot connect.
    const server = v.app.server;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    try {
      await page.getByRole('navigation', { name: 'Project sections' }).getByRole('link', { name: 'Tokens', exact: true }).click();
      await page.getByRole('alert').filter({ hasText: 'The vault could not be reached' }).waitFor();
      await page.getByRole('button', { name: 'Retry' }).waitFor();
    } finally {
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
    }
    await page.getByRole('button', { name: 'Retry' }).click();
    await page.getByRole('row').filter({ hasText: token }).waitFor();
    expect(await page.getByRole('button', { name: 'Retry' }).count()).toBe(0);
  }, 60_000);

  it('a 404 says so and offers no Retry', async () => {
    const page = b.page;
    await page.goto(`${v.url}/projects/prj_doesnotexist/tokens`);
    await page.getByRole('heading', { level: 1, name: 'Project not found' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toMatch(/\S/);
    expect(await page.getByRole('button', { name: 'Retry' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Back to projects' }).waitFor();
    await checkScreen(page, 'project-not-found', { screenshot: shot });
  }, 60_000);

  it('works 390 px wide: no horizontal scroll on the main screens, wide tables scroll in their own box', async () => {
    const page = await b.context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    const width = () => page.evaluate(() => document.documentElement.scrollWidth);
    /** What sticks out past the right edge (outside any box that scrolls by itself), for the failure message. */
    const wide = () =>
      page.evaluate(() =>
        Array.from(document.body.querySelectorAll('*'))
          .filter((el) => el.getBoundingClientRect().right > 390.5)
          // The outermost ones: what sits inside a box that scrolls by itself is that box's business.
          .filter((el) => !el.parentElement || el.parentElement.getBoundingClientRect().right <= 390.5)
          .map((el) => `${el.tagName.toLowerCase()}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`)
          .slice(0, 8),
      );
    try {
      await page.goto(`${v.url}/projects`);
      await page.getByRole('link', { name: 'Payments' }).waitFor();
      expect(await width()).toBeLessThanOrEqual(390);
      await checkScreen(page, 'phone-projects', { screenshot: shot });
      for (const [path, ready] of [
        ['applications', () => page.getByRole('cell', { name: 'Checkout', exact: true }).waitFor()],
        ['tokens', () => page.getByRole('row').filter({ hasText: token }).waitFor()],
        ['audit', () => page.getByTestId('audit-row').first().waitFor()],
        ['traffic', () => page.getByTestId('bar').first().waitFor()],
        ['webhooks', () => page.getByRole('button', { name: 'Create webhook' }).waitFor()],
        ['routes', () => page.getByRole('button', { name: 'Create route' }).waitFor()],
        ['members', () => page.getByRole('cell', { name: owner.email, exact: true }).waitFor()],
        ['settings', () => page.getByRole('button', { name: 'Save settings' }).waitFor()],
      ] as const) {
        await page.goto(`${v.url}/projects/${projectId}/${path}`);
        await ready();
        expect(await width(), `${path}: ${(await wide()).join(', ')}`).toBeLessThanOrEqual(390);
        if (path === 'audit') {
          // The audit table is wider than the phone: its box scrolls, the page does not.
          const box = page.getByRole('region', { name: 'Audit entries' });
          const { scroll, client } = await box.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
          expect(scroll).toBeGreaterThan(client);
          expect(client).toBeLessThanOrEqual(390);
          await checkScreen(page, 'phone-audit-log', { screenshot: shot });
        } else await checkScreen(page, `phone-${path}`);
      }
      await page.goto(`${v.url}/settings`);
      await page.getByRole('heading', { level: 1, name: 'Account settings' }).waitFor();
      expect(await width()).toBeLessThanOrEqual(390);
      await b.context.clearCookies();
      await page.goto(`${v.url}/login`);
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      expect(await width()).toBeLessThanOrEqual(390);
    } finally {
      await page.close();
    }
  }, 90_000);
});
