// `npm run bench:search [-- --tokens 1000000] [-- --rounds 200]`: token search (API.md §6.3) at
// scale. Starts the vault (dist/main.js) on its own embedded PostgreSQL in a temp DATA_DIR, stores
// `--tokens` cards through POST /tokenize (1000-item batches: every row encrypted, fingerprinted
// and audited as in production) with varied brands, expiries and metadata on 1 % of them, lets
// PostgreSQL settle, then times each kind of search one request at a time over loopback HTTP and
// prints p50/p95 per filter. Bounded: the load stops after --load-seconds.
import { spawn } from 'node:child_process';
import { mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { freePort, randomPan, run, sleep, stop, track, vaultDbClient, waitFor } from './lib.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    tokens: { type: 'string', default: '1000000' },
    rounds: { type: 'string', default: '200' },
    'load-seconds': { type: 'string', default: '600' },
  },
});
const N = Number(args.tokens);
const ROUNDS = Number(args.rounds);
const log = (...m) => process.stderr.write(m.join(' ') + '\n');

const dataDir = mkdtempSync(path.join(tmpdir(), 'vault-bench-search-'));
const port = await freePort();
// The search limits (300 and 30 a minute per key) would answer most of the timed searches 429.
const env = {
  ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', VAULT_WORKERS: '1',
  AUTH_RATE_LIMITS: 'token_search=1000000/60,token_search_full=1000000/60',
};
delete env.DATABASE_URL;
delete env.VAULT_MASTER_KEYS;
const child = track(spawn(process.execPath, [path.join(ROOT, 'dist/main.js')], { env, stdio: ['ignore', openSync(path.join(dataDir, 'vault.log'), 'a'), 'inherit'] }));
const url = `http://127.0.0.1:${port}`;

const post = async (p, body, headers) => {
  const res = await fetch(url + p, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const json = await res.json();
  if (res.status >= 300) throw new Error(`${p} answered ${res.status}: ${JSON.stringify(json).slice(0, 300)}`);
  return json;
};

const MONTHS = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'];
const YEARS = ['2027', '2028', '2029', '2030', '2031', '2032'];
/** Visa, Mastercard and Amex numbers (randomPan is Visa; the others get their own prefixes). */
function pan(i) {
  const p = randomPan();
  if (i % 3 === 1) return luhnFix('5' + String(1 + (i % 5)) + p.slice(2));
  if (i % 3 === 2) return luhnFix('37' + p.slice(2, 15));
  return p;
}
function luhnFix(digits) {
  const body = digits.slice(0, -1);
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return body + String((10 - (sum % 10)) % 10);
}

try {
  await waitFor(url + '/healthz', 120_000, child);
  const boot = JSON.parse(await run(process.execPath, [path.join(ROOT, 'dist/cli/vault.js'), 'bootstrap', '--project', 'search'], { env }));
  const headers = { 'x-api-key': boot.api_key, 'x-pub-key': boot.pub_key };
  // Kept for the searches: some full numbers, and the metadata values that exist.
  const known = [];
  let made = 0;
  const t0 = performance.now();
  async function lane() {
    while (made < N && (performance.now() - t0) / 1000 < Number(args['load-seconds'])) {
      const base = made;
      made += 1000;
      const items = [];
      for (let i = 0; i < 1000; i++) {
        const k = base + i;
        const item = { type: 'card', data: { cardNumber: pan(k), expirationMonth: MONTHS[k % 12], expirationYear: YEARS[k % 6] } };
        if (k % 100 === 0) item.metadata = { customer: `cus_${k}`, plan: k % 200 === 0 ? 'gold' : 'basic' };
        items.push(item);
      }
      await post('/tokenize', { items }, headers);
      if (known.length < 500) known.push(items[0].data.cardNumber);
    }
  }
  await Promise.all(Array.from({ length: 8 }, lane));
  const loadSeconds = (performance.now() - t0) / 1000;
  log(`loaded ${made} tokens in ${loadSeconds.toFixed(0)} s (${(made / loadSeconds).toFixed(0)} tokens/s)`);
  // Search's plans go by the table's statistics, which autovacuum refreshes a minute or more
  // after a bulk load (the import runs ANALYZE itself): refreshed here, as they are in steady use.
  const db = await vaultDbClient(dataDir);
  await db.query('ANALYZE tokens');
  await db.end();
  await sleep(5_000);

  const filters = {
    'brand (a third of all)': () => ({ brand: ['visa', 'mastercard', 'amex'][Math.floor(Math.random() * 3)] }),
    'BIN (6 digits)': () => ({ bin: known[Math.floor(Math.random() * known.length)].slice(0, 6) }),
    'last 4': () => ({ last4: known[Math.floor(Math.random() * known.length)].slice(-4) }),
    'expiry month + year': () => ({ expiration_month: 1 + Math.floor(Math.random() * 12), expiration_year: Number(YEARS[Math.floor(Math.random() * 6)]) }),
    'metadata value (1 % of tokens)': () => ({ metadata: { customer: `cus_${100 * Math.floor(Math.random() * (made / 100))}` } }),
    'metadata value (0.5 % share it)': () => ({ metadata: { plan: 'gold' } }),
    'created in the last minute': () => ({ created_from: new Date(Date.now() - 60_000).toISOString() }),
    'full card number (detokenize key)': () => ({ card_number: known[Math.floor(Math.random() * known.length)] }),
  };
  const rows = [];
  for (const [name, make] of Object.entries(filters)) {
    const times = [];
    let found = 0;
    for (let i = 0; i < ROUNDS; i++) {
      const s = performance.now();
      const r = await post('/tokens/search', { ...make(), limit: 50 }, headers);
      times.push(performance.now() - s);
      found += r.data?.length ?? r.items?.length ?? 0;
    }
    times.sort((a, b) => a - b);
    const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
    rows.push(`| ${name} | ${at(0.5).toFixed(1)} | ${at(0.95).toFixed(1)} | ${(found / ROUNDS).toFixed(1)} |`);
    log(`${name}: p50 ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms`);
  }
  process.stdout.write(`Search over ${made.toLocaleString('en')} tokens, ${ROUNDS} searches per filter, one at a time (first page of 50):\n\n`
    + '| filter | p50 ms | p95 ms | rows per answer |\n|---|---:|---:|---:|\n' + rows.join('\n') + '\n');
} finally {
  await stop(child);
  rmSync(dataDir, { recursive: true, force: true });
}
