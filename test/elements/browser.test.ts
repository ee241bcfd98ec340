// Elements in real Chromium: a merchant page on http://localhost:<port> hosts the vault's frames
// from http://127.0.0.1:<port>. A user types a card; the page gets a token. Everything the
// merchant's window receives (messages, DOM, console) and every request its origin sends is
// recorded, and none of it may contain the card number or the CVV.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Frame, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOOSE_LIMITS } from '../auth/helpers.js';
import { startVault, type TestApp, type TestVault } from '../helpers.js';
import { type Browser, freePort, launch } from '../web/browser.js';
import { buildElements, type Merchant, startMerchant } from './support.js';

const PAN = '4242424242424242';
const CVV = '737';
const SESSION_LIMIT = 2;
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const PAGE = (vaultUrl: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Checkout</title></head><body>
<main><h1>Checkout</h1>
<form id="pay" onsubmit="return false">
  <div id="card"></div><div id="exp"></div><div id="cvv"></div>
  <button id="submit" type="button">Pay</button>
  <p id="result" role="status"></p>
</form></main>
<script src="${vaultUrl}/elements/v1/elements.global.js"></script>
<script src="/app.js"></script></body></html>`;

// The merchant's own script, as an integrator would write it: `VaultElements.create` (no vaultUrl:
// the script's origin), or with `?oz=1` Ozura's `await OzVault.create({frameBaseUrl, sessionLimit: null})`.
const SCRIPT = `
const q = new URLSearchParams(location.search);
window.__events = [];
window.__refreshes = 0;
(async () => {
const options = { pubKey: q.get('pk'), sessionUrl: '/session', sessionLimit: ${SESSION_LIMIT}, loadTimeoutMs: 3000,
  appearance: { variables: { fontFamily: 'system-ui', colorText: '#222222' } },
  onReady: () => __events.push({ event: 'vaultready' }), onSessionRefresh: () => window.__refreshes++ };
const vault = q.has('oz')
  ? await VaultElements.OzVault.create({ ...options, frameBaseUrl: q.get('vault'), sessionLimit: null })
  : VaultElements.create(options);
const bank = q.has('bank');
const fields = bank ? [['accountNumber', '#card'], ['routingNumber', '#exp']] : [['cardNumber', '#card'], ['expirationDate', '#exp'], ['cvv', '#cvv']];
for (const [type, sel] of fields) {
  const options = { style: { base: { fontSize: '16px' }, invalid: { color: '#b00020' } } };
  const el = bank ? vault.createBankElement(type, options) : vault.createElement(type, options);
  for (const ev of ['ready', 'change', 'focus', 'blur', 'loaderror']) el.on(ev, (e) => __events.push({ event: ev, ...e, error: e.error && e.error.type }));
  el.mount(sel);
}
window.vault = vault;
window.payBank = () => vault.createBankToken({ firstName: 'Jane', lastName: 'Smith' }).catch((e) => ({ error: e.type, code: e.code }));
window.pay = async () => {
  try {
    const r = await vault.createToken({ billing: { name: 'Ada Lovelace' } });
    document.querySelector('#result').textContent = 'Paid with ' + r.card.brand + ' ending ' + r.card.last4 + ' (' + r.token + ')';
    console.log('token', JSON.stringify(r));
    return r;
  } catch (e) {
    document.querySelector('#result').textContent = 'Failed: ' + e.type;
    return { error: e.type, code: e.code };
  }
};
})();`;

let v: TestVault;
let shop: TestApp;
let merchant: Merchant;
let browser: Browser;
let page: Page;
const fromMerchant: { url: string; headers: Record<string, string>; body: string }[] = [];
const consoleLines: string[] = [];

beforeAll(async () => {
  const elementsRoot = await buildElements();
  const port = await freePort();
  v = await startVault({ port, publicUrl: `http://127.0.0.1:${port}`, elementsRoot, rateLimits: LOOSE_LIMITS });
  shop = await v.createApp({ environment: 'development' });
  await v.sql.query("UPDATE projects SET elements_origins = '{http://localhost:*}' WHERE id = $1", [shop.projectId]);
  merchant = await startMerchant({ vaultUrl: v.url, apiKey: shop.apiKey, sessionLimit: SESSION_LIMIT, page: PAGE(v.url), script: SCRIPT });
  browser = await launch();
  page = browser.page;
  // Every message any window of the merchant's origin receives.
  await browser.context.addInitScript((origin: string) => {
    if (location.origin !== origin) return;
    (window as any).__messages = [];
    window.addEventListener('message', (e) => (window as any).__messages.push(JSON.stringify({ origin: e.origin, data: e.data })), true);
  }, merchant.origin);
  browser.context.on('request', (r: Request) => {
    let origin: string;
    try {
      origin = new URL(r.frame().url()).origin;
    } catch {
      origin = '(no frame)';
    }
    if (origin === merchant.origin || origin === '(no frame)') fromMerchant.push({ url: r.url(), headers: r.headers(), body: r.postData() ?? '' });
  });
  page.on('console', (m) => consoleLines.push(m.text()));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await merchant?.close();
  await v?.close();
});

async function openCheckout(query = '') {
  await page.goto(`${merchant.origin}/?pk=${shop.pubKey}${query}`);
  const fields = query.includes('bank') ? 2 : 3;
  await page.waitForFunction((n) => (window as any).__events.filter((e: any) => e.event === 'ready').length === n && (window as any).__events.some((e: any) => e.event === 'vaultready'), fields);
}

const field = (title: string) => page.frameLocator(`iframe[title="${title}"]`).locator('input');
const events = (): Promise<any[]> => page.evaluate(() => (window as any).__events);
const vaultFrames = (): Frame[] => page.frames().filter((f) => f.url().startsWith(`${v.url}/elements/v1/`));

describe('Elements in Chromium, merchant on another origin', () => {
  it('a typed card becomes a token; the card number and CVV reach nothing of the merchant', async () => {
    await openCheckout();
    await field('Secure card number input').pressSequentially(PAN);
    await field('Secure expiration date input').pressSequentially('1230');
    await field('Secure security code input').pressSequentially(CVV);
    expect(await field('Secure card number input').inputValue()).toBe('4242 4242 4242 4242');
    expect(await field('Secure expiration date input').inputValue()).toBe('12 / 30');
    const result = await page.evaluate(() => (window as any).pay());
    expect(result).toMatchObject({ token: expect.stringMatching(/^tok_/), cvcSession: expect.any(String), card: { brand: 'visa', last4: '4242', bin: '424242', expirationMonth: '12', expirationYear: '2030' }, billing: { name: 'Ada Lovelace' } });
    await expect.poll(() => page.textContent('#result')).toContain('ending 4242');

    // The vault holds that card under the token, with the holder's name.
    const detok = await v.app.inject({ method: 'POST', url: '/detokenize', headers: shop.headers, payload: { token: result.token } });
    expect(detok.json().data).toMatchObject({ cardNumber: expect.stringContaining('4242'), holderName: 'Ada Lovelace' });
    expect(detok.json().data.cardNumber.replace(/\D/g, '')).toBe(PAN);

    // What the merchant could ever see: messages, the DOM, console lines, its network requests.
    const messages: string[] = await page.evaluate(() => (window as any).__messages);
    expect(messages.length).toBeGreaterThan(5);
    const dom = await page.evaluate(() => document.documentElement.outerHTML + document.body.innerText + JSON.stringify((window as any).__events));
    const everything = [...messages, dom, ...consoleLines, ...fromMerchant.map((r) => `${r.url} ${JSON.stringify(r.headers)} ${r.body}`),
      ...merchant.received.map((r) => `${r.url} ${JSON.stringify(r.headers)} ${r.body}`)].join('\n');
    expect(everything).toContain(result.token);
    for (const secret of [PAN, '4242 4242 4242 4242']) expect(everything).not.toContain(secret);
    // The CVV as a value of its own (three digits inside a random id or UUID are not a leak).
    expect(everything).not.toMatch(new RegExp(`(^|[^0-9A-Za-z])${CVV}([^0-9A-Za-z]|$)`));
    // And what did carry the card went from the vault's frame to the vault itself.
    expect(fromMerchant.some((r) => r.url.endsWith('/tokenize'))).toBe(false);
  });

  it('bank elements: account and routing number become a token the merchant sees only the last four of; reset and destroy', async () => {
    await openCheckout('&bank=1');
    await page.frameLocator('iframe[title="Secure bank account number input"]').locator('input').pressSequentially('000123456789');
    const routing = page.frameLocator('iframe[title="Secure routing number input"]').locator('input');
    await routing.pressSequentially('110000001');
    await expect.poll(async () => (await events()).filter((e) => e.elementType === 'routingNumber' && e.event === 'change').at(-1)).toMatchObject({ complete: true, valid: false });
    expect(await page.evaluate(() => (window as any).payBank())).toMatchObject({ error: 'validation', code: 'invalid_routing_number' });
    await routing.fill('');
    await routing.pressSequentially('110000000');
    const result = await page.evaluate(() => (window as any).payBank());
    expect(result).toMatchObject({ token: expect.stringMatching(/^tok_/), bank: { last4: '6789', routingNumber: '110000000' } });
    const detok = await v.app.inject({ method: 'POST', url: '/detokenize', headers: shop.headers, payload: { token: result.token } });
    expect(detok.json().data).toMatchObject({ accountNumber: '000123456789', holderName: 'Jane Smith' });
    const messages: string[] = await page.evaluate(() => (window as any).__messages);
    const dom = await page.evaluate(() => document.documentElement.outerHTML);
    expect([...messages, dom, ...consoleLines].join('\n')).not.toContain('000123456789');
    // reset() empties every field; destroy() removes every frame.
    await page.evaluate(() => (window as any).vault.reset());
    await expect.poll(async () => (await events()).filter((e) => e.elementType === 'accountNumber' && e.event === 'change').at(-1)).toMatchObject({ empty: true });
    expect(await routing.inputValue()).toBe('');
    await page.evaluate(() => (window as any).vault.destroy());
    expect(await page.locator('iframe').count()).toBe(0);
  });

  it("the merchant's script cannot read the frames' inputs", async () => {
    await openCheckout();
    const attempts = await page.evaluate(() => [...document.querySelectorAll('iframe')].map((f) => {
      let doc: string;
      try {
        doc = String((f.contentWindow as Window).document.querySelector('input')?.value);
      } catch (e) {
        doc = (e as Error).name;
      }
      return { contentDocument: f.contentDocument === null, doc };
    }));
    expect(attempts).toHaveLength(4);
    for (const a of attempts) expect(a).toEqual({ contentDocument: true, doc: 'SecurityError' });
  });

  it('a merchant script posing as the tokenizer (its own MessageChannel) gets no value', async () => {
    await openCheckout();
    await page.evaluate(() => {
      const frame = document.querySelector<HTMLIFrameElement>('iframe[title="Secure card number input"]')!;
      const instance = new URL(frame.src).searchParams.get('instance');
      const channel = new MessageChannel();
      const stolen: unknown[] = [];
      channel.port1.onmessage = (e) => stolen.push(e.data);
      const tag = 'open-vault-elements/1';
      frame.contentWindow!.postMessage({ tag, kind: 'port', instance }, '*', [channel.port2]);
      frame.contentWindow!.postMessage({ tag, kind: 'tokenizer-hello', instance }, '*');
      Object.assign(window, { stolen, evilPort: channel.port1 });
    });
    await field('Secure card number input').pressSequentially(PAN);
    await page.evaluate(() => (window as any).evilPort.postMessage({ kind: 'collect', id: 1 }));
    await field('Secure expiration date input').pressSequentially('1230');
    await field('Secure security code input').pressSequentially(CVV);
    expect((await page.evaluate(() => (window as any).pay())).card.last4).toBe('4242');
    expect(await page.evaluate(() => (window as any).stolen)).toEqual([]);
    const messages: string[] = await page.evaluate(() => (window as any).__messages);
    expect(messages.join('\n')).not.toContain(PAN);
    expect(messages.join('\n')).not.toMatch(new RegExp(`(^|[^0-9A-Za-z])${CVV}([^0-9A-Za-z]|$)`));
  });

  it('brand detection and validation arrive as change events; axe finds nothing serious in the fields', async () => {
    await openCheckout();
    await field('Secure card number input').pressSequentially('3782');
    await expect.poll(async () => (await events()).filter((e) => e.event === 'change' && e.elementType === 'cardNumber').at(-1)).toMatchObject({ brand: 'amex', complete: false, empty: false });
    await field('Secure card number input').pressSequentially('82246310005');
    expect(await field('Secure card number input').inputValue()).toBe('3782 822463 10005');
    await expect.poll(async () => (await events()).filter((e) => e.elementType === 'cardNumber' && e.event === 'change').at(-1)).toMatchObject({ brand: 'amex', complete: true, valid: true });
    // The CVV frame learns the brand from the card frame (through the tokenizer): Amex takes 4 digits.
    await field('Secure security code input').pressSequentially('12345');
    expect(await field('Secure security code input').inputValue()).toBe('1234');
    await expect.poll(async () => (await events()).filter((e) => e.elementType === 'cvv' && e.event === 'change').at(-1)).toMatchObject({ complete: true, valid: true });
    await field('Secure card number input').fill('');
    await field('Secure card number input').pressSequentially('4242424242424241');
    await expect.poll(async () => (await events()).filter((e) => e.elementType === 'cardNumber' && e.event === 'change').at(-1)).toMatchObject({ brand: 'visa', complete: true, valid: false });
    await field('Secure expiration date input').pressSequentially('0120');
    await field('Secure card number input').focus();
    await expect.poll(async () => (await events()).filter((e) => e.elementType === 'expirationDate' && e.event === 'change').at(-1)).toMatchObject({ complete: true, valid: false });
    expect(await field('Secure expiration date input').getAttribute('aria-invalid')).toBe('true');
    const kinds = new Set((await events()).map((e) => e.event));
    for (const k of ['ready', 'change', 'focus', 'blur']) expect(kinds).toContain(k);
    // autocomplete for the browser's autofill, and a label for every input.
    expect(await field('Secure card number input').getAttribute('autocomplete')).toBe('cc-number');
    expect(await field('Secure expiration date input').getAttribute('autocomplete')).toBe('cc-exp');
    expect(await field('Secure security code input').getAttribute('autocomplete')).toBe('cc-csc');

    for (const f of [page.mainFrame(), ...vaultFrames()]) {
      await f.evaluate(AXE);
      const bad = await f.evaluate(async () => {
        const r = await (window as any).axe.run(document, { resultTypes: ['violations'], iframes: false });
        return r.violations.filter((x: any) => x.impact === 'serious' || x.impact === 'critical').map((x: any) => x.id);
      });
      expect(bad, f.url()).toEqual([]);
      // The frames' strict CSP refuses none of their own scripts or styles.
      expect(await f.evaluate(() => (window as any).__csp), f.url()).toEqual([]);
    }
    const invalid = await field('Secure card number input').evaluate((el) => getComputedStyle(el).color);
    expect(invalid).toBe('rgb(176, 0, 32)');
  });

  it(`after sessionLimit (${SESSION_LIMIT}) tokenizations a new key is fetched once; a revoked key is replaced; the endpoint down → auth error`, async () => {
    await openCheckout();
    merchant.sessionHits = 0;
    await field('Secure card number input').pressSequentially('5555555555554444');
    await field('Secure expiration date input').pressSequentially('1230');
    await field('Secure security code input').pressSequentially('123');
    const tokens: string[] = [];
    for (let i = 0; i < SESSION_LIMIT + 1; i++) tokens.push((await page.evaluate(() => (window as any).pay())).token);
    expect(tokens.every((t) => /^tok_/.test(t))).toBe(true);
    expect(merchant.sessionHits).toBe(2);
    // The merchant's server revokes the live key: the SDK gets 401 session_expired, fetches once, retries.
    await v.app.inject({ method: 'DELETE', url: `/sessions/${merchant.lastSessionKey}`, headers: { 'x-api-key': shop.apiKey } });
    expect((await page.evaluate(() => (window as any).pay())).token).toMatch(/^tok_/);
    expect(merchant.sessionHits).toBe(3);
    // Spend the rest of that key, then take the session endpoint down.
    for (let i = 1; i < SESSION_LIMIT; i++) expect((await page.evaluate(() => (window as any).pay())).token).toMatch(/^tok_/);
    merchant.sessionDown = true;
    expect(await page.evaluate(() => (window as any).pay())).toEqual({ error: 'auth' });
    expect(merchant.sessionHits).toBe(4);
    merchant.sessionDown = false;
  });

  it("Ozura's form: await OzVault.create fetches the first key; sessionLimit null refreshes only on session_expired", async () => {
    merchant.sessionHits = 0;
    await openCheckout(`&oz=1&vault=${encodeURIComponent(v.url)}`);
    expect(merchant.sessionHits).toBe(1);
    expect(await page.evaluate(() => [(window as any).vault.isReady, (window as any).vault.getElement('cardNumber')?.elementType])).toEqual([true, 'cardNumber']);
    await field('Secure card number input').pressSequentially(PAN);
    await field('Secure expiration date input').pressSequentially('1230');
    await field('Secure security code input').pressSequentially(CVV);
    // The server's key allows SESSION_LIMIT uses; the SDK does not count, so the next one is a 401,
    // then one refresh (onSessionRefresh) and a retry that succeeds.
    for (let i = 0; i < SESSION_LIMIT + 1; i++) expect((await page.evaluate(() => (window as any).pay())).token).toMatch(/^tok_/);
    expect(merchant.sessionHits).toBe(2);
    expect(await page.evaluate(() => (window as any).__refreshes)).toBe(1);
    const asked = merchant.received.filter((r) => r.url === '/session').at(-1)!;
    expect(JSON.parse(asked.body)).toEqual({ sessionId: expect.stringMatching(/^v[0-9a-f]{24}$/) });
  });

  it('frames send frame-ancestors from elements_origins; a page on another origin gets loaderror', async () => {
    const res = await fetch(`${v.url}/elements/v1/field.html?pk=${shop.pubKey}`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain('frame-ancestors http://localhost:*');
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-frame-options')).toBeNull();
    expect((await fetch(`${v.url}/elements/v1/field.html?pk=pk_test_nobody`)).status).toBe(404);

    await v.sql.query("UPDATE projects SET elements_origins = '{https://shop.example.com}' WHERE id = $1", [shop.projectId]);
    try {
      await page.goto(`${merchant.origin}/?pk=${shop.pubKey}`);
      await expect.poll(async () => (await events()).filter((e) => e.event === 'loaderror').length, { timeout: 8000 }).toBe(3);
      expect((await events()).filter((e) => e.event === 'ready')).toEqual([]);
      expect(await page.evaluate(() => (window as any).pay())).toEqual({ error: 'load' });
    } finally {
      await v.sql.query("UPDATE projects SET elements_origins = '{http://localhost:*}' WHERE id = $1", [shop.projectId]);
    }
  });

  it('serves the ES module, the script-tag build and the type declarations to any origin', async () => {
    for (const [file, type] of [['elements.js', 'text/javascript'], ['elements.global.js', 'text/javascript'], ['types/index.d.ts', 'text/plain']]) {
      const res = await fetch(`${v.url}/elements/v1/${file}`);
      expect(res.status, file).toBe(200);
      expect(res.headers.get('content-type')).toContain(type);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    }
    expect(await (await fetch(`${v.url}/elements/v1/types/index.d.ts`)).text()).toContain('createToken');
    // The ES module works from a merchant's page too.
    // (A string, so vitest leaves the dynamic import alone.)
    const exported = await page.evaluate(`import(${JSON.stringify(`${v.url}/elements/v1/elements.js`)}).then((m) => Object.keys(m))`);
    expect(exported).toEqual(expect.arrayContaining(['OzVault', 'create', 'default']));
  });
});
