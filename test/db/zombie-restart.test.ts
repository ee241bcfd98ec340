// kill -9 and an immediate restart, 50 times, with the killed postmaster left a zombie on purpose:
// each writer runs under test/support/subreaper.py, a parent that never reaps (a container whose
// PID 1 is not an init). Odd rounds restart at once, the lock file naming the zombie; even rounds
// first let the old parent go and wait, the PID gone or reaped. Every start must come up and every
// row acknowledged before a kill must still be there.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { build } from 'esbuild';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { descendants, ROOT, sleep } from '../support/vault-process.js';

const ROUNDS = Number(process.env.ZOMBIE_ROUNDS ?? 50);
const dataDir = mkdtempSync(path.join(tmpdir(), 'vault-zombie-'));
const reapers: ChildProcess[] = [];
// Bundled once, run by plain node: tsx would add a second to each of the 50 starts.
const writer = path.join(ROOT, 'node_modules/.cache/vault-zombie-writer.mjs');

beforeAll(async () => {
  await build({ entryPoints: [path.join(ROOT, 'test/db/pg-writer.ts')], outfile: writer, bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'error' });
});

afterAll(async () => {
  for (const r of reapers) kill(r.pid!, true);
  await sleep(300);
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(writer, { force: true });
});

function kill(pid: number, withParent = false) {
  for (const p of [...(withParent ? [pid] : []), ...descendants(pid)]) {
    try {
      process.kill(p, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
}

function state(pid: number): string {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0];
  } catch {
    return 'gone';
  }
}

function lockPid(): number | null {
  try {
    return Number(readFileSync(path.join(dataDir, 'pg/postmaster.pid'), 'utf8').split('\n')[0]) || null;
  } catch {
    return null;
  }
}

async function rowsThere(port: number, ids: number[]): Promise<number> {
  const password = readFileSync(path.join(dataDir, 'pg.password'), 'utf8').trim();
  const c = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres' });
  await c.connect();
  try {
    const { rows } = await c.query<{ n: number }>('SELECT count(*)::int AS n FROM acked WHERE id = ANY($1)', [ids]);
    return rows[0].n;
  } finally {
    await c.end();
  }
}

test(`${ROUNDS} kill -9 restarts with the postmaster left a zombie: every start comes up, no acknowledged row lost`, async () => {
  const acked: number[] = [];
  const failed: string[] = [];
  const took: number[] = [];
  let zombies = 0;
  let prev: ChildProcess | null = null;
  for (let round = 1; round <= ROUNDS; round++) {
    const immediate = round % 2 === 1;
    if (!immediate && prev) {
      kill(prev.pid!, true);
      await sleep(300);
    }
    const was = lockPid();
    if (was && state(was) === 'Z') zombies++;
    const t0 = Date.now();
    const reaper = spawn('python3', [path.join(ROOT, 'test/support/subreaper.py'), process.execPath, writer], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir, FIRST_ID: String(round * 1_000_000) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    reapers.push(reaper);
    let out = '';
    reaper.stdout.on('data', (d) => (out += d));
    reaper.stderr.on('data', (d) => (out += d));
    const until = Date.now() + 20_000;
    // The writer dies on a failed start; its parent never says so, so watch for "up" or an error.
    while (!/^up /m.test(out) && !/Error|error:/.test(out) && Date.now() < until) await sleep(25);
    const up = /^up (\d+)/m.exec(out);
    if (!up) {
      if (process.env.ZOMBIE_DEBUG) process.stderr.write(`round ${round} failed: ${out}\n`);
      failed.push(`round ${round} (${immediate ? 'immediate' : 'delayed'}, lock pid ${was} ${was ? state(was) : ''}): ${out.trim().split('\n').slice(-2).join(' | ')}`);
      kill(reaper.pid!);
      if (prev) kill(prev.pid!, true);
      prev = reaper;
      continue;
    }
    took.push(Date.now() - t0);
    if (process.env.ZOMBIE_DEBUG) process.stderr.write(`round ${round} up in ${took.at(-1)} ms\n`);
    expect(await rowsThere(Number(up[1]), acked)).toBe(acked.length);
    await sleep(150 + Math.floor(Math.random() * 150));
    kill(reaper.pid!); // the writer, its postmaster and backends; the reaper keeps them as zombies
    await sleep(20);
    for (const m of out.matchAll(/^ack (\d+)$/gm)) acked.push(Number(m[1]));
    if (prev && immediate) kill(prev.pid!, true);
    prev = reaper;
  }
  process.stderr.write(
    `zombie restarts: ${ROUNDS} tried, ${failed.length} failed, ${zombies} with the lock file naming a zombie; ${acked.length} rows acknowledged; ` +
      `start ${Math.min(...took)}–${Math.max(...took)} ms\n${failed.slice(0, 5).join('\n')}\n`,
  );
  expect(zombies).toBeGreaterThan(ROUNDS / 3);
  expect(failed).toEqual([]);
}, 300_000);
