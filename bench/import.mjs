// `npm run bench:import [-- --rows 1000000] [-- --plain] [-- --csv] [-- --cpu-prof]`
// The import of issue 26 measured end to end: a fresh vault (dist/, embedded PostgreSQL in a temp
// DATA_DIR), N generated cards with their own token ids as JSONL (or CSV), OpenPGP-encrypted to
// the project's import key unless --plain, then `vault import` as its own process: rows/s from
// its report, peak RSS of that process sampled from /proc (VmHWM), and the same file again
// (nothing imported twice). Note the machine's load average with the figures.
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as openpgp from 'openpgp';
import { cpuUse, randomPan, rssSampler, run } from './lib.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: { rows: { type: 'string', default: '1000000' }, plain: { type: 'boolean', default: false }, csv: { type: 'boolean', default: false }, 'cpu-prof': { type: 'boolean', default: false } },
});
const ROWS = Number(args.rows);
const tmp = mkdtempSync(path.join(tmpdir(), 'vault-bench-import-'));
const env = { ...process.env, DATA_DIR: path.join(tmp, 'vault'), LOG_LEVEL: 'warn' };
delete env.DATABASE_URL;
delete env.VAULT_MASTER_KEYS;
const vault = (...a) => run(process.execPath, [path.join(ROOT, 'dist/cli/vault.js'), ...a], { env, cwd: ROOT });

async function generate(file) {
  const out = createWriteStream(file);
  if (args.csv) out.write('token,type,cardNumber,expirationMonth,expirationYear,holderName\n');
  for (let i = 0; i < ROWS; i++) {
    const c = { token: `card_${i.toString(36)}`, type: 'card', cardNumber: randomPan(), expirationMonth: String((i % 12) + 1).padStart(2, '0'), expirationYear: String(2030 + (i % 8)), holderName: i % 3 ? undefined : `Holder ${i}` };
    const line = args.csv ? `${c.token},card,${c.cardNumber},${c.expirationMonth},${c.expirationYear},${c.holderName ?? ''}\n` : JSON.stringify(c) + '\n';
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** Runs `vault import` as its own process; returns its report and the peak RSS of that process. */
async function importOnce(file, label) {
  const a = [...(args['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${path.join(ROOT, 'bench/results')}`] : []), path.join(ROOT, 'dist/cli/vault.js'), 'import', '--project', project, file];
  const child = spawn(process.execPath, a, { env, cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const rss = rssSampler(child.pid, 250);
  // CPU of the import process (all its threads) and of the PostgreSQL it started, per process,
  // sampled until it exits (a backend's last 250 ms may be missed: a small undercount).
  const cpu = new Map();
  const role = new Map();
  const cpuTimer = setInterval(() => {
    for (const [p, u] of cpuUse(child.pid)) {
      cpu.set(p, u);
      // A backend's title names its client address; the others are the postmaster and its helpers.
      if (u.kind === 'postgres' && !role.has(p)) role.set(p, processTitle(p).includes('127.0.0.1') ? 'backends' : 'background');
    }
  }, 250);
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => process.stderr.write(d));
  const [code] = await once(child, 'exit');
  const peak = rss.stop();
  clearInterval(cpuTimer);
  const spent = { node: 0, postgres: 0, backends: 0, background: 0 };
  for (const [p, u] of cpu) {
    spent[u.kind] += u.seconds;
    if (u.kind === 'postgres') spent[role.get(p) ?? 'background'] += u.seconds;
  }
  if (code !== 0) throw new Error(`import exited ${code}`);
  const report = JSON.parse(out);
  const both = spent.node + spent.postgres;
  console.log(`${label}: ${report.rows} rows in ${report.seconds} s = ${report.rows_per_second} rows/s (${Math.round(report.rows / report.cpu_seconds)} rows per CPU second of the import process; Node ${spent.node.toFixed(1)} + PostgreSQL ${spent.postgres.toFixed(1)} (backends ${spent.backends.toFixed(1)}, background ${spent.background.toFixed(1)}) CPU-s = ${Math.round(report.rows / both)} rows per CPU second of both); imported ${report.imported}, already present ${report.already_present}, failed ${report.failed}; peak RSS ${(peak.singleBytes / 2 ** 20).toFixed(0)} MiB; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  return report;
}

function processTitle(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

let project;
try {
  await vault('migrate');
  project = JSON.parse(await vault('bootstrap', '--project', 'bench-import')).project.id;
  const plain = path.join(tmp, args.csv ? 'cards.csv' : 'cards.jsonl');
  const t0 = Date.now();
  await generate(plain);
  let file = plain;
  if (!args.plain) {
    const armoredKey = await vault('import-key', '--project', project);
    file = `${plain}.pgp`;
    const message = await openpgp.createMessage({ binary: Readable.toWeb(createReadStream(plain)) });
    const enc = await openpgp.encrypt({ message, encryptionKeys: await openpgp.readKey({ armoredKey }), format: 'binary' });
    await pipeline(Readable.fromWeb(enc), createWriteStream(file));
    rmSync(plain);
  }
  console.log(`${ROWS} rows, ${(statSync(file).size / 2 ** 20).toFixed(0)} MiB ${args.plain ? 'plaintext' : 'OpenPGP (AEAD)'} ${args.csv ? 'CSV' : 'JSONL'}, generated in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  await importOnce(file, 'first import');
  await importOnce(file, 'same file again');
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
