// No password, code, JWT, reset token, backup code or TOTP secret in any log line or audit entry.
import { URI, type TOTP } from 'otpauth';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startVault, type TestVault } from '../helpers.js';
import { codeFrom, MailSink, resetTokenFrom } from '../mail/smtp.js';
import { auth, LOOSE_LIMITS, STRONG, STRONG2, uniqueEmail } from './helpers.js';

let v: TestVault;
let mail: MailSink;

beforeAll(async () => {
  mail = new MailSink();
  v = await startVault({ smtpUrl: await mail.start(), rateLimits: LOOSE_LIMITS, logLevel: 'trace' });
});
afterAll(async () => {
  await v.close();
  await mail.close();
});

it('secrets never reach the logs or the audit log', async () => {
  const secrets: string[] = [STRONG, STRONG2];
  const email = uniqueEmail('redact');
  const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, headers: Record<string, string> = {}) =>
    v.app.inject({ method, url, payload, headers });

  await call('POST', '/auth/send-verification-code', { email });
  const code = codeFrom(await mail.next(email));
  secrets.push(code);
  const vt = (await call('POST', '/auth/verify-email-code', { email, code })).json().data.verification_token;
  secrets.push(vt);
  const reg = await call('POST', '/auth/register', { email, password: STRONG, name: 'R', verification_token: vt });
  secrets.push(reg.json().data.token);
  await call('POST', '/auth/login', { email, password: 'Wrong-' + STRONG });
  secrets.push('Wrong-' + STRONG);
  const li = await call('POST', '/auth/login', { email, password: STRONG });
  const jwt = li.json().data.token;
  secrets.push(jwt);
  const en = await call('PUT', '/api/user/settings', { mfa_enabled: true, current_password: STRONG }, auth(jwt));
  const totp = URI.parse(en.json().data.totp_uri) as TOTP;
  secrets.push(totp.secret.base32, ...en.json().data.backup_codes);
  const totpCode = totp.generate();
  secrets.push(totpCode);
  const mv = await call('POST', '/auth/mfa/verify', { code: totpCode }, auth(jwt));
  secrets.push(mv.json().data.token);
  await call('POST', '/auth/mfa/verify-backup', { code: en.json().data.backup_codes[0] }, auth(mv.json().data.token));
  await call('POST', '/auth/forgot-password', { email });
  const reset = resetTokenFrom(await mail.next(email));
  secrets.push(reset);
  await call('GET', `/auth/verify-reset-token?token=${reset}`);
  await call('POST', '/auth/reset-password', { token: reset, new_password: STRONG2 });
  // A 500 path logs the error: make sure a JWT in a cookie header is not echoed either.
  await v.app.inject({ method: 'GET', url: '/auth/verify', cookies: { vault_session: jwt } });

  const audit = (await v.sql.query("SELECT action, details::text FROM audit_log WHERE event_type = 'auth'")).rows;
  expect(audit.length).toBeGreaterThan(8);
  const logs = v.logs.text;
  expect(logs.length).toBeGreaterThan(1000);
  const auditText = JSON.stringify(audit);
  for (const s of secrets) {
    expect(logs, 'log line holds a secret').not.toContain(s);
    expect(auditText, 'audit entry holds a secret').not.toContain(s);
  }
  // Partial JWT pieces (the signature) are absent too.
  expect(logs).not.toContain(jwt.split('.')[2]);
  expect(logs).not.toContain('verify-reset-token?token');
});
