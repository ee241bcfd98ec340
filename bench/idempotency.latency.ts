// POST /tokenize over loopback HTTP, one request at a time (not a throughput run: the machine is
// shared): without a key, with a fresh key each time, and replays of one key, interleaved in
// rounds so that drift hits all three alike. ROUNDS=300 by default.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startVault, type TestApp, type TestVault, VISA } from '../test/helpers.js';

const ROUNDS = Number(process.env.ROUNDS ?? 300);
let v: TestVault;
let app: TestApp;
beforeAll(async () => {
  v = await startVault();
  app = await v.createApp();
});
afterAll(() => v.close());

it('tokenize latency without a key, with a fresh key, and replayed', async () => {
  const body = JSON.stringify({ type: 'card', data: VISA });
  const send = async (extra: Record<string, string>) => {
    const t0 = process.hrtime.bigint();
    const res = await fetch(`${v.url}/tokenize`, { method: 'POST', headers: { ...app.headers, 'content-type': 'application/json', ...extra }, body });
    await res.arrayBuffer();
    expect(res.status).toBe(201);
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };
  const times = { none: [] as number[], fresh: [] as number[], replay: [] as number[] };
  for (let i = 0; i < 50; i++) await send({});
  await send({ 'idempotency-key': 'replayed' });
  for (let i = 0; i < ROUNDS; i++) {
    times.none.push(await send({}));
    times.fresh.push(await send({ 'idempotency-key': `k-${i}` }));
    times.replay.push(await send({ 'idempotency-key': 'replayed' }));
  }
  const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * p)].toFixed(2);
  for (const [name, xs] of Object.entries(times)) console.log(`${name.padEnd(7)} p50 ${q(xs, 0.5)} ms  p95 ${q(xs, 0.95)} ms  (n=${xs.length})`);
  // 50 + 1 + ROUNDS without a key or with a fresh one; the replays created nothing.
  const n = (await v.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM tokens WHERE project_id = $1', [app.projectId])).rows[0].n;
  expect(n).toBe(51 + 2 * ROUNDS);
});
