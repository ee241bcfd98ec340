// The dashboard end to end in real Chromium against a real vault (real PostgreSQL, real auth,
// real management API) and a real SMTP receiver for the mail. Nothing is stubbed: the CSRF
// check, the cookie session, MFA replay rules and rate limits are the vault's own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeFrom, decodeMail, MailSink } from '../mail/smtp.js';
import { startVault, type TestVault, VISA } from '../helpers.js';
import { createUser } from '../users.js';
import { type Browser, buildDashboard, checkScreen, freePort, launch } from './browser.js';
import { walkThrough } from './flow.js';

let b: Browser;
let mail: MailSink;
let smtpUrl: string;
const vaults: TestVault[] = [];

/** A vault whose PUBLIC_URL is the address the browser uses, so its Origin passes the CSRF check. */
async function vault(): Promise<TestVault> {
  const port = await freePort();
  const v = await startVault({ webRoot: await buildDashboard(), port, publicUrl: `http://127.0.0.1:${port}`, smtpUrl, auditSealIntervalMs: 100 });
  vaults.push(v);
  expect(v.url).toBe(v.config.publicUrl);
  return v;
}

beforeAll(async () => {
  mail = new MailSink();
  smtpUrl = await mail.start();
  b = await launch();
});
afterAll(async () => {
  await b?.close();
  for (const v of vaults) await v.close();
  await mail?.close();
});

describe('dashboard end to end (real vault)', () => {
  it('register with the mailed code, MFA, project, application, tokenize, tokens, audit, traffic', async () => {
    const v = await vault();
    const result = await walkThrough(b.page, v.url, {
      emailCode: async (email) => codeFrom(await mail.next(email)),
      otherUser: async () => {
        const bob = await createUser(v, 'bob');
        return {
          email: bob.email,
          accept: async () => {
            const [inv] = (await v.app.inject({ url: '/api/user/invitations', headers: bob.auth })).json().data;
            expect((await v.app.inject({ method: 'POST', url: `/api/user/invitations/${inv.id}/accept`, headers: bob.auth })).statusCode).toBe(200);
          },
        };
      },
      tokenize: async (apiKey, pubKey) => {
        const res = await fetch(`${v.url}/tokenize`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': apiKey, 'x-pub-key': pubKey },
          body: JSON.stringify({ type: 'card', data: VISA }),
        });
        expect(res.status).toBe(201);
        return (await res.json()) as { token: string };
      },
    }, { screenshots: process.env.UPDATE_SCREENSHOTS === '1' });

    // What the browser did is what the database holds.
    const user = await v.sql.query('SELECT id, mfa_enabled FROM users WHERE email = $1', [result.email]);
    expect(user.rows[0].mfa_enabled).toBe(true);
    const audit = await v.sql.query("SELECT action FROM audit_log WHERE action IN ('application_create', 'application_delete') ORDER BY created_at");
    expect(audit.rows.map((r) => r.action)).toEqual(['application_create', 'application_delete']);
    const live = await v.sql.query('SELECT 1 FROM applications WHERE name = $1 AND deleted_at IS NULL', ['Checkout']);
    expect(live.rowCount).toBe(0);
    // The token was created over HTTP, then deleted from the tokens tab.
    expect((await v.sql.query('SELECT 1 FROM tokens WHERE token = $1', [result.token])).rowCount).toBe(0);
    const tokenAudit = await v.sql.query("SELECT action FROM audit_log WHERE resource_id = $1 ORDER BY created_at", [result.token]);
    expect(tokenAudit.rows.map((r) => r.action)).toEqual(['tokenize', 'token_delete']);
    const project = await v.sql.query("SELECT deduplicate, token_format, proxy_allowed_hosts, elements_origins FROM projects WHERE name = 'Payments'");
    expect(project.rows[0]).toEqual({ deduplicate: true, token_format: 'last4_preserving', proxy_allowed_hosts: ['api.stripe.com', '*.adyen.com'], elements_origins: ['https://shop.example.com'] });
    const members = await v.sql.query("SELECT action FROM audit_log WHERE action LIKE 'member_%' ORDER BY created_at");
    expect(members.rows.map((r) => r.action)).toEqual(['member_invite', 'member_invite', 'member_invite_withdraw', 'member_add', 'member_role_change', 'member_remove']);
    // The session lives in an HttpOnly, SameSite=Strict cookie only.
    const session = (await b.context.cookies(v.url)).find((c) => c.name === 'vault_session');
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe('Strict');
  }, 180_000);

  it('an invitee sees the invitation and accepts it in the dashboard; a production project without allowed hosts is flagged', async () => {
    const v = await vault();
    const owner = await createUser(v, 'owner');
    const invitee = await createUser(v, 'carol');
    const created = await v.app.inject({ method: 'POST', url: '/api/projects', headers: owner.auth, payload: { name: 'Acquiring', environment: 'production' } });
    const projectId = created.json().data.id;
    await v.app.inject({ method: 'POST', url: `/api/projects/${projectId}/members`, headers: owner.auth, payload: { email: invitee.email, role: 'admin' } });
    await b.context.clearCookies();
    const page = await b.context.newPage();
    try {
      await page.goto(`${v.url}/login`);
      await page.getByLabel('Email').fill(invitee.email);
      await page.getByLabel('Password').fill(invitee.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      const accept = page.getByRole('button', { name: 'Accept the invitation to Acquiring' });
      await accept.waitFor();
      expect(await page.getByRole('link', { name: 'Acquiring' }).count()).toBe(0);
      await checkScreen(page, 'invitations');
      await accept.click();
      await page.getByText('You joined Acquiring as admin.').waitFor();
      await page.getByRole('link', { name: 'Acquiring' }).click();
      await page.getByRole('navigation', { name: 'Project sections' }).getByRole('link', { name: 'Settings', exact: true }).click();
      await page.getByText('No allowed hosts: the proxy refuses every call of this production project').waitFor();
      await checkScreen(page, 'production-allow-list');
      await page.getByLabel('Proxy allowed hosts').fill('api.stripe.com');
      expect(await page.getByText('No allowed hosts:').count()).toBe(0);
      await page.getByRole('button', { name: 'Save settings' }).click();
      await page.getByText('Saved.').waitFor();
      const row = await v.sql.query('SELECT role FROM project_members WHERE project_id = $1 AND user_id = $2', [projectId, invitee.id]);
      expect(row.rows).toEqual([{ role: 'admin' }]);
      expect((await v.sql.query('SELECT proxy_allowed_hosts FROM projects WHERE id = $1', [projectId])).rows[0].proxy_allowed_hosts).toEqual(['api.stripe.com']);
    } finally {
      await page.close();
    }
  }, 120_000);

  it('forgot → mailed reset link → new password; expiry and session banners; expired-password change at sign-in', async () => {
    const v = await vault();
    const user = await createUser(v, 'grace');
    await b.context.clearCookies();
    const page = await b.context.newPage();
    // A controllable clock in the page (time still runs): lets the session banner be reached.
    await page.clock.install();
    try {
      await page.goto(`${v.url}/forgot-password`);
      await page.getByLabel('Email').fill(user.email);
      await page.getByRole('button', { name: 'Email me a reset link' }).click();
      await page.getByText(`If an account exists for ${user.email}`).waitFor();
      await checkScreen(page, 'forgot-password-sent');

      const link = /(http:\/\/127\.0\.0\.1:\d+\/reset-password\?token=[A-Za-z0-9%_-]+)/.exec(decodeMail(await mail.next(user.email)))![1];
      expect(link.startsWith(`${v.url}/reset-password?token=`)).toBe(true);
      await page.goto(link);
      await page.getByLabel('New password', { exact: true }).fill('short');
      await page.getByRole('button', { name: 'Set password' }).click();
      await expect.poll(() => page.getByLabel('New password', { exact: true }).getAttribute('aria-invalid')).toBe('true');
      await checkScreen(page, 'reset-password');
      const first = 'Lichen-Orbit-Tundra-5093';
      await page.getByLabel('New password', { exact: true }).fill(first);
      await page.getByRole('button', { name: 'Set password' }).click();
      await page.getByText('Your password was changed').waitFor();
      // The link is single-use.
      await page.goto(link);
      await page.getByRole('alert').filter({ hasText: 'invalid or has already been used' }).waitFor();

      await page.goto(`${v.url}/login`);
      await page.getByLabel('Email').fill(user.email);
      await page.getByLabel('Password').fill(first);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { level: 1, name: 'Projects' }).waitFor();

      // Within 14 days of expiry a banner says so.
      await v.sql.query("UPDATE users SET password_changed_at = now() - interval '80 days' WHERE id = $1", [user.id]);
      await page.reload();
      await page.getByText(/Your password expires in (9|10) days/).waitFor();
      await checkScreen(page, 'password-expiry-banner');

      // 14 idle minutes later the 15-minute cookie is about to lapse: a banner offers to stay.
      expect(await page.getByText(/Your session ends in about/).count()).toBe(0);
      await page.clock.fastForward('14:00');
      const lapse = page.getByText(/Your session ends in about 1 minute/);
      await lapse.waitFor();
      await checkScreen(page, 'session-banner');
      await page.getByRole('button', { name: 'Stay signed in' }).click();
      await lapse.waitFor({ state: 'detached' });

      // Past expiry, sign-in leads to the change screen and then in.
      await page.getByRole('button', { name: 'Sign out' }).click();
      await v.sql.query("UPDATE users SET password_changed_at = now() - interval '91 days' WHERE id = $1", [user.id]);
      await page.getByLabel('Email').fill(user.email);
      await page.getByLabel('Password').fill(first);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { level: 1, name: 'Your password has expired' }).waitFor();
      await checkScreen(page, 'expired-password');
      await page.getByLabel('Current password').fill(first);
      await page.getByLabel('New password', { exact: true }).fill('Basalt-Meridian-Cove-7260');
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.getByRole('heading', { level: 1, name: 'Projects' }).waitFor();
      const changed = await v.sql.query('SELECT password_changed_at > now() - interval \'1 minute\' AS fresh FROM users WHERE id = $1', [user.id]);
      expect(changed.rows[0].fresh).toBe(true);
      expect(await page.getByText(/Your password expires in/).count()).toBe(0);
    } finally {
      await page.close();
    }
  }, 120_000);
});
