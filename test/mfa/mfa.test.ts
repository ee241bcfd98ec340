// TOTP MFA: enrolment through settings, enforcement, ±1 step, replay, backup codes, the verify
// page, project require_mfa. The clock is controlled, so TOTP steps are deterministic.
import { URI, type TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVault, type TestVault } from '../helpers.js';
import { MailSink } from '../mail/smtp.js';
import { auth, LOOSE_LIMITS, login, register, sessionCookie } from '../auth/helpers.js';

let v: TestVault;
let mail: MailSink;
let clock = new Date('2031-03-03T10:00:05Z');
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

const code = (totp: TOTP, offsetSteps = 0) => totp.generate({ timestamp: clock.getTime() + offsetSteps * 30_000 });
const post = (url: string, token: string, payload: object) => v.app.inject({ method: 'POST', url, headers: auth(token), payload });

async function enrol(token: string, password: string) {
  const res = await v.app.inject({ method: 'PUT', url: '/api/user/settings', headers: auth(token), payload: { mfa_enabled: true, current_password: password } });
  expect(res.statusCode).toBe(200);
  const { totp_uri, backup_codes } = res.json().data;
  return { totp: URI.parse(totp_uri) as TOTP, backupCodes: backup_codes as string[], body: res.json().data };
}

describe('TOTP MFA', () => {
  it('enrol → confirm → login → 403 mfa_required → verify → 200; replay refused; ±1 step', async () => {
    const u = await register(v, mail);
    const noPw = await v.app.inject({ method: 'PUT', url: '/api/user/settings', headers: auth(u.token), payload: { mfa_enabled: true } });
    expect(noPw.statusCode).toBe(400);
    const badPw = await v.app.inject({ method: 'PUT', url: '/api/user/settings', headers: auth(u.token), payload: { mfa_enabled: true, current_password: 'Wrong-password-999' } });
    expect(badPw.statusCode).toBe(401);

    const { totp, backupCodes, body } = await enrol(u.token, u.password);
    expect(body.totp_uri).toMatch(/^otpauth:\/\/totp\//);
    expect(backupCodes).toHaveLength(10);
    expect(new Set(backupCodes).size).toBe(10);
    expect(body).toMatchObject({ mfa_enabled: false, mfa_pending: true });
    const { rows } = await v.sql.query('SELECT mfa_secret, (SELECT array_agg(code_hash) FROM auth_backup_codes WHERE user_id = $1) AS hashes FROM users WHERE id = $1', [u.id]);
    expect(rows[0].mfa_secret.toString('latin1')).not.toContain(totp.secret.base32);
    expect(rows[0].hashes.map((h: Buffer) => h.toString('utf8'))).not.toContain(backupCodes[0]);

    const status0 = await v.app.inject({ method: 'GET', url: '/mfa-status', headers: auth(u.token) });
    expect(status0.json().data).toEqual({ enabled: false, pending: true, mfa_required: false, mfa_verified: false, backup_codes_remaining: 10 });

    const wrong = await post('/auth/mfa/verify', u.token, { code: code(totp, 5) });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('invalid_code');
    const first = code(totp);
    const confirm = await post('/auth/mfa/verify', u.token, { code: first });
    expect(confirm.statusCode).toBe(200);
    expect(confirm.json().data.mfa_verified).toBe(true);
    // Replayed in the session the confirmation issued (the registration token was revoked by it).
    const replay = await post('/auth/mfa/verify', confirm.json().data.token, { code: first });
    expect(replay.statusCode).toBe(400);
    expect(replay.json().error.code).toBe('invalid_code');

    // A new login must verify again.
    const li = await login(v, u.email, u.password);
    expect(li.json().data).toMatchObject({ mfa_required: true, mfa_enabled: true, mfa_verified: false });
    const t = li.json().data.token;
    const blocked = await post('/auth/change-password', t, { current_password: u.password, new_password: 'anything-Else-42-x' });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('mfa_required');
    for (const url of ['/auth/verify', '/mfa-status', '/auth/mfa/status', '/api/user/settings', '/auth/password-expiry-info']) {
      expect((await v.app.inject({ method: 'GET', url, headers: auth(t) })).statusCode, url).toBe(200);
    }
    // The code of the step already used is refused even on another session (replay).
    expect((await post('/auth/mfa/verify', t, { code: first })).statusCode).toBe(400);

    advance(30_000);
    const next = code(totp, 1); // one step ahead: within the ±1 window
    const ok = await post('/auth/mfa/verify', t, { code: next });
    expect(ok.statusCode).toBe(200);
    const verified = ok.json().data.token;
    const claims = JSON.parse(Buffer.from(verified.split('.')[1], 'base64url').toString());
    expect(claims).toMatchObject({ mfa_required: true, mfa_enabled: true, mfa_verified: true, sub: u.id });
    const nowAllowed = await post('/auth/change-password', verified, { current_password: 'Wrong-password-999', new_password: 'anything-Else-42-x' });
    expect(nowAllowed.statusCode).toBe(401); // past the MFA gate: the password check answers

    advance(90_000);
    const stale = await login(v, u.email, u.password);
    expect((await post('/auth/mfa/verify', stale.json().data.token, { code: code(totp, -2) })).statusCode).toBe(400); // two steps old
    expect((await post('/auth/mfa/verify', stale.json().data.token, { code: code(totp, -1) })).statusCode).toBe(200);

    const audit = await v.sql.query("SELECT action, outcome FROM audit_log WHERE user_id = $1 AND action LIKE 'mfa%' ORDER BY ingest", [u.id]);
    expect(audit.rows.map((r) => `${r.action}:${r.outcome}`)).toEqual([
      'mfa_enable:failure', 'mfa_enable:success', 'mfa_verify:failure', 'mfa_enable:success', 'mfa_verify:success', 'mfa_verify:failure', 'mfa_verify:failure',
      'mfa_verify:success', 'mfa_verify:failure', 'mfa_verify:success',
    ]);
  });

  it('backup codes are single use; disable needs a valid code', async () => {
    const u = await register(v, mail);
    const { totp, backupCodes } = await enrol(u.token, u.password);
    advance(30_000);
    expect((await post('/auth/mfa/verify', u.token, { code: code(totp) })).statusCode).toBe(200);

    const s1 = (await login(v, u.email, u.password)).json().data.token;
    const used = await post('/auth/mfa/verify-backup', s1, { code: backupCodes[3].toUpperCase() });
    expect(used.statusCode).toBe(200);
    expect(used.json().data).toMatchObject({ mfa_verified: true, backup_codes_remaining: 9 });
    const s2 = (await login(v, u.email, u.password)).json().data.token;
    const again = await post('/auth/mfa/verify-backup', s2, { code: backupCodes[3] });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('invalid_code');
    expect((await v.app.inject({ method: 'GET', url: '/mfa-status', headers: auth(s2) })).json().data).toMatchObject({ mfa_verified: false, backup_codes_remaining: 9 });
    const audit = await v.sql.query("SELECT details::text FROM audit_log WHERE user_id = $1 AND action = 'mfa_backup_used'", [u.id]);
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0].details).not.toContain(backupCodes[3]);

    const noDisable = await post('/auth/mfa/disable', s2, { code: '000000' });
    expect(noDisable.statusCode).toBe(400);
    advance(30_000);
    expect((await post('/auth/mfa/disable', s2, { code: code(totp) })).statusCode).toBe(200);
    const after = (await login(v, u.email, u.password)).json().data;
    expect(after).toMatchObject({ mfa_required: false, mfa_enabled: false });
  });

  it('a project with require_mfa forces its members to enrol', async () => {
    const u = await register(v, mail);
    await v.sql.query("INSERT INTO projects (id, name, environment, require_mfa) VALUES ('prj_strict0000000001', 'strict', 'production', true)");
    await v.sql.query("INSERT INTO project_members (project_id, user_id, role) VALUES ('prj_strict0000000001', $1, 'developer')", [u.id]);
    const t = (await login(v, u.email, u.password)).json().data;
    expect(t).toMatchObject({ mfa_required: true, mfa_enabled: false, mfa_verified: false });
    const blocked = await post('/auth/change-password', t.token, { current_password: u.password, new_password: 'anything-Else-42-x' });
    expect(blocked.json().error.code).toBe('mfa_required');
    const { totp } = await enrol(t.token, u.password);
    advance(30_000);
    const verified = await post('/auth/mfa/verify', t.token, { code: code(totp) });
    expect(verified.statusCode).toBe(200);
    const allowed = await post('/auth/change-password', verified.json().data.token, { current_password: 'Wrong-password-999', new_password: 'anything-Else-42-x' });
    expect(allowed.statusCode).toBe(401);
  });

  it('the verify page is plain HTML with no script and completes verification with the cookie', async () => {
    const page = await v.app.inject({ method: 'GET', url: '/auth/mfa/verify-page' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('<form method="post" action="/auth/mfa/verify">');
    expect(page.body).not.toMatch(/<script|onload=|onclick=|javascript:/i);
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'");

    const u = await register(v, mail);
    const { totp } = await enrol(u.token, u.password);
    advance(30_000);
    expect((await post('/auth/mfa/verify', u.token, { code: code(totp) })).statusCode).toBe(200);
    const li = await login(v, u.email, u.password);
    const cookie = sessionCookie(li)!;
    const form = (c: string, origin?: string) =>
      v.app.inject({
        method: 'POST',
        url: '/auth/mfa/verify',
        cookies: { vault_session: cookie },
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...(origin ? { origin } : {}) },
        payload: `code=${c}`,
      });
    const noOrigin = await form('123456');
    expect(noOrigin.statusCode).toBe(303);
    expect(noOrigin.headers.location).toBe('/auth/mfa/verify-page?error=csrf_failed');
    advance(30_000);
    const bad = await form(code(totp, 3), v.config.publicUrl);
    expect(bad.headers.location).toBe('/auth/mfa/verify-page?error=invalid_code');
    const withError = await v.app.inject({ method: 'GET', url: '/auth/mfa/verify-page?error=invalid_code' });
    expect(withError.body).toContain('role="alert"');
    const good = await form(code(totp), v.config.publicUrl);
    expect(good.statusCode).toBe(303);
    expect(good.headers.location).toBe('/');
    const newCookie = sessionCookie(good)!;
    const st = await v.app.inject({ method: 'GET', url: '/mfa-status', cookies: { vault_session: newCookie } });
    expect(st.json().data).toMatchObject({ enabled: true, mfa_verified: true });
  });
});
