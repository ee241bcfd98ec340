import { describe, expect, it } from 'vitest';
import { startVault, type TestApp, type TestVault, VISA } from '../helpers.js';
import { type Psp, startPsp, proxyWorld } from './psp.js';

let v: TestVault;
let a: TestApp;
let psp: Psp;

const PAN = '4111111111111111';
const PSP_SECRET = 'sk_test_51SecretPspKey';

proxyWorld((w) => ({ v, a, psp } = w));

async function tokenize(app: TestApp, data: object = VISA, type = 'card') {
  const res = await v.app.inject({ method: 'POST', url: '/tokenize', headers: app.headers, payload: { type, data } });
  expect(res.statusCode).toBe(201);
  return res.json<{ token: string; cvc_session_id: string | null }>();
}

/** A production project: its proxy sends card data only to allowed hosts, here the PSP double. */
async function productionApp() {
  const prod = await v.createApp({ environment: 'production' });
  await v.sql.query("UPDATE projects SET proxy_allowed_hosts = ARRAY['127.0.0.1'] WHERE id = $1", [prod.projectId]);
  return prod;
}

const proxy = (app: TestApp, payload: object) =>
  v.app.inject({ method: 'POST', url: '/proxy/transaction', headers: { 'x-api-key': app.apiKey }, payload });

describe('JSON form', () => {
  it('fills placeholders inside any JSON string and forwards headers', async () => {
    const t = await tokenize(a);
    const res = await proxy(a, {
      token: t.token,
      cvc_session_id: t.cvc_session_id,
      proxy_url: `${psp.url}/v1/charges?expand=source`,
      http_method: 'POST',
      http_headers: { Authorization: `Bearer ${PSP_SECRET}`, 'Idempotency-Key': 'k1', Connection: 'close', 'Keep-Alive': 'x', 'Content-Length': '1' },
      request_data: {
        amount: 2000,
        source: { number: '${cardNumber}', exp_month: '${expirationMonth}', exp_year: '${expirationYear}', cvc: '${cvv}' },
        tags: ['holder: ${holderName}', 17, null, true],
        note: 'quote " and \\ stay JSON-safe',
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ success: true, proxy_response: { status_code: 200, body: { id: 'ch_1', status: 'succeeded' } } });
    expect(res.json().proxy_response.headers['set-cookie']).toBeUndefined();
    expect(psp.received).toHaveLength(1);
    const got = psp.received[0];
    expect(got.method).toBe('POST');
    expect(got.url).toBe('/v1/charges?expand=source');
    expect(JSON.parse(got.body)).toEqual({
      amount: 2000,
      source: { number: PAN, exp_month: '12', exp_year: '2030', cvc: '123' },
      tags: ['holder: Ada Lovelace', 17, null, true],
      note: 'quote " and \\ stay JSON-safe',
    });
    expect(got.headers['content-type']).toBe('application/json');
    expect(got.headers['content-length']).toBe(String(Buffer.byteLength(got.body)));
    expect(got.headers.authorization).toBe(`Bearer ${PSP_SECRET}`);
    expect(got.headers['idempotency-key']).toBe('k1');
    expect(got.headers['keep-alive']).toBeUndefined();
    expect(got.headers['x-api-key']).toBeUndefined();
  });

  it('form-encoded request_data: values URL-encoded', async () => {
    const t = await tokenize(a, { ...VISA, holderName: 'Ada & Co=1 +ü' });
    const res = await proxy(a, {
      token: t.token,
      cvc_session_id: t.cvc_session_id,
      proxy_url: `${psp.url}/charge`,
      http_headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      request_data: 'card[number]=${cardNumber}&card[cvc]=${cvc}&name=${holderName}&exp=${expirationMonth}%2F${expirationYear}',
    });
    expect(res.statusCode).toBe(200);
    const got = psp.received[0];
    expect(got.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(got.body).toBe(`card[number]=${PAN}&card[cvc]=123&name=Ada%20%26%20Co%3D1%20%2B%C3%BC&exp=12%2F2030`);
    expect(new URLSearchParams(got.body).get('name')).toBe('Ada & Co=1 +ü');
  });

  it('literal placeholders: 4- and 2-digit years, month, card number, CVV', async () => {
    const t = await tokenize(a, { ...VISA, expirationMonth: '3', expirationYear: '31' });
    const res = await proxy(a, {
      token: t.token,
      cvc_session_id: t.cvc_session_id,
      proxy_url: `${psp.url}/x`,
      request_data: {
        n: 'cardNumberPlaceholder', c: 'cvvPlaceholder', m: 'expirationMonthPlaceholder',
        y4: 'expirationYearPlaceholder', y2: 'expirationYearPlaceholder2', y: '${expirationYear}', mixed: 'exp expirationMonthPlaceholder/expirationYearPlaceholder2',
      },
    });
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(psp.received[0].body)).toEqual({ n: PAN, c: '123', m: '03', y4: '2031', y2: '31', y: '31', mixed: 'exp 03/31' });
  });

  it('bank and string tokens fill their own placeholders', async () => {
    const bank = await tokenize(a, { accountNumber: '000123456789', routingNumber: '110000000' }, 'bank');
    const r1 = await proxy(a, { token: bank.token, proxy_url: `${psp.url}/ach`, request_data: { acct: '${accountNumber}', rt: '${routingNumber}' } });
    expect(r1.statusCode).toBe(200);
    expect(JSON.parse(psp.received[0].body)).toEqual({ acct: '000123456789', rt: '110000000' });
    const str = await v.app.inject({ method: 'POST', url: '/tokenize', headers: a.headers, payload: { type: 'string', data: 'he said "${cvv}"' } });
    const r2 = await proxy(a, { token: str.json().token, proxy_url: `${psp.url}/s`, request_data: { v: '${value}' } });
    expect(r2.statusCode).toBe(200);
    // A substituted value is never scanned again.
    expect(JSON.parse(psp.received[1].body)).toEqual({ v: 'he said "${cvv}"' });
  });

  it('a placeholder the token cannot fill → 400 invalid_placeholder, nothing sent', async () => {
    const bank = await tokenize(a, { accountNumber: '000123456789', routingNumber: '110000000' }, 'bank');
    const { cvv: _c, holderName: _h, ...plain } = VISA;
    const card = await tokenize(a, plain);
    const cases: [string, unknown][] = [
      [bank.token, { n: '${cardNumber}' }],
      [card.token, { n: '${holderName}' }],
      [card.token, { n: '${accountNumber}' }],
      [card.token, { n: '${unknownThing}' }],
      [card.token, 'x=${value}'],
    ];
    for (const [token, request_data] of cases) {
      const contentType = typeof request_data === 'string' ? 'application/x-www-form-urlencoded' : 'text/plain';
      const res = await proxy(a, { token, proxy_url: `${psp.url}/x`, request_data, http_headers: { 'content-type': contentType } });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('invalid_placeholder');
    }
    expect(psp.received).toHaveLength(0);
  });

  it('GET without a body; 3xx returned as is, not followed', async () => {
    psp.handler = (_r, res) => {
      res.writeHead(302, { location: `${psp.url}/elsewhere` });
      res.end('moved');
    };
    const t = await tokenize(a);
    const res = await proxy(a, { token: t.token, proxy_url: `${psp.url}/go`, http_method: 'get' });
    expect(res.statusCode).toBe(200);
    expect(res.json().proxy_response).toMatchObject({ status_code: 302, body: 'moved', headers: { location: `${psp.url}/elsewhere` } });
    expect(psp.received).toHaveLength(1);
    expect(psp.received[0].method).toBe('GET');
  });

  it('upstream errors are answers: a 500 comes back as proxy_response', async () => {
    psp.handler = (_r, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('boom');
    };
    const t = await tokenize(a);
    const res = await proxy(a, { token: t.token, proxy_url: `${psp.url}/x`, request_data: { a: 1 } });
    expect(res.json().proxy_response).toMatchObject({ status_code: 500, body: 'boom' });
  });

  it('refuses bad requests before anything is sent', async () => {
    const t = await tokenize(a);
    const bad: [object, number, string][] = [
      [{ token: t.token, proxy_url: 'ftp://127.0.0.1/x' }, 400, 'invalid_proxy_url'],
      [{ token: t.token, proxy_url: 'not a url' }, 400, 'invalid_proxy_url'],
      [{ token: t.token, proxy_url: `http://user:pw@127.0.0.1:${psp.port}/` }, 400, 'invalid_proxy_url'],
      [{ token: t.token, proxy_url: `${psp.url}/x`, http_method: 'TRACE' }, 400, 'validation_error'],
      [{ token: t.token, proxy_url: `${psp.url}/x`, http_method: 'GET', request_data: { a: 1 } }, 400, 'validation_error'],
      [{ token: t.token, proxy_url: `${psp.url}/x`, http_headers: { 'X-Bad': 'a\r\nInjected: 1' } }, 400, 'validation_error'],
      [{ token: t.token, proxy_url: `${psp.url}/x`, surprise: 1 }, 400, 'validation_error'],
      [{ proxy_url: `${psp.url}/x` }, 400, 'validation_error'],
      [{ token: 'tok_doesnotexist', proxy_url: `${psp.url}/x` }, 404, 'token_not_found'],
    ];
    for (const [payload, status, code] of bad) {
      const res = await proxy(a, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(status);
      expect(res.json().error.code).toBe(code);
    }
    expect(psp.received).toHaveLength(0);
  });
});

describe('raw form (header mode)', () => {
  const raw = (app: TestApp, headers: Record<string, string>, payload: string) =>
    v.app.inject({ method: 'POST', url: '/proxy/transaction', headers: { 'x-api-key': app.apiKey, ...headers }, payload });

  it('XML body: values XML-escaped, X-HTTP-Method honoured, vault headers not forwarded', async () => {
    const t = await tokenize(a, { ...VISA, holderName: `O'Brien <&> "Co"` });
    const res = await raw(
      a,
      {
        'content-type': 'application/xml; charset=utf-8', 'x-token': t.token, 'x-proxy-url': `${psp.url}/xml`,
        'x-cvc-session-id': t.cvc_session_id!, 'x-http-method': 'PUT', 'x-psp-auth': PSP_SECRET,
      },
      '<pay><pan>${cardNumber}</pan><cvv>${cvv}</cvv><name>${holderName}</name><y>expirationYearPlaceholder2</y></pay>',
    );
    expect(res.statusCode).toBe(200);
    const got = psp.received[0];
    expect(got.method).toBe('PUT');
    expect(got.body).toBe(`<pay><pan>${PAN}</pan><cvv>123</cvv><name>O&apos;Brien &lt;&amp;&gt; &quot;Co&quot;</name><y>30</y></pay>`);
    expect(got.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(got.headers['content-length']).toBe(String(Buffer.byteLength(got.body)));
    expect(got.headers['x-psp-auth']).toBe(PSP_SECRET);
    for (const h of ['x-api-key', 'x-token', 'x-proxy-url', 'x-cvc-session-id', 'x-http-method']) expect(got.headers[h]).toBeUndefined();
  });

  it('text/xml and form-encoded bodies', async () => {
    const t = await tokenize(a);
    const r1 = await raw(a, { 'content-type': 'text/xml', 'x-token': t.token, 'x-proxy-url': `${psp.url}/t` }, '<n>${cardNumber}</n>');
    expect(r1.statusCode).toBe(200);
    expect(psp.received[0].body).toBe(`<n>${PAN}</n>`);
    const r2 = await raw(a, { 'content-type': 'application/x-www-form-urlencoded', 'x-token': t.token, 'x-proxy-url': `${psp.url}/f` }, 'pan=${cardNumber}&name=${holderName}');
    expect(r2.statusCode).toBe(200);
    expect(psp.received[1].body).toBe(`pan=${PAN}&name=Ada%20Lovelace`);
  });

  it('missing X-Token or X-Proxy-URL → 400; text/plain still refused (415)', async () => {
    const r1 = await raw(a, { 'content-type': 'application/xml', 'x-proxy-url': `${psp.url}/x` }, '<a/>');
    expect(r1.statusCode).toBe(400);
    expect(r1.json().error.details[0].path).toBe('/headers/x-token');
    const r2 = await raw(a, { 'content-type': 'text/plain', 'x-token': 'tok_x', 'x-proxy-url': `${psp.url}/x` }, 'a');
    expect(r2.statusCode).toBe(415);
    const r3 = await v.app.inject({ method: 'POST', url: '/tokenize', headers: { ...a.headers, 'content-type': 'application/xml' }, payload: '<a/>' });
    expect(r3.statusCode).toBe(415);
    expect(psp.received).toHaveLength(0);
  });

  it('raw bodies over 1 MiB → 413', async () => {
    const res = await raw(a, { 'content-type': 'application/xml', 'x-token': 'tok_x', 'x-proxy-url': `${psp.url}/x` }, 'x'.repeat(1024 * 1024 + 1));
    expect(res.statusCode).toBe(413);
  });
});

describe('CVC sessions', () => {
  it('production: a session is used once, then gone — whatever the upstream answered', async () => {
    const prod = await productionApp();
    psp.handler = (_r, res) => {
      res.writeHead(402, { 'content-type': 'application/json' });
      res.end('{"error":"card_declined"}');
    };
    const t = await tokenize(prod);
    const body = { token: t.token, cvc_session_id: t.cvc_session_id, proxy_url: `${psp.url}/c`, request_data: { cvc: '${cvv}' } };
    const first = await proxy(prod, body);
    expect(first.statusCode).toBe(200);
    expect(first.json().proxy_response.status_code).toBe(402);
    expect(JSON.parse(psp.received[0].body)).toEqual({ cvc: '123' });
    const left = await v.sql.query('SELECT count(*)::int AS n FROM cvc_sessions WHERE id = $1', [t.cvc_session_id]);
    expect(left.rows[0].n).toBe(0);
    const second = await proxy(prod, body);
    expect(second.statusCode).toBe(404);
    expect(second.json().error.code).toBe('cvc_session_not_found');
    expect(psp.received).toHaveLength(1);
  });

  it('production: a refusal before forwarding (bad placeholder) does not spend the session', async () => {
    const prod = await productionApp();
    const t = await tokenize(prod);
    const bad = await proxy(prod, { token: t.token, cvc_session_id: t.cvc_session_id, proxy_url: `${psp.url}/c`, request_data: { a: '${accountNumber}' } });
    expect(bad.statusCode).toBe(400);
    const ok = await proxy(prod, { token: t.token, cvc_session_id: t.cvc_session_id, proxy_url: `${psp.url}/c`, request_data: { c: '${cvc}' } });
    expect(ok.statusCode).toBe(200);
    expect(JSON.parse(psp.received[0].body)).toEqual({ c: '123' });
  });

  it('production: concurrent calls with one session — exactly one gets the CVV', async () => {
    const prod = await productionApp();
    const t = await tokenize(prod);
    const body = { token: t.token, cvc_session_id: t.cvc_session_id, proxy_url: `${psp.url}/c`, request_data: { c: '${cvv}' } };
    const results = await Promise.all(Array.from({ length: 5 }, () => proxy(prod, body)));
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 404)).toHaveLength(4);
    expect(psp.received).toHaveLength(1);
  });

  it('test tokens: the year-long CVC session survives proxy use', async () => {
    const res = await v.app.inject({
      method: 'POST', url: '/test-tokens', headers: a.headers,
      payload: { cardNumber: '4242424242424242', expirationMonth: '12', expirationYear: '2031', cvc: '987' },
    });
    expect(res.statusCode).toBe(201);
    const { token, cvc_session_id } = res.json();
    for (let i = 0; i < 3; i++) {
      const r = await proxy(a, { token, cvc_session_id, proxy_url: `${psp.url}/t`, request_data: { c: '${cvv}' } });
      expect(r.statusCode).toBe(200);
    }
    expect(psp.received.map((r) => JSON.parse(r.body).c)).toEqual(['987', '987', '987']);
  });

  it('${cvv} with no, an unknown, an expired or another token\'s session → 404', async () => {
    const t1 = await tokenize(a);
    const t2 = await tokenize(a);
    await v.sql.query("UPDATE cvc_sessions SET expires_at = now() - interval '1 second' WHERE id = $1", [t2.cvc_session_id]);
    const t3 = await tokenize(a);
    const cases = [
      { token: t1.token },
      { token: t1.token, cvc_session_id: '00000000-0000-4000-8000-000000000000' },
      { token: t1.token, cvc_session_id: 'not-a-uuid' },
      { token: t2.token, cvc_session_id: t2.cvc_session_id },
      { token: t1.token, cvc_session_id: t3.cvc_session_id },
    ];
    for (const c of cases) {
      const r = await proxy(a, { ...c, proxy_url: `${psp.url}/x`, request_data: { c: '${cvv}' } });
      expect(r.statusCode).toBe(404);
      expect(r.json().error.code).toBe('cvc_session_not_found');
    }
    expect(psp.received).toHaveLength(0);
  });

  it('DELETE /proxy/delete-cvc-session/:id, scoped to the key\'s project', async () => {
    const other = await v.createApp();
    const t = await tokenize(a);
    const foreign = await v.app.inject({ method: 'DELETE', url: `/proxy/delete-cvc-session/${t.cvc_session_id}`, headers: { 'x-api-key': other.apiKey } });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe('cvc_session_not_found');
    const del = await v.app.inject({ method: 'DELETE', url: `/proxy/delete-cvc-session/${t.cvc_session_id}`, headers: { 'x-api-key': a.apiKey } });
    expect(del.statusCode).toBe(200);
    expect(del.json()).toEqual({ success: true, message: 'CVC session deleted!' });
    const again = await v.app.inject({ method: 'DELETE', url: `/proxy/delete-cvc-session/${t.cvc_session_id}`, headers: { 'x-api-key': a.apiKey } });
    expect(again.statusCode).toBe(404);
    const junk = await v.app.inject({ method: 'DELETE', url: '/proxy/delete-cvc-session/zzz', headers: { 'x-api-key': a.apiKey } });
    expect(junk.statusCode).toBe(404);
  });
});

describe('tenancy and permission', () => {
  it("another project's token → 404 token_not_found, nothing sent", async () => {
    const other = await v.createApp();
    const t = await tokenize(other);
    const res = await proxy(a, { token: t.token, cvc_session_id: t.cvc_session_id, proxy_url: `${psp.url}/x`, request_data: { n: '${cardNumber}' } });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('token_not_found');
    expect(psp.received).toHaveLength(0);
  });

  it('expired token → 404 token_not_found', async () => {
    const t = await tokenize(a);
    await v.sql.query("UPDATE tokens SET expires_at = now() - interval '1 second' WHERE token = $1", [t.token]);
    const res = await proxy(a, { token: t.token, proxy_url: `${psp.url}/x` });
    expect(res.json().error.code).toBe('token_not_found');
  });

  it('needs the tokenization permission and an API key', async () => {
    const noTok = await v.createApp({ permissions: { detokenization: { allowed: true } } });
    const r1 = await proxy(noTok, { token: 'tok_x', proxy_url: `${psp.url}/x` });
    expect(r1.statusCode).toBe(403);
    expect(r1.json().error.code).toBe('permission_denied');
    const r2 = await v.app.inject({ method: 'POST', url: '/proxy/transaction', payload: { token: 'tok_x', proxy_url: `${psp.url}/x` } });
    expect(r2.statusCode).toBe(401);
  });

  it("the project's proxy_allowed_hosts: other hosts → 403", async () => {
    const limited = await v.createApp();
    const open = await v.createApp();
    // Set before the key is first used, so its (cached) principal carries the list.
    await v.sql.query("UPDATE projects SET proxy_allowed_hosts = ARRAY['api.psp.example', '*.stripe.example'] WHERE id = $1", [limited.projectId]);
    await v.sql.query("UPDATE projects SET proxy_allowed_hosts = ARRAY['127.0.0.1'] WHERE id = $1", [open.projectId]);
    const t1 = await tokenize(limited);
    const r1 = await proxy(limited, { token: t1.token, proxy_url: `${psp.url}/x`, request_data: { n: '${cardNumber}' } });
    expect(r1.statusCode).toBe(403);
    expect(r1.json().error.code).toBe('destination_forbidden');
    const t2 = await tokenize(open);
    const r2 = await proxy(open, { token: t2.token, proxy_url: `${psp.url}/x`, request_data: { n: '${cardNumber}' } });
    expect(r2.statusCode).toBe(200);
    expect(psp.received).toHaveLength(1);
  });
});

describe('answers', () => {
  it('every Luhn-valid 13–19-digit run in the upstream body is masked', async () => {
    psp.handler = (r, res) => {
      const echoed = r.body;
      const parsed = JSON.parse(echoed);
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'x-echo': parsed.n });
      res.end(JSON.stringify({ echo: parsed, asNumber: Number(parsed.n), text: `card ${parsed.n} / 4111 1111 1111 1111 / amex 378282246310005 / order 1234567890123 / 4111111111111112` }));
    };
    const t = await tokenize(a);
    const res = await proxy(a, { token: t.token, proxy_url: `${psp.url}/echo`, request_data: { n: '${cardNumber}' } });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain(PAN);
    expect(res.body).not.toContain('4111 1111 1111 1111');
    expect(res.body).not.toContain('378282246310005');
    const pr = res.json().proxy_response;
    expect(pr.body.echo.n).toBe('411111******1111');
    expect(pr.body.asNumber).toBe('411111******1111');
    // 4111111111111112 fails Luhn, but its last 13 digits pass: a window is masked.
    expect(pr.body.text).toBe('card 411111******1111 / 4111 11** **** 1111 / amex 378282*****0005 / order 1234567890123 / 411111111***1112');
    expect(pr.headers['x-echo']).toBe('411111******1111');

    psp.handler = (r, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`pan=${JSON.parse(r.body).n}`);
    };
    const r2 = await proxy(a, { token: t.token, proxy_url: `${psp.url}/echo`, request_data: { n: '${cardNumber}' } });
    expect(r2.json().proxy_response.body).toBe('pan=411111******1111');
  });

  it('gzip answers are decoded (and masked)', async () => {
    const { gzipSync } = await import('node:zlib');
    psp.handler = (_r, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.end(gzipSync(JSON.stringify({ pan: PAN })));
    };
    const t = await tokenize(a);
    const res = await proxy(a, { token: t.token, proxy_url: `${psp.url}/z` });
    expect(res.json().proxy_response.body).toEqual({ pan: '411111******1111' });
    expect(res.json().proxy_response.headers['content-encoding']).toBeUndefined();
  });

  it('answers over 5 MiB → 502 upstream_error', async () => {
    psp.handler = (_r, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = Buffer.alloc(1024 * 1024, 'a');
      for (let i = 0; i < 6; i++) res.write(chunk);
      res.end();
    };
    const t = await tokenize(a);
    const res = await proxy(a, { token: t.token, proxy_url: `${psp.url}/big` });
    expect(res.statusCode).toBe(502);
    expect(res.json().error.code).toBe('upstream_error');
  });

  it('upstream down → 502 upstream_error', async () => {
    const gone = await startPsp();
    const url = gone.url;
    await gone.close();
    const t = await tokenize(a);
    const res = await proxy(a, { token: t.token, proxy_url: `${url}/x`, request_data: { n: '${cardNumber}' } });
    expect(res.statusCode).toBe(502);
    expect(res.json()).toMatchObject({ success: false, data: null, error: { code: 'upstream_error' } });
  });
});

describe('timeouts', () => {
  it('an upstream slower than the timeout → 504 upstream_timeout', async () => {
    const fast = await startVault({ proxyTimeoutMs: 300, proxyConnectTimeoutMs: 300 });
    try {
      const app = await fast.createApp();
      const slow = await startPsp((_r, res) => {
        setTimeout(() => {
          res.writeHead(200);
          res.end('late');
        }, 2000).unref();
      });
      const t = (await fast.app.inject({ method: 'POST', url: '/tokenize', headers: app.headers, payload: { type: 'card', data: VISA } })).json();
      const started = Date.now();
      const res = await fast.app.inject({
        method: 'POST', url: '/proxy/transaction', headers: { 'x-api-key': app.apiKey },
        payload: { token: t.token, proxy_url: `${slow.url}/slow`, request_data: { a: 1 } },
      });
      const took = Date.now() - started;
      expect(res.statusCode).toBe(504);
      expect(res.json().error.code).toBe('upstream_timeout');
      expect(took).toBeGreaterThanOrEqual(250);
      expect(took).toBeLessThan(1500);
      expect(slow.received).toHaveLength(1);
      await slow.close();
    } finally {
      await fast.close();
    }
  });
});

describe('nothing secret is logged or audited', () => {
  it('logs and audit entries carry no card data, CVV or header values', async () => {
    const t = await tokenize(a, { ...VISA, cvv: '739' });
    psp.handler = (r, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(r.body);
    };
    const res = await proxy(a, {
      token: t.token, cvc_session_id: t.cvc_session_id, proxy_url: `${psp.url}/audit/path?secret_q=${PSP_SECRET}`,
      http_headers: { Authorization: `Bearer ${PSP_SECRET}` }, request_data: { n: '${cardNumber}', c: '${cvv}' },
    });
    expect(res.statusCode).toBe(200);
    // Failures are logged and audited too.
    await proxy(a, { token: t.token, proxy_url: 'http://127.0.0.1:1/x', http_headers: { Authorization: `Bearer ${PSP_SECRET}` }, request_data: { n: '${cardNumber}' } });

    const { rows } = await v.sql.query("SELECT * FROM audit_log WHERE event_type = 'proxy' AND resource_id = $1 ORDER BY ingest", [t.token]);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ action: 'proxy_transaction', outcome: 'success', resource_type: 'token', app_id: a.appId, project_id: a.projectId });
    expect(rows[0].details).toMatchObject({ host: '127.0.0.1', path: '/audit/path', method: 'POST', upstream_status: 200, outcome: 'success' });
    expect(typeof rows[0].details.duration_ms).toBe('number');
    expect(rows[1]).toMatchObject({ outcome: 'failure', details: { error: 'upstream_error', upstream_status: null } });

    const all = await v.sql.query("SELECT * FROM audit_log WHERE event_type = 'proxy'");
    // Counters (ingest, seq, txid, duration) are numbers the CVV's digits may equal by chance.
    const auditText = JSON.stringify(all.rows.map(({ ingest: _i, seq: _s, txid: _t, ...r }) => ({ ...r, details: { ...r.details, duration_ms: null } })));
    const logText = v.logs.text;
    // (the CVV is searched quoted: bare 3-digit runs occur in timestamps)
    for (const secret of [PAN, '"739"', ':739', '"123"', PSP_SECRET, 'Bearer']) {
      expect(auditText).not.toContain(secret);
      expect(logText).not.toContain(secret);
    }
  });
});
