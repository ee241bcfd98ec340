// Finding 10 of issue 13: /metrics was public on the API port (routes, traffic, timings). It now
// needs METRICS_TOKEN as a Bearer token, or lives on a separate METRICS_PORT; with neither it
// does not exist.
import { afterAll, describe, expect, it } from 'vitest';
import { startVault, type TestVault } from '../helpers.js';

const TOKEN = 'a-long-metrics-token-0123456789';
const vaults: TestVault[] = [];
afterAll(() => Promise.all(vaults.map((v) => v.close())));

async function vault(opts: Parameters<typeof startVault>[0]) {
  const v = await startVault(opts);
  vaults.push(v);
  return v;
}

describe('/metrics is not public (finding 10)', () => {
  it('without METRICS_TOKEN or METRICS_PORT there is no /metrics on the API port', async () => {
    const v = await vault({});
    const res = await fetch(`${v.url}/metrics`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('vault_http_requests_total');
  });

  it('with METRICS_TOKEN: no token or a wrong one → 401, the token → the metrics', async () => {
    const v = await vault({ metricsToken: TOKEN });
    expect((await fetch(`${v.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${v.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}x` } })).status).toBe(401);
    expect((await fetch(`${v.url}/metrics`, { headers: { authorization: `Basic ${TOKEN}` } })).status).toBe(401);
    const ok = await fetch(`${v.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('vault_http_requests_total');
  });

  it('with METRICS_PORT: served there only, not on the API port', async () => {
    const v = await vault({ metricsPort: 0 });
    expect((await fetch(`${v.url}/metrics`)).status).toBe(404);
    const ok = await fetch(`${v.app.metricsUrl}/metrics`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('process_cpu_user_seconds_total');
    expect((await fetch(`${v.app.metricsUrl}/tokenize`)).status).toBe(404);
  });

  it('METRICS_PORT and METRICS_TOKEN together: the separate port wants the token too', async () => {
    const v = await vault({ metricsPort: 0, metricsToken: TOKEN });
    expect((await fetch(`${v.app.metricsUrl}/metrics`)).status).toBe(401);
    expect((await fetch(`${v.app.metricsUrl}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
  });
});
