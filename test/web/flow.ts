// The dashboard walk-through, written once against "a backend": the email code comes from
// wherever the backend delivers mail, and tokenizing happens the way an application does it.
import type { Page } from 'playwright-core';
import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';
import { expect } from 'vitest';
import { checkScreen } from './browser.js';

export interface Backend {
  emailCode(email: string): Promise<string>;
  /** Another registered account, to invite as a member; `accept` accepts its pending invitations. */
  otherUser(): Promise<{ email: string; accept(): Promise<void> }>;
  tokenize(apiKey: string, pubKey: string): Promise<{ token: string }>;
}

export const PASSWORD = 'Quartz-Lantern-Mosaic-8841';

let lastCode = '';
/** A TOTP the server has not seen yet (a code is single-use within its 30 s step). */
async function freshTotp(secret: string): Promise<string> {
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) });
  let code = totp.generate();
  while (code === lastCode) {
    await new Promise((r) => setTimeout(r, 1000));
    code = totp.generate();
  }
  lastCode = code;
  return code;
}

const tab = (page: Page, name: string) => page.getByRole('navigation', { name: 'Project sections' }).getByRole('link', { name, exact: true });
const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

export async function walkThrough(page: Page, base: string, backend: Backend, opts: { screenshots: boolean }) {
  const shot = opts.screenshots;
  const email = `ada.${Date.now()}@example.com`;

  // ---- signed out: sign-in, deep links land there too ----
  await page.goto(`${base}/projects/prj_unknown/tokens`);
  await heading(page, 'Sign in').waitFor();
  await checkScreen(page, 'sign-in', { screenshot: shot });

  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await heading(page, 'Reset your password').waitFor();
  await checkScreen(page, 'forgot-password');
  await page.getByRole('link', { name: 'Back to sign in' }).click();

  // ---- register through the email code ----
  await page.getByRole('link', { name: 'Create an account' }).click();
  await heading(page, 'Create an account').waitFor();
  await page.getByLabel('Email').fill(email);
  await checkScreen(page, 'register', { screenshot: shot });
  await page.getByRole('button', { name: 'Send code' }).click();
  await page.getByLabel('Verification code').waitFor();
  await page.getByLabel('Verification code').fill('000000');
  await page.getByRole('button', { name: 'Continue' }).click();
  // A wrong code is reported next to the field (or in the alert when the API names no field).
  await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/\S/);
  await page.getByLabel('Verification code').fill(await backend.emailCode(email));
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Your name').fill('Ada Lovelace');
  await page.getByLabel('Password', { exact: true }).fill('short');
  await page.getByLabel('Confirm password').fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  // weak_password names the field: the message sits under it and the input is marked invalid.
  await expect.poll(() => page.getByLabel('Password', { exact: true }).getAttribute('aria-invalid')).toBe('true');
  await checkScreen(page, 'register-error');
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Confirm password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await heading(page, 'Projects').waitFor();
  await page.getByText('You have no projects yet').waitFor();
  await checkScreen(page, 'projects-empty');

  // ---- enrol MFA: QR code + key, backup codes, confirm with a computed TOTP ----
  await page.getByRole('link', { name: 'Account settings' }).click();
  await heading(page, 'Account settings').waitFor();
  await checkScreen(page, 'account-settings');
  await page.getByRole('form', { name: 'Two-step verification' }).getByLabel('Current password').fill(PASSWORD);
  const enrolled = page.waitForResponse((r) => r.url().endsWith('/api/user/settings') && r.request().method() === 'PUT');
  await page.getByRole('button', { name: 'Set up two-step verification' }).click();
  const totpUri: string = (await (await enrolled).json()).data.totp_uri;
  const qr = page.getByRole('img', { name: 'QR code for your authenticator app' });
  await qr.waitFor();
  // The image is the QR code of the vault's totp_uri, and the key shown is that URI's secret.
  const src = (await qr.getAttribute('src'))!;
  expect(src).toMatch(/^data:image\/png;base64,/);
  const expected = await QRCode.toDataURL(totpUri, { margin: 1, width: 200 });
  // Same pixels (PNG bytes differ between the browser's canvas and Node's encoder).
  const samePixels = await page.evaluate(async ([x, y]) => {
    const pixels = async (url: string) => {
      const img = new Image();
      img.src = url;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.naturalWidth;
      c.height = img.naturalHeight;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      return Array.from(ctx.getImageData(0, 0, c.width, c.height).data, (v) => (v > 127 ? 1 : 0)).join('');
    };
    const [p, q] = [await pixels(x), await pixels(y)];
    return p.length > 0 && p === q;
  }, [src, expected]);
  expect(samePixels).toBe(true);
  const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
  expect(secret).toMatch(/^[A-Z2-7]{16,}=*$/);
  expect(OTPAuth.URI.parse(totpUri).secret.base32).toBe(secret);
  const backupCodes = await page.getByTestId('backup-codes').locator('code').allTextContents();
  expect(backupCodes).toHaveLength(10);
  expect(await page.getByRole('link', { name: 'Download backup codes' }).getAttribute('download')).toBe('vault-backup-codes.txt');
  await checkScreen(page, 'mfa-enrolment', { screenshot: shot });
  await page.getByLabel('Authentication code').fill(await freshTotp(secret));
  await page.getByRole('button', { name: 'Turn on two-step verification' }).click();
  await page.getByTestId('mfa-on').waitFor();

  // ---- sign out, sign in again through the MFA step, with the keyboard only ----
  await page.getByRole('button', { name: 'Sign out' }).click();
  await heading(page, 'Sign in').waitFor();
  await page.getByLabel('Email').focus();
  await page.keyboard.type(email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await heading(page, 'Two-step verification').waitFor();
  await checkScreen(page, 'mfa-step', { screenshot: shot });
  await page.getByLabel('Authentication code').fill('000000');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByLabel('Authentication code').getAttribute('aria-invalid'), { timeout: 5000 }).toBe('true').catch(async () => {
    expect(await page.getByRole('alert').first().textContent()).toMatch(/\S/);
  });
  await page.getByLabel('Authentication code').fill(await freshTotp(secret));
  await page.keyboard.press('Enter');
  await heading(page, 'Projects').waitFor();

  // ---- and once through the backup-code path ----
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Use a backup code instead' }).click();
  await page.getByLabel('Backup code').fill(backupCodes[0]);
  await page.getByRole('button', { name: 'Verify' }).click();
  await heading(page, 'Projects').waitFor();
  // The password expires within 14 days (the backend says so): a banner offers the change.
  await checkScreen(page, 'projects-banner');

  // ---- create a project ----
  await page.getByRole('button', { name: 'New project' }).click();
  await page.getByLabel('Project name').fill('Payments');
  await page.getByLabel('Environment').selectOption('development');
  await page.getByRole('button', { name: 'Create project' }).click();
  await heading(page, 'Payments').waitFor();
  await page.getByText('No applications yet.').waitFor();
  await checkScreen(page, 'project-applications');

  // ---- create an application: a too-short name is refused next to the field ----
  await page.getByLabel('Application name').fill('ab');
  await page.getByRole('button', { name: 'Create application' }).click();
  await expect.poll(() => page.getByLabel('Application name').getAttribute('aria-invalid')).toBe('true');
  await page.getByLabel('Application name').fill('Checkout');
  await page.getByRole('button', { name: 'Create application' }).click();
  const apiKey = (await page.getByTestId('api-key').textContent())!.trim();
  const pubKey = (await page.getByTestId('pub-key').textContent())!.trim();
  expect(apiKey).toMatch(/^key_checkout_[a-z]{2,8}_pvt_[A-Za-z0-9]{32,64}$/);
  expect(pubKey).toMatch(/^pk_test_[a-z0-9]{16}_[A-Za-z0-9]{32,64}$/);
  await page.getByText('It is shown only this once').waitFor();
  await page.getByRole('button', { name: 'Copy secret API key' }).waitFor();
  await page.getByRole('cell', { name: 'Checkout', exact: true }).waitFor();
  await checkScreen(page, 'application-created', { screenshot: shot });
  await page.getByRole('button', { name: 'I have stored the key' }).click();
  expect(await page.getByTestId('api-key').count()).toBe(0);
  // The list never shows the key again, only its prefix.
  expect(await page.content()).not.toContain(apiKey);

  // ---- tokenize with that key over HTTP, then see the masked token ----
  const { token } = await backend.tokenize(apiKey, pubKey);
  await tab(page, 'Tokens').click();
  const row = page.getByRole('row').filter({ hasText: token });
  await row.waitFor();
  expect(await row.getByTestId('masked').textContent()).toContain('1111');
  expect(await row.textContent()).not.toContain('4111111111111111');
  await page.getByLabel('Type').selectOption('bank');
  await page.getByText('No tokens of type bank yet.').waitFor();
  await page.getByLabel('Type').selectOption('card');
  await row.waitFor();
  await checkScreen(page, 'tokens', { screenshot: shot });

  // ---- audit log with the verified badge ----
  await tab(page, 'Audit log').click();
  await page.getByTestId('chain-badge').filter({ hasText: 'Chain verified' }).waitFor();
  await page.getByRole('row').filter({ hasText: 'tokenize' }).first().waitFor();
  await page.getByLabel('Action').fill('tokenize');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect.poll(async () => (await page.getByTestId('audit-row').allTextContents()).every((t) => t.includes('tokenize'))).toBe(true);
  await checkScreen(page, 'audit-log', { screenshot: shot });

  // ---- traffic chart ----
  await tab(page, 'Traffic').click();
  await expect.poll(() => page.getByTestId('total-tokenize').textContent()).toBe('1');
  await checkScreen(page, 'traffic', { screenshot: shot });

  // ---- members and settings ----
  await tab(page, 'Members').click();
  await page.getByRole('cell', { name: email, exact: true }).waitFor();
  const invitee = await backend.otherUser();
  const other = invitee.email;
  const invite = page.getByRole('form', { name: 'Invite a member' });
  // An email without an account gets the same answer as any other: an invitation, pending.
  await invite.getByLabel('Email').fill('nobody@example.com');
  await invite.getByRole('button', { name: 'Invite' }).click();
  await page.getByText('An invitation to join as developer was sent to nobody@example.com.').waitFor();
  await invite.getByLabel('Email').fill(other);
  await invite.getByLabel('Role').selectOption('viewer');
  await invite.getByRole('button', { name: 'Invite' }).click();
  await page.getByRole('button', { name: `Withdraw the invitation of ${other}` }).waitFor();
  await checkScreen(page, 'members', { screenshot: shot });
  await page.getByRole('button', { name: 'Withdraw the invitation of nobody@example.com' }).click();
  await page.getByRole('button', { name: 'Withdraw the invitation of nobody@example.com' }).waitFor({ state: 'detached' });
  // A member only once they accept.
  expect(await page.getByRole('cell', { name: other, exact: true }).count()).toBe(0);
  await invitee.accept();
  await page.reload();
  await page.getByRole('cell', { name: other, exact: true }).waitFor();
  await page.getByLabel(`Role of ${other}`).selectOption('developer');
  await expect.poll(() => page.getByLabel(`Role of ${other}`).inputValue()).toBe('developer');
  await page.reload();
  await expect.poll(() => page.getByLabel(`Role of ${other}`).inputValue()).toBe('developer');
  await page.getByRole('button', { name: `Remove ${other}` }).click();
  await page.getByRole('dialog', { name: `Remove ${other} from Payments?` }).getByRole('button', { name: 'Remove member' }).click();
  await page.getByRole('cell', { name: other, exact: true }).waitFor({ state: 'detached' });
  await tab(page, 'Settings').click();
  await page.getByLabel('Proxy allowed hosts').fill('api.stripe.com\nbad_host!');
  await page.getByRole('button', { name: 'Save settings' }).click();
  // The API names the bad entry (proxy_allowed_hosts/1): the message sits under the field.
  await expect.poll(() => page.getByLabel('Proxy allowed hosts').getAttribute('aria-invalid')).toBe('true');
  await page.getByLabel('Proxy allowed hosts').fill('api.stripe.com\n*.adyen.com');
  await page.getByLabel('Deduplicate tokens (same value, same token)').check();
  await page.getByLabel('Default token format').selectOption('last4_preserving');
  await page.getByLabel('Elements origins').fill('https://shop.example.com');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByText('Saved.').waitFor();
  await page.reload();
  await expect.poll(() => page.getByLabel('Proxy allowed hosts').inputValue()).toBe('api.stripe.com\n*.adyen.com');
  expect(await page.getByLabel('Elements origins').inputValue()).toBe('https://shop.example.com');
  expect(await page.getByLabel('Deduplicate tokens (same value, same token)').isChecked()).toBe(true);
  expect(await page.getByLabel('Default token format').inputValue()).toBe('last4_preserving');
  await checkScreen(page, 'project-settings', { screenshot: shot });
  await page.getByRole('button', { name: 'Delete project…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete project “Payments”?' });
  await dialog.waitFor();
  expect(await dialog.getByRole('button', { name: 'Delete project forever' }).isDisabled()).toBe(true);
  await dialog.getByLabel('Project name').fill('Payment');
  expect(await dialog.getByRole('button', { name: 'Delete project forever' }).isDisabled()).toBe(true);
  await checkScreen(page, 'delete-project-dialog');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });

  // ---- delete the application: the confirmation names it ----
  await tab(page, 'Applications').click();
  await page.getByRole('button', { name: 'Delete application Checkout' }).click();
  const del = page.getByRole('dialog', { name: 'Delete application “Checkout”?' });
  await del.waitFor();
  await del.getByRole('button', { name: 'Delete Checkout' }).click();
  await page.getByText('No applications yet.').waitFor();

  // ---- delete the token ----
  await tab(page, 'Tokens').click();
  await page.getByRole('button', { name: `Delete token ${token}` }).click();
  await page.getByRole('dialog', { name: 'Delete this token?' }).getByRole('button', { name: 'Delete token' }).click();
  await page.getByText('No tokens yet.').waitFor();

  // ---- no token in storage ----
  const stored = await page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length }));
  expect(stored).toEqual({ local: 0, session: 0 });
  return { email, apiKey, pubKey, token };
}
