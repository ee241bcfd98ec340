// The README's first session, for real: `npm start`'s entry point on a fresh DATA_DIR (embedded
// PostgreSQL), `vault bootstrap` next to the running server, then tokenize → detokenize over HTTP.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const dataDir = mkdtempSync(path.join(tmpdir(), 'vault-cli-'));
let server: ChildProcess | null = null;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

afterAll(() => {
  server?.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start + vault bootstrap', () => {
  it('starts on embedded PostgreSQL, bootstraps while running, serves the curl session, stops cleanly', async () => {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: "warn" };
    delete env.DATABASE_URL;
    delete env.VAULT_MASTER_KEYS;
    server = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    server.stdout!.on('data', (d) => (out += d));
    server.stderr!.on('data', (d) => (out += d));
    for (let i = 0; i < 600 && !out.includes('Vault listening'); i++) await new Promise((r) => setTimeout(r, 100));
    expect(out).toContain(`Vault listening on http://127.0.0.1:${port}`);
    expect(out).toContain('development master key');
    expect(statSync(path.join(dataDir, 'master.key')).mode & 0o777).toBe(0o600);

    const boot = await run(process.execPath, ['--import', 'tsx', 'src/cli/vault.ts', 'bootstrap', '--project', 'demo'], { env });
    const keys = JSON.parse(boot.stdout);
    expect(keys.api_key).toMatch(/^key_demoapp_us_pvt_/);
    expect(keys.pub_key).toMatch(/^pk_test_/);
    // The CLI joined the running server instead of starting a second one, and left it running.
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(true);

    const base = `http://127.0.0.1:${port}`;
    const tok = await fetch(`${base}/tokenize`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': keys.api_key, 'x-pub-key': keys.pub_key },
      body: JSON.stringify({ type: 'card', data: { cardNumber: '4111111111111111', expirationMonth: '12', expirationYear: '2030', cvv: '123' } }),
    });
    expect(tok.status).toBe(201);
    const { token } = await tok.json();
    const det = await fetch(`${base}/detokenize`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': keys.api_key }, body: JSON.stringify({ token }) });
    expect((await det.json()).data.cardNumber).toBe('4111111111111111');

    const rotated = await run(process.execPath, ['--import', 'tsx', 'src/cli/vault.ts', 'keys', 'rotate'], { env });
    expect(rotated.stdout).toMatch(/active master key: k2; re-wrapped [1-9]\d* key/);
    const again = await fetch(`${base}/detokenize`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': keys.api_key }, body: JSON.stringify({ token }) });
    expect(again.status).toBe(200);

    const exited = new Promise<number | null>((r) => server!.once('exit', (code) => r(code)));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
    server = null;
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
    expect(out).not.toContain(keys.api_key);
  }, 120_000);
});
