// ANY /inbound/:route_id/… end to end (docs/inbound.md): a partner's JSON and form requests with
// raw card data reach the merchant's upstream (a real server on loopback) with tokens in place;
// a bad value forwards nothing; the token detokenizes to what the partner sent.
import http from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startVault, type TestApp, type TestVault } from '../helpers.js';
import { type Psp, startPsp } from '../proxy/psp.js';
import type { TestUser } from '../users.js';
import { AMEX, CARD_FIELD, createRoute, ownerWithProject, PAN, routeId } from './world.js';

let v: TestVault;
let psp: Psp;
let owner: TestUser;
let projectId: string;
let app: TestApp;

beforeAll(async () => {
  v = await startVault({ rateLimits: { inbound_route: { points: 5, durationSeconds: 60 } } });
  psp = await startPsp((req, res) => {
    res.writeHead(201, { 'content-type': 'application/json', 'set-cookie': 'm=1', etag: '"v1"', 'x-internal': 'secret-ish' });
    res.end(JSON.stringify({ received: true, path: req.url }));
  });
  ({ owner, projectId } = await ownerWithProject(v));
  // An API key of the same project, to detokenize what the route stored.
  const a = await v.app.inject({
    method: 'POST', url: '/api/applications', headers: owner.auth,
    payload: { project_id: projectId, name: 'backend', permissions: { tokenization: { allowed: true }, detokenization: { allowed: true } } },
  });
  expect(a.statusCode).toBe(201);
  app = { projectId, appId: a.json().data.id, apiKey: a.json().data.api_key, pubKey: a.json().data.pub_key, headers: {} };
});
afterAll(async () => {
  await psp.close();
  await v.close();
});
beforeEach(() => {
  psp.received.length = 0;
});

const send = (id: string, rest: string, payload: object | string, headers: Record<string, string> = {}) =>
  v.app.inject({ method: 'POST', url: `/inbound/${id}${rest}`, payload, headers: { 'content-type': 'application/json', ...headers } });

/** A request sent byte for byte as written (no URL normalisation on the way). */
function rawPost(path: string, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${v.url}/`, { method: 'POST', path, headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function detokenize(token: string) {
  const res = await v.app.inject({ method: 'POST', url: '/detokenize', headers: { 'x-api-key': app.apiKey }, payload: { token } });
  expect(res.statusCode).toBe(200);
  return res.json().data;
}

describe('JSON routes', () => {
  it('tokenizes the configured fields, forwards to upstream_url/<rest>?query, returns the upstream answer', async () => {
    const id = await routeId(v, owner, projectId, {
      upstream_url: `${psp.url}/hooks/`,
      fields: [CARD_FIELD, { path: '$.customers[*].ssn', type: 'string' }],
    });
    expect(id).toMatch(/^rt_[A-Za-z0-9]{32}$/);
    const res = await send(id, '/partner/cards?ref=A-17&x=%20y', {
      card: { number: PAN, exp_month: 12, exp_year: 2030, cvc: '123', brand: 'visa' },
      customers: [{ ssn: '123-45-6789', name: 'Ada' }, { ssn: '987-65-4321' }],
      amount: 2000,
    }, { 'x-api-key': 'ak_should_not_pass', cookie: 'vault_session=abc', authorization: 'Bearer partner-signature', 'x-partner': 'p1', connection: 'keep-alive' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ received: true, path: '/hooks/partner/cards?ref=A-17&x=%20y' });
    expect(res.headers.etag).toBe('"v1"');
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.headers['x-internal']).toBeUndefined();

    expect(psp.received).toHaveLength(1);
    const got = psp.received[0];
    expect(got.url).toBe('/hooks/partner/cards?ref=A-17&x=%20y');
    expect(got.body).not.toContain(PAN);
    expect(got.body).not.toContain('123-45-6789');
    const body = JSON.parse(got.body);
    expect(body.amount).toBe(2000);
    expect(body.card).toEqual({ brand: 'visa', token: expect.stringMatching(/^tok_/), cvc_session_id: expect.any(String) });
    expect(body.customers[0]).toEqual({ ssn: expect.stringMatching(/^tok_/), name: 'Ada' });
    expect(got.headers.authorization).toBe('Bearer partner-signature');
    expect(got.headers['x-partner']).toBe('p1');
    expect(got.headers['x-api-key']).toBeUndefined();
    expect(got.headers.cookie).toBeUndefined();
    expect(got.headers['content-length']).toBe(String(Buffer.byteLength(got.body)));

    // The tokens are the project's: they detokenize to what the partner sent.
    expect(await detokenize(body.card.token)).toMatchObject({ cardNumber: PAN, expirationMonth: '12', expirationYear: '2030' });
    expect(await detokenize(body.customers[1].ssn)).toBe('987-65-4321');

    // Audited: one tokenize entry naming the tokens, one request entry.
    const { rows } = await v.sql.query(
      "SELECT action, outcome, resource_id, details FROM audit_log WHERE project_id = $1 AND action IN ('inbound_tokenize', 'inbound_request') ORDER BY txid, ingest",
      [projectId],
    );
    expect(rows.map((r) => r.action)).toEqual(['inbound_tokenize', 'inbound_request']);
    expect(rows[0].details.tokens).toHaveLength(3);
    expect(rows[1]).toMatchObject({ outcome: 'success', resource_id: id, details: { method: 'POST', upstream_status: 201, tokens: 3, path: '/hooks/partner/cards' } });
  });

  it('an invalid value → 400 in the catalogue shape, nothing stored, nothing forwarded', async () => {
    const id = await routeId(v, owner, projectId, { upstream_url: psp.url, fields: [CARD_FIELD, { path: '$.other', type: 'string' }] });
    const before = (await v.sql.query('SELECT count(*)::int AS n FROM tokens WHERE project_id = $1', [projectId])).rows[0].n;
    const bad = await send(id, '', { card: { number: '4111111111111112', exp_month: 12, exp_year: 2030 }, other: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ success: false, data: null, error: { code: 'invalid_card_number' } });
    expect(bad.body).not.toContain('4111111111111112');
    const amexBadCvv = await send(id, '', { card: { number: AMEX, exp_month: 12, exp_year: 2030, cvc: '123' }, other: 'x' });
    expect(amexBadCvv.json().error.code).toBe('invalid_cvv');
    expect(psp.received).toHaveLength(0);
    expect((await v.sql.query('SELECT count(*)::int AS n FROM tokens WHERE project_id = $1', [projectId])).rows[0].n).toBe(before);
    const { rows } = await v.sql.query("SELECT outcome, details FROM audit_log WHERE resource_id = $1 AND action = 'inbound_request' ORDER BY txid, ingest", [id]);
    expect(rows.map((r) => [r.outcome, r.details.error])).toEqual([['failure', 'invalid_card_number'], ['failure', 'invalid_cvv']]);
  });

  it('a missing required field → 400, nothing forwarded; required: false passes through', async () => {
    const id = await routeId(v, owner, projectId, { upstream_url: psp.url, fields: [CARD_FIELD, { path: '$.note', type: 'string', required: false }] });
    const missing = await send(id, '', { note: 'hello' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ message: 'Missing required field: $.card', error: { code: 'validation_error' } });
    expect(psp.received).toHaveLength(0);
    const ok = await send(id, '', { card: { number: PAN, exp_month: '01', exp_year: '2031' } });
    expect(ok.statusCode).toBe(201);
    expect(JSON.parse(psp.received[0].body).card).toEqual({ token: expect.stringMatching(/^tok_/) });
  });

  it('refuses another body type (415), a dot segment (400); a deleted route 404s', async () => {
    const id = await routeId(v, owner, projectId, { upstream_url: `${psp.url}/in`, fields: [{ path: '$.v', type: 'string' }] });
    const form = await v.app.inject({ method: 'POST', url: `/inbound/${id}`, payload: 'v=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.statusCode).toBe(415);
    expect(form.json().message).toBe('This route takes application/json bodies.');
    // Over a real socket: inject() would resolve the dot segments itself, as URL parsers do.
    for (const rest of ['/a/%2e%2e/admin', '/a/../admin', '/./x']) {
      const dots = await rawPost(`/inbound/${id}${rest}`, '{"v":"x"}');
      expect(dots.status, rest).toBe(400);
      expect(JSON.parse(dots.body).error.code).toBe('invalid_request');
    }
    expect(psp.received).toHaveLength(0);

    const del = await v.app.inject({ method: 'DELETE', url: `/api/projects/${projectId}/routes/${id}`, headers: owner.auth });
    expect(del.statusCode).toBe(200);
    const gone = await send(id, '', { v: 'x' });
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.code).toBe('not_found');
    const made = await send(`rt_${'A'.repeat(32)}`, '', { v: 'x' });
    expect(made.statusCode).toBe(404);
    expect(psp.received).toHaveLength(0);
  });

  it('other methods are forwarded as they are, GET without a body', async () => {
    const id = await routeId(v, owner, projectId, { upstream_url: psp.url, fields: [{ path: '$.v', type: 'string', required: false }] });
    const get = await v.app.inject({ method: 'GET', url: `/inbound/${id}/status?id=7` });
    expect(get.statusCode).toBe(201);
    const put = await v.app.inject({ method: 'PUT', url: `/inbound/${id}`, payload: { v: 'secret value' } });
    expect(put.statusCode).toBe(201);
    expect(psp.received.map((r) => [r.method, r.url])).toEqual([['GET', '/status?id=7'], ['PUT', '/']]);
    expect(JSON.parse(psp.received[1].body).v).toMatch(/^tok_/);
  });

  it('rate-limits per route: over the budget → 429 with Retry-After, other routes unaffected', async () => {
    const a = await routeId(v, owner, projectId, { upstream_url: psp.url, fields: [{ path: '$.v', type: 'string', required: false }] });
    const b = await routeId(v, owner, projectId, { upstream_url: psp.url, fields: [{ path: '$.v', type: 'string', required: false }] });
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await send(a, '', {})).statusCode);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
    const over = await send(a, '', {});
    expect(over.headers['retry-after']).toBeDefined();
    expect(over.json().error.code).toBe('rate_limited');
    expect((await send(b, '', {})).statusCode).toBe(201);
  });
});

describe('form routes', () => {
  it('tokenizes a field by name and an object type spread over name[prop] fields', async () => {
    const id = await routeId(v, owner, projectId, {
      upstream_url: `${psp.url}/checkout`, content_type: 'form',
      fields: [{ path: 'card', type: 'card', data_fields: { cardNumber: 'number', expirationMonth: 'exp_month', expirationYear: 'exp_year', cvv: 'cvc' } }, { path: 'ssn', type: 'string' }],
    });
    const res = await v.app.inject({
      method: 'POST', url: `/inbound/${id}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      payload: `amount=20.00&card%5Bnumber%5D=${PAN}&card[exp_month]=12&card[exp_year]=2030&card[cvc]=123&ssn=123-45-6789&name=Ada+L%C3%BC`,
    });
    expect(res.statusCode, res.body).toBe(201);
    const got = psp.received[0];
    expect(got.headers['content-type']).toBe('application/x-www-form-urlencoded; charset=utf-8');
    expect(got.body).not.toContain(PAN);
    const form = new URLSearchParams(got.body);
    expect(form.get('amount')).toBe('20.00');
    expect(form.get('name')).toBe('Ada Lü');
    expect(form.get('card[number]')).toBeNull();
    expect(form.get('card[cvc]')).toBeNull();
    expect(form.get('card[token]')).toMatch(/^tok_/);
    expect(form.get('card[cvc_session_id]')).toBeTruthy();
    expect(await detokenize(form.get('ssn')!)).toBe('123-45-6789');
    expect(await detokenize(form.get('card[token]')!)).toMatchObject({ cardNumber: PAN });
  });

  it('a JSON body to a form route → 415; a bad number → 400, nothing forwarded', async () => {
    const id = await routeId(v, owner, projectId, { upstream_url: psp.url, content_type: 'form', fields: [{ path: 'card', type: 'card' }] });
    expect((await send(id, '', { card: PAN })).statusCode).toBe(415);
    const bad = await v.app.inject({
      method: 'POST', url: `/inbound/${id}`, headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'card[cardNumber]=4111111111111112&card[expirationMonth]=12&card[expirationYear]=2030',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('invalid_card_number');
    expect(psp.received).toHaveLength(0);
  });
});

describe('management', () => {
  it('creates, lists, shows, replaces and deletes; checks paths and names', async () => {
    const created = await createRoute(v, owner, projectId, { name: 'crud', upstream_url: `${psp.url}/a`, fields: [{ path: '$.x', type: 'string' }] });
    expect(created.statusCode).toBe(201);
    const r = created.json().data;
    expect(r).toMatchObject({ name: 'crud', content_type: 'json', project_id: projectId, url: `${v.config.publicUrl}/inbound/${r.id}` });
    expect((await createRoute(v, owner, projectId, { name: 'crud', upstream_url: psp.url, fields: [{ path: '$.x', type: 'string' }] })).statusCode).toBe(409);
    const badPath = await createRoute(v, owner, projectId, { upstream_url: psp.url, fields: [{ path: '$..[?(@.x)]', type: 'string' }] });
    expect(badPath.statusCode).toBe(400);
    const badMap = await createRoute(v, owner, projectId, { upstream_url: psp.url, fields: [{ path: '$.c', type: 'card', data_fields: { pan: 'number' } }] });
    expect(badMap.statusCode).toBe(400);
    const list = await v.app.inject({ method: 'GET', url: `/api/projects/${projectId}/routes`, headers: owner.auth });
    expect(list.json().data.map((x: { id: string }) => x.id)).toContain(r.id);
    const put = await v.app.inject({
      method: 'PUT', url: `/api/projects/${projectId}/routes/${r.id}`, headers: owner.auth,
      payload: { name: 'crud2', upstream_url: `${psp.url}/b`, content_type: 'form', fields: [{ path: 'pan', type: 'string' }] },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json().data).toMatchObject({ id: r.id, name: 'crud2', content_type: 'form', upstream_url: `${psp.url}/b` });
    const one = await v.app.inject({ method: 'GET', url: `/api/projects/${projectId}/routes/${r.id}`, headers: owner.auth });
    expect(one.json().data.name).toBe('crud2');
    expect((await v.app.inject({ method: 'DELETE', url: `/api/projects/${projectId}/routes/${r.id}`, headers: owner.auth })).statusCode).toBe(200);
    expect((await v.app.inject({ method: 'GET', url: `/api/projects/${projectId}/routes/${r.id}`, headers: owner.auth })).statusCode).toBe(404);
    const { rows } = await v.sql.query("SELECT action FROM audit_log WHERE resource_id = $1 ORDER BY txid, ingest", [r.id]);
    expect(rows.map((x) => x.action)).toEqual(['inbound_route_create', 'inbound_route_update', 'inbound_route_delete']);
  });
});
