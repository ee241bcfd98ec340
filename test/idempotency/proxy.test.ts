// A replayed proxy call never reaches the PSP again (API.md §6.1): a real upstream server counts
// what it received. The checkout's double click charges once.
import { describe, expect, it } from 'vitest';
import { type TestApp, type TestVault, VISA } from '../helpers.js';
import { jsonOk, type Psp, proxyWorld } from '../proxy/psp.js';

let v: TestVault;
let a: TestApp;
let psp: Psp;
proxyWorld((w) => ({ v, a, psp } = w));

let n = 0;
const key = () => `charge-${++n}-${Date.now()}`;

async function tokenize() {
  const res = await v.app.inject({ method: 'POST', url: '/tokenize', headers: a.headers, payload: { type: 'card', data: VISA } });
  return res.json<{ token: string; cvc_session_id: string }>();
}

/** `withCvv: false`: the CVC session is spent once its CVV went out, so a retry cannot send it. */
const charge = (t: { token: string; cvc_session_id: string }, k: string, amount = 2000, withCvv = true) =>
  v.app.inject({
    method: 'POST', url: '/proxy/transaction', headers: { 'x-api-key': a.apiKey, 'idempotency-key': k },
    payload: withCvv
      ? { token: t.token, cvc_session_id: t.cvc_session_id, proxy_url: `${psp.url}/v1/charges`, request_data: { amount, number: '${cardNumber}', cvc: '${cvv}' } }
      : { token: t.token, proxy_url: `${psp.url}/v1/charges`, request_data: { amount, number: '${cardNumber}' } },
  });

describe('POST /proxy/transaction with Idempotency-Key', () => {
  it('the retry replays the PSP answer; the PSP saw one request', async () => {
    const t = await tokenize();
    const k = key();
    const first = await charge(t, k);
    expect(first.statusCode).toBe(200);
    const retries = await Promise.all([charge(t, k), charge(t, k), charge(t, k)]);
    for (const r of retries) {
      expect(r.statusCode).toBe(200);
      expect(r.headers['idempotent-replayed']).toBe('true');
      expect(r.body).toBe(first.body);
    }
    expect(psp.received).toHaveLength(1);
  });

  it('another amount under the same key → 422, the PSP is not called', async () => {
    const t = await tokenize();
    const k = key();
    await charge(t, k);
    const changed = await charge(t, k, 9999);
    expect(changed.statusCode).toBe(422);
    expect(changed.json().error.code).toBe('idempotency_key_reused');
    expect(psp.received).toHaveLength(1);
  });

  it("the PSP's own failure (an answer) is stored like any answer: a retry does not charge again", async () => {
    psp.handler = (_req, res) => {
      res.writeHead(402, { 'content-type': 'application/json' });
      res.end('{"error":"card_declined"}');
    };
    const t = await tokenize();
    const k = key();
    const first = await charge(t, k);
    expect(first.json().proxy_response.status_code).toBe(402);
    psp.handler = jsonOk;
    expect((await charge(t, k)).body).toBe(first.body);
    expect(psp.received).toHaveLength(1);
  });

  it('the vault could not reach the PSP (502): the key is free again and the retry goes through', async () => {
    psp.handler = (_req, res) => res.socket?.destroy();
    const t = await tokenize();
    const k = key();
    const failed = await charge(t, k, 2000, false);
    expect(failed.statusCode).toBe(502);
    psp.handler = jsonOk;
    const retried = await charge(t, k, 2000, false);
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    expect(psp.received).toHaveLength(2);
  });

  it("the stored PSP answer is sealed: the row shows none of the PSP's words", async () => {
    const t = await tokenize();
    const k = key();
    await charge(t, k);
    const row = (await v.sql.query('SELECT project_id, body FROM idempotency_keys WHERE key = $1', [k])).rows[0];
    expect(row.project_id).toBe(a.projectId);
    const stored = (row.body as Buffer).toString('latin1');
    for (const s of ['ch_1', 'succeeded', 'proxy_response', '1111']) expect(stored).not.toContain(s);
  });

  it('header mode: the same PSP body for another token under the same key → 422, nothing sent', async () => {
    const [t1, t2] = [await tokenize(), await tokenize()];
    const k = key();
    const send = (token: string) =>
      v.app.inject({
        method: 'POST', url: '/proxy/transaction',
        headers: { 'x-api-key': a.apiKey, 'idempotency-key': k, 'x-token': token, 'x-proxy-url': `${psp.url}/v1/charges`, 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'amount=2000&number=${cardNumber}',
      });
    const first = await send(t1.token);
    expect(first.statusCode).toBe(200);
    expect((await send(t1.token)).headers['idempotent-replayed']).toBe('true');
    const other = await send(t2.token);
    expect(other.statusCode).toBe(422);
    expect(psp.received).toHaveLength(1);
    // Ozura's form: POST /tokenize with X-Proxy-URL is the same proxy call, and honours the key too.
    const viaTokenize = await v.app.inject({
      method: 'POST', url: '/tokenize',
      headers: { 'x-api-key': a.apiKey, 'x-pub-key': a.pubKey, 'idempotency-key': key(), 'x-token': t2.token, 'x-proxy-url': `${psp.url}/v1/charges`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'amount=1',
    });
    expect(viaTokenize.statusCode).toBe(200);
    expect(psp.received).toHaveLength(2);
  });
});
