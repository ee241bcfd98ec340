// examples/checkout in Chromium: the React checkout page (shop on http://localhost:<port>) takes a
// card in the vault's frames, its server charges the token through /proxy/transaction, and the
// PSP double receives the real card while the shop never does.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type PspDouble, type Shop, startPspDouble, startShop } from '../../examples/checkout/shop.js';
import { buildElements } from '../elements/support.js';
import { LOOSE_LIMITS } from '../auth/helpers.js';
import { startVault, type TestVault } from '../helpers.js';
import { type Browser, checkScreen, launch } from '../web/browser.js';

let v: TestVault;
let psp: PspDouble;
let shop: Shop;
let browser: Browser;

beforeAll(async () => {
  v = await startVault({ elementsRoot: await buildElements(), rateLimits: LOOSE_LIMITS });
  const app = await v.createApp({ environment: 'development' });
  await v.sql.query("UPDATE projects SET elements_origins = '{http://localhost:*}' WHERE id = $1", [app.projectId]);
  psp = await startPspDouble(0);
  shop = await startShop({ vaultUrl: v.url, apiKey: app.apiKey, pubKey: app.pubKey, pspUrl: psp.url, port: 0 });
  browser = await launch();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await shop?.close();
  await psp?.close();
  await v?.close();
});

it('pays with a card typed into the vault frames; the shop sees only the token', async () => {
  const { page } = browser;
  const requests: string[] = [];
  page.on('request', (r) => {
    if (r.frame() === page.mainFrame()) requests.push(`${r.url()} ${r.postData() ?? ''}`);
  });
  await page.goto(shop.url);
  const field = (title: string) => page.frameLocator(`iframe[title="${title}"]`).locator('input');
  await field('Secure card number input').pressSequentially('4242424242424242');
  await field('Secure expiration date input').pressSequentially('1230');
  await field('Secure security code input').pressSequentially('737');
  const pay = page.getByRole('button', { name: 'Pay $20.00' });
  await expect.poll(() => pay.isEnabled()).toBe(true);
  await checkScreen(page, 'checkout', { screenshot: process.env.UPDATE_SCREENSHOTS === '1' });
  await pay.click();
  await expect.poll(() => page.getByRole('status').textContent(), { timeout: 10_000 }).toMatch(/^Paid \$20\.00 with visa ending 4242 \(charge ch_/);
  expect(psp.charges).toHaveLength(1);
  expect(psp.charges[0].body.source).toEqual({ number: '4242424242424242', exp_month: '12', exp_year: '2030', cvc: '737' });
  expect(psp.charges[0].authorization).toBe('Bearer sk_test_example');
  const seenByShop = [...shop.received, ...requests].join('\n');
  expect(seenByShop).toContain('tok_');
  for (const secret of ['4242424242424242', '4242 4242 4242 4242']) expect(seenByShop).not.toContain(secret);
  // The CVV as a value of its own (three digits inside a random id or UUID are not a leak).
  expect(seenByShop).not.toMatch(/(^|[^0-9A-Za-z])737([^0-9A-Za-z]|$)/);
});
