// `npm run fuzz` (docs/fuzzing.md). Environment: FUZZ_SEED (default: a fresh one, printed, so a
// failing run replays exactly), FUZZ_REQUESTS (12 000), FUZZ_SECONDS (600: the run stops there
// even if short of its requests), FUZZ_CONCURRENCY (8), FUZZ_ROUNDS (20, the concurrent phase).
import { expect, it } from 'vitest';
import { runFuzz } from './fuzz.js';

const env = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);

it('fuzz', async () => {
  const seed = env('FUZZ_SEED', Math.floor(Math.random() * 2 ** 31));
  const out = (line: string) => process.stdout.write(line + '\n');
  out(`fuzz: seed ${seed} (replay with FUZZ_SEED=${seed} npm run fuzz)`);
  const r = await runFuzz({
    seed, requests: env('FUZZ_REQUESTS', 12_000), seconds: env('FUZZ_SECONDS', 600), concurrency: env('FUZZ_CONCURRENCY', 8), rounds: env('FUZZ_ROUNDS', 20), log: out,
  });
  out(JSON.stringify(r, null, 2));
  out(`fuzz: seed ${seed}: ${r.requests} requests over ${r.operationsCovered}/${r.operations} operations in ${r.seconds} s; ` +
    `${r.fiveXX} 5xx, ${r.shapeViolations} shape violations, ${r.echoes} echoed secrets, ${r.transportErrors} transport errors; ` +
    `concurrent phase: ${r.concurrent.good - r.concurrent.goodFailed}/${r.concurrent.good} good requests succeeded, ` +
    `${r.concurrent.poisoned - r.concurrent.poisonedWrong}/${r.concurrent.poisoned} poisoned ones failed alone; healthy after: ${r.healthy}`);
  expect(r.fiveXX).toBe(0);
  expect(r.shapeViolations).toBe(0);
  expect(r.echoes).toBe(0);
  expect(r.transportErrors).toBe(0);
  expect(r.operationsCovered).toBe(r.operations);
  expect(r.concurrent.goodFailed).toBe(0);
  expect(r.concurrent.poisonedWrong).toBe(0);
  expect(r.healthy).toBe(true);
  expect(r.errorLogLines).toEqual([]);
});
