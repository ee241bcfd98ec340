// Issue 27.1: the example checkout charged twice on a second click. Its server now sends the
// CVC session as the proxy call's Idempotency-Key: the second /api/pay replays the first charge.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type PspDouble, type Shop, startPspDouble, startShop } from '../../examples/checkout/shop.js';
import { startVault, type TestApp, type TestVault, VISA } from '../helpers.js';

let v: TestVault;
let app: TestApp;
let psp: PspDouble;
let shop: Shop;

beforeAll(async () => {
  v = await startVault();
  app = await v.createApp({ environment: 'development' });
  psp = await startPspDouble(0);
  shop = await startShop({ vaultUrl: v.url, apiKey: app.apiKey, pubKey: app.pubKey, pspUrl: psp.url, port: 0 });
}, 60_000);
afterAll(async () => {
  await shop?.close();
  await psp?.close();
  await v?.close();
});

it('two clicks on Pay (two /api/pay with the same token and CVC session): one charge, the same answer', async () => {
  const t = (await v.app.inject({ method: 'POST', url: '/tokenize', headers: app.headers, payload: { type: 'card', data: VISA } })).json();
  const pay = () =>
    fetch(`${shop.url}/api/pay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: t.token, cvcSession: t.cvc_session_id, amount: 2000 }) });
  const [a, b] = await Promise.all([pay(), pay()]);
  const [ja, jb] = [await a.json(), await b.json()];
  expect([a.status, b.status]).toEqual([200, 200]);
  expect(jb).toEqual(ja);
  expect(psp.charges).toHaveLength(1);
  const again = await pay();
  expect(await again.json()).toEqual(ja);
  expect(psp.charges).toHaveLength(1);
});
