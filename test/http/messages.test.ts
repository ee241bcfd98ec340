// Messages people understand (issue 29 item 5), each case against a real vault: schema failures in
// words ("must not be empty", never ajv's "must NOT have fewer than 1 characters" or "boolean
// schema is false"), the dashboard saying "Name is required", month 13 as an invalid month and not
// an expired card, an API key sent as a Bearer token told where it goes, and a wrong password at
// MFA set-up not blamed on the email. Ozura's documented sentences stay as they are.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { humanMessage } from '../../src/http/messages.js';
import { fieldSentence } from '../../web/src/ui/sentence.js';
import { LOOSE_LIMITS } from '../auth/helpers.js';
import { startVault, type TestApp, type TestVault, VISA } from '../helpers.js';
import { createUser, type TestUser } from '../users.js';

let v: TestVault;
let shop: TestApp;
let user: TestUser;
beforeAll(async () => {
  v = await startVault({ rateLimits: LOOSE_LIMITS });
  shop = await v.createApp();
  user = await createUser(v, 'dev');
});
afterAll(() => v.close());

const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
const AJV = /must NOT|schema is false|must have required property|must be equal to/;

describe('messages', () => {
  it('an empty project name: "must not be empty" in details, and the dashboard shows "Name is required"', async () => {
    const res = await v.app.inject({ method: 'POST', url: '/api/projects', headers: bearer(user.token), payload: { name: '', environment: 'development' } });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.message).toBe('Invalid value for name');
    expect(body.error.details).toEqual([{ path: '/name', message: 'must not be empty' }]);
    expect(fieldSentence('Name', body.error.details[0].message)).toBe('Name is required');
    expect(fieldSentence('Name', 'must be at most 100 characters')).toBe('Name must be at most 100 characters');
    expect(fieldSentence('Password', 'The password is too weak.')).toBe('The password is too weak.');
  });

  it('schema failures of every kind are said in words, never ajv\'s', async () => {
    const bodies = [
      { environment: 'development' }, // missing name
      { name: 'x'.repeat(500), environment: 'development' },
      { name: 'ok', environment: 'moon' },
      { name: 'ok', environment: 'development', surprise: true },
    ];
    for (const payload of bodies) {
      const res = await v.app.inject({ method: 'POST', url: '/api/projects', headers: bearer(user.token), payload });
      expect(res.statusCode).toBe(400);
      const text = JSON.stringify(res.json());
      if (AJV.test(text)) throw new Error(`ajv's words in ${text}`);
    }
    const missing = await v.app.inject({ method: 'POST', url: '/api/projects', headers: bearer(user.token), payload: { environment: 'development' } });
    expect(missing.json()).toMatchObject({ message: 'Missing required field: name', error: { details: [{ path: '/name', message: 'is required' }] } });
    const moon = await v.app.inject({ method: 'POST', url: '/api/projects', headers: bearer(user.token), payload: { name: 'ok', environment: 'moon' } });
    expect(moon.json().error.details[0].message).toMatch(/^must be one of: .*development/);
  });

  it('humanMessage: a false schema, a type, a pattern and a format, without quoting request data', () => {
    const v1 = (keyword: string, params: Record<string, unknown>) => humanMessage({ keyword, params, instancePath: '/x', schemaPath: '#', message: 'boolean schema is false' });
    expect(v1('false schema', {})).toBe('is not allowed here');
    expect(v1('type', { type: 'integer' })).toBe('must be a whole number');
    expect(v1('pattern', { pattern: '^x$' })).toBe('is not in the expected format');
    expect(v1('format', { format: 'email' })).toBe('must be an email address');
    expect(v1('additionalProperties', { additionalProperty: '4111111111111111' })).not.toContain('4111');
  });

  it.each([
    ['month 13', { expirationMonth: '13' }, 'Invalid value for expirationMonth', 'invalid_expiry'],
    ['month 0', { expirationMonth: '0' }, 'Invalid value for expirationMonth', 'invalid_expiry'],
    ['month "ab"', { expirationMonth: 'ab' }, 'Invalid value for expirationMonth', 'invalid_expiry'],
    // Refused by the item's schema before the expiry rule: the same sentence, as a validation error.
    ['year "20301"', { expirationYear: '20301' }, 'Invalid value for expirationYear', 'validation_error'],
    ['a past date (Ozura\'s words)', { expirationYear: '2001' }, 'Card has expired', 'invalid_expiry'],
  ])('%s → 400 "%s"', async (_, change, message, code) => {
    const res = await v.app.inject({ method: 'POST', url: '/tokenize', headers: shop.headers, payload: { type: 'card', data: { ...VISA, ...change } } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ message, error: { code } });
  });

  it('an API key sent as Authorization: Bearer gets a hint to use X-API-Key', async () => {
    const res = await v.app.inject({ method: 'POST', url: '/tokenize', headers: { ...bearer(shop.apiKey), 'x-pub-key': shop.pubKey }, payload: { type: 'card', data: VISA } });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ message: 'API keys go in the X-API-Key header, not in Authorization: Bearer (that is for dashboard JWTs).', error: { code: 'api_key_required' } });
    expect(res.body).not.toContain(shop.apiKey);
    // A real JWT in the same place still works where JWTs are accepted (hybrid endpoints).
    const jwt = await v.app.inject({ method: 'GET', url: '/api/projects', headers: bearer(user.token) });
    expect(jwt.statusCode).toBe(200);
  });

  it('a wrong password at MFA set-up says the password is wrong, not "the email or password"', async () => {
    const res = await v.app.inject({ method: 'PUT', url: '/api/user/settings', headers: bearer(user.token), payload: { mfa_enabled: true, current_password: 'not-the-password-9' } });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ message: 'The current password is incorrect.', error: { code: 'invalid_credentials' } });
    // Signing in keeps its deliberately vague sentence (it must not reveal which emails exist).
    const login = await v.app.inject({ method: 'POST', url: '/auth/login', payload: { email: user.email, password: 'not-the-password-9' } });
    expect(login.json().message).toBe('The email or password is incorrect.');
  });
});
