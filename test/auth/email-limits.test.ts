// Finding 8 of issue 13: email codes and reset mails were limited per client IP only, so many IPs
// could mail-bomb one address or share the guessing of its codes. Each target address now has its
// own budget, whatever IP the requests come from, with the same answers for any email.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVault, type TestVault } from '../helpers.js';
import { createUser } from '../users.js';

let v: TestVault;
beforeAll(async () => {
  v = await startVault();
});
afterAll(() => v.close());

/** One request from its own address, as a botnet would send it. */
let host = 0;
const fromNewIp = (url: string, payload: object) => v.app.inject({ method: 'POST', url, payload, remoteAddress: `198.51.100.${++host % 250}` });

describe('per-address limits (finding 8)', () => {
  it('sending codes to one address from many IPs stops after 3 an hour', async () => {
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push((await fromNewIp('/auth/send-verification-code', { email: 'Victim@Example.test' })).statusCode);
    expect(codes).toEqual([202, 202, 202, 429, 429]);
    // Spelling the address differently does not open a new budget; another address has its own.
    expect((await fromNewIp('/auth/send-verification-code', { email: 'VICTIM@example.TEST' })).statusCode).toBe(429);
    expect((await fromNewIp('/auth/send-verification-code', { email: 'someone-else@example.test' })).statusCode).toBe(202);
  });

  it('guessing one address\'s code from many IPs stops after 10 tries an hour', async () => {
    const codes = [];
    for (let i = 0; i < 12; i++) codes.push((await fromNewIp('/auth/verify-email-code', { email: 'target@example.test', code: String(100000 + i) })).statusCode);
    expect(codes.slice(0, 10).every((c) => c === 400)).toBe(true);
    expect(codes.slice(10)).toEqual([429, 429]);
  });

  it('forgot-password for one address stops after 3 an hour, the same for registered and unknown emails', async () => {
    const user = await createUser(v, 'reset');
    for (const email of [user.email, 'nobody-here@example.test']) {
      const codes = [];
      for (let i = 0; i < 4; i++) codes.push((await fromNewIp('/auth/forgot-password', { email })).statusCode);
      expect(codes).toEqual([202, 202, 202, 429]);
    }
  });
});
