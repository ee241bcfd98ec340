// The checks the browser tests rely on can fail: axe-core reports a real violation, and the CSP
// watcher sees an inline script the vault's policy refuses. (The traffic chart's hourly counts are
// the server's now: test/audit/traffic.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVault, type TestVault } from '../helpers.js';
import { type Browser, buildDashboard, checkScreen, launch } from './browser.js';

let v: TestVault;
let b: Browser;
beforeAll(async () => {
  v = await startVault({ webRoot: await buildDashboard() });
  b = await launch();
});
afterAll(async () => {
  await b?.close();
  await v?.close();
});

describe('browser checks', () => {
  it('axe-core fails a screen with an unlabelled input and an image without alt text', async () => {
    await b.page.goto(v.url);
    await b.page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await checkScreen(b.page, 'sign-in-clean');
    await b.page.evaluate(() => {
      const img = document.createElement('img');
      img.src = '/nope.png';
      const input = document.createElement('input');
      document.body.append(img, input);
    });
    await expect(checkScreen(b.page, 'broken')).rejects.toThrow(/image-alt|label/);
  });

  it('the vault’s CSP refuses an inline script and the watcher reports it', async () => {
    await b.page.goto(v.url);
    await b.page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    const ran = await b.page.evaluate(async () => {
      const s = document.createElement('script');
      s.textContent = 'window.__inline = true';
      document.body.append(s);
      await new Promise((r) => setTimeout(r, 100));
      return (window as any).__inline === true;
    });
    expect(ran).toBe(false);
    await expect(checkScreen(b.page, 'inline')).rejects.toThrow(/CSP violations/);
  });
});
