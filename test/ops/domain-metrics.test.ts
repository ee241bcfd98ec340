// Domain metrics in /metrics (issue 29 item 8): real tokenize, detokenize, proxy (to a PSP double
// on loopback) and inbound calls move vault_operations_total and vault_operation_duration_seconds
// by exactly what was done; group commit reports its batch sizes; the audit sealer's lag, pending
// data-key rotations and the webhook backlog are read from the database when scraped. Nothing a
// merchant would call secret (card numbers, tokens, API keys) ever appears in the output.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rotateDataKey } from '../../src/crypto/rotation.js';
import { startVault, type TestApp, type TestVault, VISA } from '../helpers.js';
import { type Psp, startPsp, startTrap } from '../proxy/psp.js';
import { CARD_FIELD, ownerWithProject, routeId } from '../inbound/world.js';

const TOKEN = 'domain-metrics-token-0123456789';
const PAN = '4111111111111111';
const PSP_SECRET = 'sk_test_DomainMetricsPspSecret';
let v: TestVault;
let a: TestApp;
let psp: Psp;
const seen: string[] = []; // every secret value a call used or got back

beforeAll(async () => {
  // dataKeyTickMs 0: a rotation job stays pending until the test looks at it.
  v = await startVault({ metricsToken: TOKEN, dataKeyTickMs: 0 });
  a = await v.createApp();
  psp = await startPsp();
  seen.push(PAN, VISA.cardNumber, a.apiKey, a.pubKey, PSP_SECRET);
});
afterAll(async () => {
  await psp.close();
  await v.close();
});

async function scrape(): Promise<string> {
  const res = await fetch(`${v.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  return res.text();
}

/** The value of one series, `name{labels}` exactly as printed (labels in the order given); 0 when absent. */
function value(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}
const ops = (text: string, operation: string, outcome: string) => value(text, `vault_operations_total{operation="${operation}",outcome="${outcome}"}`);
const durations = (text: string, operation: string) => value(text, `vault_operation_duration_seconds_count{operation="${operation}"}`);

const inject = (url: string, payload: object, headers: Record<string, string> = a.headers) => v.app.inject({ method: 'POST', url, headers, payload });

describe('domain metrics', () => {
  it('count tokenize, detokenize, proxy and inbound calls by outcome, with a latency histogram each', async () => {
    const before = await scrape();

    // tokenize: 2 successes (one a batch of 2, still one call) and 1 client error.
    const one = await inject('/tokenize', { type: 'card', data: VISA });
    expect(one.statusCode).toBe(201);
    const batch = await inject('/tokenize', { items: [{ type: 'card', data: VISA }, { type: 'string', data: 'x' }] });
    expect(batch.statusCode).toBe(200);
    expect((await inject('/tokenize', { type: 'card', data: { ...VISA, cardNumber: '4111111111111112' } })).statusCode).toBe(400);
    const { token, cvc_session_id } = one.json<{ token: string; cvc_session_id: string }>();
    seen.push(token, cvc_session_id, ...batch.json<{ items: { token: string }[] }>().items.map((i) => i.token));

    // detokenize: 1 success, 1 unknown token (404).
    expect((await inject('/detokenize', { token }, { 'x-api-key': a.apiKey })).statusCode).toBe(200);
    expect((await inject('/detokenize', { token: 'tok_unknown0000000000' }, { 'x-api-key': a.apiKey })).statusCode).toBe(404);

    // proxy: 1 success through the PSP double, 1 upstream failure (a port that refuses).
    const trap = await startTrap();
    await trap.close();
    const ok = await inject('/proxy/transaction', {
      token, cvc_session_id, proxy_url: `${psp.url}/charge`, http_headers: { authorization: `Bearer ${PSP_SECRET}` },
      request_data: { number: '${cardNumber}', cvc: '${cvv}' },
    }, { 'x-api-key': a.apiKey });
    expect(ok.statusCode).toBe(200);
    expect(JSON.parse(psp.received[0].body).number).toBe(PAN);
    const down = await inject('/proxy/transaction', { token, proxy_url: `http://127.0.0.1:${trap.port}/charge`, request_data: {} }, { 'x-api-key': a.apiKey });
    expect(down.statusCode).toBe(502);

    // inbound: a partner posts a card to a route; the merchant (the PSP double) gets a token.
    const { owner, projectId } = await ownerWithProject(v);
    const id = await routeId(v, owner, projectId, { upstream_url: `${psp.url}/merchant`, fields: [CARD_FIELD] });
    seen.push(id);
    const inbound = await v.app.inject({ method: 'POST', url: `/inbound/${id}/orders`, payload: { card: { number: PAN, exp_month: '12', exp_year: '2030', cvc: '123' } } });
    expect(inbound.statusCode).toBe(200);
    seen.push(JSON.parse(psp.received[1].body).card);

    const after = await scrape();
    const moved = (op: string, outcome: string) => ops(after, op, outcome) - ops(before, op, outcome);
    expect([moved('tokenize', 'success'), moved('tokenize', 'client_error')]).toEqual([2, 1]);
    expect([moved('detokenize', 'success'), moved('detokenize', 'client_error')]).toEqual([1, 1]);
    expect([moved('proxy', 'success'), moved('proxy', 'upstream_error')]).toEqual([1, 1]);
    expect(moved('inbound', 'success')).toBe(1);
    for (const op of ['tokenize', 'detokenize', 'proxy', 'inbound']) {
      expect(moved(op, 'server_error')).toBe(0);
      // Every call is in the histogram too, and +Inf holds them all.
      const calls = ['success', 'client_error', 'upstream_error', 'server_error'].reduce((n, o) => n + ops(after, op, o), 0);
      expect(durations(after, op)).toBe(calls);
      expect(value(after, `vault_operation_duration_seconds_bucket{operation="${op}",le="+Inf"}`)).toBe(calls);
      expect(value(after, `vault_operation_duration_seconds_sum{operation="${op}"}`)).toBeGreaterThan(0);
    }
    // A route that is no operation is not counted as one.
    expect(after).not.toMatch(/vault_operations_total\{operation="(?!tokenize|detokenize|proxy|inbound)/);
    expect(after).toContain('# TYPE vault_operations_total counter');
    expect(after).toContain('# TYPE vault_operation_duration_seconds histogram');
  });

  it('group commit: one observation per merged statement, with the number of requests it carried', async () => {
    const before = await scrape();
    const calls = await Promise.all(Array.from({ length: 20 }, () => inject('/tokenize', { type: 'card', data: VISA })));
    for (const c of calls) expect(c.statusCode).toBe(201);
    seen.push(...calls.map((c) => c.json<{ token: string }>().token));
    const after = await scrape();
    const d = (series: string) => value(after, series) - value(before, series);
    const statements = d('vault_group_commit_batch_size_count{statement="tokenize"}');
    expect(d('vault_group_commit_batch_size_sum{statement="tokenize"}')).toBe(20); // every request in exactly one statement
    expect(statements).toBeGreaterThanOrEqual(1);
    expect(statements).toBeLessThanOrEqual(20);
    for (const s of ['detokenize', 'proxy_lookup', 'proxy_audit']) expect(after).toContain(`vault_group_commit_batch_size_count{statement="${s}"}`);
  });

  it('audit sealer lag, pending rotations and webhook backlog are read when scraped', async () => {
    // The test config seals on demand only: what the calls above wrote is still unsealed.
    const pending = await scrape();
    expect(value(pending, 'vault_audit_unsealed_entries')).toBeGreaterThan(0);
    expect(value(pending, 'vault_audit_seal_lag_seconds')).toBeGreaterThanOrEqual(0);
    await v.app.vault.audit.sealNow();
    const sealed = await scrape();
    expect(value(sealed, 'vault_audit_unsealed_entries')).toBe(0);
    expect(value(sealed, 'vault_audit_seal_lag_seconds')).toBe(0);

    expect(value(sealed, 'vault_data_key_rotation_jobs_pending')).toBe(0);
    await rotateDataKey(v.app.vault.database.db, v.app.vault.keys, a.projectId, 'manual');
    expect(value(await scrape(), 'vault_data_key_rotation_jobs_pending')).toBe(1);
    expect(sealed).toContain('vault_webhook_backlog 0');
  });

  it('no card number, token, key or route id ever appears in /metrics', async () => {
    const text = await scrape();
    expect(seen.length).toBeGreaterThan(25);
    for (const secret of seen) expect(text).not.toContain(secret);
    // No long digit run that could be a card number, in any series' labels.
    expect(text.split('\n').filter((l) => !l.startsWith('#')).map((l) => l.slice(0, l.lastIndexOf(' '))).join('\n')).not.toMatch(/\d{12,}/);
  });
});
