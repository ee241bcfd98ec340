// The checks the browser tests rely on can fail: axe-core reports a real violation, the CSP
// watcher sees an inline script the vault's policy refuses, and the traffic buckets count right.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bucket, seriesOf } from '../../web/src/traffic.js';
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

describe('traffic buckets', () => {
  it('counts tokenize, detokenize and proxy calls per hour over the last 24 hours', () => {
    const now = Date.parse('2026-11-24T14:30:00Z');
    const at = (iso: string, event_type: string, action: string) => ({ created_at: iso, event_type, action });
    const rows = bucket(
      [
        at('2026-11-24T14:05:00Z', 'token', 'tokenize'),
        at('2026-11-24T14:06:00Z', 'token', 'tokenize_batch'),
        at('2026-11-24T13:59:59Z', 'token', 'detokenize'),
        at('2026-11-24T02:00:00Z', 'proxy', 'proxy_transaction'),
        at('2026-11-23T14:59:59Z', 'token', 'tokenize'), // 24 h + ago: outside the window
        at('2026-11-24T14:10:00Z', 'project', 'project_update'), // not traffic
      ],
      now,
    );
    expect(rows).toHaveLength(24);
    expect(rows[0].start).toBe(Date.parse('2026-11-23T15:00:00Z'));
    expect(rows[23]).toMatchObject({ start: Date.parse('2026-11-24T14:00:00Z'), tokenize: 2, detokenize: 0, proxy: 0 });
    expect(rows[22]).toMatchObject({ detokenize: 1 });
    expect(rows[11]).toMatchObject({ start: Date.parse('2026-11-24T02:00:00Z'), proxy: 1 });
    expect(rows.reduce((n, r) => n + r.tokenize + r.detokenize + r.proxy, 0)).toBe(4);
    expect(seriesOf({ event_type: 'member', action: 'member_add' })).toBeNull();
  });
});
