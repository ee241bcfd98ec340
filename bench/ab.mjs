// `node bench/ab.mjs OTHER_CHECKOUT [--rounds 8] [--seconds 1.5] [--only REGEX]`
// Two builds side by side: this checkout (B) and another (A, e.g. a worktree at the base commit,
// with its dist/ built), each a vault on its own embedded PostgreSQL, driven in short alternating
// bursts (A B B A …) so that whatever else the machine does falls on both alike. Reports the
// median Node and PostgreSQL CPU µs per request of each and B's change. On a shared 2-core machine
// one bench run moves by ±40 %; the medians of interleaved bursts agree within a few per cent.
import { spawn } from 'node:child_process';
import { mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { batchBody, cardItem, cpuSpent, cpuUse, freePort, run, stop, track, waitFor } from './lib.mjs';

const HERE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: { rounds: { type: 'string', default: '8' }, seconds: { type: 'string', default: '1.5' }, only: { type: 'string' } },
});
if (positionals.length !== 1) throw new Error('usage: node bench/ab.mjs OTHER_CHECKOUT [--rounds N] [--seconds S] [--only REGEX]');
const ROUNDS = Number(args.rounds);
const SECONDS = Number(args.seconds);
const log = (m) => process.stderr.write(m + '\n');

async function startVault(root, psp) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'vault-ab-'));
  const port = await freePort();
  const env = { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', VAULT_WORKERS: '1', PROXY_ALLOW_PRIVATE_NETWORKS: 'true' };
  delete env.DATABASE_URL;
  delete env.VAULT_MASTER_KEYS;
  const logFd = openSync(path.join(dataDir, 'vault.log'), 'a');
  const child = track(spawn(process.execPath, [path.join(root, 'dist/main.js')], { env, stdio: ['ignore', logFd, logFd], cwd: root }));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(url + '/healthz', 120_000, child);
  const boot = JSON.parse(await run(process.execPath, [path.join(root, 'dist/cli/vault.js'), 'bootstrap', '--project', 'ab'], { env, cwd: root }));
  const headers = { 'content-type': 'application/json', 'x-api-key': boot.api_key, 'x-pub-key': boot.pub_key };
  const post = async (p, body) => {
    const r = await fetch(url + p, { method: 'POST', headers, body });
    if (!r.ok) throw new Error(`${p} answered ${r.status}`);
    return r.json();
  };
  const tokens = [];
  for (let i = 0; i < 5; i++) tokens.push(...(await post('/tokenize', batchBody(1000))).items.map((it) => it.token));
  const t = await post('/test-tokens', JSON.stringify({ cardNumber: '4242424242424242', expirationMonth: '12', expirationYear: '2034', cvc: '123' }));
  const proxied = JSON.stringify({
    token: t.token, cvc_session_id: t.cvc_session_id, proxy_url: psp, http_method: 'POST', http_headers: { authorization: 'Bearer sk_test_ab' },
    request_data: { amount: 2000, currency: 'usd', source: { number: '${cardNumber}', exp_month: '${expirationMonth}', exp_year: '${expirationYear}', cvc: '${cvv}' } },
  });
  return { url, child, dataDir, headers, tokens, proxied };
}

const pick = (arr) => arr[Math.floor(Math.random() * arr.length)];
const body = (f) => [{ setupRequest: (req) => ({ ...req, body: f() }) }];
const SCENARIOS = [
  { name: 'GET /healthz', opts: () => ({ method: 'GET', path: '/healthz' }) },
  { name: 'GET /api/applications/key', opts: (v) => ({ method: 'GET', path: '/api/applications/key', headers: v.headers }) },
  { name: 'POST /detokenize', opts: (v) => ({ method: 'POST', path: '/detokenize', headers: v.headers, requests: body(() => `{"token":"${pick(v.tokens)}"}`) }) },
  { name: 'POST /tokenize', opts: (v) => ({ method: 'POST', path: '/tokenize', headers: v.headers, requests: body(() => JSON.stringify(cardItem())) }) },
  { name: 'POST /tokenize ×100', connections: 16, opts: (v) => ({ method: 'POST', path: '/tokenize', headers: v.headers, requests: body(() => batchBody(100)) }) },
  { name: 'POST /proxy/transaction', connections: 32, opts: (v) => ({ method: 'POST', path: '/proxy/transaction', headers: v.headers, body: v.proxied }) },
].filter((s) => !args.only || new RegExp(args.only).test(s.name));

async function burst(v, sc) {
  const before = cpuUse(v.child.pid);
  const r = await autocannon({ url: v.url + (sc.opts(v).path ?? '/'), connections: sc.connections ?? 64, duration: SECONDS, timeout: 30, ...sc.opts(v) });
  const spent = cpuSpent(before, cpuUse(v.child.pid));
  if (r.non2xx || r.errors) throw new Error(`${sc.name}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return { node: (spent.node / r.requests.total) * 1e6, pg: (spent.postgres / r.requests.total) * 1e6 };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main() {
  const pspPort = await freePort();
  const pspChild = track(spawn(process.execPath, [path.join(HERE, 'bench/psp.mjs'), String(pspPort)], { stdio: 'ignore' }));
  const psp = `http://127.0.0.1:${pspPort}/v1/charges`;
  await waitFor(psp, 10_000, pspChild);
  const roots = { A: path.resolve(positionals[0]), B: HERE };
  const vaults = { A: await startVault(roots.A, psp), B: await startVault(roots.B, psp) };
  const out = Object.fromEntries(SCENARIOS.map((s) => [s.name, { A: [], B: [] }]));
  try {
    for (const sc of SCENARIOS) for (const k of ['A', 'B']) await burst(vaults[k], sc); // warm-up
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 ? ['B', 'A'] : ['A', 'B'];
      for (const sc of SCENARIOS) for (const k of order) out[sc.name][k].push(await burst(vaults[k], sc));
      log(`round ${round + 1}/${ROUNDS} done`);
    }
  } finally {
    for (const v of Object.values(vaults)) {
      await stop(v.child);
      rmSync(v.dataDir, { recursive: true, force: true });
    }
    await stop(pspChild);
  }
  const lines = [`A = ${roots.A}`, `B = ${roots.B}`, `${ROUNDS} interleaved bursts of ${SECONDS} s, medians of CPU µs per request`, '',
    '| scenario | A Node | B Node | Δ Node | A PG | B PG | Δ PG |', '|---|---:|---:|---:|---:|---:|---:|'];
  for (const [name, r] of Object.entries(out)) {
    const a = { node: median(r.A.map((x) => x.node)), pg: median(r.A.map((x) => x.pg)) };
    const b = { node: median(r.B.map((x) => x.node)), pg: median(r.B.map((x) => x.pg)) };
    const d = (x, y) => `${y >= x ? '+' : ''}${(((y - x) / x) * 100).toFixed(0)} %`;
    lines.push(`| ${name} | ${a.node.toFixed(0)} | ${b.node.toFixed(0)} | ${d(a.node, b.node)} | ${a.pg.toFixed(0)} | ${b.pg.toFixed(0)} | ${d(a.pg, b.pg)} |`);
  }
  process.stdout.write(lines.join('\n') + '\n');
}

main().then(() => process.exit(0), (err) => { log(`ab failed: ${err.stack ?? err}`); process.exit(1); });
