// Data-key rotation, online: two nodes serve tokenize, detokenize and the proxy while a project's
// data key is rotated, every ciphertext is re-encrypted by the background job, and the old
// version is destroyed. Then the automatic triggers (seal count, age) and a resumed job.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { versionHeader } from '../../src/crypto/datakeys.js';
import { formatKeyring, parseKeyring } from '../../src/crypto/keyring.js';
import { rotateDataKey, runJobStep, DEFAULT_POLICY } from '../../src/crypto/rotation.js';
import { freshDatabase, startVault, type TestApp, type TestVault, VISA } from '../helpers.js';
import { startPsp, type Psp } from '../proxy/psp.js';

const run = promisify(execFile);
const master = { id: 'k1', key: randomBytes(32) };
const spec = formatKeyring([master]);
let a: TestVault;
let b: TestVault;
let psp: Psp;

beforeAll(async () => {
  psp = await startPsp();
  const databaseUrl = await freshDatabase();
  const opts = { databaseUrl, dataKeyGraceMs: 1500, dataKeyTickMs: 200 };
  [a, b] = await Promise.all([startVault({ ...opts, keyring: parseKeyring(spec) }), startVault({ ...opts, keyring: parseKeyring(spec) })]);
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await psp?.close();
});

const versions = async (v: TestVault, projectId: string) =>
  (await v.sql.query('SELECT version FROM project_keys WHERE project_id = $1 ORDER BY version', [projectId])).rows.map((r) => r.version);

const until = async (ms: number, ok: () => Promise<boolean>) => {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 100));
  }
};

async function seed(v: TestVault, app: TestApp, n: number): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < n; i += 100) {
    const items = Array.from({ length: Math.min(100, n - i) }, (_, j) => ({ type: 'string', data: `seed-${i + j}` }));
    const res = await v.app.inject({ method: 'POST', url: '/tokenize', headers: app.headers, payload: { items } });
    expect(res.statusCode).toBe(200);
    res.json().items.forEach((t: { token: string }, j: number) => out.set(t.token, `seed-${i + j}`));
  }
  return out;
}

describe('data key rotation', () => {
  it('rotates online under load on two nodes: every ciphertext re-encrypted, the old version destroyed, nothing fails', async () => {
    const app = await a.createApp({ deduplicate: true });
    const seeded = await seed(a, app, 650); // more than one job batch
    const tokens = [...seeded.keys()];
    const card = (await a.app.inject({ method: 'POST', url: '/tokenize', headers: app.headers, payload: { type: 'card', data: VISA } })).json();
    expect(card.cvc_session_id).toEqual(expect.any(String));

    let running = true;
    const statuses: number[] = [];
    const load = (async () => {
      let i = 0;
      while (running) {
        const [node, other] = i % 2 ? [a, b] : [b, a];
        const [t, d, p] = await Promise.all([
          fetch(`${node.url}/tokenize`, { method: 'POST', headers: { ...app.headers, 'content-type': 'application/json' }, body: JSON.stringify({ type: 'string', data: `during-${i}` }) }),
          fetch(`${other.url}/detokenize`, { method: 'POST', headers: { 'x-api-key': app.apiKey, 'content-type': 'application/json' }, body: JSON.stringify({ token: tokens[i % tokens.length] }) }),
          fetch(`${node.url}/proxy/transaction`, {
            method: 'POST',
            headers: { 'x-api-key': app.apiKey, 'content-type': 'application/json' },
            body: JSON.stringify({ token: card.token, proxy_url: `${psp.url}/charge`, http_method: 'POST', request_data: { pan: '${cardNumber}', n: i } }),
          }),
        ]);
        if (d.status === 200) {
          const body = await d.json();
          if (body.data !== seeded.get(body.token)) statuses.push(-1); // wrong plaintext
        } else await d.arrayBuffer();
        await Promise.all([t.arrayBuffer(), p.arrayBuffer()]);
        statuses.push(t.status, d.status, p.status);
        i++;
      }
    })();
    const atLeast = async (count: number) => until(60_000, async () => statuses.length >= count);

    await atLeast(30);
    const v2 = await rotateDataKey(a.app.vault.database.db, a.app.vault.keys, app.projectId, 'test');
    expect(v2).toBe(2);
    // Both nodes seal under version 2 at once (NOTIFY), the job runs on whichever node locks it.
    await until(5000, async () => (await b.app.vault.keys.get(app.projectId)).version === 2);
    await until(60_000, async () => (await versions(a, app.projectId)).join() === '0,2');
    await atLeast(statuses.length + 30);
    running = false;
    await load;

    expect(statuses.filter((s) => s < 200 || s >= 300)).toEqual([]);
    // Every ciphertext of the project now names version 2; the last proxied PAN was the card's.
    const hdr = versionHeader(2);
    for (const table of ['tokens', 'cvc_sessions']) {
      const left = await a.sql.query(`SELECT count(*)::int AS n FROM ${table} WHERE project_id = $1 AND substring(ciphertext FROM 1 FOR 8) <> $2`, [app.projectId, hdr]);
      expect(left.rows[0].n).toBe(0);
    }
    expect(JSON.parse(psp.received.at(-1)!.body)).toMatchObject({ pan: '4111111111111111' });
    // The CVC session written before the rotation was re-encrypted too, and is still usable once.
    const charged = await b.app.inject({
      method: 'POST', url: '/proxy/transaction', headers: { 'x-api-key': app.apiKey },
      payload: { token: card.token, cvc_session_id: card.cvc_session_id, proxy_url: `${psp.url}/charge`, http_method: 'POST', request_data: { pan: '${cardNumber}', cvv: '${cvv}' } },
    });
    expect(charged.statusCode).toBe(200);
    expect(JSON.parse(psp.received.at(-1)!.body)).toEqual({ pan: '4111111111111111', cvv: '123' });
    // Everything still reads on both nodes.
    for (const v of [a, b]) {
      const res = await v.app.inject({ method: 'POST', url: '/detokenize', headers: { 'x-api-key': app.apiKey }, payload: { tokens: tokens.slice(0, 100) } });
      expect(res.json().items.map((d: { data: string }) => d.data)).toEqual(tokens.slice(0, 100).map((t) => seeded.get(t)));
    }
    // Fingerprints survive: the same card deduplicates to the token from before the rotation.
    const again = (await b.app.inject({ method: 'POST', url: '/tokenize', headers: app.headers, payload: { type: 'card', data: VISA } })).json();
    expect(again.token).toBe(card.token);
    const audit = await a.sql.query(`SELECT action, details FROM audit_log WHERE project_id = $1 AND event_type = 'key' ORDER BY ingest`, [app.projectId]);
    expect(audit.rows.map((r) => r.action)).toEqual(['data_key.rotate', 'data_key.destroy']);
    expect(audit.rows[1].details).toMatchObject({ versions: [1], active_version: 2 });
    expect(audit.rows[1].details.reencrypted).toBeGreaterThanOrEqual(650);
    // The re-encryptions and new tokens were counted against version 2 (persisted in batches).
    await until(5000, async () => Number((await a.sql.query('SELECT seals FROM project_keys WHERE project_id = $1 AND version = 2', [app.projectId])).rows[0].seals) >= 650);
  });

  it('rotates by itself at DATA_KEY_MAX_SEALS and at DATA_KEY_MAX_AGE_DAYS', async () => {
    const v = await startVault({ databaseUrl: a.config.databaseUrl, keyring: parseKeyring(spec), dataKeyMaxSeals: 40, dataKeyTickMs: 100, dataKeyGraceMs: 500 });
    try {
      const app = await v.createApp();
      await seed(v, app, 50);
      await until(15_000, async () => (await versions(v, app.projectId)).includes(2));
      const why = await v.sql.query(`SELECT details FROM audit_log WHERE project_id = $1 AND action = 'data_key.rotate'`, [app.projectId]);
      expect(why.rows[0].details).toMatchObject({ from_version: 1, to_version: 2, reason: 'max_seals' });

      const old = await v.createApp();
      await v.sql.query(`UPDATE project_keys SET created_at = now() - interval '366 days' WHERE project_id = $1`, [old.projectId]);
      await until(15_000, async () => (await versions(v, old.projectId)).includes(2));
      const aged = await v.sql.query(`SELECT details FROM audit_log WHERE project_id = $1 AND action = 'data_key.rotate'`, [old.projectId]);
      expect(aged.rows[0].details).toMatchObject({ reason: 'max_age' });
    } finally {
      await v.close();
    }
  });

  it('a job interrupted mid-way is resumed from its cursor by another node', async () => {
    const databaseUrl = await freshDatabase();
    const idle = await startVault({ databaseUrl, keyring: parseKeyring(spec), dataKeyTickMs: 0 });
    const app = await idle.createApp();
    const seeded = await seed(idle, app, 700);
    await rotateDataKey(idle.app.vault.database.db, idle.app.vault.keys, app.projectId, 'test');
    // One batch, then this node "crashes" (it never runs another step).
    expect(await runJobStep(idle.app.vault.database.db, idle.app.vault.keys, DEFAULT_POLICY)).toBe(true);
    const job = (await idle.sql.query('SELECT phase, cursor, reencrypted FROM data_key_jobs WHERE project_id = $1', [app.projectId])).rows[0];
    expect(job).toMatchObject({ phase: 'tokens', reencrypted: 500 });
    expect(job.cursor).not.toBe('');
    await idle.close();

    const next = await startVault({ databaseUrl, keyring: parseKeyring(spec), dataKeyTickMs: 100, dataKeyGraceMs: 200 });
    try {
      await until(20_000, async () => (await versions(next, app.projectId)).join() === '0,2');
      const done = (await next.sql.query('SELECT phase, reencrypted FROM data_key_jobs WHERE project_id = $1', [app.projectId])).rows[0];
      expect(done).toEqual({ phase: 'done', reencrypted: 700 });
      const some = [...seeded.keys()].slice(600, 700);
      const res = await next.app.inject({ method: 'POST', url: '/detokenize', headers: { 'x-api-key': app.apiKey }, payload: { tokens: some } });
      expect(res.json().items.map((d: { data: string }) => d.data)).toEqual(some.map((t) => seeded.get(t)));
    } finally {
      await next.close();
    }
  });

  it('`vault keys rotate-data --project` rotates, re-encrypts and destroys, then reports', { timeout: 120_000 }, async () => {
    const app = await a.createApp();
    await seed(a, app, 20);
    const env = { ...process.env, DATABASE_URL: a.config.databaseUrl, VAULT_MASTER_KEYS: spec.trim(), DATA_KEY_RETIRE_GRACE_SECONDS: '1' };
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/cli/vault.ts', 'keys', 'rotate-data', '--project', app.projectId], { env });
    expect(stdout).toContain(`project ${app.projectId}: data key version 2 active`);
    expect(stdout).toContain('old data key versions destroyed');
    expect(await versions(a, app.projectId)).toEqual([0, 2]);
    const bad = await run(process.execPath, ['--import', 'tsx', 'src/cli/vault.ts', 'keys', 'rotate-data', '--project', 'proj_nope'], { env }).catch((e) => e);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('has no data key');
  });
});
