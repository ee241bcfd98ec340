import { expect, it } from 'vitest';
import { parseRateLimits } from '../../src/config.js';

it('AUTH_RATE_LIMITS overrides the §4.1 defaults per limit', () => {
  expect(parseRateLimits(undefined)).toBeUndefined();
  expect(parseRateLimits('login=10/60, register=100/3600')).toEqual({
    login: { points: 10, durationSeconds: 60 },
    register: { points: 100, durationSeconds: 3600 },
  });
  expect(() => parseRateLimits('logins=1/1')).toThrow(/AUTH_RATE_LIMITS/);
  expect(() => parseRateLimits('login=0/60')).toThrow(/AUTH_RATE_LIMITS/);
});
