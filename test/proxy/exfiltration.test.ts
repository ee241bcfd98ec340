// Finding 2 of issue 13: a key that may tokenize but not detokenize used the proxy to send a card
// to a host of its choosing and read it back, because masking missed a card number inside a
// longer digit run and an echoed CVV. Production projects now send only to allowed hosts, and
// the answer is masked window by window and for the forwarded CVV.
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { maskBody, maskRun, maskText } from '../../src/proxy/mask.js';
import { luhnValid } from '../../src/tokens/validate.js';
import { startVault, type TestApp, type TestVault, VISA } from '../helpers.js';
import { type Psp, startPsp } from './psp.js';

const PAN = '4111111111111111';
const TOKENIZE_ONLY = { tokenization: { allowed: true }, detokenization: { allowed: false } };
let v: TestVault;
let psp: Psp;

beforeAll(async () => {
  v = await startVault();
  psp = await startPsp();
});
afterAll(async () => {
  await psp.close();
  await v.close();
});

// The attacker's "PSP" echoes what it received, as JSON and as text.
const echo = (asJson: boolean) => (req: { body: string }, res: import('node:http').ServerResponse) => {
  res.writeHead(200, { 'content-type': asJson ? 'application/json' : 'text/plain', 'x-echo': req.body.slice(0, 200) });
  res.end(asJson ? JSON.stringify({ received: req.body, parsed: JSON.parse(req.body) }) : req.body);
};
beforeEach(() => {
  psp.received.length = 0;
  psp.handler = echo(true);
});

async function tokenize(app: TestApp) {
  const res = await v.app.inject({ method: 'POST', url: '/tokenize', headers: app.headers, payload: { type: 'card', data: VISA } });
  return res.json<{ token: string; cvc_session_id: string }>();
}
const proxy = (app: TestApp, payload: object) =>
  v.app.inject({ method: 'POST', url: '/proxy/transaction', headers: { 'x-api-key': app.apiKey }, payload });

const ATTACK_BODY = {
  padded: '00${cardNumber}00',
  glued: 'x9${cardNumber}1234567',
  cvv: '${cvv}',
  cvvPadded: '00${cvv}00',
  amount: 2000,
};

describe('production: card data only to allowed hosts', () => {
  it('a tokenize-only key of a production project without proxy_allowed_hosts cannot send a card anywhere', async () => {
    const prod = await v.createApp({ environment: 'production', permissions: TOKENIZE_ONLY });
    const t = await tokenize(prod);
    const res = await proxy(prod, { token: t.token, cvc_session_id: t.cvc_session_id, proxy_url: `${psp.url}/collect`, request_data: ATTACK_BODY });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('destination_forbidden');
    expect(res.json().message).toContain('proxy_allowed_hosts');
    expect(psp.received).toHaveLength(0);
    // Nothing was sent, so the single-use CVC session is still there.
    const left = await v.sql.query('SELECT count(*)::int AS n FROM cvc_sessions WHERE id = $1', [t.cvc_session_id]);
    expect(left.rows[0].n).toBe(1);
  });

  it('with the host on the list the call goes through; another host is still refused', async () => {
    const prod = await v.createApp({ environment: 'production', permissions: TOKENIZE_ONLY });
    await v.sql.query("UPDATE projects SET proxy_allowed_hosts = ARRAY['127.0.0.1'] WHERE id = $1", [prod.projectId]);
    const t = await tokenize(prod);
    const ok = await proxy(prod, { token: t.token, proxy_url: `${psp.url}/pay`, request_data: { n: '${cardNumber}' } });
    expect(ok.statusCode).toBe(200);
    const other = await proxy(prod, { token: t.token, proxy_url: `http://localhost:${psp.port}/pay`, request_data: { n: '${cardNumber}' } });
    expect(other.statusCode).toBe(403);
    expect(psp.received).toHaveLength(1);
  });
});

describe('masking of the answer (a development project, where any public host is allowed)', () => {
  for (const asJson of [true, false]) {
    it(`an echo of the card inside longer digit runs and of the CVV comes back masked (${asJson ? 'JSON' : 'text'})`, async () => {
      psp.handler = echo(asJson);
      const dev = await v.createApp({ permissions: TOKENIZE_ONLY });
      const t = await tokenize(dev);
      const res = await proxy(dev, { token: t.token, cvc_session_id: t.cvc_session_id, proxy_url: `${psp.url}/echo`, request_data: ATTACK_BODY });
      expect(res.statusCode).toBe(200);
      // The PSP really got the card and the CVV...
      expect(psp.received[0].body).toContain(`00${PAN}00`);
      expect(psp.received[0].body).toContain('0012300');
      // ...and the caller sees neither: not the number, not its middle digits, not the CVV.
      const seen = res.body;
      expect(seen).not.toContain(PAN);
      expect(seen).not.toContain(PAN.slice(6, 12));
      expect(seen).not.toMatch(/123/);
      expect(seen).toContain('004111**********1100');
      if (asJson) expect(res.json().proxy_response.body.parsed.amount).toBe(2000);
    });
  }

  // Issue 22 item 4: the echo writes the card as JSON numbers of every shape, which masking of
  // parsed numbers missed (and a number above 2^53 lost digits before it was looked at).
  it('an echo of the card and the CVV as JSON numbers (sign, fraction, exponent, > 2^53) comes back masked, as JSON', async () => {
    psp.handler = (req, res) => {
      const { n, c } = JSON.parse(req.body) as { n: string; c: string };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`{"neg":-${n},"frac":0.${n},"exp":${n}e-16,"big":9${n}99,"both":-${n}.5E+3,"cvc":${c},"negCvc":-${c},"amount":2000,"price":12.30}`);
    };
    const dev = await v.createApp({ permissions: TOKENIZE_ONLY });
    const t = await tokenize(dev);
    const res = await proxy(dev, { token: t.token, cvc_session_id: t.cvc_session_id, proxy_url: `${psp.url}/echo`, request_data: { n: '${cardNumber}', c: '${cvv}' } });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain(PAN.slice(6, 12));
    expect(res.body).not.toMatch(/123/);
    const body = res.json().proxy_response.body;
    expect(body).toMatchObject({
      neg: '-411111******1111', frac: '0.411111******1111', exp: '411111******1111e-16', both: '-411111******1111.5E+3',
      cvc: '***', negCvc: '-***', amount: 2000, price: 12.3,
    });
    expect(body.big).toMatch(/^9411111\*{6}/);
  });
});

describe('maskRun / maskText', () => {
  const pan = fc
    .tuple(fc.integer({ min: 13, max: 19 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 19, maxLength: 19 }))
    .map(([len, ds]) => {
      const body = ds.slice(0, len - 1).join('');
      for (let c = 0; c <= 9; c++) if (luhnValid(body + c)) return body + c;
      throw new Error('unreachable');
    });
  const digits = fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 12 }).map((a) => a.join(''));

  it('a card number inside any digit run never shows its middle digits', () => {
    fc.assert(
      fc.property(digits, pan, digits, fc.constantFrom('', ' ', 'x', '"'), (before, card, after, sep) => {
        const masked = maskText(`${sep}${before}${card}${after}${sep}`);
        const at = sep.length + before.length;
        expect(masked.slice(at + 6, at + card.length - 4)).toMatch(/^\*+$/);
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with a direct Luhn check of every window', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 13, maxLength: 60 }), (ds) => {
        const run = ds.join('');
        const starred = new Set<number>();
        for (let s = 0; s < run.length; s++) {
          for (let len = 13; len <= 19 && s + len <= run.length; len++) {
            if (luhnValid(run.slice(s, s + len))) for (let m = s + 6; m < s + len - 4; m++) starred.add(m);
          }
        }
        const expected = [...run].map((c, m) => (starred.has(m) ? '*' : c)).join('');
        expect(maskRun(run)).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  // Issue 22 item 4: JSON numbers are masked on the raw text, whatever their shape.
  it('a card number inside a JSON number of any shape never shows its middle digits, and the answer stays JSON', () => {
    const nonZeroPan = pan.filter((c) => c[0] !== '0');
    const number = fc
      .tuple(fc.constantFrom('', '-'), digits, nonZeroPan, digits, fc.integer({ min: 0, max: 5 }), fc.constantFrom('e', 'E'), fc.constantFrom('', '+', '-'))
      .map(([sign, before, card, after, shape, e, expSign]) => {
        const lead = before === '' ? '' : `1${before}`;
        const head = [
          `${sign}${lead}`, // integer: -4111…, 14111…00 (> 2^53)
          `${sign}0.${before}`, // fraction: 0.4111…
          `${sign}${lead}`, // exponent: 4111…e-16
          `${sign}${lead}`, // fraction and exponent: -4111….5E+3
          `${sign}7.${before}`, // a card in the fraction of an exponent number
          `${sign}1${e}${expSign}`, // a card as the exponent
        ][shape];
        const tail = ['', '', `${e}${expSign}16`, `.5${e}${expSign}3`, `${e}${expSign}2`, ''][shape];
        return { text: `${head}${card}${after}${tail}`, at: head.length, card };
      });
    const place = fc.constantFrom(
      (n: string) => ({ text: `{"n":${n},"amount":2000}`, get: (v: any) => v.n, rest: (v: any) => v.amount === 2000 }),
      (n: string) => ({ text: `[ 12.5 , ${n} , -3e2 ]`, get: (v: any) => v[1], rest: (v: any) => v[0] === 12.5 && v[2] === -300 }),
      (n: string) => ({ text: `\n${n}\n`, get: (v: any) => v, rest: () => true }),
    );
    fc.assert(
      fc.property(number, place, ({ text: num, at, card }, where) => {
        const doc = where(num);
        const out = maskBody(doc.text, true);
        expect(doc.rest(out)).toBe(true); // still parsed JSON, the other values untouched
        const n = doc.get(out);
        expect(typeof n).toBe('string'); // a masked number becomes a string of the same text...
        expect(n).toHaveLength(num.length);
        for (let i = 0; i < num.length; i++) if (n[i] !== '*') expect(n[i]).toBe(num[i]); // ...stars in digit places only
        for (let i = 0; i < num.length; i++) if (n[i] === '*') expect(num[i]).toMatch(/\d/);
        expect(n.slice(at + 6, at + card.length - 4)).toMatch(/^\*+$/);
      }),
      { numRuns: 500 },
    );
  });

  it('JSON: strings, keys and escaped digits are masked, numbers without a card keep their value, broken JSON is masked as text', () => {
    const pan = PAN;
    expect(maskBody(`{"${pan}":"x${pan}y","s":"\\u0034111111111111111","g":"4111 1111 1111 1111","n":1234567890123,"f":-0.5}`, true)).toEqual({
      '411111******1111': 'x411111******1111y', s: '411111******1111', g: '4111 11** **** 1111', n: 1234567890123, f: -0.5,
    });
    // Every digit escaped, an escape next to the digits, JSON inside a JSON string, the CVV escaped.
    const escaped = [...pan].map((d) => `\\u003${d}`).join('');
    expect(maskBody(`["${escaped}","\\u2014${pan}","{\\"n\\":${pan}}","\\u0031\\u00323"]`, true, '123')).toEqual(['411111******1111', `\u2014411111******1111`, '{"n":411111******1111}', '***']);
    expect(maskBody(`{"only":"${escaped}"}`, true)).toEqual({ only: '411111******1111' }); // no digit run in the raw text at all
    expect(maskBody(`{"n": -${pan},`, true)).toBe('{"n": -411111******1111,');
    expect(maskBody(`-${pan}`, false)).toBe('-411111******1111');
    expect(maskBody('', true)).toBe('');
  });

  it('leaves short numbers and non-Luhn runs alone; masks a CVV wherever it appears, a number only when it is the CVV', () => {
    expect(maskText('order 12345, amount 2000')).toBe('order 12345, amount 2000');
    expect(maskText('4111111111111113')).toBe('4111111111111113'); // no Luhn-valid window at all
    expect(maskText('cvc=123&x=a123b', '123')).toBe('cvc=***&x=a***b');
    expect(maskBody('{"cvc":123,"neg":-123,"amount":1234,"price":12.3,"s":"01234"}', true, '123')).toEqual({ cvc: '***', neg: '-***', amount: 1234, price: 12.3, s: '0***4' });
  });
});
