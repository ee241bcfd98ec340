import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVault, type TestVault } from '../helpers.js';
import { codeFrom, MailSink } from '../mail/smtp.js';
import { auth, LOOSE_LIMITS, login, register, sessionCookie, STRONG, uniqueEmail } from './helpers.js';

let v: TestVault;
let mail: MailSink;

beforeAll(async () => {
  mail = new MailSink();
  const smtpUrl = await mail.start();
  v = await startVault({ smtpUrl, rateLimits: LOOSE_LIMITS });
});
afterAll(async () => {
  await v.close();
  await mail.close();
});

describe('registration by email code', () => {
  it('send code → mail → verify → register → token works', async () => {
    const email = uniqueEmail('reg');
    const sent = await v.app.inject({ method: 'POST', url: '/auth/send-verification-code', payload: { email } });
    expect(sent.statusCode).toBe(202);
    const raw = await mail.next(email);
    const code = codeFrom(raw);
    expect(code).toMatch(/^\d{6}$/);

    const bad = await v.app.inject({ method: 'POST', url: '/auth/verify-email-code', payload: { email, code: code === '000000' ? '111111' : '000000' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('invalid_code');

    const ok = await v.app.inject({ method: 'POST', url: '/auth/verify-email-code', payload: { email, code } });
    expect(ok.statusCode).toBe(200);
    const { verification_token } = ok.json().data;
    expect(ok.json().data.verified).toBe(true);

    const weak = await v.app.inject({ method: 'POST', url: '/auth/register', payload: { email, password: 'password1234', name: 'Ada', verification_token } });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.code).toBe('weak_password');
    expect(weak.json().message.length).toBeGreaterThan(5);

    const res = await v.app.inject({ method: 'POST', url: '/auth/register', payload: { email, password: STRONG, name: 'Ada', verification_token } });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.data.user).toMatchObject({ email, name: 'Ada', mfa_enabled: false });
    expect(body.data.user.id).toMatch(/^usr_/);
    expect(sessionCookie(res)).toBe(body.data.token);

    const me = await v.app.inject({ method: 'GET', url: '/auth/verify', headers: auth(body.data.token) });
    expect(me.statusCode).toBe(200);
    expect(me.json().data).toMatchObject({ valid: true, user: { email }, mfa_required: false, mfa_verified: false });

    // The token is single use; the email is taken.
    const again = await v.app.inject({ method: 'POST', url: '/auth/register', payload: { email, password: STRONG, name: 'Ada', verification_token } });
    expect(again.statusCode).toBe(400);
    const audit = await v.sql.query("SELECT action FROM audit_log WHERE event_type = 'auth' AND user_id = $1 ORDER BY ingest", [body.data.user.id]);
    expect(audit.rows.map((r) => r.action)).toEqual(['register', 'login']);
  });

  it('a second registration of the same email is 409 email_taken', async () => {
    const { email } = await register(v, mail);
    await v.app.inject({ method: 'POST', url: '/auth/send-verification-code', payload: { email: email.toUpperCase() } });
    const code = codeFrom(await mail.next(email.toUpperCase()));
    const t = (await v.app.inject({ method: 'POST', url: '/auth/verify-email-code', payload: { email: email.toUpperCase(), code } })).json().data.verification_token;
    const res = await v.app.inject({ method: 'POST', url: '/auth/register', payload: { email: email.toUpperCase(), password: STRONG, name: 'X', verification_token: t } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('email_taken');
  });

  it('a verification token only registers the address it was issued for', async () => {
    const email = uniqueEmail('owner');
    await v.app.inject({ method: 'POST', url: '/auth/send-verification-code', payload: { email } });
    const code = codeFrom(await mail.next(email));
    const t = (await v.app.inject({ method: 'POST', url: '/auth/verify-email-code', payload: { email, code } })).json().data.verification_token;
    const res = await v.app.inject({ method: 'POST', url: '/auth/register', payload: { email: uniqueEmail('thief'), password: STRONG, name: 'T', verification_token: t } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_token');
  });

  it('a code dies after 5 wrong tries', async () => {
    const email = uniqueEmail('tries');
    await v.app.inject({ method: 'POST', url: '/auth/send-verification-code', payload: { email } });
    const code = codeFrom(await mail.next(email));
    const wrong = code === '123456' ? '654321' : '123456';
    for (let i = 0; i < 5; i++) {
      const r = await v.app.inject({ method: 'POST', url: '/auth/verify-email-code', payload: { email, code: wrong } });
      expect(r.statusCode).toBe(400);
    }
    const late = await v.app.inject({ method: 'POST', url: '/auth/verify-email-code', payload: { email, code } });
    expect(late.statusCode).toBe(400);
    expect(late.json().error.code).toBe('invalid_code');
  });

  it('password policy: length, email, zxcvbn', async () => {
    const email = uniqueEmail('policy');
    await v.app.inject({ method: 'POST', url: '/auth/send-verification-code', payload: { email } });
    const code = codeFrom(await mail.next(email));
    const t = (await v.app.inject({ method: 'POST', url: '/auth/verify-email-code', payload: { email, code } })).json().data.verification_token;
    for (const password of ['Short1!', 'x'.repeat(129), email, 'qwertyuiop12', 'iloveyou2024']) {
      const r = await v.app.inject({ method: 'POST', url: '/auth/register', payload: { email, password, name: 'P', verification_token: t } });
      expect(r.statusCode, password).toBe(400);
      expect(r.json().error.code).toBe('weak_password');
    }
  });
});

describe('login, verify, logout', () => {
  it('Bearer: login → verify → logout → the token is refused', async () => {
    const u = await register(v, mail);
    const res = await login(v, u.email, u.password);
    expect(res.statusCode).toBe(200);
    const data = res.json().data;
    expect(data).toMatchObject({ user: { email: u.email }, mfa_required: false, mfa_enabled: false, mfa_verified: false });
    expect(new Date(data.expires_at).getTime() - Date.now()).toBeGreaterThan(23.9 * 3600_000);
    const c = res.cookies.find((x) => x.name === 'vault_session')!;
    expect(c).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/', maxAge: 900 });

    const [h, p] = data.token.split('.');
    expect(JSON.parse(Buffer.from(h, 'base64url').toString())).toMatchObject({ alg: 'EdDSA', kid: expect.any(String) });
    expect(JSON.parse(Buffer.from(p, 'base64url').toString())).toMatchObject({ sub: u.id, email: u.email, sid: expect.stringMatching(/^ses_/) });

    const ok = await v.app.inject({ method: 'GET', url: '/auth/verify', headers: auth(data.token) });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().data.session.id).toMatch(/^ses_/);
    expect(ok.cookies.length).toBe(0); // Bearer use does not set cookies

    const out = await v.app.inject({ method: 'POST', url: '/auth/logout', headers: auth(data.token) });
    expect(out.statusCode).toBe(200);
    const after = await v.app.inject({ method: 'GET', url: '/auth/verify', headers: auth(data.token) });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('invalid_token');
  });

  it('cookie: verify re-issues the cookie; writes need the Origin; logout clears it', async () => {
    const u = await register(v, mail);
    const res = await login(v, u.email, u.password);
    const cookie = sessionCookie(res)!;
    const ok = await v.app.inject({ method: 'GET', url: '/auth/verify', cookies: { vault_session: cookie } });
    expect(ok.statusCode).toBe(200);
    expect(ok.cookies.find((c) => c.name === 'vault_session')).toMatchObject({ value: cookie, maxAge: 900, httpOnly: true });

    const noOrigin = await v.app.inject({ method: 'POST', url: '/auth/logout', cookies: { vault_session: cookie } });
    expect(noOrigin.statusCode).toBe(403);
    expect(noOrigin.json().error.code).toBe('csrf_failed');
    const evil = await v.app.inject({ method: 'POST', url: '/auth/logout', cookies: { vault_session: cookie }, headers: { origin: 'https://evil.example' } });
    expect(evil.json().error.code).toBe('csrf_failed');

    const out = await v.app.inject({ method: 'POST', url: '/auth/logout', cookies: { vault_session: cookie }, headers: { origin: v.config.publicUrl } });
    expect(out.statusCode).toBe(200);
    const cleared = out.cookies.find((c) => c.name === 'vault_session')!;
    expect(cleared.value).toBe('');
    const after = await v.app.inject({ method: 'GET', url: '/auth/verify', cookies: { vault_session: cookie } });
    expect(after.statusCode).toBe(401);
  });

  it('no credentials → 401 authentication_required; garbage → 401 invalid_token', async () => {
    const none = await v.app.inject({ method: 'GET', url: '/auth/verify' });
    expect(none.statusCode).toBe(401);
    expect(none.json().error.code).toBe('authentication_required');
    const junk = await v.app.inject({ method: 'GET', url: '/auth/verify', headers: auth('not.a.jwt') });
    expect(junk.json().error.code).toBe('invalid_token');
  });

  it('same body for unknown email and wrong password (no user enumeration), similar time', async () => {
    const u = await register(v, mail);
    const wrong = await login(v, u.email, 'Wrong-password-123456');
    const unknown = await login(v, uniqueEmail('ghost'), 'Wrong-password-123456');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    const strip = (b: { error: { request_id: string } }) => ({ ...b, error: { ...b.error, request_id: 'x' } });
    expect(strip(wrong.json())).toEqual(strip(unknown.json()));
    expect(wrong.json().error.code).toBe('invalid_credentials');
    // Both paths run one argon2 verification: compare medians of a few tries each.
    const known: number[] = [];
    const ghost: number[] = [];
    const ghostEmail = uniqueEmail('ghost');
    for (let i = 0; i < 7; i++) {
      for (const [email, into] of [[u.email, known], [ghostEmail, ghost]] as const) {
        const t0 = performance.now();
        await login(v, email, 'Wrong-password-123456');
        into.push(performance.now() - t0);
      }
    }
    const med = (xs: number[]) => xs.sort((x, y) => x - y)[3];
    const a = med(known);
    const b = med(ghost);
    console.log(`login failure latency (median of 7, interleaved): known email ${a.toFixed(1)} ms, unknown email ${b.toFixed(1)} ms`);
    expect(Math.max(a, b) / Math.min(a, b)).toBeLessThan(2.5);
  });

  it('change password revokes other sessions but keeps this one', async () => {
    const u = await register(v, mail);
    const s1 = (await login(v, u.email, u.password)).json().data.token;
    const s2 = (await login(v, u.email, u.password)).json().data.token;
    const wrong = await v.app.inject({ method: 'POST', url: '/auth/change-password', headers: auth(s1), payload: { current_password: 'nope-nope-nope-1', new_password: 'river-Lantern-gravel-5519' } });
    expect(wrong.statusCode).toBe(401);
    const res = await v.app.inject({ method: 'POST', url: '/auth/change-password', headers: auth(s1), payload: { current_password: u.password, new_password: 'river-Lantern-gravel-5519' } });
    expect(res.statusCode).toBe(200);
    expect((await v.app.inject({ method: 'GET', url: '/auth/verify', headers: auth(s1) })).statusCode).toBe(200);
    expect((await v.app.inject({ method: 'GET', url: '/auth/verify', headers: auth(s2) })).statusCode).toBe(401);
    expect((await login(v, u.email, u.password)).statusCode).toBe(401);
    expect((await login(v, u.email, 'river-Lantern-gravel-5519')).statusCode).toBe(200);
  });

  it('user settings: read and rename', async () => {
    const u = await register(v, mail);
    const get = await v.app.inject({ method: 'GET', url: '/api/user/settings', headers: auth(u.token) });
    expect(get.json().data).toMatchObject({ email: u.email, name: 'Test User', mfa_enabled: false, mfa_pending: false });
    const put = await v.app.inject({ method: 'PUT', url: '/api/user/settings', headers: auth(u.token), payload: { name: 'Grace' } });
    expect(put.json().data.name).toBe('Grace');
    expect(put.json().data.totp_uri).toBeUndefined();
  });
});
