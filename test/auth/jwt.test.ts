// JWT hardening: alg none, HS/RS confusion, changed payload, unknown kid, foreign key, expiry.
import { createHmac, createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVault, type TestVault } from '../helpers.js';
import { MailSink } from '../mail/smtp.js';
import { auth, LOOSE_LIMITS, login, register } from './helpers.js';

let v: TestVault;
let mail: MailSink;
let token: string;
let header: Record<string, unknown>;
let payload: Record<string, unknown>;

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const verify = (t: string) => v.app.inject({ method: 'GET', url: '/auth/verify', headers: auth(t) });
async function refused(t: string) {
  const res = await verify(t);
  expect(res.statusCode).toBe(401);
  expect(res.json().error.code).toBe('invalid_token');
}

beforeAll(async () => {
  mail = new MailSink();
  v = await startVault({ smtpUrl: await mail.start(), rateLimits: LOOSE_LIMITS });
  const u = await register(v, mail);
  token = (await login(v, u.email, u.password)).json().data.token;
  const [h, p] = token.split('.');
  header = JSON.parse(Buffer.from(h, 'base64url').toString());
  payload = JSON.parse(Buffer.from(p, 'base64url').toString());
});
afterAll(async () => {
  await v.close();
  await mail.close();
});

describe('JWT tampering is refused with 401 invalid_token', () => {
  it('the genuine token works', async () => {
    expect((await verify(token)).statusCode).toBe(200);
    expect(header).toMatchObject({ alg: 'EdDSA', typ: 'JWT' });
    const { rows } = await v.sql.query('SELECT private_key, public_jwk FROM auth_signing_keys WHERE kid = $1', [header.kid]);
    expect(rows).toHaveLength(1);
    expect(rows[0].public_jwk.d).toBeUndefined(); // no private part in the clear
    // The stored private key is ciphertext, not a usable PKCS#8 key.
    expect(() => createPrivateKey({ key: rows[0].private_key, format: 'der', type: 'pkcs8' })).toThrow();
  });

  it('alg: none', async () => {
    await refused(`${b64({ alg: 'none', typ: 'JWT', kid: header.kid })}.${b64(payload)}.`);
    await refused(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.`);
  });

  it('HS256 signed with the public key as the secret (key confusion)', async () => {
    const { rows } = await v.sql.query('SELECT public_jwk FROM auth_signing_keys WHERE kid = $1', [header.kid]);
    for (const secret of [Buffer.from(rows[0].public_jwk.x, 'base64url'), Buffer.from(JSON.stringify(rows[0].public_jwk)), Buffer.from(rows[0].public_jwk.x)]) {
      const h = b64({ alg: 'HS256', typ: 'JWT', kid: header.kid });
      const p = b64(payload);
      const sig = createHmac('sha256', secret).update(`${h}.${p}`).digest('base64url');
      await refused(`${h}.${p}.${sig}`);
    }
  });

  it('RS256 with an attacker key under the real kid', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    await refused(await new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: header.kid as string }).sign(privateKey));
  });

  it('changed payload with the original signature', async () => {
    const [h, , s] = token.split('.');
    await refused(`${h}.${b64({ ...payload, sub: 'usr_someoneelse000000' })}.${s}`);
    await refused(`${h}.${b64({ ...payload, mfa_verified: true })}.${s}`);
    await refused(`${h}.${b64({ ...payload, exp: (payload.exp as number) + 3600 })}.${s}`);
  });

  it('unknown kid, and a foreign Ed25519 key under the real kid', async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    await refused(await new SignJWT(payload).setProtectedHeader({ alg: 'EdDSA', kid: 'jwk_doesnotexist000' }).sign(privateKey));
    await refused(await new SignJWT(payload).setProtectedHeader({ alg: 'EdDSA', kid: header.kid as string }).sign(privateKey));
    await refused(await new SignJWT(payload).setProtectedHeader({ alg: 'EdDSA' }).sign(privateKey));
  });

  it('expired, even when validly signed and its session is live', async () => {
    const now = Date.now();
    const expired = await v.app.vault.auth.keys.sign(
      payload,
      new Date(now - 25 * 3600_000),
      new Date(now - 3600_000),
    );
    await refused(expired);
    const fresh = await v.app.vault.auth.keys.sign(payload, new Date(now), new Date(now + 3600_000));
    expect((await verify(fresh)).statusCode).toBe(200);
  });

  it('a valid signature over a session that does not exist', async () => {
    const now = Date.now();
    await refused(await v.app.vault.auth.keys.sign({ ...payload, sid: 'ses_nosuchsession0000' }, new Date(now), new Date(now + 3600_000)));
  });

  it('a malformed Authorization header', async () => {
    const res = await v.app.inject({ method: 'GET', url: '/auth/verify', headers: { authorization: `Token ${token}` } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('invalid_token');
  });
});
