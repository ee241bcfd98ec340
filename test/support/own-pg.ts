// A vault on its own embedded PostgreSQL (not the suite's shared one), for drills that stop,
// stall or starve that PostgreSQL. `cleanup` undoes everything, also after a failed test.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '../../src/db/database.js';
import { type EmbeddedDb, startEmbedded, withDatabase } from '../../src/db/embedded.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { startVault, type TestVault } from '../helpers.js';
import type { VaultConfig } from '../../src/config.js';
import { descendants } from './vault-process.js';

export async function vaultOnOwnPg(dataDir: string, config: Partial<VaultConfig>): Promise<{ server: EmbeddedDb; v: TestVault }> {
  const server = await startEmbedded({ dataDir });
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  await admin.query('CREATE DATABASE vault');
  await admin.end();
  const url = withDatabase(server.adminUrl, 'vault');
  const m = openDatabase(url, 1);
  await migrateToLatest(m.db);
  await m.close();
  return { server, v: await startVault({ databaseUrl: url, ...config }) };
}

/** The postmaster and every backend of the cluster under `dataDir`. */
export function pgProcesses(dataDir: string): number[] {
  const pm = Number(readFileSync(path.join(dataDir, 'pg/postmaster.pid'), 'utf8').split('\n')[0]);
  return [pm, ...descendants(pm)];
}

export function signalAll(pids: number[], sig: NodeJS.Signals) {
  for (const p of pids) {
    try {
      process.kill(p, sig);
    } catch {
      /* gone */
    }
  }
}

/** When the first 2xx came after `from`, and whether every answer from `settleMs` after it on was a 2xx. */
export function recovery(events: [number, string, number][], from: number, settleMs: number) {
  const ok = (o: string) => o === '200' || o === '201';
  const first = events.find(([, o, sent]) => sent >= from && ok(o));
  const settled = events.filter(([, , sent]) => sent > from + settleMs);
  return { firstOkMs: first ? first[0] - from : Infinity, settled: settled.length, failedAfterSettle: settled.filter(([, o]) => !ok(o)).length };
}
