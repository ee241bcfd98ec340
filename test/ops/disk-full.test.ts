// The data volume full (issue 31, item 9): PostgreSQL's data directory on a small tmpfs the test
// mounts (we run as root), tokenize / detokenize load, then a filler file takes every free byte.
// The vault answers 2xx or a clean 503 meanwhile, loses nothing it acknowledged, and works again
// by itself once the filler is removed. The mount is undone even when the test fails.
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import type { EmbeddedDb } from '../../src/db/embedded.js';
import type { TestVault } from '../helpers.js';
import { checkAcked, runLoad } from '../support/load.js';
import { recovery, vaultOnOwnPg } from '../support/own-pg.js';
import { sleep } from '../support/vault-process.js';

const dir = mkdtempSync(path.join(tmpdir(), 'vault-disk-full-'));
const filler = path.join(dir, 'filler');
let mounted = false;
let server: EmbeddedDb | null = null;
let v: TestVault | null = null;

afterAll(async () => {
  rmSync(filler, { force: true });
  await v?.app.close().catch(() => {});
  await server?.stop().catch(() => {});
  if (mounted) execFileSync('umount', ['-l', dir]);
  rmSync(dir, { recursive: true, force: true });
});

/** Writes 1 MiB blocks until the volume says ENOSPC; returns the MiB written. */
function fill(): number {
  const fd = openSync(filler, 'w');
  const block = Buffer.alloc(1 << 20, 1);
  let n = 0;
  try {
    for (;;) {
      writeSync(fd, block);
      n++;
    }
  } catch (err) {
    if ((err as { code?: string }).code !== 'ENOSPC') throw err;
  } finally {
    closeSync(fd);
  }
  // The last partial block: down to the byte.
  return n;
}

test('disk full: 2xx or 503 only, nothing acknowledged lost, recovery by itself when space returns', async () => {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256m,mode=0755', 'tmpfs', dir]);
  mounted = true;
  ({ server, v } = await vaultOnOwnPg(dir, { databaseTimeoutMs: 5000 }));
  const a = await v.createApp();
  await v.sql.end();
  const headers = { ...a.headers, 'content-type': 'application/json' };
  let stop = false;
  const load = runLoad({ url: v.url, headers, connections: 8, done: () => stop, timeoutMs: 20_000, detokenizeShare: 0.3, prefix: 'diskfull' });
  await sleep(1500);
  const fullAt = Date.now();
  const mib = fill();
  await sleep(5000);
  rmSync(filler);
  const freedAt = Date.now();
  await sleep(8000);
  stop = true;
  const r = await load;

  const during = r.events.filter(([, , sent]) => sent > fullAt + 1000 && sent < freedAt);
  const statusesDuring: Record<string, number> = {};
  for (const [, o] of during) statusesDuring[o] = (statusesDuring[o] ?? 0) + 1;
  expect(Object.keys(r.statuses).filter((s) => !['200', '201', '503'].includes(s))).toEqual([]);
  expect(r.maxLatencyMs).toBeLessThan(15_000);
  const rec = recovery(r.events, freedAt, 5000);
  expect(rec.settled).toBeGreaterThan(0);
  expect(rec.failedAfterSettle).toBe(0);
  expect(r.wrongData).toBe(0);
  expect(await checkAcked(v.url, headers, r.acked)).toEqual([]);
  process.stderr.write(
    `disk full: filler ${mib} MiB; ${r.acked.size} acknowledged, 0 lost; outcomes ${JSON.stringify(r.statuses)}; ` +
      `while full ${JSON.stringify(statusesDuring)}; slowest answer ${r.maxLatencyMs} ms; first success ${rec.firstOkMs} ms after the filler was removed\n`,
  );
  // A full disk must show: tokenizes were refused while it lasted.
  expect(statusesDuring['503'] ?? 0).toBeGreaterThan(0);
}, 120_000);
