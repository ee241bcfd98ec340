import { defineConfig } from 'vitest/config';

// `npm run test:ha`: the heavy availability tests (a Patroni cluster, started by each test file
// itself), kept out of `npm test`. No shared embedded PostgreSQL: these tests bring their own.
export default defineConfig({
  test: {
    include: ['test/ha/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 1,
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
