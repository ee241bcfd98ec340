// Helpers for the bench scripts: child processes, a vault to measure, RSS sampling, request bodies. Everything listens on
// 127.0.0.1 only and every child is killed when the benchmark exits, however it exits.
import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { existsSync, mkdtempSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const children = new Set();
function killAll() {
  for (const c of children) {
    try { c.kill('SIGKILL'); } catch { /* already gone */ }
  }
}
process.on('exit', killAll);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => { killAll(); process.exit(130); });

export function track(child) {
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls a URL until it answers 200, or fails after `timeoutMs`. */
export async function waitFor(url, timeoutMs, child) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child && child.exitCode !== null) throw new Error(`process exited (${child.exitCode}) before ${url} answered`);
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch { /* not up yet */ }
    await sleep(200);
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/** Sends SIGTERM and waits for the exit; SIGKILL after `graceMs`. */
export async function stop(child, graceMs = 30_000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const t = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(t);
}

export function run(cmd, args, opts) {
  return new Promise((resolve, reject) => {
    const c = track(spawn(cmd, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] }));
    let out = '';
    let err = '';
    c.stdout.on('data', (d) => (out += d));
    c.stderr.on('data', (d) => (err += d));
    const t = setTimeout(() => c.kill('SIGKILL'), 120_000);
    c.on('exit', (code) => {
      clearTimeout(t);
      if (code === 0) resolve(out);
      else reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${err}`));
    });
  });
}

function statusField(pid, field) {
  try {
    const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** The vault's Node processes: the main process and, with VAULT_WORKERS > 1, its cluster workers (not PostgreSQL). */
export function nodeProcesses(pid) {
  const pids = [pid];
  try {
    for (const tid of readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)) {
      const comm = existsSync(`/proc/${tid}/comm`) ? readFileSync(`/proc/${tid}/comm`, 'utf8').trim() : '';
      if (comm.startsWith('node')) pids.push(Number(tid));
    }
  } catch { /* no children file: only the main process */ }
  return pids;
}

/** Samples the RSS of the vault's Node processes; `peak()` returns the highest sum and the highest single process. */
export function rssSampler(pid, everyMs = 200) {
  let total = 0;
  let single = 0;
  const sample = () => {
    let sum = 0;
    for (const p of nodeProcesses(pid)) {
      const rss = statusField(p, 'VmRSS');
      sum += rss;
      single = Math.max(single, rss, statusField(p, 'VmHWM'));
    }
    total = Math.max(total, sum);
  };
  sample();
  const t = setInterval(sample, everyMs);
  return {
    stop() { clearInterval(t); sample(); return { totalBytes: total, singleBytes: single }; },
  };
}

/** A random Luhn-valid 16-digit Visa number. */
export function randomPan() {
  const d = [4];
  for (let i = 0; i < 14; i++) d.push(randomInt(10));
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    // Doubling from the right, counting the check digit as position 0.
    let v = d[14 - i];
    if (i % 2 === 0) { v *= 2; if (v > 9) v -= 9; }
    sum += v;
  }
  d.push((10 - (sum % 10)) % 10);
  return d.join('');
}

/** A checkout-style card: with a CVV, so the vault also writes a CVC session. */
export function cardItem() {
  return { type: 'card', format: 'random', data: { cardNumber: randomPan(), expirationMonth: '12', expirationYear: '2034', cvv: '123' } };
}

/** A bulk-import batch: stored cards never carry a CVV (PCI DSS forbids keeping it), so no CVC sessions. */
export function batchBody(n) {
  const items = new Array(n);
  for (let i = 0; i < n; i++) items[i] = { type: 'card', format: 'random', data: { cardNumber: randomPan(), expirationMonth: '12', expirationYear: '2034' } };
  return JSON.stringify({ items });
}

const TICK = 100; // USER_HZ on Linux: /proc/<pid>/stat counts CPU time in 1/100 s

function descendants(pid, out = []) {
  let kids = [];
  try {
    for (const t of readdirSync(`/proc/${pid}/task`)) {
      kids.push(...readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number));
    }
  } catch { /* gone */ }
  for (const k of kids) { out.push(k); descendants(k, out); }
  return out;
}

function cpuSeconds(pid) {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / TICK; // utime + stime
  } catch {
    return 0;
  }
}

/**
 * CPU seconds used so far by each process of a tree, tagged Node (the vault and its workers) or
 * PostgreSQL (the postmaster and its backends). CPU per request is far steadier than requests per
 * second on a shared machine: it does not move when another job takes a core.
 */
export function cpuUse(pid) {
  const out = new Map();
  for (const p of [pid, ...descendants(pid)]) {
    let comm;
    try { comm = readFileSync(`/proc/${p}/comm`, 'utf8').trim(); } catch { continue; }
    const kind = comm.startsWith('node') ? 'node' : comm.startsWith('postgres') || comm.startsWith('postmaster') ? 'postgres' : null;
    if (kind) out.set(p, { kind, seconds: cpuSeconds(p) });
  }
  return out;
}

/**
 * CPU seconds spent between two `cpuUse` samples, by kind. A process that started in between
 * counts whole; one that exited in between (an idle pool connection closed) is left out rather
 * than counted negative.
 */
export function cpuSpent(before, after) {
  const spent = { node: 0, postgres: 0 };
  for (const [p, a] of after) spent[a.kind] += a.seconds - (before.get(p)?.seconds ?? 0);
  return spent;
}

/**
 * A vault of `root`'s build (its dist/) on a fresh DATA_DIR with its own embedded PostgreSQL,
 * every worker up, bootstrapped with one project and its keys. `env`: extra variables.
 */
export async function startVault({ root, project, workers = 1, env: extra = {}, nodeArgs = [] }) {
  const dataDir = mkdtempSync(path.join(tmpdir(), `vault-${project}-`));
  const port = await freePort();
  const env = { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', VAULT_WORKERS: String(workers), ...extra };
  delete env.DATABASE_URL;
  delete env.VAULT_MASTER_KEYS;
  // Logs go to a file, as in production: piping them through this process would cost the load generator.
  const logFd = openSync(path.join(dataDir, 'vault.log'), 'a');
  const child = track(spawn(process.execPath, [...nodeArgs, path.join(root, 'dist/main.js')], { env, stdio: ['ignore', logFd, logFd], cwd: root }));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(url + '/healthz', 120_000, child);
  for (let i = 0; i < 100 && nodeProcesses(child.pid).length < (workers > 1 ? workers + 1 : 1); i++) await sleep(100);
  const boot = JSON.parse(await run(process.execPath, [path.join(root, 'dist/cli/vault.js'), 'bootstrap', '--project', project], { env, cwd: root }));
  return { url, child, dataDir, headers: { 'content-type': 'application/json', 'x-api-key': boot.api_key, 'x-pub-key': boot.pub_key } };
}

/** A connected client on a vault's embedded PostgreSQL (its port and password read from the DATA_DIR). */
export async function vaultDbClient(dataDir) {
  const pg = (await import('pg')).default;
  const pid = readFileSync(path.join(dataDir, 'pg/postmaster.pid'), 'utf8').split('\n');
  const password = readFileSync(path.join(dataDir, 'pg.password'), 'utf8').trim();
  const client = new pg.Client({ host: '127.0.0.1', port: Number(pid[3]), user: 'postgres', password, database: 'vault' });
  await client.connect();
  return client;
}
