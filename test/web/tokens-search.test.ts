// The tokens list's card details and search (issue 27.7, API.md §6.3) in real Chromium against a
// real vault: brand, card expiry and metadata in the list; search by brand, last 4, expiry and
// metadata through POST /api/tokens/search, paged; the empty state and readable errors; another
// project's tokens never appear; the page never holds a full card number, and offers no search
// by one.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVault, type TestVault } from '../helpers.js';
import { createUser, type TestUser } from '../users.js';
import { type Browser, buildDashboard, checkScreen, freePort, launch, signInAs } from './browser.js';

const shot = process.env.UPDATE_SCREENSHOTS === '1';
const PANS = { visa: '4111111111111111', mastercard: '5555555555554444', visa2: '4242424242424242', amex: '378282246310005' };
let v: TestVault;
let b: Browser;
let owner: TestUser;
let projectA: string;
let projectB: string;
const tok: Record<string, string> = {};
/** Every answer of /api/tokens* the dashboard received. */
const answers: Promise<string>[] = [];

async function project(name: string) {
  const created = await v.app.inject({ method: 'POST', url: '/api/projects', headers: owner.auth, payload: { name, environment: 'development' } });
  const id = created.json().data.id as string;
  const app = await v.app.inject({ method: 'POST', url: '/api/applications', headers: owner.auth, payload: { project_id: id, name: `${name} shop`, permissions: { tokenization: { allowed: true } } } });
  const keys = app.json().data as { api_key: string; pub_key: string };
  const tokenize = async (body: unknown) => {
    const res = await fetch(`${v.url}/tokenize`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': keys.api_key, 'x-pub-key': keys.pub_key },
      body: JSON.stringify(body),
    });
    expect(res.status, await res.clone().text()).toBeLessThan(300);
    return res.json();
  };
  const card = async (pan: string, month: string, year: string, metadata: Record<string, unknown>) =>
    ((await tokenize({ type: 'card', data: { cardNumber: pan, expirationMonth: month, expirationYear: year, cvv: pan.length === 15 ? '1234' : '123' }, metadata })) as { token: string }).token;
  return { id, card, tokenize };
}

/** Every row of the tokens table, by token. */
const rowTokens = (page: Page) => page.getByTestId('token-row').locator('td:first-child code').allTextContents();
const row = (page: Page, token: string) => page.getByTestId('token-row').filter({ hasText: token });
const form = (page: Page) => page.getByRole('form', { name: 'Search tokens' });

/** The HTML never holds a full card number, whatever the screen. */
async function noFullNumbers(page: Page) {
  const html = await page.content();
  for (const pan of Object.values(PANS)) expect(html).not.toContain(pan);
}

async function search(page: Page, fill: Record<string, string>, selects: Record<string, string> = {}) {
  const f = form(page);
  await f.getByRole('button', { name: 'Clear search' }).click();
  for (const [label, value] of Object.entries(fill)) await f.getByLabel(label, { exact: true }).fill(value);
  for (const [label, value] of Object.entries(selects)) await f.getByLabel(label, { exact: true }).selectOption(value);
  const answered = page.waitForResponse((r) => r.url().endsWith('/api/tokens/search') && r.request().method() === 'POST');
  await f.getByRole('button', { name: 'Search', exact: true }).click();
  return answered;
}

/** The rows shown become exactly these tokens. */
const shows = (page: Page, tokens: string[]) => expect.poll(async () => (await rowTokens(page)).sort()).toEqual([...tokens].sort());

beforeAll(async () => {
  const port = await freePort();
  // PUBLIC_URL is the address the browser uses, so its Origin passes the CSRF check.
  v = await startVault({ webRoot: await buildDashboard(), port, publicUrl: `http://127.0.0.1:${port}` });
  b = await launch();
  owner = await createUser(v, 'owner');
  const a = await project('Payments');
  projectA = a.id;
  // Enough string tokens in A for a second page of one search (older than the cards: those stay on the list's first page).
  const batch = await a.tokenize({ items: Array.from({ length: 52 }, (_, i) => ({ type: 'string', data: `note ${i}`, metadata: { batch: 'paged' } })) });
  expect((batch as { items: { success: boolean }[] }).items.every((i) => i.success)).toBe(true);
  tok.visa = await a.card(PANS.visa, '12', '2030', { order: 'A-100', region: 'eu' });
  tok.mastercard = await a.card(PANS.mastercard, '03', '2031', { order: 'A-200', region: 'us', priority: 2 });
  tok.visa2 = await a.card(PANS.visa2, '07', '2029', { order: 'A-300', region: 'us' });
  // The same user's other project: a Visa ending 1111 and a Mastercard too, with the same metadata.
  const other = await project('Other');
  projectB = other.id;
  tok.otherVisa = await other.card(PANS.visa, '12', '2030', { order: 'A-100', region: 'eu' });
  tok.otherMc = await other.card(PANS.mastercard, '03', '2031', { region: 'us', priority: 2 });
  tok.amex = await other.card(PANS.amex, '01', '2032', { region: 'us' });
  b.context.on('response', (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/tokens')) answers.push(r.text().catch(() => ''));
  });
  await signInAs(b, v.url, b.page, owner);
}, 120_000);
afterAll(async () => {
  await b?.close();
  await v?.close();
});

describe('tokens list: card details and search (real vault, real Chromium)', () => {
  it('shows brand, card expiry and metadata, masked; offers no search by full number', async () => {
    const page = b.page;
    await page.goto(`${v.url}/projects/${projectA}/tokens`);
    await page.getByLabel('Type').selectOption('card');
    await shows(page, [tok.visa, tok.mastercard, tok.visa2]);
    const mc = row(page, tok.mastercard);
    expect(await mc.getByTestId('brand').textContent()).toBe('Mastercard');
    expect(await mc.getByTestId('card-expiry').textContent()).toBe('03/2031');
    expect(await mc.getByTestId('masked').textContent()).toContain('4444');
    expect(await mc.getByTestId('metadata').locator('li').allTextContents()).toEqual(['order: A-200', 'region: us', 'priority: 2']);
    expect(await row(page, tok.visa).getByTestId('brand').textContent()).toBe('Visa');
    expect(await row(page, tok.visa).getByTestId('card-expiry').textContent()).toBe('12/2030');
    // The search form has no field for a card or account number.
    const labels = await form(page).locator('label').allTextContents();
    expect(labels).toEqual(['Brand', 'BIN', 'Last 4', 'Expiry month', 'Expiry year', 'Metadata key', 'Metadata value', 'Match value as', 'Created from', 'Created before']);
    expect(await form(page).locator('input[name*="number" i], input[name*="account" i]').count()).toBe(0);
    await noFullNumbers(page);
    await checkScreen(page, 'tokens-details', { screenshot: shot });
  }, 60_000);

  it('searches by brand, last 4, expiry and metadata; never another project’s tokens', async () => {
    const page = b.page;
    await page.goto(`${v.url}/projects/${projectA}/tokens`);
    await row(page, tok.visa).waitFor();

    const byBrand = await search(page, {}, { Brand: 'mastercard' });
    expect(byBrand.request().postDataJSON()).toEqual({ project_id: projectA, brand: 'mastercard', limit: 50 });
    await shows(page, [tok.mastercard]);
    await checkScreen(page, 'tokens-search', { screenshot: shot });

    await search(page, {}, { Brand: 'visa' });
    await shows(page, [tok.visa, tok.visa2]);

    // Project B holds the same card: only A's token is found in A.
    await search(page, { 'Last 4': '1111' });
    await shows(page, [tok.visa]);

    await search(page, { BIN: '424242' });
    await shows(page, [tok.visa2]);

    await search(page, { 'Expiry year': '2031' }, { 'Expiry month': '3' });
    await shows(page, [tok.mastercard]);

    await search(page, { 'Metadata key': 'region', 'Metadata value': 'us' });
    await shows(page, [tok.mastercard, tok.visa2]);

    // A number is matched as a number: 2, not "2".
    await search(page, { 'Metadata key': 'priority', 'Metadata value': '2' });
    await page.getByText('No tokens match this search.').waitFor();
    const asNumber = await search(page, { 'Metadata key': 'priority', 'Metadata value': '2' }, { 'Match value as': 'number' });
    expect(asNumber.request().postDataJSON().metadata).toEqual({ priority: 2 });
    await shows(page, [tok.mastercard]);

    // Combined with the type filter, and the creation time.
    await search(page, { 'Metadata key': 'order', 'Metadata value': 'A-100', 'Created from': '2000-01-01T00:00' });
    await shows(page, [tok.visa]);
    await search(page, { 'Metadata key': 'order', 'Metadata value': 'A-100', 'Created before': '2000-01-01T00:00' });
    await page.getByText('No tokens match this search.').waitFor();
    expect(await page.getByTestId('token-row').count()).toBe(0);
    await checkScreen(page, 'tokens-search-empty');
    await noFullNumbers(page);

    // Clear: the whole list again.
    await form(page).getByRole('button', { name: 'Clear search' }).click();
    await row(page, tok.visa).waitFor();
    for (const t of [tok.otherVisa, tok.otherMc, tok.amex]) expect(await row(page, t).count()).toBe(0);

    // And from project B: only B's.
    await page.goto(`${v.url}/projects/${projectB}/tokens`);
    await shows(page, [tok.otherVisa, tok.otherMc, tok.amex]);
    expect(await row(page, tok.amex).getByTestId('brand').textContent()).toBe('American Express');
    await search(page, { 'Metadata key': 'region', 'Metadata value': 'us' });
    await shows(page, [tok.otherMc, tok.amex]);
    await search(page, {}, { Brand: 'amex' });
    await shows(page, [tok.amex]);
    await noFullNumbers(page);
  }, 120_000);

  it('pages a search like the list', async () => {
    const page = b.page;
    await page.goto(`${v.url}/projects/${projectA}/tokens`);
    await row(page, tok.visa).waitFor();
    await search(page, { 'Metadata key': 'batch', 'Metadata value': 'paged' });
    await expect.poll(() => page.getByTestId('token-row').count()).toBe(50);
    const first = await rowTokens(page);
    const next = page.waitForResponse((r) => r.url().endsWith('/api/tokens/search'));
    await page.getByRole('button', { name: 'Next page' }).click();
    expect((await next).request().postDataJSON()).toMatchObject({ metadata: { batch: 'paged' }, cursor: expect.any(String) });
    await expect.poll(() => page.getByTestId('token-row').count()).toBe(2);
    const second = await rowTokens(page);
    expect(second.filter((t) => first.includes(t))).toEqual([]);
    expect(await page.getByRole('button', { name: 'Next page' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Previous page' }).click();
    await expect.poll(() => rowTokens(page)).toEqual(first);
  }, 60_000);

  it('says what is wrong with a search, next to the field', async () => {
    const page = b.page;
    await page.goto(`${v.url}/projects/${projectA}/tokens`);
    await row(page, tok.visa).waitFor();
    // The vault refuses the BIN (6 or 8 digits): its message sits under the field.
    const refused = await search(page, { BIN: '41' });
    expect(refused.status()).toBe(400);
    const bin = form(page).getByLabel('BIN', { exact: true });
    await expect.poll(() => bin.getAttribute('aria-invalid')).toBe('true');
    await form(page).getByText('BIN is not in the expected format').waitFor();
    await form(page).getByRole('alert').filter({ hasText: 'Please correct the highlighted fields.' }).waitFor();
    // No rows of an earlier answer under an error.
    expect(await page.getByTestId('token-row').count()).toBe(0);
    await checkScreen(page, 'tokens-search-error');
    // Checked before sending: a year that is not one, a value without its key.
    const f = form(page);
    await f.getByRole('button', { name: 'Clear search' }).click();
    await row(page, tok.visa).waitFor();
    await f.getByLabel('Expiry year', { exact: true }).fill('20x');
    await f.getByLabel('Metadata value', { exact: true }).fill('eu');
    await f.getByRole('button', { name: 'Search', exact: true }).click();
    await f.getByText('Expiry year must be 4 digits, such as 2030').waitFor();
    await f.getByText('Metadata key is required with a value').waitFor();
    expect(await f.getByLabel('Expiry year', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    // The vault's range, in words.
    await f.getByLabel('Expiry year', { exact: true }).fill('1999');
    await f.getByLabel('Metadata value', { exact: true }).fill('');
    await f.getByRole('button', { name: 'Search', exact: true }).click();
    await f.getByText('Expiry year must be 2000 or more').waitFor();
    await noFullNumbers(page);
  }, 60_000);

  it('a viewer sees the details but is not offered a search the vault would refuse', async () => {
    const viewer = await createUser(v, 'viewer');
    await v.sql.query("INSERT INTO project_members (project_id, user_id, role) VALUES ($1, $2, 'viewer')", [projectA, viewer.id]);
    const refused = await v.app.inject({ method: 'POST', url: '/api/tokens/search', headers: viewer.auth, payload: { project_id: projectA, last4: '1111' } });
    expect(refused.statusCode).toBe(403);
    const page = await b.context.newPage();
    try {
      await signInAs(b, v.url, page, viewer);
      await page.goto(`${v.url}/projects/${projectA}/tokens`);
      await row(page, tok.visa).waitFor();
      expect(await row(page, tok.visa).getByTestId('brand').textContent()).toBe('Visa');
      await page.getByText('Searching tokens needs the developer role or above.').waitFor();
      expect(await form(page).count()).toBe(0);
      await noFullNumbers(page);
      await checkScreen(page, 'tokens-viewer');
    } finally {
      await page.close();
    }
  }, 60_000);

  it('no answer the dashboard received held a full card number', async () => {
    const bodies = await Promise.all(answers);
    expect(bodies.filter((t) => t.includes('"token"')).length).toBeGreaterThan(20);
    for (const body of bodies) for (const pan of Object.values(PANS)) expect(body).not.toContain(pan);
  });
});
