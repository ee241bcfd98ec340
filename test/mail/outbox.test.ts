// Without SMTP_URL, mail is written as .eml files to <DATA_DIR>/outbox/.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startVault, type TestVault } from '../helpers.js';
import { codeFrom } from './smtp.js';

let v: TestVault;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'vault-outbox-'));
  v = await startVault({ dataDir: dir, smtpUrl: null });
});
afterAll(async () => {
  await v.close();
  rmSync(dir, { recursive: true, force: true });
});

it('writes the verification mail as an .eml file, readable only by the vault', async () => {
  const res = await v.app.inject({ method: 'POST', url: '/auth/send-verification-code', payload: { email: 'eml@example.com' } });
  expect(res.statusCode).toBe(202);
  const files = readdirSync(path.join(dir, 'outbox')).filter((f) => f.endsWith('.eml'));
  expect(files).toHaveLength(1);
  const file = path.join(dir, 'outbox', files[0]);
  expect(statSync(file).mode & 0o077).toBe(0);
  const raw = readFileSync(file, 'utf8');
  expect(raw).toMatch(/^To: eml@example.com$/m);
  const code = codeFrom(raw);
  expect(v.logs.text).not.toContain(code);
  const ok = await v.app.inject({ method: 'POST', url: '/auth/verify-email-code', payload: { email: 'eml@example.com', code } });
  expect(ok.statusCode).toBe(200);
});

it('an unreachable SMTP server is a 503, not a 500', async () => {
  const w = await startVault({ smtpUrl: 'smtp://127.0.0.1:1' });
  try {
    const res = await w.app.inject({ method: 'POST', url: '/auth/send-verification-code', payload: { email: 'down@example.com' } });
    expect(res.statusCode).toBe(503);
    expect(res.json().error.code).toBe('service_unavailable');
  } finally {
    await w.close();
  }
});
