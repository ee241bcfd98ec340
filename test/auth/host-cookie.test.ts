// Issue 22, item 6 (second half): where the session cookie is Secure it is named
// `__Host-vault_session`. Browsers accept a `__Host-` cookie only with Secure, Path=/ and no
// Domain, from a secure origin — so a sibling subdomain or a plain-http page cannot plant
// (fixate) or overwrite the session cookie. Without COOKIE_SECURE the name stays `vault_session`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVault, type TestVault } from '../helpers.js';
import { createUser } from '../users.js';
import { LOOSE_LIMITS } from './helpers.js';

const HOST = '__Host-vault_session';
let v: TestVault;
beforeAll(async () => {
  v = await startVault({ cookieSecure: true, publicUrl: 'https://vault.example.com', rateLimits: LOOSE_LIMITS });
});
afterAll(() => v.close());

const loginAs = (email: string, password: string) => v.app.inject({ method: 'POST', url: '/auth/login', payload: { email, password } });

describe('__Host- session cookie where COOKIE_SECURE holds (issue 22 item 6)', () => {
  it('login sets __Host-vault_session with Secure, Path=/ and no Domain, and only that name authenticates', async () => {
    const u = await createUser(v, 'host');
    const res = await loginAs(u.email, u.password);
    expect(res.cookies.map((c) => c.name)).toEqual([HOST]);
    const raw = String(res.headers['set-cookie']);
    expect(raw).toMatch(/^__Host-vault_session=[^;]+; /);
    expect(raw).toMatch(/; Secure/);
    expect(raw).toMatch(/; Path=\/(;|$)/);
    expect(raw).not.toMatch(/Domain=/i);
    const jwt = res.cookies[0].value;

    const ok = await v.app.inject({ method: 'GET', url: '/auth/verify', cookies: { [HOST]: jwt } });
    expect(ok.statusCode).toBe(200);
    expect(ok.cookies.map((c) => c.name)).toEqual([HOST]); // the sliding re-issue keeps the name
    // A cookie without the prefix could have been set by a subdomain or over http: not read.
    const plain = await v.app.inject({ method: 'GET', url: '/auth/verify', cookies: { vault_session: jwt } });
    expect(plain.statusCode).toBe(401);
    expect(plain.json().error.code).toBe('authentication_required');

    const out = await v.app.inject({ method: 'POST', url: '/auth/logout', cookies: { [HOST]: jwt }, headers: { origin: 'https://vault.example.com' } });
    expect(out.statusCode).toBe(200);
    expect(out.cookies.find((c) => c.name === HOST)?.value).toBe('');
  });

  it('the cookie also stands in for the API key on /tokenize under its __Host- name', async () => {
    const u = await createUser(v, 'hybrid');
    const jwt = (await loginAs(u.email, u.password)).cookies[0].value;
    const res = await v.app.inject({ method: 'POST', url: '/tokenize', cookies: { [HOST]: jwt }, headers: { origin: 'https://vault.example.com' }, payload: { type: 'card', data: {} } });
    // Read as the user's JWT, which then needs a pub key to name the project — not "API key required".
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([expect.objectContaining({ path: '/headers/x-pub-key' })]);
  });
});
