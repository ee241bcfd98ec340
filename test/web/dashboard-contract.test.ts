// The whole dashboard in real Chromium, served (with its CSP) by a real vault, while /auth/* and
// /api/* answer from the contract double (test/web/contract-double.ts) until those endpoints
// land on this branch. See dashboard-real.test.ts for what already runs end to end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVault, type TestVault, VISA } from '../helpers.js';
import { type Browser, buildDashboard, launch } from './browser.js';
import { ContractDouble } from './contract-double.js';
import { walkThrough } from './flow.js';

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

describe('dashboard against the API contract (contract double)', () => {
  it('registers, enrols MFA, signs in through MFA, manages a project and sees its tokens and audit log', async () => {
    const double = new ContractDouble();
    await double.attach(b.page, v.url);
    const result = await walkThrough(b.page, v.url, {
      emailCode: async (email) => double.outbox.get(email)!,
      tokenize: async (apiKey, pubKey) => double.tokenize(apiKey, pubKey, VISA),
    }, { screenshots: true });
    expect(result.token).toMatch(/^tok_/);

    // On the wire: cookie sessions only (no Authorization header, ever) and every write carried
    // the page's Origin, which the vault's CSRF check requires.
    expect(double.requests.length).toBeGreaterThan(20);
    expect(double.requests.filter((r) => r.authorization)).toEqual([]);
    const writes = double.requests.filter((r) => r.method !== 'GET');
    expect(writes.length).toBeGreaterThan(10);
    expect(writes.some((w) => w.method === 'DELETE')).toBe(true);
    for (const w of writes) {
      expect(w.origin, `${w.method} ${w.path}`).toBe(v.url);
      if (w.body) expect(w.contentType, `${w.method} ${w.path}`).toBe('application/json');
    }
  }, 120_000);

  it('opens a reset link from the mail and shows a spent link as an error', async () => {
    const double = new ContractDouble();
    const page = await b.context.newPage();
    try {
      await double.attach(page, v.url);
      await page.goto(`${v.url}/reset-password?token=reset-token-from-mail`);
      await page.getByText('Account: a***@example.com').waitFor();
      await page.getByLabel('New password', { exact: true }).waitFor();
      await page.goto(`${v.url}/reset-password?token=spent`);
      await page.getByRole('alert').filter({ hasText: 'invalid or has already been used' }).waitFor();
    } finally {
      await page.close();
    }
  });
});
