// Token formats of API.md §6.2 against the real vault: what each keeps, Luhn, uniqueness, fpe's
// determinism per project, and that no format shows more digits than it keeps.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FF1 } from '../../src/crypto/ff1.js';
import { fpeToken, withLuhn } from '../../src/tokens/format.js';
import { luhnValid } from '../../src/tokens/validate.js';
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

const PAN = '4111111111111111';
const BANK = { accountNumber: '000123456789', routingNumber: '110000000' };
const tokenize = (app: TestApp, payload: object) => v.app.inject({ method: 'POST', url: '/tokenize', headers: app.headers, payload });
const detok = (app: TestApp, token: string) => v.app.inject({ method: 'POST', url: '/detokenize', headers: { 'x-api-key': app.apiKey }, payload: { token } });
const card = (format: string, extra: object = {}, app = a) => tokenize(app, { type: 'card', data: VISA, format, ...extra });

/** The digits of `token` that equal the PAN's at the same place, outside what the format keeps. */
const leaked = (token: string, keptHead: number, keptTail: number) =>
  [...token].filter((c, i) => i >= keptHead && i < token.length - keptTail && c === PAN[i]).length;

describe('formats', () => {
  it('uuid: a UUID v4 that detokenizes', async () => {
    const r = await card('uuid');
    expect(r.statusCode).toBe(201);
    expect(r.json().token).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect((await detok(a, r.json().token)).json().data.cardNumber).toBe(PAN);
  });

  it('numeric, last4_preserving, card_preserving: same length, kept digits, failing Luhn, never the PAN', async () => {
    for (const [format, head, tail] of [['numeric', 0, 0], ['last4_preserving', 0, 4], ['card_preserving', 6, 4]] as const) {
      const tokens = new Set<string>();
      for (let i = 0; i < 20; i++) {
        const r = await card(format);
        expect(r.statusCode, format).toBe(201);
        const t: string = r.json().token;
        expect(t).toMatch(/^\d{16}$/);
        expect(t.slice(0, head)).toBe(PAN.slice(0, head));
        expect(t.slice(16 - tail)).toBe(PAN.slice(16 - tail));
        expect(luhnValid(t)).toBe(false);
        tokens.add(t);
      }
      expect(tokens.size, `${format}: two items never share a token`).toBe(20);
      const [one] = tokens;
      expect((await detok(a, one)).json().data.cardNumber).toBe(PAN);
      const { rows } = await v.sql.query('SELECT format FROM tokens WHERE project_id = $1 AND token = $2', [a.projectId, one]);
      expect(rows[0].format).toBe(format);
    }
  });

  it('luhn: true makes a digit token pass Luhn, still never the card number', async () => {
    for (const format of ['numeric', 'last4_preserving', 'card_preserving', 'fpe']) {
      const r = await card(format, { luhn: true });
      expect(r.statusCode, format).toBe(201);
      expect(luhnValid(r.json().token), format).toBe(true);
      expect(r.json().token).not.toBe(PAN);
    }
  });

  it('a bank account takes numeric and last4_preserving; a string takes uuid only', async () => {
    const n = await tokenize(a, { type: 'bank', data: BANK, format: 'last4_preserving' });
    expect(n.statusCode).toBe(201);
    expect(n.json().token).toMatch(/^\d{8}6789$/);
    expect(luhnValid(n.json().token)).toBe(false);
    expect((await detok(a, n.json().token)).json().data.accountNumber).toBe(BANK.accountNumber);
    expect((await tokenize(a, { type: 'string', data: 'x', format: 'uuid' })).statusCode).toBe(201);
    for (const [type, data, format] of [['string', 'x', 'numeric'], ['bank', BANK, 'fpe'], ['bank', BANK, 'card_preserving']] as const) {
      const r = await tokenize(a, { type, data, format });
      expect(r.statusCode, `${type} ${format}`).toBe(400);
      expect(r.json().error.details[0].path).toBe('/format');
    }
    // A 4-digit account leaves no digits to draw for last4_preserving (the token would be the account).
    const short = await tokenize(a, { type: 'bank', data: { ...BANK, accountNumber: '6789' }, format: 'last4_preserving' });
    expect(short.statusCode).toBe(400);
    expect((await tokenize(a, { type: 'card', data: VISA, luhn: true })).json().error.details[0].path).toBe('/luhn');
  });

  it('fpe: FF1 with the project id as tweak, last 4 kept, the same card → the same token, another project → another', async () => {
    const first = await card('fpe');
    const again = await card('fpe');
    const other = await card('fpe', {}, b);
    expect([first.statusCode, again.statusCode, other.statusCode]).toEqual([201, 201, 201]);
    const t: string = first.json().token;
    expect(t).toMatch(/^\d{12}1111$/);
    expect(luhnValid(t)).toBe(false);
    expect(again.json().token).toBe(t);
    expect(other.json().token).not.toBe(t);
    expect(other.json().token.slice(-4)).toBe('1111');
    // Without the dedup right nothing says the card was already there.
    expect(again.json().deduplicated).toBe(false);
    // One row, one card, under that token.
    const { rows } = await v.sql.query('SELECT count(*)::int AS n FROM tokens WHERE project_id = $1 AND token = $2', [a.projectId, t]);
    expect(rows[0].n).toBe(1);
    expect((await detok(a, t)).json().data.cardNumber).toBe(PAN);
    // Two items of one batch: the same token, both answered.
    const batch = await tokenize(a, { items: [{ type: 'card', data: VISA, format: 'fpe' }, { type: 'card', data: VISA, format: 'fpe' }] });
    expect(batch.json().items.map((i: { token: string }) => i.token)).toEqual([t, t]);
    // Another card of the same last 4 gets another token.
    const sibling = withLuhn('401288888888', '1111', true);
    const s = await tokenize(a, { type: 'card', data: { ...VISA, cardNumber: sibling }, format: 'fpe' });
    expect(s.statusCode).toBe(201);
    expect(s.json().token).toMatch(/^\d{12}1111$/);
    expect(s.json().token).not.toBe(t);
  });

  it('fpe is exactly FF1 over the digits before the last 4 (but the Luhn digit) with the project id as tweak', () => {
    const f = new FF1(Buffer.alloc(32, 1), 10);
    const t = fpeToken(f, 'proj_x', PAN, false);
    expect(t.slice(0, 11)).toBe(f.encrypt(PAN.slice(0, 11), Buffer.from('proj_x')));
    expect(t.slice(-4)).toBe('1111');
    expect(luhnValid(t)).toBe(false);
    expect(luhnValid(fpeToken(f, 'proj_x', PAN, true))).toBe(true);
    expect(fpeToken(f, 'proj_y', PAN, false)).not.toBe(t);
  });

  it('an expired fpe token (or own id) is replaced, not a conflict', async () => {
    const c = await v.createApp();
    const t = (await card('fpe', {}, c)).json().token;
    await tokenize(c, { type: 'string', data: 'old', token: 'mig-1' });
    await v.sql.query("UPDATE tokens SET expires_at = now() - interval '1 second' WHERE project_id = $1", [c.projectId]);
    const again = await card('fpe', { metadata: { n: 2 } }, c);
    expect(again.statusCode).toBe(201);
    expect(again.json().token).toBe(t);
    expect((await tokenize(c, { type: 'string', data: 'new', token: 'mig-1' })).statusCode).toBe(201);
    expect((await detok(c, 'mig-1')).json().data).toBe('new');
    const { rows } = await v.sql.query('SELECT metadata FROM tokens WHERE project_id = $1 AND token = $2', [c.projectId, t]);
    expect(rows).toEqual([{ metadata: { n: 2 } }]);
  });

  it('with the dedup right and deduplicate: true, an fpe card already stored answers deduplicated', async () => {
    const d = await v.createApp({ deduplicate: true });
    const one = await card('fpe', {}, d);
    const two = await card('fpe', {}, d);
    expect(two.json()).toMatchObject({ token: one.json().token, deduplicated: true });
  });

  it('formats never show digits beyond what they keep', async () => {
    // Over many draws, the drawn digits agree with the PAN's only as often as chance says (1 in 10).
    let same = 0;
    let drawn = 0;
    for (let i = 0; i < 30; i++) {
      const t: string = (await card('numeric')).json().token;
      same += leaked(t, 0, 0);
      drawn += 16;
    }
    expect(same / drawn).toBeLessThan(0.2);
    // No answer carries the full number, whatever the format.
    for (const format of ['random', 'uuid', 'numeric', 'card_preserving', 'last4_preserving', 'fpe']) {
      const r = await card(format);
      expect(r.body, format).not.toContain(PAN);
      expect(r.json().data.cardNumber).toBe('411111******1111');
    }
  });
});
