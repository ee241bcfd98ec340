// Issue 22, item 6: session fixation at MFA. Verifying MFA marked the *existing* session verified,
// so whoever held the pre-MFA token or cookie (planted in the victim's browser, or read between the
// password and the code) held a fully verified session once the victim typed their code.
// Completing MFA now issues a new session and revokes the old one, in the same transaction.
import { URI, type TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVault, type TestVault } from '../helpers.js';
import { MailSink } from '../mail/smtp.js';
import { auth, LOOSE_LIMITS, login, register, sessionCookie } from '../auth/helpers.js';

let v: TestVault;
let mail: MailSink;
let clock = new Date('2031-06-06T10:00:05Z');
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
const code = (totp: TOTP) => totp.generate({ timestamp: clock.getTime() });
const sid = (jwt: string) => (JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString()) as { sid: string }).sid;
const projects = (headers: Record<string, string>, cookies?: Record<string, string>) => v.app.inject({ method: 'GET', url: '/api/projects', headers, cookies });

async function mfaUser() {
  const u = await register(v, mail);
  const res = await v.app.inject({ method: 'PUT', url: '/api/user/settings', headers: auth(u.token), payload: { mfa_enabled: true, current_password: u.password } });
  const totp = URI.parse(res.json().data.totp_uri) as TOTP;
  return { ...u, totp, backupCodes: res.json().data.backup_codes as string[] };
}

describe('completing MFA rotates the session (issue 22 item 6)', () => {
  it('the pre-MFA token dies when MFA completes; the new token is a new session', async () => {
    const u = await mfaUser();
    advance(30_000);
    // Confirming enrolment is a completed MFA too: the registration token is replaced.
    const confirmed = await post('/auth/mfa/verify', u.token, { code: code(u.totp) });
    expect(confirmed.statusCode).toBe(200);
    expect((await projects(auth(u.token))).statusCode).toBe(401);
    expect((await projects(auth(confirmed.json().data.token))).statusCode).toBe(200);

    const fixed = (await login(v, u.email, u.password)).json().data.token; // the attacker's copy
    advance(30_000);
    const res = await post('/auth/mfa/verify', fixed, { code: code(u.totp) });
    expect(res.statusCode).toBe(200);
    const fresh = res.json().data.token;
    expect(sid(fresh)).not.toBe(sid(fixed));
    const before = await projects(auth(fixed));
    expect(before.statusCode).toBe(401);
    expect(before.json().error.code).toBe('invalid_token');
    expect((await projects(auth(fresh))).statusCode).toBe(200);
    const rows = (await v.sql.query('SELECT id, revoked_at IS NOT NULL AS revoked, mfa_verified FROM auth_sessions WHERE id = ANY($1)', [[sid(fixed), sid(fresh)]])).rows;
    expect(rows).toEqual(expect.arrayContaining([{ id: sid(fixed), revoked: true, mfa_verified: false }, { id: sid(fresh), revoked: false, mfa_verified: true }]));
    const audit = await v.sql.query("SELECT details FROM audit_log WHERE user_id = $1 AND action = 'mfa_verify' AND outcome = 'success' ORDER BY ingest DESC LIMIT 1", [u.id]);
    expect(audit.rows[0].details).toMatchObject({ session_id: sid(fixed), new_session_id: sid(fresh) });
  });

  it('a fixated cookie is worthless after the form on the verify page completes MFA', async () => {
    const u = await mfaUser();
    advance(30_000);
    expect((await post('/auth/mfa/verify', u.token, { code: code(u.totp) })).statusCode).toBe(200);
    const planted = sessionCookie(await login(v, u.email, u.password))!;
    advance(30_000);
    const form = await v.app.inject({
      method: 'POST', url: '/auth/mfa/verify', cookies: { vault_session: planted },
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: v.config.publicUrl }, payload: `code=${code(u.totp)}`,
    });
    expect(form.statusCode).toBe(303);
    expect(form.headers.location).toBe('/');
    const issued = sessionCookie(form)!;
    expect(issued).not.toBe(planted);
    expect((await projects({}, { vault_session: planted })).statusCode).toBe(401);
    expect((await projects({}, { vault_session: issued })).statusCode).toBe(200);
  });

  it('a backup code rotates the session too, and two racing codes on one session make one session', async () => {
    const u = await mfaUser();
    advance(30_000);
    expect((await post('/auth/mfa/verify', u.token, { code: code(u.totp) })).statusCode).toBe(200);
    const fixed = (await login(v, u.email, u.password)).json().data.token;
    const [a, b] = await Promise.all([
      post('/auth/mfa/verify-backup', fixed, { code: u.backupCodes[0] }),
      post('/auth/mfa/verify-backup', fixed, { code: u.backupCodes[1] }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 401]);
    const winner = a.statusCode === 200 ? a : b;
    const unused = await v.sql.query('SELECT count(*)::int AS n FROM auth_backup_codes WHERE user_id = $1 AND used_at IS NULL', [u.id]);
    expect(unused.rows[0].n).toBe(9); // the loser's code was not spent
    expect((await projects(auth(fixed))).statusCode).toBe(401);
    expect((await projects(auth(winner.json().data.token))).statusCode).toBe(200);
    const live = await v.sql.query('SELECT count(*)::int AS n FROM auth_sessions WHERE user_id = $1 AND revoked_at IS NULL AND mfa_verified', [u.id]);
    expect(live.rows[0].n).toBe(2); // the enrolment's session and the winner's
  });
});
