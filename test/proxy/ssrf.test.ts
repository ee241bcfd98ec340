// SSRF refusals with PROXY_ALLOW_PRIVATE_NETWORKS=false. Every target here is refused before a
// connection is made; a TCP trap on 127.0.0.1 proves that nothing was even attempted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardedLookup, isPublicAddress } from '../../src/proxy/ssrf.js';
import { startVault, type TestApp, type TestVault, VISA } from '../helpers.js';
import { startTrap } from './psp.js';

let v: TestVault;
let a: TestApp;
let prod: TestApp;
let trap: Awaited<ReturnType<typeof startTrap>>;

beforeAll(async () => {
  v = await startVault({ proxyAllowPrivateNetworks: false });
  a = await v.createApp();
  prod = await v.createApp({ environment: 'production' });
  await v.sql.query("UPDATE projects SET proxy_allowed_hosts = ARRAY['localhost'] WHERE id = $1", [prod.projectId]);
  trap = await startTrap();
});
afterAll(async () => {
  await trap.close();
  await v.close();
});

async function tokenize(app: TestApp) {
  const res = await v.app.inject({ method: 'POST', url: '/tokenize', headers: app.headers, payload: { type: 'card', data: VISA } });
  return res.json<{ token: string; cvc_session_id: string }>();
}

const proxy = (app: TestApp, payload: object) =>
  v.app.inject({ method: 'POST', url: '/proxy/transaction', headers: { 'x-api-key': app.apiKey }, payload });

describe('destinations refused', () => {
  const forbidden = () => [
    `https://127.0.0.1:${trap.port}/x`,
    `https://127.1:${trap.port}/x`,
    'https://10.1.2.3/x',
    'https://172.16.0.1/x',
    'https://192.168.1.1/x',
    'https://100.64.0.1/x',
    'https://169.254.169.254/latest/meta-data/',
    'https://0.0.0.0/x',
    'https://224.0.0.1/x',
    `https://[::1]:${trap.port}/x`,
    `https://[::ffff:127.0.0.1]:${trap.port}/x`,
    'https://[::ffff:a9fe:a9fe]/x',
    'https://[fe80::1]/x',
    'https://[fd00:ec2::254]/x',
    'https://[::]/x',
    `https://2130706433:${trap.port}/x`,
    `https://0177.0.0.1:${trap.port}/x`,
    `https://0x7f000001:${trap.port}/x`,
    `https://0x7f.0.0.1:${trap.port}/x`,
    `https://localhost:${trap.port}/x`,
    `https://LOCALHOST.:${trap.port}/x`,
  ];

  it('loopback, private, CGNAT, link-local/metadata, multicast, unspecified — in every spelling → 403', async () => {
    const t = await tokenize(a);
    for (const url of forbidden()) {
      const res = await proxy(a, { token: t.token, cvc_session_id: t.cvc_session_id, proxy_url: url, request_data: { n: '${cardNumber}', c: '${cvv}' } });
      expect(res.statusCode, url).toBe(403);
      expect(res.json().error.code).toBe('destination_forbidden');
      expect(res.body).not.toContain('4111111111111111');
    }
    expect(trap.connections()).toBe(0);
  });

  it('plain http → 400 invalid_proxy_url', async () => {
    const t = await tokenize(a);
    for (const url of [`http://127.0.0.1:${trap.port}/x`, 'http://api.psp.example/v1/charges']) {
      const res = await proxy(a, { token: t.token, proxy_url: url });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('invalid_proxy_url');
    }
    expect(trap.connections()).toBe(0);
  });

  it('a hostname resolving to loopback is refused at connect time, and a production CVC session survives it', async () => {
    const t = await tokenize(prod);
    const r1 = await proxy(prod, { token: t.token, cvc_session_id: t.cvc_session_id, proxy_url: `https://localhost:${trap.port}/x`, request_data: { c: '${cvv}' } });
    expect(r1.statusCode).toBe(403);
    expect(r1.json().error.code).toBe('destination_forbidden');
    const left = await v.sql.query('SELECT count(*)::int AS n FROM cvc_sessions WHERE id = $1', [t.cvc_session_id]);
    expect(left.rows[0].n).toBe(1);
    expect(trap.connections()).toBe(0);
  });

  it('refusals are audited as failures', async () => {
    const { rows } = await v.sql.query("SELECT outcome, details FROM audit_log WHERE event_type = 'proxy' AND details->>'error' = 'destination_forbidden'");
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.outcome === 'failure')).toBe(true);
  });
});

describe('address rules', () => {
  it('classifies addresses', () => {
    const refused = [
      '127.0.0.1', '127.255.255.255', '10.0.0.1', '172.31.255.255', '192.168.0.1', '169.254.169.254', '100.64.0.1', '100.100.100.200',
      '0.0.0.0', '224.0.0.251', '255.255.255.255', '168.63.129.16', '::1', '::', '::ffff:127.0.0.1', '::ffff:10.0.0.1', '::ffff:7f00:1',
      '::127.0.0.1', 'fe80::1', 'fe80::1%eth0', 'fc00::1', 'fd00:ec2::254', 'ff02::1', '64:ff9b::7f00:1', '2002:7f00:1::1', 'not-an-ip',
    ];
    const allowed = ['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '2a00:1450:4001:81c::200e', '::ffff:8.8.8.8', '64:ff9b::808:808'];
    for (const a of refused) expect(isPublicAddress(a), a).toBe(false);
    for (const a of allowed) expect(isPublicAddress(a), a).toBe(true);
  });

  it('guardedLookup refuses a name whose answers include a non-public address', async () => {
    const err = await new Promise<unknown>((resolve) => guardedLookup('localhost', { all: true }, (e) => resolve(e)));
    expect((err as { code?: string }).code).toBe('VAULT_DESTINATION_FORBIDDEN');
    const err2 = await new Promise<unknown>((resolve) => guardedLookup('localhost', 0, (e) => resolve(e)));
    expect((err2 as { code?: string }).code).toBe('VAULT_DESTINATION_FORBIDDEN');
  });
});
