// SSRF refusals with PROXY_ALLOW_PRIVATE_NETWORKS=false. Every target here is refused before a
// connection is made; a TCP trap on 127.0.0.1 proves that nothing was even attempted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardedLookup, isPublicAddress } from '../../src/net/ssrf.js';
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
    // Issue 22 item 8: IPv4-translated (::ffff:0:a.b.c.d, RFC 2765/6145) reached loopback through a SIIT translator.
    `https://[::ffff:0:127.0.0.1]:${trap.port}/x`,
    `https://[0:0:0:0:ffff:0:7f00:1]:${trap.port}/x`,
    'https://[3fff::1]/x',
    'https://[5f00::1]/x',
    'https://[100:0:0:1::1]/x',
    'https://[2001:2::1]/x',
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

  // Issue 22 item 8, and the rest of IANA's IPv4 and IPv6 special-purpose registries: the first
  // and last address of every block that is not globally reachable, and public neighbours.
  it('refuses every not-globally-reachable block of the IANA special-purpose registries, and ::ffff:0:0:0/96', () => {
    const refused = [
      // IPv4 (all were already refused; listed so that the registry check stays complete)
      '0.0.0.0', '0.255.255.255', '10.0.0.0', '10.255.255.255', '100.64.0.0', '100.127.255.255', '127.0.0.0', '169.254.0.0', '169.254.255.255',
      '172.16.0.0', '172.31.255.255', '192.0.0.0', '192.0.0.8', '192.0.0.170', '192.0.0.255', '192.0.2.0', '192.0.2.255', '192.88.99.0', '192.88.99.255',
      '192.168.0.0', '192.168.255.255', '198.18.0.0', '198.19.255.255', '198.51.100.0', '198.51.100.255', '203.0.113.0', '203.0.113.255',
      '240.0.0.0', '255.255.255.254', '255.255.255.255',
      // IPv4-translated (RFC 2765 §2.1, RFC 6145): refused whatever it carries — nothing public is addressed so.
      '::ffff:0:0:0', '::ffff:0:7f00:1', '::ffff:0:127.0.0.1', '::ffff:0:a00:1', '::ffff:0:808:808', '::ffff:0:ffff:ffff', '0:0:0:0:ffff:0:0:1',
      // IPv4-mapped (the prefix the issue spells ::ffff:0:0/96) judged by the address it carries
      '::ffff:0:0', '::ffff:0.0.0.0', '::ffff:0.0.0.1', '::ffff:192.0.0.8', '::ffff:198.18.0.1', '::ffff:240.0.0.1',
      // IPv6 blocks added: dummy prefix (RFC 9780), IETF protocol assignments (RFC 2928: benchmarking,
      // ORCHID, ORCHIDv2, DETs, AMT, anycast services), documentation (RFC 9637), SRv6 SIDs (RFC 9602)
      '100:0:0:1::', '100:0:0:1:ffff:ffff:ffff:ffff', '2001::', '2001:1::1', '2001:2::1', '2001:3::1', '2001:4:112::1', '2001:10::1', '2001:20::1',
      '2001:30::1', '2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff', '3fff::', '3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff', '5f00::', '5f00:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
      // Outside global unicast 2000::/3 nothing is reachable on the internet (IANA IPv6 address space)
      '100:0:0:2::1', '200::1', '4000::1', 'e000::1', 'fe00::1',
      // IPv6 blocks already refused, first and last
      '100::', '100::ffff:ffff:ffff:ffff', '64:ff9b:1::', '64:ff9b:1:ffff:ffff:ffff:ffff:ffff', '2001:db8::', '2001:db8:ffff:ffff:ffff:ffff:ffff:ffff',
      'fc00::', 'fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'fe80::', 'febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'ff00::', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
    ];
    const allowed = ['2001:200::1', '2001:4860:4860::8888', '2620:fe::fe', '2620:4f:8000::1', '3fff:1000::1', '3fff:ffff::1', '2a00:1450:4001:81c::200e', '::ffff:1.0.0.1', '64:ff9b::1.1.1.1'];
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
