import { afterAll, beforeAll, expect, it } from 'vitest';
import { startVault, type TestVault } from '../helpers.js';

let v: TestVault;
beforeAll(async () => {
  v = await startVault();
});
afterAll(() => v.close());

it('every §4.1 endpoint and the settings routes are in /openapi.json', async () => {
  const spec = (await v.app.inject({ method: 'GET', url: '/openapi.json' })).json();
  const want: [string, string][] = [
    ['post', '/auth/login'], ['post', '/auth/logout'], ['get', '/auth/verify'], ['post', '/auth/change-password'],
    ['post', '/auth/forgot-password'], ['get', '/auth/verify-reset-token'], ['post', '/auth/reset-password'],
    ['post', '/auth/reset-expired-password'], ['get', '/auth/password-expiry-info'], ['post', '/auth/send-verification-code'],
    ['post', '/auth/verify-email-code'], ['post', '/auth/register'], ['post', '/auth/mfa/verify'], ['post', '/auth/mfa/verify-backup'],
    ['post', '/auth/mfa/disable'], ['get', '/auth/mfa/status'], ['get', '/mfa-status'], ['get', '/auth/mfa/verify-page'],
    ['get', '/api/user/settings'], ['put', '/api/user/settings'],
  ];
  for (const [method, path] of want) expect(spec.paths[path]?.[method], `${method} ${path}`).toBeDefined();
  expect(spec.paths['/auth/login'].post.requestBody.content['application/json'].schema.required).toEqual(['email', 'password']);
});

it('validation errors use the one error shape', async () => {
  const res = await v.app.inject({ method: 'POST', url: '/auth/login', payload: { email: 'not-an-email', password: 'x', extra: 1 } });
  expect(res.statusCode).toBe(400);
  expect(res.json()).toMatchObject({ success: false, data: null, error: { code: 'validation_error' } });
});
