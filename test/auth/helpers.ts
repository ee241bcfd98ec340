// Shared steps for the auth tests: register an account through the real mail flow, log in.
import type { RateLimitName } from '../../src/http/ratelimit.js';
import { DEFAULT_RATE_LIMITS, type RateLimitRule } from '../../src/config.js';
import type { TestVault } from '../helpers.js';
import { codeFrom, type MailSink } from '../mail/smtp.js';

export const STRONG = 'violet-canyon-Orbit-7731';
export const STRONG2 = 'marble-Harbor-quietly-8842';
let n = 0;

export function uniqueEmail(prefix = 'user') {
  return `${prefix}${++n}.${Math.random().toString(36).slice(2, 8)}@example.com`;
}

export async function register(v: TestVault, mail: MailSink, email = uniqueEmail(), password = STRONG) {
  const sent = await v.app.inject({ method: 'POST', url: '/auth/send-verification-code', payload: { email } });
  if (sent.statusCode !== 202) throw new Error(`send-verification-code ${sent.statusCode} ${sent.body}`);
  const code = codeFrom(await mail.next(email));
  const verified = await v.app.inject({ method: 'POST', url: '/auth/verify-email-code', payload: { email, code } });
  const verification_token = verified.json().data.verification_token;
  const res = await v.app.inject({ method: 'POST', url: '/auth/register', payload: { email, password, name: 'Test User', verification_token } });
  if (res.statusCode !== 201) throw new Error(`register ${res.statusCode} ${res.body}`);
  return { email, password, id: res.json().data.user.id as string, token: res.json().data.token as string };
}

export async function login(v: TestVault, email: string, password: string) {
  return v.app.inject({ method: 'POST', url: '/auth/login', payload: { email, password } });
}

export const auth = (token: string) => ({ authorization: `Bearer ${token}` });

/** The vault_session cookie value from a response. */
export function sessionCookie(res: { cookies: { name: string; value: string }[] }) {
  return res.cookies.find((c) => c.name === 'vault_session')?.value;
}

/** Every per-IP limit opened wide: suites sign many users in from 127.0.0.1. */
export const LOOSE_LIMITS = Object.fromEntries(
  Object.keys(DEFAULT_RATE_LIMITS).map((name) => [name, { points: 1000, durationSeconds: 60 }]),
) as Record<RateLimitName, RateLimitRule>;
