// Users for management tests: a row with a real argon2id hash, then a real POST /auth/login.
import { randomBytes } from 'node:crypto';
import { hashPassword } from '../src/auth/passwords.js';
import { newId } from '../src/lib/random.js';
import type { TestVault } from './helpers.js';

export interface TestUser {
  id: string;
  email: string;
  password: string;
  token: string;
  auth: { authorization: string };
}

const PASSWORD = 'correct horse battery staple 42';
let hash: Promise<string> | null = null;

export async function createUser(v: TestVault, label = 'user'): Promise<TestUser> {
  hash ??= hashPassword(PASSWORD);
  const id = newId('usr');
  const email = `${label}-${randomBytes(4).toString('hex')}@example.test`;
  await v.sql.query('INSERT INTO users (id, email, name, password_hash) VALUES ($1, $2, $3, $4)', [id, email, label, await hash]);
  const res = await v.app.inject({ method: 'POST', url: '/auth/login', payload: { email, password: PASSWORD } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const token = res.json().data.token as string;
  return { id, email, password: PASSWORD, token, auth: { authorization: `Bearer ${token}` } };
}
