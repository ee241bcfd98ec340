// `npx vitest run --config bench/idempotency.config.ts`: the light latency comparison of
// docs/idempotency.md, kept out of `npm test` (it times, it does not judge). Uses the test
// suite's embedded PostgreSQL setup.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'),
  test: {
    include: ['bench/idempotency.latency.ts'],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 1,
    testTimeout: 300_000,
    hookTimeout: 120_000,
  },
});
