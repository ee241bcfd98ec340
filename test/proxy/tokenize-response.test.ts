// tokenize_response on POST /proxy/transaction (docs/proxy.md): card data at the given JSONPaths
// of a real PSP double's answer becomes tokens of the caller's project; everything else is still
// masked; a key that may not tokenize is refused before anything is sent.
import { describe, expect, it } from 'vitest';
import type { TestApp, TestVault } from '../helpers.js';
import { VISA } from '../helpers.js';
import { type Psp, proxyWorld } from './psp.js';

let v: TestVault;
let a: TestApp;
let psp: Psp;
proxyWorld((w) => ({ v, a, psp } = w));

const NETWORK_PAN = '5555555555554444';
const OTHER_PAN = '4242424242424242';
const BIG_PAN = '6011000990139424';

async function tokenize(app: TestApp) {
  const res = await v.app.inject({ method: 'POST', url: '/tokenize', headers: app.headers, payload: { type: 'card', data: VISA } });
  expect(res.statusCode).toBe(201);
  return res.json<{ token: string }>().token;
}

const pspAnswers = (body: object) => {
  psp.handler = (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  };
};

const proxy = (app: TestApp, extra: object) =>
  v.app.inject({
    method: 'POST', url: '/proxy/transaction', headers: { 'x-api-key': app.apiKey },
    payload: { token: 'x', proxy_url: `${psp.url}/v1/cards`, request_data: { number: '${cardNumber}' }, ...extra },
  });

describe('tokenize_response', () => {
  it('tokenizes the named places, masks everything else, and the tokens detokenize', async () => {
    const token = await tokenize(a);
    pspAnswers({
      id: 'pm_1',
      network_token: { number: NETWORK_PAN, exp_month: 11, exp_year: 2031, brand: 'mastercard' },
      updated: [{ pan: OTHER_PAN }, { pan: 'any string' }],
      // Not named by any path: a hostile or careless PSP echoing card data is still masked.
      echoed: `card ${BIG_PAN} ok`,
      raw_number: Number(BIG_PAN),
    });
    const res = await proxy(a, {
      token,
      tokenize_response: [
        { path: '$.network_token', type: 'card', data_fields: { cardNumber: 'number', expirationMonth: 'exp_month', expirationYear: 'exp_year' } },
        { path: '$.updated[*].pan', type: 'string' },
        { path: '$.absent.card', type: 'card' },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const out = res.json();
    expect(res.body).not.toContain(NETWORK_PAN);
    expect(res.body).not.toContain(OTHER_PAN);
    expect(res.body).not.toContain(BIG_PAN);
    const body = out.proxy_response.body;
    expect(body.id).toBe('pm_1');
    expect(body.network_token).toEqual({ brand: 'mastercard', token: expect.stringMatching(/^tok_/) });
    expect(body.updated[0].pan).toMatch(/^tok_/);
    expect(body.updated[1].pan).toMatch(/^tok_/);
    expect(body.echoed).toBe('card 601100******9424 ok');
    expect(body.raw_number).toBe('601100******9424');
    expect(out.tokenized).toEqual([
      { path: '$.network_token', at: '/network_token', token: body.network_token.token },
      { path: '$.updated[*].pan', at: '/updated/0/pan', token: body.updated[0].pan },
      { path: '$.updated[*].pan', at: '/updated/1/pan', token: body.updated[1].pan },
    ]);

    // Into the caller's project: the same key detokenizes them.
    const det = await v.app.inject({ method: 'POST', url: '/detokenize', headers: { 'x-api-key': a.apiKey }, payload: { tokens: [body.network_token.token, body.updated[0].pan] } });
    expect(det.json().items.map((i: { data: unknown }) => i.data)).toEqual([
      expect.objectContaining({ cardNumber: NETWORK_PAN, expirationMonth: '11', expirationYear: '2031' }),
      OTHER_PAN,
    ]);
    const { rows } = await v.sql.query("SELECT details FROM audit_log WHERE project_id = $1 AND action = 'proxy_response_tokenize'", [a.projectId]);
    expect(rows).toHaveLength(1);
    expect(rows[0].details.tokens).toHaveLength(3);
  });

  it('a value at a path that is no valid card stays masked and is listed with its error', async () => {
    const token = await tokenize(a);
    pspAnswers({ card: { cardNumber: '4111111111111112', expirationMonth: '12', expirationYear: '2030' }, also: '4111111111111111' });
    const res = await proxy(a, { token, tokenize_response: [{ path: '$.card', type: 'card' }] });
    expect(res.statusCode).toBe(200);
    expect(res.json().tokenized).toEqual([{ path: '$.card', at: '/card', error: { code: 'invalid_card_number', message: 'Invalid card number' } }]);
    expect(res.json().proxy_response.body.also).toBe('411111******1111');
  });

  it('a key without the tokenization right → 403 before anything is sent', async () => {
    const token = await tokenize(a);
    const detokOnly = await v.createApp({ permissions: { detokenization: { allowed: true } } });
    const res = await proxy(detokOnly, { token, tokenize_response: [{ path: '$.card', type: 'card' }] });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('permission_denied');
    expect(psp.received).toHaveLength(0);
  });

  it('refuses a script path; a non-JSON answer is masked text with nothing tokenized', async () => {
    const token = await tokenize(a);
    const bad = await proxy(a, { token, tokenize_response: [{ path: '$..[?(@.number)]', type: 'card' }] });
    expect(bad.statusCode).toBe(400);
    expect(psp.received).toHaveLength(0);
    psp.handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`pan=${OTHER_PAN}`);
    };
    const res = await proxy(a, { token, tokenize_response: [{ path: '$.pan', type: 'string' }] });
    expect(res.json().proxy_response.body).toBe('pan=424242******4242');
    expect(res.json().tokenized).toEqual([]);
  });

  it('absent: the answer has no tokenized field', async () => {
    const token = await tokenize(a);
    const res = await proxy(a, { token });
    expect(res.statusCode).toBe(200);
    expect(res.json().tokenized).toBeUndefined();
  });
});
