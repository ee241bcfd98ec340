// The inbound routes page in real Chromium against a real vault and a real merchant upstream on
// loopback: a route created in the dashboard tokenizes a partner's JSON POST (the upstream gets a
// token, never the card number, and the token detokenizes to it), a bad JSONPath is refused next
// to its field, deleting the route makes its URL 404; a viewer reads the list but gets no form,
// and the API refuses them too.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVault, type TestVault } from '../helpers.js';
import { type Psp, startPsp } from '../proxy/psp.js';
import { createUser, type TestUser } from '../users.js';
import { type Browser, buildDashboard, checkScreen, freePort, launch, signInAs } from './browser.js';

const shot = process.env.UPDATE_SCREENSHOTS === '1';
const PAN = '4111111111111111';
let v: TestVault;
let b: Browser;
let psp: Psp;
let owner: TestUser;
let projectId: string;
let apiKey: string;

const signIn = (page: Page, user: TestUser) => signInAs(b, v.url, page, user);

beforeAll(async () => {
  const port = await freePort();
  v = await startVault({ webRoot: await buildDashboard(), port, publicUrl: `http://127.0.0.1:${port}` });
  b = await launch();
  psp = await startPsp((req, res) => {
    res.writeHead(201, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ accepted: true, path: req.url }));
  });
  owner = await createUser(v, 'owner');
  projectId = (await v.app.inject({ method: 'POST', url: '/api/projects', headers: owner.auth, payload: { name: 'Payments', environment: 'development' } })).json().data.id;
  // A back end of the same project that may detokenize what the route stored.
  const app = await v.app.inject({
    method: 'POST', url: '/api/applications', headers: owner.auth,
    payload: { project_id: projectId, name: 'backend', permissions: { tokenization: { allowed: true }, detokenization: { allowed: true } } },
  });
  apiKey = app.json().data.api_key;
}, 120_000);
afterAll(async () => {
  await b?.close();
  await psp?.close();
  await v?.close();
});

describe('inbound routes page (real vault, real Chromium, real upstream)', () => {
  let inboundUrl = '';

  it('a route created in the dashboard tokenizes a JSON POST on its way to the upstream; a bad JSONPath is refused at its field', async () => {
    const page = b.page;
    await signIn(page, owner);
    await page.goto(`${v.url}/projects/${projectId}/routes`);
    await page.getByRole('heading', { level: 2, name: 'Inbound routes' }).waitFor();
    await page.getByText('No inbound routes yet.').waitFor();
    expect(await page.title()).toBe('Inbound routes · Payments · Open Vault');
    await checkScreen(page, 'routes-empty');

    const form = page.getByRole('form', { name: 'New inbound route' });
    await form.getByLabel('Route name').fill('partner intake');
    await form.getByLabel('Request body').selectOption('json');
    // An upstream the proxy's rules refuse: the message sits under that field.
    await form.getByLabel('Upstream URL').fill('ftp://example.com/cards');
    await form.getByRole('button', { name: 'Create route' }).click();
    await expect.poll(() => form.getByLabel('Upstream URL').getAttribute('aria-invalid')).toBe('true');
    await form.getByLabel('Upstream URL').fill(`${psp.url}/cards`);
    // A path that is no JSONPath: the API names fields/0/path, shown under that field.
    await form.getByLabel('JSONPath of field 1').fill('card');
    await form.getByRole('button', { name: 'Create route' }).click();
    await expect.poll(() => form.getByLabel('JSONPath of field 1').getAttribute('aria-invalid')).toBe('true');
    await checkScreen(page, 'route-error');
    expect((await v.sql.query('SELECT 1 FROM inbound_routes WHERE project_id = $1', [projectId])).rowCount).toBe(0);

    await form.getByLabel('JSONPath of field 1').fill('$.card');
    await form.getByLabel('Token type of field 1').selectOption('card');
    await form.getByLabel('Token format of field 1').selectOption('last4_preserving');
    await form.getByLabel('Property names of field 1 (optional)').fill('cardNumber=number, expirationMonth=exp_month, expirationYear=exp_year');
    await form.getByRole('button', { name: 'Create route' }).click();
    await page.getByText('Route “partner intake” created.').waitFor();
    const row = page.getByTestId('route-row').filter({ hasText: 'partner intake' });
    inboundUrl = (await row.getByTestId('inbound-url').textContent())!.trim();
    expect(inboundUrl).toMatch(new RegExp(`^${v.url.replace(/\./g, '\\.')}/inbound/rt_[A-Za-z0-9]{32}/$`));
    await row.getByRole('button', { name: 'Copy the inbound URL of partner intake' }).waitFor();
    // The field as stored (PostgreSQL's jsonb keeps its own key order).
    const described = (await row.textContent())!;
    expect(described).toContain('$.card → card (last4_preserving) {');
    for (const pair of ['cardNumber=number', 'expirationMonth=exp_month', 'expirationYear=exp_year']) expect(described).toContain(pair);
    await checkScreen(page, 'route-created', { screenshot: shot });
    const stored = await v.sql.query('SELECT id, upstream_url, content_type, fields FROM inbound_routes WHERE project_id = $1', [projectId]);
    expect(stored.rows[0]).toMatchObject({
      upstream_url: `${psp.url}/cards`, content_type: 'json',
      fields: [{ path: '$.card', type: 'card', format: 'last4_preserving', data_fields: { cardNumber: 'number', expirationMonth: 'exp_month', expirationYear: 'exp_year' } }],
    });
    expect(inboundUrl).toBe(`${v.url}/inbound/${stored.rows[0].id}/`);

    // A partner posts raw card data to the URL shown: the upstream receives a token instead.
    const res = await fetch(`${inboundUrl}orders?ref=7`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ card: { number: PAN, exp_month: '12', exp_year: '2030', brand: 'visa' }, amount: 2000 }),
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ accepted: true, path: '/cards/orders?ref=7' });
    expect(psp.received).toHaveLength(1);
    expect(psp.received[0].body).not.toContain(PAN);
    const forwarded = JSON.parse(psp.received[0].body) as { card: { token: string; brand: string }; amount: number };
    expect(forwarded.amount).toBe(2000);
    expect(forwarded.card.brand).toBe('visa');
    expect(forwarded.card.token).toMatch(/1111$/);
    expect(Object.keys(forwarded.card).sort()).toEqual(['brand', 'token']);
    const detok = await v.app.inject({ method: 'POST', url: '/detokenize', headers: { 'x-api-key': apiKey }, payload: { token: forwarded.card.token } });
    expect(detok.statusCode).toBe(200);
    expect(detok.json().data.cardNumber.replace(/\s/g, '')).toBe(PAN);
    const audit = await v.sql.query("SELECT outcome FROM audit_log WHERE action = 'inbound_request' AND resource_id = $1", [stored.rows[0].id]);
    expect(audit.rows).toEqual([{ outcome: 'success' }]);
  }, 120_000);

  it('a viewer reads the routes but gets no form and no delete, and the API refuses them', async () => {
    const viewer = await createUser(v, 'viewer');
    await v.sql.query('INSERT INTO project_members (project_id, user_id, role) VALUES ($1, $2, $3)', [projectId, viewer.id, 'viewer']);
    const page = b.page;
    await signIn(page, viewer);
    await page.goto(`${v.url}/projects/${projectId}/routes`);
    await page.getByTestId('route-row').filter({ hasText: 'partner intake' }).waitFor();
    await page.getByText("Only the project's admins and owners create or delete routes.").waitFor();
    expect(await page.getByRole('button', { name: 'Create route' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Delete route partner intake' }).count()).toBe(0);
    await checkScreen(page, 'routes-viewer');
    const post = await v.app.inject({
      method: 'POST', url: `/api/projects/${projectId}/routes`, headers: viewer.auth,
      payload: { name: 'sneaky', upstream_url: `${psp.url}/x`, content_type: 'json', fields: [{ path: '$.card', type: 'card' }] },
    });
    expect(post.statusCode).toBe(403);
    expect(post.json()).toMatchObject({ success: false, error: { code: 'permission_denied' } });
    const id = inboundUrl.split('/').at(-2)!;
    expect((await v.app.inject({ method: 'DELETE', url: `/api/projects/${projectId}/routes/${id}`, headers: viewer.auth })).statusCode).toBe(403);
  }, 60_000);

  it('the owner deletes the route: its URL answers 404 and nothing more reaches the upstream', async () => {
    const page = b.page;
    await signIn(page, owner);
    await page.goto(`${v.url}/projects/${projectId}/routes`);
    await page.getByRole('button', { name: 'Delete route partner intake' }).click();
    await page.getByRole('dialog', { name: 'Delete route “partner intake”?' }).getByRole('button', { name: 'Delete route' }).click();
    await page.getByText('No inbound routes yet.').waitFor();
    const before = psp.received.length;
    const res = await fetch(inboundUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ card: { number: PAN } }) });
    expect(res.status).toBe(404);
    expect(psp.received.length).toBe(before);
  }, 60_000);
});
