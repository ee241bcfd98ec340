// Finding 3 of issue 13: in header (raw) mode a hybrid call (X-API-Key + the user's Bearer JWT)
// forwarded the user's vault JWT to the PSP, and a PSP's own `Authorization: Basic …` could not be
// sent at all (the vault read it as a JWT → 401). The PSP's credentials now travel as
// X-Proxy-Authorization, and none of the vault's own headers leave it.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LOOSE_LIMITS } from '../auth/helpers.js';
import { startVault, type TestApp, type TestVault, VISA } from '../helpers.js';
import { createUser, type TestUser } from '../users.js';
import { type Psp, startPsp } from './psp.js';

const PSP_BASIC = `Basic ${Buffer.from('sk_live_psp:').toString('base64')}`;
let v: TestVault;
let a: TestApp;
let user: TestUser;
let psp: Psp;
let token: string;

beforeAll(async () => {
  v = await startVault({ rateLimits: LOOSE_LIMITS });
  a = await v.createApp();
  user = await createUser(v, 'member');
  await v.sql.query(`INSERT INTO project_members (project_id, user_id, role) VALUES ($1, $2, 'developer')`, [a.projectId, user.id]);
  psp = await startPsp();
  token = (await v.app.inject({ method: 'POST', url: '/tokenize', headers: a.headers, payload: { type: 'card', data: VISA } })).json().token;
});
afterAll(async () => {
  await psp.close();
  await v.close();
});
beforeEach(() => {
  psp.received.length = 0;
});

const rawCall = (headers: Record<string, string>) =>
  v.app.inject({
    method: 'POST', url: '/proxy/transaction',
    headers: { 'x-api-key': a.apiKey, 'content-type': 'application/x-www-form-urlencoded', 'x-token': token, 'x-proxy-url': `${psp.url}/charge`, ...headers },
    payload: 'pan=${cardNumber}',
  });

describe('header mode forwards none of the vault headers (finding 3)', () => {
  it("a hybrid call's vault JWT, API key and cookie never reach the PSP; X-Proxy-Authorization arrives as Authorization", async () => {
    const res = await rawCall({ authorization: `Bearer ${user.token}`, cookie: `vault_session=${user.token}`, 'x-proxy-authorization': PSP_BASIC });
    expect(res.statusCode).toBe(200);
    const got = psp.received[0];
    expect(got.headers.authorization).toBe(PSP_BASIC);
    const everything = got.rawHeaders.join('\n');
    expect(everything).not.toContain(user.token);
    expect(everything).not.toContain(a.apiKey);
    expect(got.headers['x-proxy-authorization']).toBeUndefined();
    // The hybrid call is still recorded with both ids.
    const { rows } = await v.sql.query(`SELECT user_id, app_id FROM audit_log WHERE action = 'proxy_transaction' AND request_id = $1`, [res.headers['x-request-id']]);
    expect(rows[0]).toEqual({ user_id: user.id, app_id: a.appId });
  });

  it("a PSP's Authorization: Basic next to an API key is not taken for a JWT (no 401) and is not forwarded", async () => {
    const res = await rawCall({ authorization: PSP_BASIC });
    expect(res.statusCode).toBe(200);
    expect(psp.received[0].headers.authorization).toBeUndefined();
    const viaProxyHeader = await rawCall({ 'x-proxy-authorization': PSP_BASIC });
    expect(viaProxyHeader.statusCode).toBe(200);
    expect(psp.received[1].headers.authorization).toBe(PSP_BASIC);
  });

  it('JSON form: http_headers Authorization is the PSP credential, the vault JWT of a hybrid call is not', async () => {
    const res = await v.app.inject({
      method: 'POST', url: '/proxy/transaction',
      headers: { 'x-api-key': a.apiKey, authorization: `Bearer ${user.token}` },
      payload: { token, proxy_url: `${psp.url}/charge`, http_headers: { Authorization: PSP_BASIC }, request_data: { n: '${cardNumber}' } },
    });
    expect(res.statusCode).toBe(200);
    expect(psp.received[0].headers.authorization).toBe(PSP_BASIC);
    expect(psp.received[0].rawHeaders.join('\n')).not.toContain(user.token);
  });
});
