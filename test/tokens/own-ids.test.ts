// Own token ids (API.md §6.2): migrations from another vault keep their tokens. Taken in the
// project → that item alone 409 token_exists; per project, so another project's id is fine; a
// card number is never accepted as an id (it would be stored, logged and audited in clear).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTokenId } from '../../src/tokens/format.js';
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

const tokenize = (app: TestApp, payload: object) => v.app.inject({ method: 'POST', url: '/tokenize', headers: app.headers, payload });
const detok = (app: TestApp, token: string) => v.app.inject({ method: 'POST', url: '/detokenize', headers: { 'x-api-key': app.apiKey }, payload: { token } });

describe('own token ids', () => {
  it('becomes the token, detokenizes, and is named in the audit entry', async () => {
    const r = await tokenize(a, { type: 'card', data: VISA, token: 'bt:card.0001-A_z' });
    expect(r.statusCode).toBe(201);
    expect(r.json().token).toBe('bt:card.0001-A_z');
    const back = await detok(a, 'bt:card.0001-A_z');
    expect(back.json().data.cardNumber).toBe('4111111111111111');
    const { rows } = await v.sql.query(
      "SELECT resource_id FROM audit_log WHERE project_id = $1 AND action = 'detokenize' ORDER BY ingest DESC LIMIT 1", [a.projectId],
    );
    expect(rows[0].resource_id).toBe('bt:card.0001-A_z');
  });

  it('taken in the project: that item fails alone with 409 token_exists, the others succeed', async () => {
    await tokenize(a, { type: 'string', data: 'first', token: 'legacy-42' });
    const single = await tokenize(a, { type: 'string', data: 'second', token: 'legacy-42' });
    expect(single.statusCode).toBe(409);
    expect(single.json().error.code).toBe('token_exists');
    const batch = await tokenize(a, {
      items: [
        { type: 'string', data: 'x', token: 'legacy-42' },
        { type: 'string', data: 'y', token: 'legacy-43' },
        { type: 'string', data: 'z', token: 'legacy-43' },
        { type: 'card', data: VISA },
      ],
    });
    expect(batch.statusCode).toBe(200);
    const items = batch.json().items;
    expect(items.map((i: { success: boolean; error?: { code: string } }) => i.error?.code ?? i.success)).toEqual(['token_exists', true, 'token_exists', true]);
    expect(items[1].token).toBe('legacy-43');
    // The first holder is untouched.
    expect((await detok(a, 'legacy-42')).json().data).toBe('first');
    expect((await detok(a, 'legacy-43')).json().data).toBe('y');
  });

  it("an own id equal to another project's token is fine: ids are per project", async () => {
    const theirs = (await tokenize(b, { type: 'string', data: 'b-secret' })).json().token;
    const mine = await tokenize(a, { type: 'string', data: 'a-secret', token: theirs });
    expect(mine.statusCode).toBe(201);
    expect((await detok(a, theirs)).json().data).toBe('a-secret');
    expect((await detok(b, theirs)).json().data).toBe('b-secret');
  });

  it('a card number is refused as an own id, with or without separators; the refusal does not echo it', async () => {
    for (const token of ['4111111111111111', '4111-1111-1111-1111', '4111.1111.1111.1111', '378282246310005']) {
      const r = await tokenize(a, { type: 'string', data: 'x', token });
      expect(r.statusCode, token).toBe(400);
      expect(r.json().error.details[0]).toEqual({ path: '/token', message: 'must not be a card number' });
      expect(r.body).not.toContain(token);
    }
    const { rows } = await v.sql.query('SELECT count(*)::int AS n FROM tokens WHERE token LIKE $1', ['4111%1111']);
    expect(rows[0].n).toBe(0);
    // A digit id that fails Luhn is an id like any other.
    expect((await tokenize(a, { type: 'string', data: 'x', token: '4111111111111112' })).statusCode).toBe(201);
  });

  it('refuses ids outside the grammar and ids combined with a format', async () => {
    for (const token of ['ab', 'x'.repeat(129), 'has space', 'semi;colon', 'ünï']) {
      expect((await tokenize(a, { type: 'string', data: 'x', token })).statusCode, token).toBe(400);
    }
    const r = await tokenize(a, { type: 'card', data: VISA, token: 'abc', format: 'uuid' });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details[0].path).toBe('/token');
  });

  it('isTokenId: own ids and issued tokens yes, card numbers never', () => {
    for (const t of ['tok_abcdefghijklmnopqrstuvwx', 'legacy-42', 'bt:card.0001', '4111111111111112', '7b0c3c5e-8d7a-4c1e-9b1f-2f1e0d8c9a77']) expect(isTokenId(t), t).toBe(true);
    for (const t of ['4111111111111111', '4111 1111 1111 1111', '4111-1111-1111-1111', 'ab', 'a b c', '']) expect(isTokenId(t), t).toBe(false);
  });
});
