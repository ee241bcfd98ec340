// Lockout, reset through mail, and expiry with a controlled clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVault, type TestVault } from '../helpers.js';
import { decodeMail, MailSink, resetTokenFrom } from '../mail/smtp.js';
import { auth, LOOSE_LIMITS, login, register, STRONG, STRONG2 } from './helpers.js';

let v: TestVault;
let mail: MailSink;
let clock = new Date('2030-01-01T00:00:00Z');

beforeAll(async () => {
  mail = new MailSink();
  v = await startVault({ smtpUrl: await mail.start(), rateLimits: LOOSE_LIMITS, now: () => clock, passwordMaxAgeDays: 90 });
});
afterAll(async () => {
  await v.close();
  await mail.close();
});

const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};

describe('lockout', () => {
  it('10 failures lock the account for 15 minutes, even for the right password', async () => {
    const u = await register(v, mail);
    for (let i = 1; i <= 9; i++) {
      const r = await login(v, u.email, 'Not-the-password-42!');
      expect(r.statusCode).toBe(401);
    }
    const tenth = await login(v, u.email, 'Not-the-password-42!');
    expect(tenth.statusCode).toBe(403);
    expect(tenth.json().error.code).toBe('account_locked');
    const right = await login(v, u.email, u.password);
    expect(right.statusCode).toBe(403);
    expect(right.json().error.code).toBe('account_locked');
    advance(14 * 60_000);
    expect((await login(v, u.email, u.password)).statusCode).toBe(403);
    advance(61_000);
    expect((await login(v, u.email, u.password)).statusCode).toBe(200);
    const { rows } = await v.sql.query("SELECT action, outcome FROM audit_log WHERE user_id = $1 AND action = 'account_locked'", [u.id]);
    expect(rows).toHaveLength(1);
  });

  it('an email with no account locks the same way, so the lockout does not reveal which emails exist', async () => {
    const known = await register(v, mail);
    const unknown = `Nobody.${Date.now()}@Example.com`;
    const answers = async (email: string) => {
      const out: Array<[number, string]> = [];
      for (let i = 1; i <= 11; i++) {
        const r = await login(v, email, 'Not-the-password-42!');
        out.push([r.statusCode, r.json().error.code]);
      }
      return out;
    };
    const forKnown = await answers(known.email);
    const forUnknown = await answers(unknown);
    expect(forUnknown).toEqual(forKnown);
    expect(forUnknown.slice(8)).toEqual([[401, 'invalid_credentials'], [403, 'account_locked'], [403, 'account_locked']]);
    // Case does not give a fresh counter; the lock ends on time like an account's.
    expect((await login(v, unknown.toLowerCase(), 'x')).json().error.code).toBe('account_locked');
    advance(15 * 60_000 + 1000);
    expect((await login(v, unknown, 'Not-the-password-42!')).json().error.code).toBe('invalid_credentials');
    const audit = await v.sql.query(
      "SELECT user_id, details FROM audit_log WHERE action = 'account_locked' AND details->>'email' = $1",
      [unknown],
    );
    expect(audit.rows).toEqual([{ user_id: null, details: expect.objectContaining({ email: unknown, failures: 10 }) }]);
    // The swept table forgets it a day after its last use.
    advance(25 * 3600_000);
    await v.app.vault.auth.sweep();
    expect((await v.sql.query('SELECT count(*)::int AS n FROM auth_unknown_failures WHERE email = lower($1)', [unknown])).rows[0].n).toBe(0);
  });
});

describe('password reset through mail', () => {
  it('forgot → mail → verify token → reset → all sessions revoked, token single use', async () => {
    const u = await register(v, mail);
    const session = (await login(v, u.email, u.password)).json().data.token;

    const unknown = await v.app.inject({ method: 'POST', url: '/auth/forgot-password', payload: { email: 'nobody@example.com' } });
    expect(unknown.statusCode).toBe(202);
    const res = await v.app.inject({ method: 'POST', url: '/auth/forgot-password', payload: { email: u.email } });
    expect(res.statusCode).toBe(202);
    expect(res.body).toBe(unknown.body.replace(/"request_id":"[^"]*"/, '')); // both `{"success":true,"data":{}}`
    const raw = await mail.next(u.email);
    expect(decodeMail(raw)).toContain('/reset-password?token=');
    const token = resetTokenFrom(raw);

    const check = await v.app.inject({ method: 'GET', url: `/auth/verify-reset-token?token=${token}` });
    expect(check.statusCode).toBe(200);
    expect(check.json().data).toEqual({ valid: true, email_hint: `${u.email[0]}***@example.com` });
    const bogus = await v.app.inject({ method: 'GET', url: '/auth/verify-reset-token?token=nope' });
    expect(bogus.statusCode).toBe(400);
    expect(bogus.json().error.code).toBe('invalid_token');

    const weak = await v.app.inject({ method: 'POST', url: '/auth/reset-password', payload: { token, new_password: 'short' } });
    expect(weak.json().error.code).toBe('weak_password');
    const done = await v.app.inject({ method: 'POST', url: '/auth/reset-password', payload: { token, new_password: STRONG2 } });
    expect(done.statusCode).toBe(200);
    const again = await v.app.inject({ method: 'POST', url: '/auth/reset-password', payload: { token, new_password: STRONG2 + 'x' } });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('invalid_token');

    expect((await v.app.inject({ method: 'GET', url: '/auth/verify', headers: auth(session) })).statusCode).toBe(401);
    expect((await login(v, u.email, u.password)).statusCode).toBe(401);
    expect((await login(v, u.email, STRONG2)).statusCode).toBe(200);
    const { rows } = await v.sql.query("SELECT details::text FROM audit_log WHERE user_id = $1 AND action = 'password_reset'", [u.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0].details).not.toContain(token);
  });

  // Issue 22, item 7: a reset link read from the mailbox (or a forgotten tab) stayed good for its
  // hour after the owner changed the password, and undid the change.
  it('a password change deletes outstanding reset links (issue 22 item 7)', async () => {
    const u = await register(v, mail);
    await v.app.inject({ method: 'POST', url: '/auth/forgot-password', payload: { email: u.email } });
    const stolen = resetTokenFrom(await mail.next(u.email));
    const changed = await v.app.inject({ method: 'POST', url: '/auth/change-password', headers: auth(u.token), payload: { current_password: u.password, new_password: STRONG2 } });
    expect(changed.statusCode).toBe(200);
    expect((await v.app.inject({ method: 'GET', url: `/auth/verify-reset-token?token=${stolen}` })).statusCode).toBe(400);
    const reset = await v.app.inject({ method: 'POST', url: '/auth/reset-password', payload: { token: stolen, new_password: 'attacker-Chosen-pass-9913' } });
    expect(reset.statusCode).toBe(400);
    expect(reset.json().error.code).toBe('invalid_token');
    expect((await login(v, u.email, STRONG2)).statusCode).toBe(200);
    const left = await v.sql.query('SELECT count(*)::int AS n FROM auth_tokens WHERE user_id = $1 AND used_at IS NULL', [u.id]);
    expect(left.rows[0].n).toBe(0);
  });

  it('a reset token expires after one hour', async () => {
    const u = await register(v, mail);
    await v.app.inject({ method: 'POST', url: '/auth/forgot-password', payload: { email: u.email } });
    const token = resetTokenFrom(await mail.next(u.email));
    advance(3601_000);
    const res = await v.app.inject({ method: 'POST', url: '/auth/reset-password', payload: { token, new_password: STRONG2 } });
    expect(res.statusCode).toBe(400);
  });
});

describe('password expiry (controlled clock)', () => {
  it('expiry info, then 403 password_expired with a reset token, then reset-expired-password logs in', async () => {
    const u = await register(v, mail);
    const info = await v.app.inject({ method: 'GET', url: '/auth/password-expiry-info', headers: auth(u.token) });
    expect(info.json().data).toMatchObject({ expired: false, days_remaining: 90, max_age_days: 90 });
    advance(89 * 86_400_000);
    const later = await login(v, u.email, u.password);
    expect(later.statusCode).toBe(200);
    const info2 = await v.app.inject({ method: 'GET', url: '/auth/password-expiry-info', headers: auth(later.json().data.token) });
    expect(info2.json().data).toMatchObject({ expired: false, days_remaining: 1 });
    advance(86_400_000 + 1000);

    const expired = await login(v, u.email, u.password);
    expect(expired.statusCode).toBe(403);
    expect(expired.json().error.code).toBe('password_expired');
    const resetToken = expired.json().error.password_reset_token;
    expect(resetToken).toEqual(expect.any(String));

    const wrong = await v.app.inject({ method: 'POST', url: '/auth/reset-expired-password', payload: { token: resetToken, current_password: 'Wrong-pass-12345!', new_password: STRONG2 } });
    expect(wrong.statusCode).toBe(401);
    const same = await v.app.inject({ method: 'POST', url: '/auth/reset-expired-password', payload: { token: resetToken, current_password: u.password, new_password: u.password } });
    expect(same.json().error.code).toBe('weak_password');
    const ok = await v.app.inject({ method: 'POST', url: '/auth/reset-expired-password', payload: { token: resetToken, current_password: u.password, new_password: STRONG2 } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().data).toMatchObject({ user: { email: u.email }, mfa_verified: false });
    expect(ok.cookies.find((c) => c.name === 'vault_session')).toBeTruthy();
    expect((await v.app.inject({ method: 'GET', url: '/auth/verify', headers: auth(ok.json().data.token) })).statusCode).toBe(200);
    expect((await login(v, u.email, STRONG2)).statusCode).toBe(200);
  });

  it('the JWT expires after 24 h and the cookie after 15 idle minutes', async () => {
    const u = await register(v, mail);
    const res = await login(v, u.email, u.password);
    const token = res.json().data.token;
    const cookie = res.cookies.find((c) => c.name === 'vault_session')!.value;
    advance(10 * 60_000);
    expect((await v.app.inject({ method: 'GET', url: '/auth/verify', cookies: { vault_session: cookie } })).statusCode).toBe(200);
    advance(10 * 60_000); // 20 min after login, 10 after the last use: the window slid
    expect((await v.app.inject({ method: 'GET', url: '/auth/verify', cookies: { vault_session: cookie } })).statusCode).toBe(200);
    advance(16 * 60_000);
    expect((await v.app.inject({ method: 'GET', url: '/auth/verify', cookies: { vault_session: cookie } })).statusCode).toBe(401);
    // The Bearer token is not bound to the cookie window.
    expect((await v.app.inject({ method: 'GET', url: '/auth/verify', headers: auth(token) })).statusCode).toBe(200);
    advance(24 * 3600_000);
    const late = await v.app.inject({ method: 'GET', url: '/auth/verify', headers: auth(token) });
    expect(late.statusCode).toBe(401);
    expect(late.json().error.code).toBe('invalid_token');
  });

  it('PASSWORD_MAX_AGE_DAYS=0 means never', async () => {
    const w = await startVault({ passwordMaxAgeDays: 0, rateLimits: LOOSE_LIMITS, databaseUrl: v.config.databaseUrl, keyring: v.config.keyring, now: () => clock, smtpUrl: v.config.smtpUrl });
    try {
      const u = await register(w, mail);
      advance(1000 * 86_400_000);
      const r = await login(w, u.email, STRONG);
      expect(r.statusCode).toBe(200);
      const info = await w.app.inject({ method: 'GET', url: '/auth/password-expiry-info', headers: auth(r.json().data.token) });
      expect(info.json().data).toMatchObject({ expires_at: null, days_remaining: null, expired: false, max_age_days: 0 });
    } finally {
      await w.close();
    }
  });
});
