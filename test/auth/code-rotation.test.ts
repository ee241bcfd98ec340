// Email codes are HMAC'd under the active master key. A node that has already rotated to a new
// key must still accept a code another node (or itself, a minute ago) sent under the old one.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseKeyring } from '../../src/crypto/keyring.js';
import { startVault, type TestVault } from '../helpers.js';
import { codeFrom, MailSink } from '../mail/smtp.js';
import { LOOSE_LIMITS, uniqueEmail } from './helpers.js';

let mail: MailSink;
let before: TestVault;
let after: TestVault;

beforeAll(async () => {
  mail = new MailSink();
  const smtpUrl = await mail.start();
  const old = `t1:${randomBytes(32).toString('base64')}`;
  before = await startVault({ smtpUrl, rateLimits: LOOSE_LIMITS, keyring: parseKeyring(old) });
  const rotated = parseKeyring(`k2:${randomBytes(32).toString('base64')},${old}`);
  after = await startVault({ smtpUrl, rateLimits: LOOSE_LIMITS, databaseUrl: before.config.databaseUrl, keyring: rotated });
});
afterAll(async () => {
  await after?.close();
  await before?.close();
  await mail?.close();
});

const send = (v: TestVault, email: string) => v.app.inject({ method: 'POST', url: '/auth/send-verification-code', payload: { email } });
const verify = (v: TestVault, email: string, code: string) => v.app.inject({ method: 'POST', url: '/auth/verify-email-code', payload: { email, code } });

describe('email codes across a master-key rotation', () => {
  it('a code sent under the old key verifies on a node that rotated', async () => {
    const email = uniqueEmail('rot');
    expect((await send(before, email)).statusCode).toBe(202);
    const code = codeFrom(await mail.next(email));
    const wrong = code === '000000' ? '111111' : '000000';
    expect((await verify(after, email, wrong)).json().error.code).toBe('invalid_code');
    const ok = await verify(after, email, code);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().data.verification_token).toEqual(expect.any(String));
  });

  it('a code sent under the new key does not verify where only the old key is known', async () => {
    const email = uniqueEmail('rot');
    expect((await send(after, email)).statusCode).toBe(202);
    const code = codeFrom(await mail.next(email));
    expect((await verify(before, email, code)).json().error.code).toBe('invalid_code');
    expect((await verify(after, email, code)).statusCode).toBe(200);
  });
});
