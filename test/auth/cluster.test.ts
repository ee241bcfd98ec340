// Two vault instances on one database: revocation and the rate-limit budget are shared; both
// agree on one signing key even when they start at the same time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, startVault, testKeyring, type TestVault } from '../helpers.js';
import { MailSink } from '../mail/smtp.js';
import { auth, login, register } from './helpers.js';

let a: TestVault;
let b: TestVault;
let mail: MailSink;

beforeAll(async () => {
  mail = new MailSink();
  const smtpUrl = await mail.start();
  const databaseUrl = await freshDatabase();
  const keyring = testKeyring();
  // Started together: the advisory lock makes them share one signing key.
  [a, b] = await Promise.all([startVault({ smtpUrl, databaseUrl, keyring }), startVault({ smtpUrl, databaseUrl, keyring })]);
});
afterAll(async () => {
  await a.close();
  await b.close();
  await mail.close();
});

describe('two nodes, one database', () => {
  it('a token from one node works on the other; logout on one is refused on the other', async () => {
    const u = await register(a, mail);
    const [ta, tb] = await Promise.all([login(a, u.email, u.password), login(b, u.email, u.password)]);
    const kid = (t: string) => JSON.parse(Buffer.from(t.split('.')[0], 'base64url').toString()).kid;
    expect(kid(ta.json().data.token)).toBe(kid(tb.json().data.token));
    expect((await a.sql.query('SELECT count(*)::int AS n FROM auth_signing_keys')).rows[0].n).toBe(1);

    const token = ta.json().data.token;
    expect((await b.app.inject({ method: 'GET', url: '/auth/verify', headers: auth(token) })).statusCode).toBe(200);
    expect((await a.app.inject({ method: 'POST', url: '/auth/logout', headers: auth(token) })).statusCode).toBe(200);
    const after = await b.app.inject({ method: 'GET', url: '/auth/verify', headers: auth(token) });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('invalid_token');
  });

  it('share the login budget: 5 per 2 minutes per IP across both nodes, then 429', async () => {
    // Two logins were spent by the previous test (one per node).
    const answers = [];
    for (const node of [a, b, a]) answers.push(await login(node, 'nobody@example.com', 'Whatever-password-1'));
    expect(answers.map((r) => r.statusCode)).toEqual([401, 401, 401]);
    expect(answers[2].headers['ratelimit-limit']).toBe('5');
    expect(answers[2].headers['ratelimit-remaining']).toBe('0');

    const over = await login(b, 'nobody@example.com', 'Whatever-password-1');
    expect(over.statusCode).toBe(429);
    const body = over.json();
    expect(body.error.code).toBe('rate_limited');
    expect(body.retry_after_seconds).toBeGreaterThan(100);
    expect(body.retry_after_seconds).toBeLessThanOrEqual(120);
    expect(over.headers['retry-after']).toBe(String(body.retry_after_seconds));
    expect(over.headers['ratelimit-remaining']).toBe('0');
    expect(Number(over.headers['ratelimit-reset'])).toBe(body.retry_after_seconds);
    expect((await login(a, 'nobody@example.com', 'Whatever-password-1')).statusCode).toBe(429);

    // Another client IP has its own budget (inject's remoteAddress).
    const other = await b.app.inject({ method: 'POST', url: '/auth/login', remoteAddress: '10.1.2.3', payload: { email: 'nobody@example.com', password: 'Whatever-password-1' } });
    expect(other.statusCode).toBe(401);
    const { rows } = await a.sql.query("SELECT key FROM auth_rate_limits WHERE key LIKE 'auth_login:%' ORDER BY key");
    expect(rows.map((r) => r.key)).toEqual(['auth_login:10.1.2.3', 'auth_login:127.0.0.1']);
  });
});

describe('limits per route and overrides', () => {
  it('default limits of §4.1 and operator overrides', async () => {
    const w = await startVault({ smtpUrl: a.config.smtpUrl, rateLimits: { verify: { points: 2, durationSeconds: 30 }, forgot_password: { points: 1, durationSeconds: 60 } } });
    try {
      const u = await register(w, mail);
      const codes = [];
      for (let i = 0; i < 3; i++) codes.push((await w.app.inject({ method: 'GET', url: '/auth/verify', headers: auth(u.token) })).statusCode);
      expect(codes).toEqual([200, 200, 429]);
      const f1 = await w.app.inject({ method: 'POST', url: '/auth/forgot-password', payload: { email: u.email } });
      const f2 = await w.app.inject({ method: 'POST', url: '/auth/forgot-password', payload: { email: u.email } });
      expect([f1.statusCode, f2.statusCode]).toEqual([202, 429]);
      expect(f2.headers['retry-after']).toBeDefined();
      // send-verification-code: 5 / hour by default (one spent by register above).
      const sends = [];
      for (let i = 0; i < 5; i++) sends.push((await w.app.inject({ method: 'POST', url: '/auth/send-verification-code', payload: { email: `s${i}@example.com` } })).statusCode);
      expect(sends).toEqual([202, 202, 202, 202, 429]);
      // change-password: 3 / hour by default.
      const changes = [];
      for (let i = 0; i < 4; i++) {
        changes.push((await w.app.inject({ method: 'POST', url: '/auth/change-password', headers: auth(u.token), payload: { current_password: 'Wrong-password-77', new_password: 'x' } })).statusCode);
      }
      expect(changes).toEqual([401, 401, 401, 429]);
    } finally {
      await w.close();
    }
  });
});
