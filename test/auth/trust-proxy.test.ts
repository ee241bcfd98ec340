// Finding 7 of issue 13: TRUST_PROXY=true trusted every hop, so a client's own X-Forwarded-For
// chose its rate-limit bucket and the IP written to the audit log. TRUST_PROXY now takes false,
// a hop count, or addresses/CIDRs, and `true` is refused at start.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTrustProxy } from '../../src/config.js';
import { openFromEnvironment } from '../../src/environment.js';
import { freshDatabase, startVault, type TestVault } from '../helpers.js';

const KEYS = `k1:${Buffer.alloc(32, 7).toString('base64')}`;

describe('TRUST_PROXY parsing', () => {
  it('false, a hop count, or addresses/CIDRs; true and junk are refused with a clear message', () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('false')).toBe(false);
    expect(parseTrustProxy('0')).toBe(false);
    expect(parseTrustProxy('2')).toBe(2);
    expect(parseTrustProxy('10.0.0.0/8, 192.0.2.7,::1,fd00::/8,loopback')).toEqual(['10.0.0.0/8', '192.0.2.7', '::1', 'fd00::/8', 'loopback']);
    expect(() => parseTrustProxy('true')).toThrow(/TRUST_PROXY=true would trust every hop/);
    expect(() => parseTrustProxy('10.0.0.0/33')).toThrow(/not an IP address or CIDR/);
    expect(() => parseTrustProxy('proxy.internal')).toThrow(/not an IP address or CIDR/);
  });

  it('the vault refuses to start with TRUST_PROXY=true', async () => {
    const env = { DATABASE_URL: 'postgres://unused@127.0.0.1:1/x', VAULT_MASTER_KEYS: KEYS, TRUST_PROXY: 'true' };
    await expect(openFromEnvironment(env)).rejects.toThrow(/TRUST_PROXY=true/);
  });
});

describe('behind one load balancer (TRUST_PROXY=1)', () => {
  let v: TestVault;
  beforeAll(async () => {
    const env = await openFromEnvironment({ DATABASE_URL: await freshDatabase(), VAULT_MASTER_KEYS: KEYS, TRUST_PROXY: '1' });
    v = await startVault({ databaseUrl: env.config.databaseUrl, trustProxy: env.config.trustProxy });
  });
  afterAll(() => v.close());

  // The load balancer (here the socket peer, 127.0.0.1) appends the address it saw; everything
  // before it in the header is whatever the client wrote.
  const viaLb = (forged: string, payload: object, url = '/auth/forgot-password') =>
    v.app.inject({ method: 'POST', url, headers: { 'x-forwarded-for': `${forged}, 203.0.113.9` }, payload });

  it("a client's forged X-Forwarded-For does not pick a new rate-limit bucket", async () => {
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await viaLb(`198.51.100.${i}`, { email: `victim${i}@example.test` })).statusCode);
    expect(codes).toEqual([202, 202, 202, 202, 202, 429]);
  });

  it('the audited IP is the one the load balancer saw, not the forged one', async () => {
    const res = await viaLb('6.6.6.6', { email: 'nobody@example.test', password: 'wrong password 123' }, '/auth/login');
    expect(res.statusCode).toBe(401);
    const { rows } = await v.sql.query('SELECT ip_address FROM audit_log WHERE request_id = $1', [res.headers['x-request-id']]);
    expect(rows.map((r) => r.ip_address)).toEqual(['203.0.113.9']);
  });
});
