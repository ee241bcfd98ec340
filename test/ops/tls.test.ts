// Native TLS (issue 29 item 7): with TLS_CERT_FILE and TLS_KEY_FILE the API port speaks HTTPS.
// The certificate is made here with Debian's openssl CLI (P-256, for 127.0.0.1), and the client
// trusts exactly that certificate through undici's `connect: { ca }`: no verification turned off.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Agent, fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startVault, type TestVault, VISA } from '../helpers.js';

const dir = mkdtempSync(path.join(tmpdir(), 'vault-tls-'));
const cert = path.join(dir, 'cert.pem');
const key = path.join(dir, 'key.pem');
const otherKey = path.join(dir, 'other-key.pem');

function selfSigned(certFile: string, keyFile: string) {
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
    '-keyout', keyFile, '-out', certFile, '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1',
  ], { stdio: 'ignore' });
}

let vault: TestVault;
let agent: Agent;

beforeAll(async () => {
  selfSigned(cert, key);
  selfSigned(path.join(dir, 'other-cert.pem'), otherKey);
  const loaded = loadConfig({ TLS_CERT_FILE: cert, TLS_KEY_FILE: key });
  expect(loaded.vault.publicUrl).toMatch(/^https:/);
  expect(loaded.vault.cookieSecure).toBe(true);
  vault = await startVault({ tls: loaded.vault.tls });
  agent = new Agent({ connect: { ca: readFileSync(cert) } });
});

afterAll(async () => {
  await agent?.close();
  await vault?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('native TLS', () => {
  it('serves the API over HTTPS to a client that trusts the certificate', async () => {
    expect(vault.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${vault.url}/healthz`, { dispatcher: agent });
    expect(health.status).toBe(200);
    const app = await vault.createApp();
    const res = await fetch(`${vault.url}/tokenize`, {
      method: 'POST',
      dispatcher: agent,
      headers: { ...app.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'card', data: VISA }),
    });
    expect(res.status).toBe(201);
  });

  it('a client that does not trust the certificate is refused by its own check', async () => {
    const untrusting = new Agent();
    const err = await fetch(`${vault.url}/healthz`, { dispatcher: untrusting }).catch((e: Error) => e);
    await untrusting.close();
    expect(err).toBeInstanceOf(Error);
    expect(String((err as Error & { cause?: unknown }).cause)).toMatch(/self[- ]signed/i);
  });

  it('plain HTTP on the TLS port gets no API answer', async () => {
    const port = Number(new URL(vault.url).port);
    const status = await new Promise<number | string>((resolve) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: '/healthz' }, (res) => resolve(res.statusCode ?? 0));
      req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
      req.end();
    });
    expect(status).not.toBe(200);
  });
});

describe('TLS configuration is refused at start when it cannot work', () => {
  it('both files or neither', () => {
    expect(() => loadConfig({ TLS_CERT_FILE: cert })).toThrow('TLS_CERT_FILE and TLS_KEY_FILE go together: TLS_KEY_FILE is not set');
    expect(() => loadConfig({ TLS_KEY_FILE: key })).toThrow('TLS_CERT_FILE and TLS_KEY_FILE go together: TLS_CERT_FILE is not set');
    expect(loadConfig({}).vault.tls).toBeNull();
  });

  it('a file that cannot be read names the variable, the path and the reason', () => {
    expect(() => loadConfig({ TLS_CERT_FILE: path.join(dir, 'nope.pem'), TLS_KEY_FILE: key })).toThrow(`TLS_CERT_FILE=${path.join(dir, 'nope.pem')} cannot be read (ENOENT)`);
  });

  it('a key that is not the certificate\'s, or a file that is not PEM, never leaking the key', () => {
    let msg = '';
    try {
      loadConfig({ TLS_CERT_FILE: cert, TLS_KEY_FILE: otherKey });
    } catch (e) {
      msg = (e as Error).message;
    }
    expect(msg).toMatch(/^TLS_CERT_FILE and TLS_KEY_FILE are not a usable certificate and key \(.*mismatch/);
    expect(msg).not.toContain('PRIVATE KEY');
    const junk = path.join(dir, 'junk.pem');
    writeFileSync(junk, 'not a certificate\n');
    expect(() => loadConfig({ TLS_CERT_FILE: junk, TLS_KEY_FILE: key })).toThrow(/not a usable certificate and key/);
  });
});
