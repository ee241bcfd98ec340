import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVault, type TestApp, type TestVault, VISA } from '../helpers.js';

let v: TestVault;
let a: TestApp;
let b: TestApp;

beforeAll(async () => {
  v = await startVault();
  a = await v.createApp();
  b = await v.createApp();
});
afterAll(() => v.close());

const tokenize = (app: TestApp, data: unknown = VISA, type = 'card') =>
  v.app.inject({ method: 'POST', url: '/tokenize', headers: app.headers, payload: { type, data } as object }).then((r) => r.json());
const detok = (app: TestApp, token: string) =>
  v.app.inject({ method: 'POST', url: '/detokenize', headers: { 'x-api-key': app.apiKey, 'x-request-id': 'fixed-id' }, payload: { token } });

describe('tenant isolation', () => {
  it("another project's token answers exactly like an unknown one", async () => {
    const t = await tokenize(a);
    const cross = await detok(b, t.token);
    const unknown = await detok(b, 'tok_' + 'x'.repeat(24));
    expect(cross.statusCode).toBe(404);
    expect(cross.body).toBe(unknown.body);
    expect(cross.body).toContain('token_not_found');
  });

  it('card-preserving tokens may repeat across projects without crossing over', async () => {
    const t = await v.app.inject({ method: 'POST', url: '/tokenize', headers: a.headers, payload: { type: 'card', data: VISA, format: 'card_preserving' } });
    const token = t.json().token;
    expect((await detok(b, token)).statusCode).toBe(404);
    expect((await detok(a, token)).statusCode).toBe(200);
  });
});

describe('AAD binding', () => {
  it('swapping two ciphertexts in the database makes both fail to decrypt; no data is returned', async () => {
    const t1 = await tokenize(a, 'secret one', 'string');
    const t2 = await tokenize(a, 'secret two', 'string');
    await v.sql.query(
      `UPDATE tokens SET ciphertext = CASE token WHEN $1 THEN (SELECT ciphertext FROM tokens WHERE token = $2)
                                                   ELSE (SELECT ciphertext FROM tokens WHERE token = $1) END
       WHERE token IN ($1, $2)`,
      [t1.token, t2.token],
    );
    for (const t of [t1, t2]) {
      const res = await detok(a, t.token);
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('secret');
    }
    expect(v.logs.text).toContain('ciphertext failed authentication');
  });

  it("a ciphertext copied into another project's row fails too", async () => {
    const ta = await tokenize(a, 'tenant a', 'string');
    const tb = await tokenize(b, 'tenant b', 'string');
    await v.sql.query('UPDATE tokens SET ciphertext = (SELECT ciphertext FROM tokens WHERE token = $1) WHERE token = $2', [ta.token, tb.token]);
    const res = await detok(b, tb.token);
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('tenant a');
  });

  it('data is stored only as AES-GCM ciphertext', async () => {
    const t = await tokenize(a);
    const row = (await v.sql.query('SELECT * FROM tokens WHERE token = $1', [t.token])).rows[0];
    expect(JSON.stringify(row)).not.toContain('4111111111111111');
    expect((row.ciphertext as Buffer).includes(Buffer.from('4111111111111111'))).toBe(false);
    // nonce(12) + ciphertext + tag(16)
    expect(row.ciphertext.length).toBeGreaterThan(28);
  });
});
