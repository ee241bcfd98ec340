// Issue 22, item 3: a correct password reset the failure counter before the second factor, so
// whoever knew the password could guess MFA codes for ever (nine per login, then log in again).
// Failures now count across the whole login — passwords and MFA codes — and only a completed
// login (password, then MFA where required) resets the counter.
import { URI, type TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVault, type TestVault } from '../helpers.js';
import { MailSink } from '../mail/smtp.js';
import { auth, LOOSE_LIMITS, login, register } from '../auth/helpers.js';

let v: TestVault;
let mail: MailSink;
let clock = new Date('2031-05-05T10:00:05Z');
const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};

beforeAll(async () => {
  mail = new MailSink();
  v = await startVault({ smtpUrl: await mail.start(), rateLimits: LOOSE_LIMITS, now: () => clock });
});
afterAll(async () => {
  await v.close();
  await mail.close();
});

const post = (url: string, token: string, payload: object) => v.app.inject({ method: 'POST', url, headers: auth(token), payload });
const code = (totp: TOTP, offsetSteps = 0) => totp.generate({ timestamp: clock.getTime() + offsetSteps * 30_000 });
/** A six-digit code that is none of the three the vault accepts right now. */
const wrongCode = (totp: TOTP) => ['000000', '111111', '222222'].find((c) => ![-1, 0, 1].some((o) => code(totp, o) === c))!;
const failures = async (id: string) => (await v.sql.query('SELECT failed_logins FROM users WHERE id = $1', [id])).rows[0].failed_logins as number;

/** A user with confirmed MFA (the confirmation is a completed second factor: counter at 0). */
async function mfaUser() {
  const u = await register(v, mail);
  const res = await v.app.inject({ method: 'PUT', url: '/api/user/settings', headers: auth(u.token), payload: { mfa_enabled: true, current_password: u.password } });
  const totp = URI.parse(res.json().data.totp_uri) as TOTP;
  advance(30_000);
  expect((await post('/auth/mfa/verify', u.token, { code: code(totp) })).statusCode).toBe(200);
  return { ...u, totp, backupCodes: res.json().data.backup_codes as string[] };
}

describe('MFA failures count toward the lockout across logins (issue 22 item 3)', () => {
  it('wrong MFA codes after the right password lock the account at the 10th', async () => {
    const u = await mfaUser();
    for (let i = 1; i <= 9; i++) {
      const li = await login(v, u.email, u.password);
      expect(li.statusCode).toBe(200);
      const r = await post('/auth/mfa/verify', li.json().data.token, { code: wrongCode(u.totp) });
      expect(r.json().error.code, `attempt ${i}`).toBe('invalid_code');
    }
    const last = (await login(v, u.email, u.password)).json().data.token;
    const tenth = await post('/auth/mfa/verify', last, { code: wrongCode(u.totp) });
    expect(tenth.statusCode).toBe(403);
    expect(tenth.json().error.code).toBe('account_locked');
    // Locked: the right password and the right code are both refused until it ends.
    expect((await login(v, u.email, u.password)).json().error.code).toBe('account_locked');
    advance(30_000);
    expect((await post('/auth/mfa/verify', last, { code: code(u.totp) })).json().error.code).toBe('account_locked');
    const { rows } = await v.sql.query("SELECT details FROM audit_log WHERE user_id = $1 AND action = 'account_locked'", [u.id]);
    expect(rows).toEqual([{ details: expect.objectContaining({ failures: 10 }) }]);
    advance(15 * 60_000);
    expect((await login(v, u.email, u.password)).statusCode).toBe(200);
  });

  it('wrong passwords, TOTP and backup codes add up; only a completed login resets the counter', async () => {
    const u = await mfaUser();
    for (let i = 0; i < 4; i++) expect((await login(v, u.email, 'Not-the-password-42!')).statusCode).toBe(401);
    let t = (await login(v, u.email, u.password)).json().data.token;
    expect(await failures(u.id)).toBe(4); // the password alone is half a login
    for (let i = 0; i < 3; i++) expect((await post('/auth/mfa/verify', t, { code: wrongCode(u.totp) })).statusCode).toBe(400);
    t = (await login(v, u.email, u.password)).json().data.token;
    for (let i = 0; i < 2; i++) expect((await post('/auth/mfa/verify-backup', t, { code: 'aaaa-bbbb-cccc-dddd' })).statusCode).toBe(400);
    expect(await failures(u.id)).toBe(9);
    advance(30_000);
    const ok = await post('/auth/mfa/verify', t, { code: code(u.totp) });
    expect(ok.statusCode).toBe(200);
    expect(await failures(u.id)).toBe(0);
    // A backup code completes a login just as well.
    t = (await login(v, u.email, u.password)).json().data.token;
    expect((await post('/auth/mfa/verify', t, { code: wrongCode(u.totp) })).statusCode).toBe(400);
    expect((await post('/auth/mfa/verify-backup', t, { code: u.backupCodes[0] })).statusCode).toBe(200);
    expect(await failures(u.id)).toBe(0);
  });

  it('an expired password and its reset are not a completed login while MFA is on', async () => {
    const u = await mfaUser();
    for (let i = 0; i < 5; i++) await login(v, u.email, 'Not-the-password-42!');
    advance(91 * 86_400_000); // past PASSWORD_MAX_AGE_DAYS (90)
    const expired = await login(v, u.email, u.password);
    expect(expired.json().error.code).toBe('password_expired');
    expect(await failures(u.id)).toBe(5);
    const token = expired.json().error.password_reset_token;
    const renewed = await v.app.inject({ method: 'POST', url: '/auth/reset-expired-password', payload: { token, current_password: u.password, new_password: 'marble-Harbor-quietly-8842' } });
    expect(renewed.statusCode).toBe(200);
    expect(await failures(u.id)).toBe(5);
    expect((await post('/auth/mfa/verify', renewed.json().data.token, { code: code(u.totp) })).statusCode).toBe(200);
    expect(await failures(u.id)).toBe(0);
  });

  it('without MFA the right password is a completed login and resets the counter', async () => {
    const u = await register(v, mail);
    for (let i = 0; i < 9; i++) await login(v, u.email, 'Not-the-password-42!');
    expect((await login(v, u.email, u.password)).statusCode).toBe(200);
    expect(await failures(u.id)).toBe(0);
  });
});
