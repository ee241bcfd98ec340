// `npm run bench -- --soak MINUTES [--workers N]`: a bounded soak. One vault (dist/main.js on its
// own embedded PostgreSQL in a temp DATA_DIR) takes mixed load for MINUTES: tokenize (a new card
// each time, so the table grows all along), detokenize of preloaded tokens, and proxy calls to a
// PSP double. Every INTERVAL the run records, per scenario, p50 / p99 latency, throughput and
// errors, and the vault's Node RSS; it writes bench/results/soak-<time>.json and .png.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { soakChart } from './chart.mjs';
import { batchBody, cardItem, freePort, nodeProcesses, startVault as startBenchVault, stop, track, waitFor } from './lib.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const INTERVAL_MS = 10_000;
const log = (...m) => process.stderr.write(m.join(' ') + '\n');

const SCENARIOS = { tokenize: 8, detokenize: 8, proxy: 4 }; // connections each

const startVault = (workers) => startBenchVault({ root: ROOT, project: 'soak', workers, env: { PROXY_ALLOW_PRIVATE_NETWORKS: 'true' } });

async function post(vault, p, body) {
  const r = await fetch(vault.url + p, { method: 'POST', headers: vault.headers, body });
  if (!r.ok) throw new Error(`${p} answered ${r.status}: ${await r.text()}`);
  return r.json();
}

/** RSS of the vault's Node processes (not PostgreSQL's), in MB. */
function rssMB(pid) {
  let sum = 0;
  for (const p of nodeProcesses(pid)) {
    try {
      const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
      if (m) sum += Number(m[1]) / 1024;
    } catch { /* gone */ }
  }
  return sum;
}

function percentile(sorted, q) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : null;
}

/** Runs the soak; returns the path of the JSON result. */
export async function soak(minutes, workers = 1) {
  const vault = await startVault(workers);
  const pspPort = await freePort();
  const pspChild = track(spawn(process.execPath, [path.join(ROOT, 'bench/psp.mjs'), String(pspPort)], { stdio: 'ignore' }));
  const pspUrl = `http://127.0.0.1:${pspPort}/v1/charges`;
  await waitFor(pspUrl, 10_000, pspChild);
  try {
    // Tokens to detokenize, and a test token whose CVC session survives proxy use.
    const pool = (await post(vault, '/tokenize', batchBody(1000))).items.map((i) => i.token);
    const t = await post(vault, '/test-tokens', JSON.stringify({ cardNumber: '4242424242424242', expirationMonth: '12', expirationYear: '2034', cvc: '123' }));
    const proxied = JSON.stringify({
      token: t.token, cvc_session_id: t.cvc_session_id, proxy_url: pspUrl, http_method: 'POST',
      request_data: { amount: 2000, currency: 'usd', source: { number: '${cardNumber}', exp_month: '${expirationMonth}', exp_year: '${expirationYear}', cvc: '${cvv}' } },
    });
    const bodies = {
      tokenize: () => JSON.stringify(cardItem()),
      detokenize: () => JSON.stringify({ token: pool[Math.floor(Math.random() * pool.length)] }),
      proxy: () => proxied,
    };
    const paths = { tokenize: '/tokenize', detokenize: '/detokenize', proxy: '/proxy/transaction' };

    log(`soak: ${minutes} min, workers ${workers}, connections ${JSON.stringify(SCENARIOS)}, one point every ${INTERVAL_MS / 1000} s`);
    const t0 = Date.now();
    const fresh = () => Object.fromEntries(Object.keys(SCENARIOS).map((s) => [s, { lat: [], errors: 0 }]));
    const statuses = Object.fromEntries(Object.keys(SCENARIOS).map((s) => [s, {}]));
    let bucket = fresh();
    const points = [];
    const sample = () => {
      const minute = (Date.now() - t0) / 60_000;
      const rss = rssMB(vault.child.pid);
      for (const [s, b] of Object.entries(bucket)) {
        const lat = b.lat.sort((a, c) => a - c);
        points.push({ minute: Number(minute.toFixed(2)), scenario: s, p50: percentile(lat, 0.5), p99: percentile(lat, 0.99), rps: lat.length / (INTERVAL_MS / 1000), errors: b.errors, rssMB: Number(rss.toFixed(1)) });
      }
      const last = points.slice(-3);
      log(`  ${minute.toFixed(1)} min: ${last.map((p) => `${p.scenario} ${p.rps.toFixed(0)}/s p99 ${p.p99} ms err ${p.errors}`).join(', ')}, RSS ${rss.toFixed(0)} MB`);
      bucket = fresh();
    };
    const timer = setInterval(sample, INTERVAL_MS);
    const runs = Object.entries(SCENARIOS).map(([s, connections]) => {
      const inst = autocannon({
        url: vault.url + paths[s], connections, duration: minutes * 60, timeout: 30,
        method: 'POST', headers: vault.headers,
        requests: [{ setupRequest: (req) => ({ ...req, body: bodies[s]() }) }],
      });
      inst.on('response', (_c, status, _bytes, ms) => {
        bucket[s].lat.push(ms);
        statuses[s][status] = (statuses[s][status] ?? 0) + 1;
        if (status < 200 || status > 299) bucket[s].errors++;
      });
      inst.on('reqError', () => bucket[s].errors++);
      return new Promise((resolve, reject) => inst.on('done', resolve).on('error', reject));
    });
    const totals = await Promise.all(runs);
    clearInterval(timer);

    const summary = flatness(points);
    const dir = path.join(ROOT, 'bench/results');
    mkdirSync(dir, { recursive: true });
    const stamp = new Date(t0).toISOString().replace(/[:.]/g, '-');
    const file = path.join(dir, `soak-${stamp}.json`);
    const scenarios = Object.fromEntries(Object.keys(SCENARIOS).map((s, i) => [s, {
      connections: SCENARIOS[s], requests: totals[i].requests.total, rps: totals[i].requests.average,
      p50: totals[i].latency.p50, p99: totals[i].latency.p99, errors: totals[i].errors + totals[i].timeouts, non2xx: totals[i].non2xx, statuses: statuses[s],
    }]));
    writeFileSync(file, JSON.stringify({ started: new Date(t0).toISOString(), minutes, workers, intervalSeconds: INTERVAL_MS / 1000, scenarios, summary, points }, null, 2) + '\n');
    const png = await soakChart(points, `Vault soak, ${minutes} min, ${workers} worker(s): tokenize ${SCENARIOS.tokenize} + detokenize ${SCENARIOS.detokenize} + proxy ${SCENARIOS.proxy} connections`);
    writeFileSync(file.replace(/\.json$/, '.png'), png);
    process.stdout.write(`${JSON.stringify({ scenarios, summary }, null, 2)}\nresults: ${path.relative(ROOT, file)} and .png\n`);
    return file;
  } finally {
    await stop(pspChild);
    await stop(vault.child);
    if (!process.env.BENCH_KEEP) rmSync(vault.dataDir, { recursive: true, force: true });
  }
}

/**
 * Flat or not: the median of the last quarter of the run against the median of the second
 * (the first quarter includes the warm-up), for RSS and each scenario's p99.
 */
function flatness(points) {
  const minutes = [...new Set(points.map((p) => p.minute))];
  const q = Math.max(1, Math.floor(minutes.length / 4));
  const early = new Set(minutes.slice(q, 2 * q));
  const late = new Set(minutes.slice(-q));
  const med = (xs) => { const s = xs.filter((x) => x !== null).sort((a, b) => a - b); return s[Math.floor(s.length / 2)] ?? null; };
  const out = {};
  const rss = (set) => med(points.filter((p) => set.has(p.minute) && p.scenario === 'tokenize').map((p) => p.rssMB));
  out.rssMB = { early: rss(early), late: rss(late) };
  for (const s of Object.keys(SCENARIOS)) {
    const p99 = (set) => med(points.filter((p) => set.has(p.minute) && p.scenario === s).map((p) => p.p99));
    out[`${s}P99`] = { early: p99(early), late: p99(late) };
  }
  for (const v of Object.values(out)) v.ratio = v.early ? Number((v.late / v.early).toFixed(2)) : null;
  return out;
}
