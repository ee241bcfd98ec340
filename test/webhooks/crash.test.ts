// The outbox survives kill -9: a token is created (its audit row, the outbox entry, commits with
// it), the whole vault (Node and its embedded PostgreSQL) is killed before the dispatcher has
// run, and after a restart on the same DATA_DIR the receiver gets the token.created delivery,
// signed with the secret the API showed once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { Webhook } from 'standardwebhooks';
import { afterAll, expect, test } from 'vitest';
import { hashPassword } from '../../src/auth/passwords.js';
import { startEmbedded, withDatabase } from '../../src/db/embedded.js';
import { newId } from '../../src/lib/random.js';
import { alive, bootstrap, freePort, killTree, sleep, startVaultProcess, vaultEnv, type VaultProcess } from '../support/vault-process.js';
import { startReceiver } from './receiver.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'vault-webhook-crash-'));
let vault: VaultProcess | null = null;

afterAll(async () => {
  if (vault) killTree(vault.child.pid!);
  await sleep(200);
  rmSync(dataDir, { recursive: true, force: true });
});

test('a change committed before kill -9 is delivered after the restart, as signed', async () => {
  const rx = await startReceiver();
  const port = await freePort();
  // First life: the dispatcher's first tick is far away, so nothing can be sent before the kill.
  const base = { DATA_DIR: dataDir, PROXY_ALLOW_PRIVATE_NETWORKS: 'true', WEBHOOK_RETRY_BASE_MS: '200' };
  const env = vaultEnv(port, { ...base, WEBHOOK_DISPATCH_MS: '600000' });
  vault = await startVaultProcess(env);
  const headers = await bootstrap(env, 'shop');
  const projectId = ((await (await fetch(`${vault.url}/api/applications/key`, { headers })).json()) as { data: { project_id: string } }).data.project_id;

  // An owner for the dashboard API: a user row (real argon2id hash) and a membership, then a real login.
  const db = await startEmbedded({ dataDir }); // joins the running server
  const client = new pg.Client({ connectionString: withDatabase(db.adminUrl, 'vault') });
  await client.connect();
  const email = 'owner@example.test';
  const password = 'correct horse battery staple 42';
  const userId = newId('usr');
  await client.query('INSERT INTO users (id, email, name, password_hash) VALUES ($1, $2, $3, $4)', [userId, email, 'owner', await hashPassword(password)]);
  await client.query("INSERT INTO project_members (project_id, user_id, role) VALUES ($1, $2, 'owner')", [projectId, userId]);
  await client.end();
  const login = await fetch(`${vault.url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  const auth = { authorization: `Bearer ${((await login.json()) as { data: { token: string } }).data.token}`, 'content-type': 'application/json' };

  const made = await fetch(`${vault.url}/api/projects/${projectId}/webhooks`, { method: 'POST', headers: auth, body: JSON.stringify({ url: rx.url, events: ['token.created'] }) });
  expect(made.status).toBe(201);
  const { secret } = ((await made.json()) as { data: { secret: string } }).data;

  const t = await fetch(`${vault.url}/tokenize`, {
    method: 'POST', headers, body: JSON.stringify({ type: 'card', data: { cardNumber: '4242424242424242', expirationMonth: '07', expirationYear: '2031' } }),
  });
  expect(t.status).toBe(201);
  const { token } = (await t.json()) as { token: string };

  const pids = killTree(vault.child.pid!);
  await sleep(300);
  for (const p of pids) expect(alive(p)).toBe(false);
  expect(rx.got).toEqual([]);

  vault = await startVaultProcess(vaultEnv(port, { ...base, WEBHOOK_DISPATCH_MS: '100' }));
  const [got] = await rx.waitFor(1, 30_000);
  const body = new Webhook(secret).verify(got.body, got.headers) as { type: string; data: { tokens: { token: string; last4: string }[] } };
  expect(body.type).toBe('token.created');
  expect(body.data.tokens).toEqual([expect.objectContaining({ token, last4: '4242' })]);
  expect(got.body).not.toContain('4242424242424242');
  await sleep(500);
  expect(rx.got.length).toBe(1); // delivered once, not once per restart
  await rx.close();
}, 180_000);
