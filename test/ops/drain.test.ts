// SIGTERM under tokenize load, with one process and with VAULT_WORKERS=2: the vault stops taking
// connections, answers every request it took (every request that reached the database was
// answered 201: no 5xx, no connection cut under it), keeps every token it acknowledged, and exits 0
// within the bound it logs.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, expect, test } from 'vitest';
import { startEmbedded, withDatabase } from '../../src/db/embedded.js';
import { startVault, VISA } from '../helpers.js';
import { runLoad } from '../support/load.js';
import { bootstrap, freePort, killTree, sleep, startVaultProcess, vaultEnv, type VaultProcess } from '../support/vault-process.js';

const dirs: string[] = [];
const started: VaultProcess[] = [];

afterAll(async () => {
  for (const v of started) if (v.child.exitCode === null) killTree(v.child.pid!);
  await sleep(200);
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

for (const workers of [1, 2]) {
  test(`SIGTERM under load drains with VAULT_WORKERS=${workers}: every request taken is answered, every token kept`, async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'vault-drain-'));
    dirs.push(dataDir);
    const env = vaultEnv(await freePort(), { DATA_DIR: dataDir, VAULT_WORKERS: String(workers), VAULT_DRAIN_SECONDS: '20' });
    const vault = await startVaultProcess(env);
    started.push(vault);
    const headers = await bootstrap(env);

    let exitedAt = 0;
    void vault.exited.then(({ at }) => (exitedAt = at));
    const load = runLoad({
      url: vault.url, headers, connections: 16, timeoutMs: 15_000, prefix: `drain${workers}`,
      // Clients keep sending until well after the vault is gone.
      done: () => exitedAt > 0 && Date.now() > exitedAt + 300,
    });
    await sleep(1500);
    const termAt = Date.now();
    vault.child.kill('SIGTERM');
    const exit = await vault.exited;
    const r = await load;
    const drainMs = exit.at - termAt;

    expect(exit.code).toBe(0);
    expect(vault.output()).toMatch(/draining: no new connections, requests in flight have up to 20 s/);
    expect(vault.output()).toMatch(/drained and stopped in \d+ ms/);
    expect(drainMs).toBeLessThan(20_000);
    // Nothing but acknowledgements and connections the vault did not take: refused once the port
    // is closed, or an idle keep-alive connection closed as the client reused it (HTTP/1.1's own
    // race; the audit check below proves no such request reached the database).
    expect(r.acked.size).toBeGreaterThan(20);
    const notTaken = ['error:ECONNREFUSED', 'error:UND_ERR_SOCKET', 'error:ECONNRESET'];
    expect(Object.keys(r.statuses).filter((s) => s !== '201' && !notTaken.includes(s))).toEqual([]);

    // What the database holds: every acknowledged token, and an audit entry only for requests
    // that were answered (a request taken and not answered would show up here unanswered).
    const db = await startEmbedded({ dataDir });
    const client = new pg.Client({ connectionString: withDatabase(db.adminUrl, 'vault') });
    await client.connect();
    try {
      const tokens = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM tokens WHERE token = ANY($1)', [[...r.acked.keys()]]);
      expect(tokens.rows[0].n).toBe(r.acked.size);
      const audited = await client.query<{ request_id: string }>("SELECT request_id FROM audit_log WHERE action = 'tokenize' AND request_id LIKE $1", [`drain${workers}-%`]);
      const unanswered = audited.rows.map((a) => a.request_id).filter((id) => r.outcomes.get(id) !== '201');
      expect(unanswered).toEqual([]);
      expect(audited.rows.length).toBe(r.acked.size);
    } finally {
      await client.end();
      await db.stop();
    }
    process.stderr.write(`drain (workers=${workers}): ${r.acked.size} acknowledged, 0 lost, drained in ${drainMs} ms, outcomes ${JSON.stringify(r.statuses)}\n`);
  }, 150_000);
}

/** Sends a request's head without its final blank line: the server has it open but not parsed. */
async function halfSent(url: string, head: string) {
  const s = connect(Number(new URL(url).port), '127.0.0.1');
  await new Promise((r) => s.once('connect', r));
  let got = '';
  s.setEncoding('utf8');
  s.on('data', (d: string) => (got += d));
  s.write(head);
  return {
    finish: async (body = '') => {
      s.write(`\r\n${body}`);
      await new Promise((r) => s.once('close', r));
      return got;
    },
  };
}

test('while draining, a request on an open connection is served (Connection: close) and /readyz answers 503', async () => {
  const v = await startVault();
  const a = await v.createApp();
  const body = JSON.stringify({ type: 'card', data: VISA });
  const headers = Object.entries(a.headers).map(([k, val]) => `${k}: ${val}\r\n`).join('');
  const tokenize = await halfSent(v.url, `POST /tokenize HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n${headers}`);
  const ready = await halfSent(v.url, 'GET /readyz HTTP/1.1\r\nHost: x\r\n');
  await sleep(50);
  const closing = v.app.close();
  await sleep(50);
  const [t, r] = await Promise.all([tokenize.finish(body), ready.finish()]);
  await closing;
  await v.sql.end();
  expect(t).toMatch(/^HTTP\/1.1 201 /);
  expect(t).toMatch(/\r\nConnection: close\r\n/i);
  expect(r).toMatch(/^HTTP\/1.1 503 /);
  expect(r).toContain('"code":"service_unavailable"');
});

test('a request that outlasts VAULT_DRAIN_SECONDS: the process says so, stops PostgreSQL and exits 1 at the bound', async () => {
  // An upstream that never answers holds a proxy call open.
  const hang = createHttpServer(() => {});
  await new Promise<void>((r) => hang.listen(0, '127.0.0.1', r));
  const upstream = `http://127.0.0.1:${(hang.address() as { port: number }).port}/charge`;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'vault-drain-'));
  dirs.push(dataDir);
  const env = vaultEnv(await freePort(), { DATA_DIR: dataDir, VAULT_DRAIN_SECONDS: '1', PROXY_ALLOW_PRIVATE_NETWORKS: 'true' });
  const vault = await startVaultProcess(env);
  started.push(vault);
  try {
    const headers = await bootstrap(env);
    const t = await (await fetch(`${vault.url}/test-tokens`, { method: 'POST', headers, body: JSON.stringify({ cardNumber: '4242424242424242', expirationMonth: '12', expirationYear: '2034', cvc: '123' }) })).json();
    const call = fetch(`${vault.url}/proxy/transaction`, {
      method: 'POST', headers,
      body: JSON.stringify({ token: t.token, cvc_session_id: t.cvc_session_id, proxy_url: upstream, http_method: 'POST', request_data: { number: '${cardNumber}' } }),
    }).catch((e: Error) => e);
    await sleep(500);
    const termAt = Date.now();
    vault.child.kill('SIGTERM');
    const exit = await vault.exited;
    expect(exit.code).toBe(1);
    expect(exit.at - termAt).toBeGreaterThanOrEqual(1000);
    expect(exit.at - termAt).toBeLessThan(5000);
    expect(vault.output()).toContain('vault: not drained within 1 s; exiting with requests unfinished');
    expect(await call).toBeInstanceOf(Error);
    // The embedded PostgreSQL was stopped all the same.
    expect(existsSync(path.join(dataDir, 'pg/postmaster.pid'))).toBe(false);
  } finally {
    hang.closeAllConnections();
    hang.close();
  }
}, 120_000);
