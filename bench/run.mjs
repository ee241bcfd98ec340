// `npm run bench [-- --quick] [-- --growth] [-- --workers 1,2] [-- --cpu-prof] [-- --soak MINUTES]`
// Drives a bare Fastify hello-world (the ceiling) and the vault (dist/main.js on its own embedded
// PostgreSQL in a temp DATA_DIR) with autocannon on 127.0.0.1, and reports every vault figure as a
// ratio to the hello-world figure of the same run. Every load is bounded in time.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import {
  batchBody, cardItem, cpuSpent, cpuUse, freePort, rssSampler, run, sleep, startVault as startBenchVault, stop, track, vaultDbClient, waitFor,
} from './lib.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    growth: { type: 'boolean', default: false },
    'growth-tokens': { type: 'string', default: '1000000' },
    'growth-seconds': { type: 'string', default: '300' },
    workers: { type: 'string' },
    connections: { type: 'string' },
    duration: { type: 'string' },
    warmup: { type: 'string' },
    only: { type: 'string' },
    'cpu-prof': { type: 'boolean', default: false },
    'log-level': { type: 'string' },
    soak: { type: 'string' },
    vault: { type: 'string' },
  },
});
// `--vault DIR`: measure another checkout's build (its dist/) with this benchmark, e.g. a worktree
// at an older commit, so before and after run the same scenarios.
const VAULT_ROOT = args.vault ? path.resolve(args.vault) : ROOT;

const quick = args.quick;
const CONNECTIONS = (args.connections ?? (quick ? '64' : '1,16,64')).split(',').map(Number);
const WORKERS = (args.workers ?? (quick ? '1' : '1,2')).split(',').map(Number);
const DURATION = Number(args.duration ?? (quick ? 2 : 6));
const WARMUP = Number(args.warmup ?? (quick ? 1 : 2));
const PRELOAD = 10_000;
const GROWTH_TOKENS = Number(args['growth-tokens']);
const only = args.only ? new RegExp(args.only) : null;

let helloFirst = null;
const log = (...m) => process.stderr.write(m.join(' ') + '\n');

/** One autocannon run; with `pid`, also the CPU that process tree spent per request (µs). */
async function cannon(base, { path: p = '/', ...opts }, duration, pid) {
  const before = pid && cpuUse(pid);
  const r = await autocannon({ url: base + p, duration, timeout: 30, ...opts });
  const spent = pid && cpuSpent(before, cpuUse(pid));
  const per = (k) => (pid && r.requests.total ? (spent[k] / r.requests.total) * 1e6 : undefined);
  return {
    nodeCpuUs: per('node'),
    pgCpuUs: per('postgres'),
    rps: r.requests.average,
    total: r.requests.total,
    p50: r.latency.p50,
    p99: r.latency.p99,
    p999: r.latency.p99_9,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
  };
}

// ---- the ceiling --------------------------------------------------------------------------------
// Measured before and after the vault runs; ratios use the mean of both, so a machine that gets
// busier or quieter during the run (other jobs) skews them less.
async function helloWorld() {
  const port = await freePort();
  const child = track(spawn(process.execPath, [path.join(ROOT, 'bench/hello.mjs'), String(port)], { stdio: 'ignore' }));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(url + '/', 10_000, child);
  const passes = [];
  async function pass() {
    const out = {};
    await cannon(url, { connections: 64 }, WARMUP);
    for (const c of CONNECTIONS) {
      out[c] = await cannon(url, { connections: c }, DURATION, child.pid);
      log(`hello-world c=${c}: ${out[c].rps.toFixed(0)} req/s p50 ${out[c].p50} ms, ${out[c].nodeCpuUs.toFixed(0)} µs CPU/req`);
    }
    passes.push(out);
  }
  await pass();
  const mean = {};
  return {
    mean,
    passes,
    async again() {
      await pass();
      await stop(child);
      for (const c of CONNECTIONS) {
        const [a, b] = passes.map((p) => p[c]);
        mean[c] = Object.fromEntries(Object.keys(a).map((k) => [k, (a[k] + b[k]) / 2]));
      }
    },
  };
}

// ---- the floor -----------------------------------------------------------------------------------
// bench/floor.mjs: the vault's own Fastify, pg, embedded PostgreSQL and group commit, and nothing
// of the vault. The least any design on these parts can spend per read and per audited request.
async function floor(hello, rows) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'vault-floor-'));
  const port = await freePort();
  const child = track(spawn(process.execPath, [path.join(ROOT, 'bench/floor.mjs'), String(port), dataDir], { stdio: 'ignore' }));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(url + '/ready', 120_000, child);
    const body = [{ setupRequest: (req) => ({ ...req, body: `{"token":"tok_${1 + Math.floor(Math.random() * 10_000)}"}` }) }];
    const floorVault = { url, child };
    for (const [name, p] of [['floor: Fastify + pg, read', '/read'], ['floor: Fastify + pg, read + durable audit row', '/write']]) {
      if (only && !only.test(name) && !only.test('floor')) continue;
      await measure(floorVault, { name, opts: { method: 'POST', path: p, headers: { 'content-type': 'application/json' }, requests: body } }, 1, hello, rows);
    }
  } finally {
    await stop(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// ---- the vault ----------------------------------------------------------------------------------
async function startVault(workers, { cpuProfDir } = {}) {
  const vault = await startBenchVault({
    root: VAULT_ROOT, project: 'bench', workers, nodeArgs: cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : [],
    // The PSP double of the proxy scenario listens on 127.0.0.1 over plain http.
    env: { PROXY_ALLOW_PRIVATE_NETWORKS: 'true', ...(args['log-level'] ? { LOG_LEVEL: args['log-level'] } : {}) },
  });
  return {
    ...vault,
    async close() {
      await stop(vault.child);
      if (!process.env.BENCH_KEEP) rmSync(vault.dataDir, { recursive: true, force: true });
    },
  };
}

async function post(vault, p, body) {
  const r = await fetch(vault.url + p, { method: 'POST', headers: vault.headers, body });
  if (!r.ok) throw new Error(`${p} answered ${r.status}: ${await r.text()}`);
  return r.json();
}

/** Loads `n` tokens with batches of 1000 on `connections` connections; returns the tokens and tokens/s. */
async function load(vault, n, connections = 8, keep = 20_000, maxSeconds = Infinity) {
  const perReq = 1000;
  const requests = Math.ceil(n / perReq);
  const kept = [];
  let started = 0;
  let done = 0;
  const t0 = performance.now();
  async function lane() {
    // Bounded in time: on a slow or busy machine the load stops early and says how far it got.
    while (started < requests && (performance.now() - t0) / 1000 < maxSeconds) {
      started++;
      const res = await post(vault, '/tokenize', batchBody(perReq));
      done++;
      // A uniform sample across the whole load, so reads touch old and new rows alike.
      for (const it of res.items) {
        if (kept.length < keep) kept.push(it.token);
        else if (Math.random() < keep / (done * perReq)) kept[Math.floor(Math.random() * keep)] = it.token;
      }
    }
  }
  await Promise.all(Array.from({ length: connections }, lane));
  const seconds = (performance.now() - t0) / 1000;
  return { tokens: kept, loaded: done * perReq, seconds, tokensPerSecond: (done * perReq) / seconds, complete: done === requests };
}

const pick = (arr) => arr[Math.floor(Math.random() * arr.length)];

function scenarios(vault, pool) {
  const h = vault.headers;
  const body = (f) => [{ setupRequest: (req) => ({ ...req, body: f() }) }];
  return [
    { name: 'GET /healthz', opts: { method: 'GET', path: '/healthz' } },
    { name: 'POST /detokenize', opts: { method: 'POST', path: '/detokenize', headers: h, requests: body(() => `{"token":"${pick(pool)}"}`) } },
    {
      name: 'POST /detokenize ×100', items: 100,
      opts: { method: 'POST', path: '/detokenize', headers: h, requests: body(() => JSON.stringify({ tokens: Array.from({ length: 100 }, () => pick(pool)) })) },
    },
    { name: 'GET /api/applications/key', opts: { method: 'GET', path: '/api/applications/key', headers: h } },
    { name: 'POST /tokenize', opts: { method: 'POST', path: '/tokenize', headers: h, requests: body(() => JSON.stringify(cardItem())) } },
    { name: 'POST /tokenize ×100', items: 100, opts: { method: 'POST', path: '/tokenize', headers: h, requests: body(() => batchBody(100)) } },
  ];
}

// Issue 5's target: a proxied call vs the client calling the PSP double directly, same run, 32 connections.
const PROXY_CONNECTIONS = [32];
const CHARGE = (card) => ({ amount: 2000, currency: 'usd', source: { number: card.number, exp_month: card.month, exp_year: card.year, cvc: card.cvc } });

/** A PSP double on 127.0.0.1 (bench/psp.mjs, its own process) that answers every charge with a small JSON body. */
async function pspDouble() {
  const port = await freePort();
  const child = track(spawn(process.execPath, [path.join(ROOT, 'bench/psp.mjs'), String(port)], { stdio: 'ignore' }));
  const url = `http://127.0.0.1:${port}/v1/charges`;
  await waitFor(url, 10_000, child);
  return { url, close: () => stop(child) };
}

async function proxyScenarios(vault, psp) {
  // A test token: its CVC session survives proxy use, so every request can fill ${cvv}.
  const t = await post(vault, '/test-tokens', JSON.stringify({ cardNumber: '4242424242424242', expirationMonth: '12', expirationYear: '2034', cvc: '123' }));
  const proxied = JSON.stringify({
    token: t.token, cvc_session_id: t.cvc_session_id, proxy_url: psp.url, http_method: 'POST',
    http_headers: { authorization: 'Bearer sk_test_bench' },
    request_data: CHARGE({ number: '${cardNumber}', month: '${expirationMonth}', year: '${expirationYear}', cvc: '${cvv}' }),
  });
  const direct = JSON.stringify(CHARGE({ number: '4242424242424242', month: '12', year: '2034', cvc: '123' }));
  return [
    { name: 'PSP double, called directly', connections: PROXY_CONNECTIONS, url: new URL(psp.url).origin,
      opts: { method: 'POST', path: '/v1/charges', headers: { 'content-type': 'application/json', authorization: 'Bearer sk_test_bench' }, body: direct } },
    { name: 'POST /proxy/transaction', connections: PROXY_CONNECTIONS, opts: { method: 'POST', path: '/proxy/transaction', headers: vault.headers, body: proxied } },
  ];
}

async function measure(vault, sc, workers, hello, rows) {
  const url = sc.url ?? vault.url;
  await cannon(url, { ...sc.opts, connections: 64 }, WARMUP);
  for (const c of sc.connections ?? CONNECTIONS) {
    const rss = rssSampler(vault.child.pid);
    const r = await cannon(url, { ...sc.opts, connections: c }, DURATION, vault.child.pid);
    const peak = rss.stop();
    const base = helloFirst?.[c];
    const row = {
      scenario: sc.name, workers, connections: c, ...r,
      itemsPerSecond: sc.items ? r.rps * sc.items : undefined,
      ratioRps: null, ratioP50: null,
      rssMB: peak.totalBytes / 2 ** 20, rssMaxProcessMB: peak.singleBytes / 2 ** 20,
    };
    rows.push(row);
    log(`  ${sc.name} w=${workers} c=${c}: ${r.rps.toFixed(0)} req/s (×${base ? (r.rps / base.rps).toFixed(2) : '?'} of first hello pass) p50 ${r.p50} p99 ${r.p99} ms `
      + `err ${r.errors} non2xx ${r.non2xx} rss ${row.rssMB.toFixed(0)} MB, CPU/req: node ${r.nodeCpuUs.toFixed(0)} µs, pg ${r.pgCpuUs.toFixed(0)} µs`);
  }
}

async function loginScenario(vault, workers, hello, rows, notes) {
  const probe = await fetch(vault.url + '/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email":"nobody@example.com","password":"x"}' });
  await probe.arrayBuffer();
  if (probe.status === 404) {
    notes.push('POST /auth/login: route answers 404 on this build; skipped.');
    return;
  }
  if (!process.env.BENCH_LOGIN_EMAIL || !process.env.BENCH_LOGIN_PASSWORD) {
    notes.push('POST /auth/login exists but BENCH_LOGIN_EMAIL/BENCH_LOGIN_PASSWORD are unset; skipped (argon2 cost is deliberate and rate-limited).');
    return;
  }
  await measure(vault, {
    name: 'POST /auth/login (argon2)',
    opts: { method: 'POST', path: '/auth/login', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: process.env.BENCH_LOGIN_EMAIL, password: process.env.BENCH_LOGIN_PASSWORD }) },
  }, workers, hello, rows);
}

// ---- report -------------------------------------------------------------------------------------
const f0 = (n) => (n === undefined || n === null ? '' : Math.round(n).toLocaleString('en-US'));
const f2 = (n) => (n === undefined || n === null ? '' : n.toFixed(2));

function table(hello, rows) {
  const lines = [
    '| scenario | workers | conns | req/s | × hello | items/s | p50 ms | p99 ms | p99.9 ms | errors | non-2xx | vault RSS MB | Node CPU µs/req | PG CPU µs/req |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const [c, r] of Object.entries(hello)) {
    lines.push(`| hello-world (ceiling) | 1 | ${c} | ${f0(r.rps)} | 1.00 |  | ${r.p50} | ${r.p99} | ${r.p999} | ${r.errors} | ${r.non2xx} |  | ${f0(r.nodeCpuUs)} |  |`);
  }
  for (const r of rows) {
    lines.push(`| ${r.scenario} | ${r.workers} | ${r.connections} | ${f0(r.rps)} | ${f2(r.ratioRps)} | ${f0(r.itemsPerSecond)} | ${r.p50} | ${r.p99} | ${r.p999} | ${r.errors} | ${r.non2xx} | ${f0(r.rssMB)} | ${f0(r.nodeCpuUs)} | ${f0(r.pgCpuUs)} |`);
  }
  return lines.join('\n');
}

async function main() {
  if (args['cpu-prof']) return cpuProfile();
  if (args.soak) {
    const minutes = Number(args.soak);
    const workers = Number(args.workers ?? 1);
    if (!(minutes > 0) || !Number.isInteger(workers) || workers < 1) throw new Error('--soak takes a number of minutes, and one --workers count');
    return (await import('./soak.mjs')).soak(minutes, workers);
  }
  const started = new Date();
  log(`bench: connections ${CONNECTIONS.join(',')}, ${DURATION}s per run after ${WARMUP}s warm-up, workers ${WORKERS.join(',')}`);
  const ceiling = await helloWorld();
  const hello = ceiling.mean;
  helloFirst = ceiling.passes[0];
  const rows = [];
  const notes = [];
  const growth = [];
  const growthRows = [];
  if (!only || only.test('floor')) await floor(hello, rows);
  for (const workers of WORKERS) {
    log(`vault with VAULT_WORKERS=${workers}`);
    const vault = await startVault(workers);
    try {
      const pre = await load(vault, PRELOAD);
      let stored = pre.loaded;
      // Reads run first, while the table holds the preloaded 10 k tokens.
      for (const sc of scenarios(vault, pre.tokens)) {
        if (!only || only.test(sc.name)) await measure(vault, sc, workers, hello, rows);
      }
      if (!only || only.test('login')) await loginScenario(vault, workers, hello, rows, notes);
      if (!only || only.test('proxy')) {
        const psp = await pspDouble();
        try {
          for (const sc of await proxyScenarios(vault, psp)) await measure(vault, sc, workers, hello, rows);
        } finally {
          await psp.close();
        }
        const d = rows.find((r) => r.workers === workers && r.scenario === 'PSP double, called directly');
        const p = rows.find((r) => r.workers === workers && r.scenario === 'POST /proxy/transaction');
        if (d && p) notes.push(`Proxy overhead, ${workers} worker(s), ${p.connections} connections: p50 ${p.p50} ms proxied vs ${d.p50} ms direct = +${(p.p50 - d.p50).toFixed(1)} ms (target < 2 ms).`);
      }
      if (args.growth && workers === WORKERS[0]) {
        const before = rows.filter((r) => r.workers === workers && r.scenario === 'POST /detokenize');
        stored = await countTokens(vault);
        const want = Math.max(0, GROWTH_TOKENS - stored);
        log(`growth: ${stored} tokens stored, loading ${want} more`);
        const rss = rssSampler(vault.child.pid);
        const big = await load(vault, want, 8, 20_000, Number(args['growth-seconds']));
        const peak = rss.stop();
        log(`growth: loaded ${big.loaded} tokens in ${big.seconds.toFixed(1)} s = ${big.tokensPerSecond.toFixed(0)} tokens/s`);
        const settledSeconds = await settle(vault);
        log(`growth: PostgreSQL settled (autovacuum done, checkpoint) after ${settledSeconds.toFixed(0)} s`);
        const grown = growthRows;
        await measure(vault, scenarios(vault, big.tokens)[1], workers, hello, grown);
        for (const g of grown) {
          const b = before.find((x) => x.connections === g.connections);
          growth.push({
            connections: g.connections, storedBefore: PRELOAD, storedAfter: stored + big.loaded,
            p50At10k: b?.p50, p50At1M: g.p50, p50Ratio: b && b.p50 > 0 ? g.p50 / b.p50 : null,
            rpsAt10k: b?.rps, rpsAt1M: g.rps, p99At1M: g.p99, errors: g.errors, non2xx: g.non2xx,
          });
        }
        growth.load = { tokens: big.loaded, complete: big.complete, stored: stored + big.loaded, seconds: big.seconds, tokensPerSecond: big.tokensPerSecond, rssMB: peak.totalBytes / 2 ** 20, settledSeconds };
      }
    } finally {
      await vault.close();
    }
  }

  await ceiling.again();
  // Ratios are computed now, against the mean of both hello-world passes.
  for (const r of [...rows, ...growthRows]) {
    const base = hello[r.connections];
    if (!base) continue; // connection counts the ceiling was not measured at (the proxy pair)
    r.ratioRps = r.rps / base.rps;
    r.ratioP50 = base.p50 > 0 ? r.p50 / base.p50 : null;
  }
  let md = table(hello, rows);
  if (growth.load) {
    md += `\n\nGrowth: loaded ${f0(growth.load.tokens)} tokens${growth.load.complete ? '' : ' (stopped at the time limit)'} with 1000-item batches in ${growth.load.seconds.toFixed(1)} s `
      + `= ${f0(growth.load.tokensPerSecond)} tokens/s (vault RSS peak ${f0(growth.load.rssMB)} MB); the 1 M run started after PostgreSQL's `
      + `post-load autovacuum and a checkpoint (${f0(growth.load.settledSeconds)} s).\n\n`
      + '| conns | stored | detokenize p50 ms at 10 k | at 1 M | ratio | req/s at 10 k | at 1 M | p99 at 1 M | errors | non-2xx |\n'
      + '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n'
      + growth.map((g) => `| ${g.connections} | ${f0(g.storedAfter)} | ${g.p50At10k} | ${g.p50At1M} | ${f2(g.p50Ratio)} | ${f0(g.rpsAt10k)} | ${f0(g.rpsAt1M)} | ${g.p99At1M} | ${g.errors} | ${g.non2xx} |`).join('\n');
  }
  if (notes.length) md += '\n\n' + notes.map((n) => `- ${n}`).join('\n');
  const bad = rows.filter((r) => r.errors || r.non2xx);
  if (bad.length) md += `\n\n**${bad.length} run(s) had errors or non-2xx answers.**`;

  const dir = path.join(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const stamp = started.toISOString().replace(/[:.]/g, '-');
  const file = path.join(dir, `${stamp}${quick ? '-quick' : ''}.json`);
  writeFileSync(file, JSON.stringify({
    started: started.toISOString(), quick, node: process.version, cpus: (await import('node:os')).cpus().length,
    durationSeconds: DURATION, warmupSeconds: WARMUP, connections: CONNECTIONS, workers: WORKERS,
    hello, helloPasses: ceiling.passes, rows, growth: growth.load ? { load: growth.load, detokenize: [...growth] } : null, notes,
  }, null, 2));
  writeFileSync(file.replace(/\.json$/, '.md'), md + '\n');
  process.stdout.write(md + '\n\n' + `results: ${path.relative(ROOT, file)}\n`);
}

async function countTokens(vault) {
  const client = await vaultDbClient(vault.dataDir);
  try {
    return Number((await client.query('SELECT count(*) FROM tokens')).rows[0].count);
  } finally {
    await client.end();
  }
}

/**
 * After a bulk load PostgreSQL vacuums and analyzes the new rows and checkpoints the WAL; on two
 * cores that background work would be measured as lookup cost. Waits (at most `maxSeconds`) until
 * no autovacuum worker runs, then checkpoints, so the 1 M run measures steady state.
 */
async function settle(vault, maxSeconds = 180) {
  const client = await vaultDbClient(vault.dataDir);
  const t0 = performance.now();
  try {
    let quiet = 0;
    while (quiet < 3 && (performance.now() - t0) / 1000 < maxSeconds) {
      const { rows } = await client.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'");
      quiet = rows[0].n === 0 ? quiet + 1 : 0;
      await sleep(1000);
    }
    await client.query('CHECKPOINT');
  } finally {
    await client.end();
  }
  return (performance.now() - t0) / 1000;
}

/**
 * `--cpu-prof`: one vault under `node --cpu-prof`, one run of the scenario `--only` names exactly
 * (default `POST /tokenize`) at its connection count, then a self-time summary.
 */
async function cpuProfile() {
  const profDir = mkdtempSync(path.join(tmpdir(), 'vault-prof-'));
  const vault = await startVault(1, { cpuProfDir: profDir });
  const psp = await pspDouble();
  try {
    const pre = await load(vault, 1000);
    const all = [...scenarios(vault, pre.tokens), ...(await proxyScenarios(vault, psp))];
    const name = args.only ?? 'POST /tokenize';
    const sc = all.find((s) => s.name === name);
    if (!sc) throw new Error(`--cpu-prof needs --only with one scenario's exact name: ${all.map((s) => s.name).join(', ')}`);
    const connections = sc.connections?.[0] ?? 64;
    await cannon(vault.url, { ...sc.opts, connections }, WARMUP);
    const r = await cannon(vault.url, { ...sc.opts, connections }, DURATION);
    log(`${sc.name} under --cpu-prof: ${r.rps.toFixed(0)} req/s p50 ${r.p50} ms`);
  } finally {
    await psp.close();
    await stop(vault.child);
  }
  const prof = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
  const out = await run(process.execPath, [path.join(ROOT, 'bench/cpu-summary.mjs'), path.join(profDir, prof)], {});
  process.stdout.write(out);
  rmSync(vault.dataDir, { recursive: true, force: true });
  process.stdout.write(`profile: ${path.join(profDir, prof)}\n`);
}

main().then(
  () => process.exit(0),
  (err) => { log(`bench failed: ${err.stack ?? err}`); process.exit(1); },
);
