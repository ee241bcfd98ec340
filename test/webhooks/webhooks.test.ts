// Webhooks end to end on a real vault and a real receiver on loopback: signatures verified with
// the standardwebhooks package a merchant uses, retries with growing delays, manual retry, roles
// and tenants, the SSRF rules, and no card data in any body.
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVault, type TestVault } from '../helpers.js';
import { createUser, type TestUser } from '../users.js';
import { WEBHOOK_EVENTS } from '../../src/webhooks/events.js';
import { EventName } from '../../src/webhooks/schemas.js';
import { startReceiver, type Receiver } from './receiver.js';

let v: TestVault;
let rx: Receiver;
const receivers: Receiver[] = [];
/** A receiver of the test's own, so deliveries of other tests never mix in. */
async function fresh() {
  rx = await startReceiver();
  receivers.push(rx);
  return rx;
}
let alice: TestUser;
let projectId: string;
let key: Record<string, string>;
const PAN = '4242424242424242';

beforeAll(async () => {
  v = await startVault({ webhooks: { dispatchMs: 50, backoffBaseMs: 300 } });
  alice = await createUser(v, 'alice');
  projectId = (await v.app.inject({ method: 'POST', url: '/api/projects', headers: alice.auth, payload: { name: 'shop', environment: 'development' } })).json().data.id;
  const app = (await v.app.inject({
    method: 'POST', url: '/api/applications', headers: alice.auth,
    payload: { project_id: projectId, name: 'checkout', permissions: { tokenization: { allowed: true }, detokenization: { allowed: true } } },
  })).json().data;
  key = { 'x-api-key': app.api_key, 'x-pub-key': app.pub_key };
});
afterAll(async () => {
  for (const r of receivers) await r.close();
  await v.close();
});

const hooksUrl = `/api/projects/`;
const create = (headers: Record<string, string>, payload: object, project = projectId) =>
  v.app.inject({ method: 'POST', url: `${hooksUrl}${project}/webhooks`, headers, payload });
const tokenize = (payload: object) => v.app.inject({ method: 'POST', url: '/tokenize', headers: key, payload });
const card = (cardNumber: string) => ({ type: 'card', data: { cardNumber, expirationMonth: '07', expirationYear: '2031' } });
const deliveries = async (hookId: string) =>
  (await v.app.inject({ method: 'GET', url: `${hooksUrl}${projectId}/webhooks/${hookId}/deliveries`, headers: alice.auth })).json();

/** Every run of 6+ digits in `text` that is also part of the card number. */
const cardRuns = (text: string, pan: string) => [...text.matchAll(/\d{6,}/g)].map((m) => m[0]).filter((r) => pan.includes(r) || r.includes(pan.slice(6, 12)));

describe('webhooks', () => {
  it('the schema lists exactly the events of §6.5', () => {
    expect(EventName.anyOf.map((s: { const: string }) => s.const)).toEqual([...WEBHOOK_EVENTS]);
  });

  it('a token.created delivery is signed per Standard Webhooks and carries no card data', async () => {
    await fresh();
    const res = await create(alice.auth, { url: rx.url, events: ['token.created', 'token.expired'], description: 'orders' });
    expect(res.statusCode).toBe(201);
    const hook = res.json().data;
    expect(hook.secret).toMatch(/^whsec_/);
    // The secret is shown once: never again in a read.
    const read = (await v.app.inject({ method: 'GET', url: `${hooksUrl}${projectId}/webhooks/${hook.id}`, headers: alice.auth })).json().data;
    expect(read.secret).toBeUndefined();
    expect(read.events).toEqual(['token.created', 'token.expired']);
    const stored = await v.sql.query('SELECT secret FROM webhooks WHERE id = $1', [hook.id]);
    expect(stored.rows[0].secret.toString('latin1')).not.toContain(hook.secret.slice(6));

    const before = rx.got.length;
    const t = await tokenize(card(PAN));
    expect(t.statusCode).toBe(201);
    const token = t.json().token as string;
    const [got] = (await rx.waitFor(before + 1)).slice(before);
    const body = new Webhook(hook.secret).verify(got.body, got.headers) as { type: string; timestamp: string; data: { tokens: { token: string; last4?: string; brand?: string }[] } };
    expect(body.type).toBe('token.created');
    expect(body.data.tokens[0]).toMatchObject({ token, last4: '4242' });
    expect(got.body).not.toContain(PAN);
    expect(cardRuns(got.body, PAN)).toEqual([]);
    // A tampered body or another secret fails verification.
    expect(() => new Webhook(hook.secret).verify(got.body.replace('4242', '4243'), got.headers)).toThrow();
    expect(() => new Webhook(`whsec_${Buffer.alloc(24, 1).toString('base64')}`).verify(got.body, got.headers)).toThrow();

    const log = await deliveries(hook.id);
    expect(log.data[0]).toMatchObject({ id: got.headers['webhook-id'], status: 'succeeded', attempts: 1, last_status: 200, event_type: 'token.created' });

    // A batch is one event naming its tokens; no body ever holds a card number.
    const batch = await tokenize({ items: [card('5555555555554444'), card('4000056655665556')] });
    expect(batch.statusCode).toBe(200);
    {
      const [b] = (await rx.waitFor(before + 2)).slice(before + 1);
      const data = (JSON.parse(b.body) as { data: { count: number } }).data;
      expect(data.count).toBe(2);
      expect(cardRuns(b.body, '5555555555554444')).toEqual([]);
      expect(cardRuns(b.body, '4000056655665556')).toEqual([]);
    }
    await v.app.inject({ method: 'DELETE', url: `${hooksUrl}${projectId}/webhooks/${hook.id}`, headers: alice.auth });
  });

  it('token.expired comes from the sweeper, in the transaction that deletes the token', async () => {
    await fresh();
    const res = await create(alice.auth, { url: rx.url, events: ['token.expired'] });
    const hook = res.json().data;
    const t = (await tokenize({ ...card('5105105105105100'), ttl_seconds: 60 })).json().token as string;
    const before = rx.got.length;
    const swept = await v.app.vault.tokens.sweep(new Date(Date.now() + 3600_000));
    expect(swept.tokens).toBeGreaterThanOrEqual(1);
    const got = (await rx.waitFor(before + 1)).slice(before);
    const bodies = got.map((g) => new Webhook(hook.secret).verify(g.body, g.headers) as { type: string; data: { tokens: { token: string }[] } });
    expect(bodies.find((b) => b.type === 'token.expired')?.data.tokens.map((x) => x.token)).toContain(t);
    await v.app.inject({ method: 'DELETE', url: `${hooksUrl}${projectId}/webhooks/${hook.id}`, headers: alice.auth });
  });

  it('token.updated names the changed fields, never the new expiry; an inbound route\'s tokens are token.created', async () => {
    const hookRx = await fresh();
    const hook = (await create(alice.auth, { url: hookRx.url, events: ['token.updated', 'token.created'] })).json().data;
    const token = (await tokenize(card('4111111111111111'))).json().token as string;
    await rx.waitFor(rx.got.length + 1);
    const before = rx.got.length;
    const patch = await v.app.inject({
      method: 'PATCH', url: `/tokens/${token}`, headers: key,
      payload: { data: { expirationMonth: '11', expirationYear: '2034' }, metadata: { order: 'A-17' } },
    });
    expect(patch.statusCode, patch.body).toBe(200);
    const [got] = (await rx.waitFor(before + 1)).slice(before);
    const body = new Webhook(hook.secret).verify(got.body, got.headers) as { type: string; data: { tokens: { token: string }[]; fields: string[] } };
    expect(body.type).toBe('token.updated');
    expect(body.data.tokens[0].token).toBe(token);
    expect([...body.data.fields].sort()).toEqual(['expirationMonth', 'expirationYear', 'metadata']);
    expect(got.body).not.toContain('2034');
    expect(got.body).not.toContain('A-17');

    // A route's upstream is a loopback receiver too; the tokens it made are a token.created event.
    const upstream = await fresh();
    const route = (await v.app.inject({
      method: 'POST', url: `/api/projects/${projectId}/routes`, headers: alice.auth,
      payload: { name: 'partner', upstream_url: upstream.url, content_type: 'json', fields: [{ path: '$.pan', type: 'string' }] },
    }));
    expect(route.statusCode, route.body).toBe(201);
    const hooksBefore = hookRx.got.length;
    const sent = await v.app.inject({ method: 'POST', url: `/inbound/${route.json().data.id}/cards`, payload: { pan: 'partner-secret-value' } });
    expect(sent.statusCode, sent.body).toBeLessThan(300);
    const [created] = (await hookRx.waitFor(hooksBefore + 1)).slice(hooksBefore);
    const ev = new Webhook(hook.secret).verify(created.body, created.headers) as { type: string; data: { count: number } };
    expect(ev).toMatchObject({ type: 'token.created', data: { count: 1 } });
    expect(created.body).not.toContain('partner-secret-value');
    await v.app.inject({ method: 'DELETE', url: `${hooksUrl}${projectId}/webhooks/${hook.id}`, headers: alice.auth });
  });

  it('a failing receiver is retried with growing delays, then a manual retry sends it again', async () => {
    await fresh();
    const hook = (await create(alice.auth, { url: rx.url, events: ['application.created'] })).json().data;
    const before = rx.got.length;
    rx.answers.push(500, 503, 500);
    const made = await v.app.inject({ method: 'POST', url: '/api/applications', headers: alice.auth, payload: { project_id: projectId, name: 'backoffice', permissions: { tokenization: { allowed: true } } } });
    expect(made.statusCode).toBe(201);
    const got = (await rx.waitFor(before + 4, 20_000)).slice(before, before + 4);
    expect(new Set(got.map((g) => g.headers['webhook-id'])).size).toBe(1); // one delivery, four attempts
    const gaps = got.slice(1).map((g, i) => g.at - got[i].at);
    // base 300 ms, doubling, jittered to 50–100 %: ≥150, ≥300, ≥600 ms.
    expect(gaps[0]).toBeGreaterThanOrEqual(140);
    expect(gaps[2]).toBeGreaterThan(gaps[0]);
    const body = new Webhook(hook.secret).verify(got[3].body, got[3].headers) as { type: string; data: { name: string } };
    expect(body).toMatchObject({ type: 'application.created', data: { name: 'backoffice' } });
    const log = await deliveries(hook.id);
    expect(log.data[0]).toMatchObject({ status: 'succeeded', attempts: 4, last_status: 200 });

    const retried = await v.app.inject({ method: 'POST', url: `${hooksUrl}${projectId}/webhooks/${hook.id}/deliveries/${log.data[0].id}/retry`, headers: alice.auth });
    expect(retried.statusCode).toBe(200);
    expect(retried.json().data.status).toBe('pending');
    const again = (await rx.waitFor(before + 5)).at(-1)!;
    expect(again.headers['webhook-id']).toBe(log.data[0].id);
    expect(new Webhook(hook.secret).verify(again.body, again.headers)).toEqual(body);
    const missing = await v.app.inject({ method: 'POST', url: `${hooksUrl}${projectId}/webhooks/${hook.id}/deliveries/msg_nope/retry`, headers: alice.auth });
    expect(missing.statusCode).toBe(404);
  });

  it('lower roles and other tenants cannot list or create webhooks', async () => {
    await fresh();
    const dev = await createUser(v, 'dev');
    await v.sql.query("INSERT INTO project_members (project_id, user_id, role) VALUES ($1, $2, 'developer')", [projectId, dev.id]);
    expect((await create(dev.auth, { url: rx.url, events: ['token.created'] })).statusCode).toBe(403);
    expect((await v.app.inject({ method: 'GET', url: `${hooksUrl}${projectId}/webhooks`, headers: dev.auth })).statusCode).toBe(403);
    const mallory = await createUser(v, 'mallory');
    expect((await create(mallory.auth, { url: rx.url, events: ['token.created'] })).statusCode).toBe(404);
    expect((await v.app.inject({ method: 'GET', url: `${hooksUrl}${projectId}/webhooks`, headers: mallory.auth })).statusCode).toBe(404);
    const own = (await v.app.inject({ method: 'POST', url: '/api/projects', headers: mallory.auth, payload: { name: 'other', environment: 'development' } })).json().data.id;
    const theirs = (await create(mallory.auth, { url: rx.url, events: ['token.created'] }, own)).json().data;
    // Alice's hooks are not reachable through Mallory's project, nor Mallory's through Alice's.
    expect((await v.app.inject({ method: 'GET', url: `${hooksUrl}${projectId}/webhooks/${theirs.id}`, headers: alice.auth })).statusCode).toBe(404);
    expect((await v.app.inject({ method: 'GET', url: `${hooksUrl}${own}/webhooks`, headers: alice.auth })).statusCode).toBe(404);
    expect((await v.app.inject({ method: 'GET', url: `${hooksUrl}${projectId}/webhooks` })).statusCode).toBe(401);
  });

  it('refuses what the SSRF rules refuse, at creation and on update', async () => {
    await fresh();
    const cases: [string, number][] = [
      ['http://169.254.169.254/latest/meta-data', 403],
      ['https://169.254.169.254/', 403],
      ['https://10.0.0.7/hook', 403],
      ['https://[::ffff:169.254.169.254]/', 403],
      ['https://[fd00:ec2::254]/', 403],
      ['http://example.com/hook', 400],
      ['ftp://example.com/hook', 400],
      ['https://user:pw@example.com/hook', 400],
    ];
    for (const [url, status] of cases) {
      const res = await create(alice.auth, { url, events: ['token.created'] });
      expect([url, res.statusCode]).toEqual([url, status]);
    }
    const hook = (await create(alice.auth, { url: rx.url, events: ['token.deleted'] })).json().data;
    const put = await v.app.inject({ method: 'PUT', url: `${hooksUrl}${projectId}/webhooks/${hook.id}`, headers: alice.auth, payload: { url: 'http://169.254.169.254/' } });
    expect(put.statusCode).toBe(403);
    const ok = await v.app.inject({ method: 'PUT', url: `${hooksUrl}${projectId}/webhooks/${hook.id}`, headers: alice.auth, payload: { events: ['token.deleted', 'member.joined'] } });
    expect(ok.json().data.events).toEqual(['token.deleted', 'member.joined']);
  });

  it('the backlog gauge counts pending deliveries', async () => {
    await fresh();
    const hook = (await create(alice.auth, { url: rx.url, events: ['token.created'] })).json().data;
    await v.sql.query("UPDATE webhooks SET url = 'https://192.0.2.1/' WHERE id = $1", [hook.id]); // written behind the API: every delivery re-checks
    await tokenize(card('4111111111111111'));
    const end = Date.now() + 10_000;
    let pending = 0;
    while (Date.now() < end && pending === 0) {
      pending = await v.app.vault.webhookDispatcher.backlog();
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(pending).toBeGreaterThan(0);
    const until = Date.now() + 5000;
    let d: { attempts: number; last_error: string | null } | undefined;
    while (Date.now() < until && !(d && d.attempts > 0)) {
      d = (await deliveries(hook.id)).data[0];
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(d).toMatchObject({ last_error: 'destination_forbidden', last_status: null });
  });
});
