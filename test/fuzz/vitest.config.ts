// `npm run fuzz`: the long fuzz run (docs/fuzzing.md), on the suite's embedded PostgreSQL.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..'),
  test: {
    include: ['test/fuzz/**/*.fuzz.ts'],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30 * 60_000,
    hookTimeout: 120_000,
  },
});
