import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVault, type TestApp, type TestVault } from '../helpers.js';

let v: TestVault;
let a: TestApp;

beforeAll(async () => {
  // trace: the most verbose the vault can be made to log.
  v = await startVault({ logLevel: 'trace' });
  a = await v.createApp();
});
afterAll(() => v.close());

const PAN = '5555555555554444';
const CVV = '987';
const HOLDER = 'Grace Hopper';
const ACCOUNT = '000987654321';
const SECRET = 'my-very-secret-string-value';

describe('log redaction', () => {
  it('no card number, CVV, account, key, pub key or token value reaches the log', async () => {
    const send = (url: string, headers: Record<string, string>, body: string) =>
      fetch(`${v.url}${url}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    const card = await (await send('/tokenize', a.headers, JSON.stringify({ type: 'card', data: { cardNumber: PAN, expirationMonth: '11', expirationYear: '2031', cvv: CVV, holderName: HOLDER } }))).json();
    const bank = await (await send('/tokenize', a.headers, JSON.stringify({ type: 'bank', data: { accountNumber: ACCOUNT, routingNumber: '110000000' } }))).json();
    const str = await (await send('/tokenize', a.headers, JSON.stringify({ type: 'string', data: SECRET }))).json();
    await send('/detokenize', { 'x-api-key': a.apiKey }, JSON.stringify({ tokens: [card.token, bank.token, str.token] }));
    await send('/detokenize', { 'x-api-key': a.apiKey }, JSON.stringify({ token: card.token }));
    // Failures that carry data: invalid JSON around a PAN, a bad Luhn PAN, a wrong pub key.
    await send('/tokenize', a.headers, `{"type":"card","data":{"cardNumber":"${PAN}"`);
    await send('/tokenize', a.headers, JSON.stringify({ type: 'card', data: { cardNumber: '5555555555554440', expirationMonth: '11', expirationYear: '2031' } }));
    await send('/tokenize', { 'x-api-key': a.apiKey, 'x-pub-key': a.pubKey + 'x' }, JSON.stringify({ type: 'string', data: SECRET }));
    await send('/tokenize', { 'x-api-key': a.apiKey.slice(0, -1) + 'Z', 'x-pub-key': a.pubKey }, JSON.stringify({ type: 'string', data: SECRET }));
    await new Promise((r) => setTimeout(r, 50));

    const log = v.logs.text;
    expect(v.logs.lines.length).toBeGreaterThanOrEqual(9); // the capture saw every request (one line each)
    expect(log).toContain('/tokenize');
    for (const secret of [PAN, '5555555555554440', `"${CVV}"`, HOLDER, ACCOUNT, SECRET, a.apiKey, a.apiKey.slice(18), a.pubKey, card.token, bank.token, str.token]) {
      expect(log, `log contains ${secret.slice(0, 6)}…`).not.toContain(secret);
    }
  });

  it('objects logged on purpose have their secret fields censored', async () => {
    v.app.log.info({ body: { data: { cardNumber: PAN, cvv: CVV } }, headers: { 'x-api-key': a.apiKey }, password: 'hunter2hunter2' }, 'deliberate');
    await new Promise((r) => setTimeout(r, 20));
    const line = v.logs.lines.find((l) => l.includes('deliberate'))!;
    expect(line).toBeTruthy();
    expect(line).not.toContain(PAN);
    expect(line).not.toContain(a.apiKey);
    expect(line).not.toContain('hunter2');
    expect(line).toContain('[redacted]');
  });

  it('audit entries for tokenize/detokenize hold no data', async () => {
    const rows = await v.sql.query('SELECT * FROM audit_log');
    expect(rows.rowCount).toBeGreaterThan(3);
    const text = JSON.stringify(rows.rows);
    for (const secret of [PAN, HOLDER, ACCOUNT, SECRET, a.apiKey]) expect(text).not.toContain(secret);
    expect(rows.rows.map((r) => r.action)).toEqual(expect.arrayContaining(['tokenize', 'detokenize', 'detokenize_batch']));
    const single = rows.rows.find((r) => r.action === 'tokenize');
    expect(single).toMatchObject({ event_type: 'token', outcome: 'success', resource_type: 'token', app_id: a.appId, project_id: a.projectId });
    expect(single.resource_id).toMatch(/^tok_/);
    expect(single.request_id).toMatch(/^req_/);
  });
});
