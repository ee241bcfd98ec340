// The webhooks page in real Chromium against a real vault (real PostgreSQL, the real dispatcher)
// and a real receiver on loopback: an admin creates an endpoint and sees its secret once, a token
// created over HTTP reaches the receiver signed (verified with standardwebhooks), the delivery
// log shows it, a delivery that failed for good is sent again with Retry; a developer gets no
// form and the API refuses them too.
import type { Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEBHOOK_EVENTS } from '../../src/webhooks/events.js';
import { startVault, type TestVault } from '../helpers.js';
import { createUser, type TestUser } from '../users.js';
import { startReceiver, type Receiver } from '../webhooks/receiver.js';
import { type Browser, buildDashboard, checkScreen, freePort, launch, signInAs } from './browser.js';

const shot = process.env.UPDATE_SCREENSHOTS === '1';
const PAN = '4242424242424242';
let v: TestVault;
let b: Browser;
let rx: Receiver;
let owner: TestUser;
let projectId: string;
let key: Record<string, string>;

const signIn = (page: Page, user: TestUser) => signInAs(b, v.url, page, user);

const tokenize = async (cardNumber: string) => {
  const res = await fetch(`${v.url}/tokenize`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...key },
    body: JSON.stringify({ type: 'card', data: { cardNumber, expirationMonth: '07', expirationYear: '2031' } }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { token: string }).token;
};

beforeAll(async () => {
  const port = await freePort();
  // A short retry window, so a failing receiver makes a delivery fail for good within seconds.
  v = await startVault({
    webRoot: await buildDashboard(), port, publicUrl: `http://127.0.0.1:${port}`,
    webhooks: { dispatchMs: 50, backoffBaseMs: 100, retryWindowMs: 1500 },
  });
  b = await launch();
  rx = await startReceiver();
  owner = await createUser(v, 'owner');
  projectId = (await v.app.inject({ method: 'POST', url: '/api/projects', headers: owner.auth, payload: { name: 'Payments', environment: 'development' } })).json().data.id;
  const app = (await v.app.inject({
    method: 'POST', url: '/api/applications', headers: owner.auth,
    payload: { project_id: projectId, name: 'checkout', permissions: { tokenization: { allowed: true } } },
  })).json().data;
  key = { 'x-api-key': app.api_key, 'x-pub-key': app.pub_key };
}, 120_000);
afterAll(async () => {
  await b?.close();
  await rx?.close();
  await v?.close();
});

describe('webhooks page (real vault, real Chromium, real receiver)', () => {
  it('an admin creates a webhook, sees the secret once, a token reaches the receiver and the log; Retry resends a failed delivery', async () => {
    const page = b.page;
    await signIn(page, owner);
    await page.getByRole('link', { name: 'Payments' }).click();
    await page.getByRole('navigation', { name: 'Project sections' }).getByRole('link', { name: 'Webhooks', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Webhooks' }).waitFor();
    await page.getByText('No webhooks yet.').waitFor();
    expect(await page.title()).toBe('Webhooks · Payments · Open Vault');
    // The checklist is the event catalogue, in its order.
    const form = page.getByRole('form', { name: 'New webhook' });
    expect(await form.getByRole('group', { name: 'Events' }).getByRole('checkbox').count()).toBe(WEBHOOK_EVENTS.length);
    for (const e of WEBHOOK_EVENTS) await form.getByLabel(e, { exact: true }).waitFor();
    await checkScreen(page, 'webhooks-empty');

    // A URL the vault does not call is refused next to the field.
    await form.getByLabel('Endpoint URL').fill('ftp://example.com/hooks');
    await form.getByRole('button', { name: 'Create webhook' }).click();
    await expect.poll(() => form.getByLabel('Endpoint URL').getAttribute('aria-invalid')).toBe('true');
    // No event: the API says so under the checklist.
    await form.getByLabel('Endpoint URL').fill(rx.url);
    await form.getByLabel('token.created', { exact: true }).uncheck();
    await form.getByRole('button', { name: 'Create webhook' }).click();
    await form.getByText(/^Events /).waitFor();
    expect((await v.sql.query('SELECT 1 FROM webhooks WHERE project_id = $1', [projectId])).rowCount).toBe(0);

    await form.getByLabel('token.created', { exact: true }).check();
    await form.getByLabel('Description (optional)').fill('orders');
    await form.getByRole('button', { name: 'Create webhook' }).click();
    const secret = (await page.getByTestId('webhook-secret').textContent())!.trim();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{32}$/);
    await page.getByText('It is shown only this once').waitFor();
    await page.getByRole('button', { name: 'Copy signing secret' }).waitFor();
    await page.getByRole('cell', { name: rx.url, exact: true }).waitFor();
    await checkScreen(page, 'webhook-created', { screenshot: shot });
    const stored = await v.sql.query('SELECT id, url, events, description FROM webhooks WHERE project_id = $1 AND deleted_at IS NULL', [projectId]);
    expect(stored.rows).toEqual([{ id: expect.stringMatching(/^wh_/), url: rx.url, events: ['token.created'], description: 'orders' }]);

    // Shown once: after a reload neither the panel nor the page holds the secret.
    await page.reload();
    await page.getByRole('cell', { name: rx.url, exact: true }).waitFor();
    expect(await page.getByTestId('webhook-secret').count()).toBe(0);
    expect(await page.content()).not.toContain(secret.slice(6));

    // A token created over HTTP: one signed delivery, no card number in it.
    const token = await tokenize(PAN);
    const [got] = await rx.waitFor(1);
    const body = new Webhook(secret).verify(got.body, got.headers) as { type: string; data: { tokens: { token: string; last4?: string }[] } };
    expect(body.type).toBe('token.created');
    expect(body.data.tokens[0]).toMatchObject({ token, last4: '4242' });
    expect(got.body).not.toContain(PAN);

    // The delivery log shows it: delivered, one attempt, HTTP 200.
    await page.getByRole('button', { name: `Deliveries of ${rx.url}` }).click();
    const log = page.getByRole('region', { name: `Deliveries to ${rx.url}` });
    const first = log.getByTestId('delivery-row').first();
    await first.waitFor();
    await expect.poll(async () => (await first.getByRole('cell').allTextContents()).slice(0, 4)).toEqual(['token.created', 'Delivered', '1', 'HTTP 200']);
    await checkScreen(page, 'webhook-deliveries', { screenshot: shot });

    // A receiver that keeps failing: retried, then failed for good once the window is over.
    rx.answers.push(...Array<number>(50).fill(500));
    await tokenize('5555555555554444');
    const refresh = page.getByRole('region', { name: `Deliveries to ${rx.url}` }).getByRole('button', { name: 'Refresh' });
    await expect.poll(async () => {
      await refresh.click();
      return (await log.getByTestId('delivery-row').first().getByRole('cell').nth(1).textContent()) ?? '';
    }, { timeout: 20_000, interval: 500 }).toBe('Failed');
    const failed = (await v.sql.query("SELECT id, attempts, last_status FROM webhook_deliveries WHERE status = 'failed'")).rows;
    expect(failed).toHaveLength(1);
    expect(failed[0].attempts).toBeGreaterThan(1);
    expect(failed[0].last_status).toBe(500);
    await expect.poll(async () => (await log.getByTestId('delivery-row').first().getByRole('cell').nth(3).textContent())).toBe('HTTP 500');
    // Only the failed delivery offers Retry.
    expect(await log.getByRole('button', { name: /^Retry delivery / }).count()).toBe(1);
    await checkScreen(page, 'webhook-failed-delivery');

    rx.answers.length = 0;
    const sentBefore = rx.got.length;
    await log.getByRole('button', { name: `Retry delivery ${failed[0].id}` }).click();
    await log.getByText(`Delivery ${failed[0].id} is queued to be sent again now.`).waitFor();
    const again = (await rx.waitFor(sentBefore + 1)).slice(sentBefore);
    expect(again[0].headers['webhook-id']).toBe(failed[0].id);
    new Webhook(secret).verify(again[0].body, again[0].headers);
    await expect.poll(async () => {
      await refresh.click();
      return (await log.getByTestId('delivery-row').first().getByRole('cell').nth(1).textContent()) ?? '';
    }, { timeout: 10_000, interval: 300 }).toBe('Delivered');
    const retried = await v.sql.query("SELECT action FROM audit_log WHERE action = 'webhook_retry' AND resource_id = $1", [stored.rows[0].id]);
    expect(retried.rowCount).toBe(1);

    // Delete: the confirmation names the URL; the endpoint is gone from the list and the API.
    await page.getByRole('button', { name: `Delete webhook ${rx.url}` }).click();
    const dialog = page.getByRole('dialog', { name: `Delete the webhook to ${rx.url}?` });
    await dialog.getByRole('button', { name: 'Delete webhook' }).click();
    await page.getByText('No webhooks yet.').waitFor();
    expect(await log.count()).toBe(0);
    expect((await v.sql.query('SELECT 1 FROM webhooks WHERE id = $1 AND deleted_at IS NOT NULL', [stored.rows[0].id])).rowCount).toBe(1);
  }, 120_000);

  it('a developer sees no webhooks form, and the API refuses them', async () => {
    const dev = await createUser(v, 'dev');
    await v.sql.query('INSERT INTO project_members (project_id, user_id, role) VALUES ($1, $2, $3)', [projectId, dev.id, 'developer']);
    const page = b.page;
    await signIn(page, dev);
    await page.goto(`${v.url}/projects/${projectId}/webhooks`);
    await page.getByText("only the project's admins and owners see and manage them").waitFor();
    expect(await page.getByRole('button', { name: 'Create webhook' }).count()).toBe(0);
    expect(await page.getByRole('form', { name: 'New webhook' }).count()).toBe(0);
    await checkScreen(page, 'webhooks-developer');
    const post = await v.app.inject({ method: 'POST', url: `/api/projects/${projectId}/webhooks`, headers: dev.auth, payload: { url: rx.url, events: ['token.created'] } });
    expect(post.statusCode).toBe(403);
    expect(post.json()).toMatchObject({ success: false, error: { code: 'permission_denied' } });
    expect((await v.app.inject({ url: `/api/projects/${projectId}/webhooks`, headers: dev.auth })).statusCode).toBe(403);
  }, 60_000);
});
