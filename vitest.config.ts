import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The Patroni failover tests run under `npm run test:ha` (test/ha/vitest.config.ts).
    exclude: ['test/ha/**', 'node_modules/**'],
    // One real PostgreSQL for the whole run (test/global-setup.ts); each suite gets its own database.
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
