// The short fuzz run inside `npm test` (the long one: `npm run fuzz`, docs/fuzzing.md). A fixed
// seed, so a failure here replays with FUZZ_SEED=<seed> npm run fuzz.
import { expect, it } from 'vitest';
import { runFuzz } from './fuzz.js';

const SEED = 12;

it('every operation of /openapi.json under generated and hostile requests: no 5xx, one error shape, no echo, good requests unharmed', async () => {
  const r = await runFuzz({ seed: SEED, requests: 1500, seconds: 20, concurrency: 4, rounds: 3 });
  const summary = { requests: r.requests, fiveXX: r.fiveXX, shapeViolations: r.shapeViolations, echoes: r.echoes, failures: r.failures.slice(0, 5) };
  expect(r.requests, JSON.stringify(summary)).toBeGreaterThan(300);
  expect(r.operationsCovered).toBe(r.operations);
  expect(r.fiveXX, JSON.stringify(summary)).toBe(0);
  expect(r.shapeViolations, JSON.stringify(summary)).toBe(0);
  expect(r.echoes, JSON.stringify(summary)).toBe(0);
  expect(r.transportErrors, JSON.stringify(summary)).toBe(0);
  expect(r.concurrent.goodFailed, r.concurrent.failures.join('; ')).toBe(0);
  expect(r.concurrent.poisonedWrong, r.concurrent.failures.join('; ')).toBe(0);
  expect(r.healthy).toBe(true);
  expect(r.errorLogLines).toEqual([]);
}, 60_000);
