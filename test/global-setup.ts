// Starts one embedded PostgreSQL for the test run and a migrated template database that every
// suite clones (CREATE DATABASE … TEMPLATE), so a fresh database costs milliseconds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/db/database.js';
import { startEmbedded, withDatabase } from '../src/db/embedded.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { ensureDebianPackages } from './support/debian.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

export default async function setup(project: TestProject) {
  // The browser tests drive Debian's Chromium (playwright-core downloads no browser of its own).
  ensureDebianPackages([{ file: '/usr/bin/chromium', pkg: 'chromium' }]);
  const dir = mkdtempSync(path.join(tmpdir(), 'vault-test-'));
  const embedded = await startEmbedded({ dataDir: dir, ephemeral: true });
  const admin = new pg.Client({ connectionString: embedded.adminUrl });
  await admin.connect();
  await admin.query('CREATE DATABASE vault_template');
  await admin.end();
  const template = openDatabase(withDatabase(embedded.adminUrl, 'vault_template'), 1);
  await migrateToLatest(template.db);
  await template.close();
  project.provide('pgAdminUrl', embedded.adminUrl);
  return async () => {
    await embedded.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
