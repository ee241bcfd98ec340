// The reverse-proxy set-up of docs/operations.md ("Production"), run for real: the nginx block is
// read from the doc itself, pointed at a vault on loopback with a certificate made here, checked
// with `nginx -t` and then served by Debian's nginx. Through it the API answers over HTTPS,
// /metrics stays closed, /readyz passes, and with TRUST_PROXY=1 the vault records the address
// nginx saw, never one a client wrote into X-Forwarded-For.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Agent, fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVault, type TestVault, VISA } from '../helpers.js';
import { ensureDebianPackages } from '../support/debian.js';
import { freePort } from '../support/vault-process.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const NGINX = '/usr/sbin/nginx';
const dir = mkdtempSync(path.join(tmpdir(), 'vault-nginx-'));
let vault: TestVault;
let nginx: ChildProcess | undefined;
let agent: Agent;
let base: string;
let plain: string;

/** The ```nginx block of the Production section, as a reader would copy it. */
function documentedBlock(): string {
  const doc = readFileSync(path.join(ROOT, 'docs/operations.md'), 'utf8');
  const m = /```nginx\n([\s\S]*?)```/.exec(doc);
  if (!m) throw new Error('docs/operations.md has no ```nginx block');
  return m[1];
}

beforeAll(async () => {
  ensureDebianPackages([{ file: NGINX, pkg: 'nginx' }]);
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key, '-out', cert,
    '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
  ], { stdio: 'ignore' });
  vault = await startVault({ trustProxy: 1 });
  const [tlsPort, plainPort] = [await freePort(), await freePort()];
  // Only what a deployment changes: the vault's address, the ports, the certificate paths.
  const block = documentedBlock()
    .replace('server 127.0.0.1:8080;', `server ${new URL(vault.url).host};`)
    .replace('listen 443 ssl', `listen 127.0.0.1:${tlsPort} ssl`)
    .replace('listen 80;', `listen 127.0.0.1:${plainPort};`)
    .replace('/etc/letsencrypt/live/vault.example.com/fullchain.pem', cert)
    .replace('/etc/letsencrypt/live/vault.example.com/privkey.pem', key);
  mkdirSync(path.join(dir, 'logs'));
  // Run as root, nginx's workers drop to `nobody`: they must reach the body temp files in here.
  chmodSync(dir, 0o755);
  const conf = path.join(dir, 'nginx.conf');
  writeFileSync(conf, [
    `pid ${dir}/nginx.pid;`, `error_log ${dir}/logs/error.log;`, 'events {}',
    'http {', `  access_log ${dir}/logs/access.log;`,
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${dir}/${t};`),
    block, '}',
  ].join('\n'));
  execFileSync(NGINX, ['-t', '-q', '-p', dir, '-c', conf], { stdio: ['ignore', 'ignore', 'inherit'] });
  nginx = spawn(NGINX, ['-p', dir, '-c', conf, '-g', 'daemon off;'], { stdio: 'ignore' });
  base = `https://127.0.0.1:${tlsPort}`;
  plain = `http://127.0.0.1:${plainPort}`;
  agent = new Agent({ connect: { ca: readFileSync(cert) } });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${base}/healthz`, { dispatcher: agent })).ok) break;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
}, 300_000);

afterAll(async () => {
  nginx?.kill('SIGQUIT');
  await agent?.close();
  await vault?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the documented nginx in front of the vault', () => {
  it('serves the API over HTTPS and records the address nginx saw, not a forged X-Forwarded-For', async () => {
    const app = await vault.createApp();
    const res = await fetch(`${base}/tokenize`, {
      method: 'POST', dispatcher: agent,
      headers: { ...app.headers, 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.77' },
      body: JSON.stringify({ type: 'card', data: VISA }),
    });
    expect(res.status).toBe(201);
    const { token } = (await res.json()) as { token: string };
    const { rows } = await vault.sql.query('SELECT ip_address FROM audit_log WHERE resource_id = $1', [token]);
    expect(rows[0].ip_address).toBe('127.0.0.1');
  });

  it('keeps /metrics closed and passes /readyz through; plain HTTP is redirected', async () => {
    expect((await fetch(`${base}/metrics`, { dispatcher: agent })).status).toBe(404);
    expect((await fetch(`${base}/readyz`, { dispatcher: agent })).status).toBe(200);
    const app = await vault.createApp();
    const tooBig = await fetch(`${base}/tokenize`, {
      method: 'POST', dispatcher: agent, headers: { ...app.headers, 'content-type': 'application/json' }, body: JSON.stringify({ pad: 'x'.repeat(1_200_000) }),
    });
    // Past the vault's 1 MiB, under nginx's 2m: the vault answers, in its own error shape.
    expect(tooBig.status).toBe(413);
    expect(((await tooBig.json()) as { success: boolean }).success).toBe(false);
    const redirect = await fetch(`${plain}/healthz`, { redirect: 'manual' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('https://127.0.0.1/healthz');
  });
});
