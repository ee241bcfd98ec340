// Elements against a hostile script on the merchant's page (issue 22, item 1), in real Chromium.
// The script has the page: it reads the frames' URLs, adds vault frames of its own (its own
// project, whose elements_origins it set to the merchant's origin) with any parameters, and posts
// anything to any frame. The card the user types into the merchant's fields must still reach only
// the merchant's project.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOOSE_LIMITS } from '../auth/helpers.js';
import { startVault, type TestApp, type TestVault } from '../helpers.js';
import { type Browser, freePort, launch } from '../web/browser.js';
import { buildElements, type Merchant, startMerchant } from './support.js';

const PAN = '4242424242424242';
const CVV = '737';

const PAGE = (vaultUrl: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Checkout</title></head><body>
<div id="card"></div><div id="exp"></div><div id="cvv"></div>
<script src="${vaultUrl}/elements/v1/elements.global.js"></script>
<script src="/app.js"></script></body></html>`;

const SCRIPT = `
const q = new URLSearchParams(location.search);
window.mountVault = () => {
  window.__ready = 0;
  const vault = VaultElements.create({ pubKey: q.get('pk'), sessionUrl: '/session', loadTimeoutMs: 5000 });
  for (const [type, sel] of [['cardNumber', '#card'], ['expirationDate', '#exp'], ['cvv', '#cvv']]) {
    vault.createElement(type).on('ready', () => window.__ready++).mount(sel);
  }
  window.vault = vault;
};
mountVault();
window.pay = () => window.vault.createToken().catch((e) => ({ error: e.type, code: e.code }));`;

/**
 * The attacker's script: adds a vault frame with its own parameters (pk, instance, frame), waits
 * for its `ready`, and keeps every message it sends to the page in window.__evil[name].
 */
async function addFrame(page: Page, vaultUrl: string, name: string, kind: 'tokenizer' | 'field', params: Record<string, string>) {
  await page.evaluate(({ vaultUrl, name, kind, params }) => {
    const w = window as any;
    w.__evil ??= {};
    w.__evil[name] = [];
    const iframe = document.createElement('iframe');
    iframe.name = name;
    iframe.src = `${vaultUrl}/elements/v1/${kind}.html?${new URLSearchParams({ frame: name, origin: location.origin, ...params })}`;
    window.addEventListener('message', (e) => {
      if (e.source === iframe.contentWindow) w.__evil[name].push(e.data);
    });
    document.body.appendChild(iframe);
  }, { vaultUrl, name, kind, params });
  await page.waitForFunction((n) => (window as any).__evil[n].some((m: any) => m.kind === 'ready'), name);
}

/** The attacker posts `tokenize` to its frame with a session key of its choosing; the frame's answer. */
function tokenizeVia(page: Page, name: string, sessionKey: string): Promise<any> {
  return page.evaluate(({ name, sessionKey }) => new Promise((resolve) => {
    const frame = document.querySelector<HTMLIFrameElement>(`iframe[name="${name}"]`)!;
    const onMessage = (e: MessageEvent) => {
      if (e.source !== frame.contentWindow || e.data?.kind !== 'result') return;
      window.removeEventListener('message', onMessage);
      resolve(e.data);
    };
    window.addEventListener('message', onMessage);
    frame.contentWindow!.postMessage({ tag: 'open-vault-elements/1', kind: 'tokenize', rid: 1, sessionKey, what: 'card' }, '*');
    setTimeout(() => resolve({ timeout: true }), 8000);
  }), { name, sessionKey });
}

let v: TestVault;
let shop: TestApp;
let evil: TestApp;
let merchant: Merchant;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  const elementsRoot = await buildElements();
  const port = await freePort();
  v = await startVault({ port, publicUrl: `http://127.0.0.1:${port}`, elementsRoot, rateLimits: LOOSE_LIMITS });
  shop = await v.createApp({ environment: 'development' });
  evil = await v.createApp({ environment: 'development' });
  // The attacker's own project lets the merchant's origin embed its frames.
  await v.sql.query("UPDATE projects SET elements_origins = '{http://localhost:*}' WHERE id = ANY($1)", [[shop.projectId, evil.projectId]]);
  merchant = await startMerchant({ vaultUrl: v.url, apiKey: shop.apiKey, sessionLimit: 10, page: PAGE(v.url), script: SCRIPT });
  browser = await launch();
  page = browser.page;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await merchant?.close();
  await v?.close();
});

async function sessionKey(app: TestApp): Promise<string> {
  const res = await v.app.inject({ method: 'POST', url: '/sessions', headers: { 'x-api-key': app.apiKey }, payload: { session_limit: 5 } });
  return res.json().data.session_key;
}

async function openCheckout(): Promise<string> {
  await page.goto(`${merchant.origin}/?pk=${shop.pubKey}`);
  await page.waitForFunction(() => (window as any).__ready === 3 && (window as any).vault.isReady);
  // The page knows its vault's instance: it is in every frame's URL.
  return page.evaluate(() => new URL(document.querySelector('iframe')!.src).searchParams.get('instance')!);
}

const field = (title: string) => page.frameLocator(`iframe[title="${title}"]`).locator('input');
async function typeCard() {
  await field('Secure card number input').pressSequentially(PAN);
  await field('Secure expiration date input').pressSequentially('1230');
  await field('Secure security code input').pressSequentially(CVV);
}

/** The token's card number in its project, or the error code when that project does not hold it. */
async function detokenize(app: TestApp, token: string): Promise<string> {
  const res = await v.app.inject({ method: 'POST', url: '/detokenize', headers: app.headers, payload: { token } });
  return res.statusCode === 200 ? String(res.json().data.cardNumber).replace(/\D/g, '') : res.json().error?.code;
}

describe('Elements: a hostile script on the merchant page', () => {
  it("another project's tokenizer with the merchant's instance cannot tokenize the typed card", async () => {
    const instance = await openCheckout();
    // Added after the merchant's frames, so it is the last tokenizer to say hello.
    await addFrame(page, v.url, 'evil-tokenizer', 'tokenizer', { pk: evil.pubKey, instance });
    await typeCard();
    const stolen = await tokenizeVia(page, 'evil-tokenizer', await sessionKey(evil));
    if (stolen.ok) expect(await detokenize(evil, stolen.result.token), 'card stolen into the attacker project').not.toBe(PAN);
    expect(stolen).toMatchObject({ ok: false, error: { type: 'validation' } });
    expect((await v.sql.query('SELECT count(*)::int AS n FROM tokens WHERE project_id = $1', [evil.projectId])).rows[0].n).toBe(0);
    // The merchant's own checkout still tokenizes the card, into the merchant's project.
    const paid = await page.evaluate(() => (window as any).pay());
    expect(paid.card?.last4).toBe('4242');
    expect(await detokenize(shop, paid.token)).toBe(PAN);
  });

  it("another project's tokenizer added before the fields load, or in place of the merchant's tokenizer, gets nothing", async () => {
    await openCheckout();
    // The page hooks appendChild, so its tokenizer joins right after the SDK's and before any field
    // (a string: the attacker's plain script, patching the DOM as such scripts do).
    await page.evaluate(`(() => {
      const append = Node.prototype.appendChild;
      Node.prototype.appendChild = function (child) {
        const added = append.call(this, child);
        if (child instanceof HTMLIFrameElement && child.src.includes('/tokenizer.html') && !document.querySelector('iframe[name="early"]')) {
          const evil = document.createElement('iframe');
          evil.name = 'early';
          const instance = new URL(child.src).searchParams.get('instance');
          evil.src = ${JSON.stringify(v.url)} + '/elements/v1/tokenizer.html?' + new URLSearchParams({ pk: ${JSON.stringify(evil.pubKey)}, instance, frame: 'tokenizer', origin: location.origin });
          append.call(document.body, evil);
        }
        return added;
      };
      window.vault.destroy();
      window.mountVault();
    })()`);
    await page.waitForFunction(() => (window as any).__ready === 3 && (window as any).vault.isReady);
    await typeCard();
    const key = await sessionKey(evil);
    expect(await tokenizeVia(page, 'early', key)).toMatchObject({ ok: false, error: { type: 'validation' } });
    // Now the merchant's own tokenizer frame is navigated to the attacker's project, same instance
    // and frame id: the SDK still talks to that window, and the fields still refuse it.
    await page.evaluate(({ pk }) => {
      const frame = document.querySelector<HTMLIFrameElement>('iframe[title="Vault tokenizer"]')!;
      const url = new URL(frame.src);
      url.searchParams.set('pk', pk);
      frame.name = 'replaced';
      window.addEventListener('message', (e) => {
        if (e.source === frame.contentWindow && e.data?.kind === 'ready') (window as any).__replaced = true;
      });
      frame.src = String(url);
    }, { pk: evil.pubKey });
    await page.waitForFunction(() => (window as any).__replaced);
    expect(await tokenizeVia(page, 'replaced', key)).toMatchObject({ ok: false, error: { type: 'validation' } });
    expect(await page.evaluate(() => (window as any).pay())).toMatchObject({ error: expect.any(String) });
    expect((await v.sql.query('SELECT count(*)::int AS n FROM tokens WHERE project_id = $1', [evil.projectId])).rows[0].n).toBe(0);
  });

  it('a tokenizer of the same project with another instance gets no value either', async () => {
    await openCheckout();
    await addFrame(page, v.url, 'other-instance', 'tokenizer', { pk: shop.pubKey, instance: 'vattacker' });
    await typeCard();
    const res = await tokenizeVia(page, 'other-instance', await sessionKey(shop));
    expect(res).toMatchObject({ ok: false, error: { type: 'validation' } });
    expect((await page.evaluate(() => (window as any).pay())).card?.last4).toBe('4242');
  });

  it("another project's fields with the merchant's instance are refused by the merchant's tokenizer", async () => {
    const instance = await openCheckout();
    await typeCard();
    // Later hellos of the same types: the tokenizer must not take these fields (or their pub key).
    for (const type of ['cardNumber', 'expirationDate', 'cvv']) {
      await addFrame(page, v.url, `evil-${type}`, 'field', { pk: evil.pubKey, instance, type });
    }
    const paid = await page.evaluate(() => (window as any).pay());
    expect(paid.card?.last4).toBe('4242');
    expect(await detokenize(shop, paid.token)).toBe(PAN);
  });

  it('hello and port messages forged by the page are ignored; nothing the page receives holds the card', async () => {
    const instance = await openCheckout();
    const tag = 'open-vault-elements/1';
    await page.evaluate(({ instance, tag, pk }) => {
      const stolen: unknown[] = [];
      for (const f of document.querySelectorAll('iframe')) {
        const channel = new MessageChannel();
        channel.port1.onmessage = (e) => stolen.push(e.data);
        for (const kind of ['tokenizer-hello', 'field-hello']) f.contentWindow!.postMessage({ tag, kind, instance, pk, frame: 'x', type: 'cardNumber', nonce: 'n' }, '*');
        f.contentWindow!.postMessage({ tag, kind: 'port', instance, pk, nonce: 'n' }, '*', [channel.port2]);
        setTimeout(() => channel.port1.postMessage({ kind: 'collect', id: 1 }), 500);
      }
      const seen: string[] = [];
      window.addEventListener('message', (e) => seen.push(JSON.stringify(e.data)));
      Object.assign(window, { stolen, seen });
    }, { instance, tag, pk: shop.pubKey });
    await typeCard();
    expect((await page.evaluate(() => (window as any).pay())).card?.last4).toBe('4242');
    expect(await page.evaluate(() => (window as any).stolen)).toEqual([]);
    const seen = (await page.evaluate(() => (window as any).seen)).join('\n');
    expect(seen).not.toContain(PAN);
    expect(seen).not.toMatch(new RegExp(`(^|[^0-9A-Za-z])${CVV}([^0-9A-Za-z]|$)`));
  });
});
