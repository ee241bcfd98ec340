// The dashboard end to end in real Chromium against a real vault (real PostgreSQL, real auth,
// real management API) and a real SMTP receiver for the email code: register, enrol MFA, sign in
// through MFA and a backup code, create a project and an application, tokenize with its key over
// HTTP, and see the masked token, the audit entries with the verified chain, and the traffic.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeFrom, MailSink } from '../mail/smtp.js';
import { startVault, type TestVault, VISA } from '../helpers.js';
import { type Browser, buildDashboard, freePort, launch } from './browser.js';
import { walkThrough } from './flow.js';

let v: TestVault;
let b: Browser;
let mail: MailSink;
beforeAll(async () => {
  mail = new MailSink();
  const smtpUrl = await mail.start();
  const port = await freePort();
  v = await startVault({ webRoot: await buildDashboard(), port, publicUrl: `http://127.0.0.1:${port}`, smtpUrl, auditSealIntervalMs: 100 });
  b = await launch();
});
afterAll(async () => {
  await b?.close();
  await v?.close();
  await mail?.close();
});

describe('dashboard end to end (real vault)', () => {
  it('walks through every screen with the real API', async () => {
    expect(v.url).toBe(v.config.publicUrl);
    const result = await walkThrough(b.page, v.url, {
      emailCode: async (email) => codeFrom(await mail.next(email)),
      tokenize: async (apiKey, pubKey) => {
        const res = await fetch(`${v.url}/tokenize`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': apiKey, 'x-pub-key': pubKey },
          body: JSON.stringify({ type: 'card', data: VISA }),
        });
        expect(res.status).toBe(201);
        return (await res.json()) as { token: string };
      },
    }, { screenshots: true });

    // What the browser did is what the database holds.
    const user = await v.sql.query('SELECT id, mfa_enabled FROM users WHERE email = $1', [result.email]);
    expect(user.rows[0].mfa_enabled).toBe(true);
    // The application was created from the dashboard, then deleted from it.
    const audit = await v.sql.query("SELECT action FROM audit_log WHERE action IN ('application_create', 'application_delete') ORDER BY created_at");
    expect(audit.rows.map((r) => r.action)).toEqual(['application_create', 'application_delete']);
    const live = await v.sql.query('SELECT 1 FROM applications WHERE name = $1 AND deleted_at IS NULL', ['Checkout']);
    expect(live.rowCount).toBe(0);
    const tokens = await v.sql.query('SELECT token FROM tokens WHERE token = $1', [result.token]);
    expect(tokens.rowCount).toBe(1);
    // The session lives in an HttpOnly cookie only.
    const cookies = await b.context.cookies(v.url);
    const session = cookies.find((c) => c.name === 'vault_session');
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe('Strict');
  }, 180_000);
});
