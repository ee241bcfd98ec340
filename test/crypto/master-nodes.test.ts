// Master-key rotation reaching every node: two running vaults on one database, rotated by the real
// CLI (VAULT_MASTER_KEYS) and by the key-file path, then retirement of the old key.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrCreateKeyFile, parseKeyring } from '../../src/crypto/keyring.js';
import { activate, retire, RetireRefused, rewrapAll } from '../../src/crypto/master.js';
import { LOOSE_LIMITS } from '../auth/helpers.js';
import { freshDatabase, startVault, type TestVault } from '../helpers.js';
import { createUser, type TestUser } from '../users.js';

const run = promisify(execFile);
const k1 = `k1:${randomBytes(32).toString('base64')}`;
const k2 = `k2:${randomBytes(32).toString('base64')}`;
let a: TestVault;
let b: TestVault;
let user: TestUser;

beforeAll(async () => {
  const databaseUrl = await freshDatabase();
  // The new key was distributed to every node first (second: not active yet).
  const opts = { databaseUrl, rateLimits: LOOSE_LIMITS, keyringRefreshMs: 1000 };
  [a, b] = await Promise.all([startVault({ ...opts, keyring: parseKeyring(`${k1},${k2}`) }), startVault({ ...opts, keyring: parseKeyring(`${k1},${k2}`) })]);
  user = await createUser(b, 'keys');
});
afterAll(async () => {
  await a?.close();
  await b?.close();
});

const newProject = async (v: TestVault) => {
  const res = await v.app.inject({ method: 'POST', url: '/api/projects', headers: user.auth, payload: { name: `p${randomBytes(3).toString('hex')}`, environment: 'development' } });
  expect(res.statusCode).toBe(201);
  const id = res.json().data.id as string;
  return (await a.sql.query('SELECT master_key_id FROM project_keys WHERE project_id = $1', [id])).rows[0].master_key_id as string;
};

const within = async (ms: number, ok: () => boolean | Promise<boolean>) => {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
};

describe('master key rotation on running nodes', () => {
  it('after `vault keys rotate`, both running nodes wrap new secrets under the new key within 5 s', { timeout: 120_000 }, async () => {
    expect(await newProject(b)).toBe('k1');
    const env = { ...process.env, DATABASE_URL: a.config.databaseUrl, VAULT_MASTER_KEYS: `${k2},${k1}` };
    const cli = run(process.execPath, ['--import', 'tsx', 'src/cli/vault.ts', 'keys', 'rotate'], { env });
    // Both nodes switch long before the CLI's sweep (which waits for them) is over.
    expect(await within(20_000, () => a.config.keyring.activeId === 'k2' && b.config.keyring.activeId === 'k2')).toBe(true);
    const switched = Date.now();
    expect(await newProject(b)).toBe('k2');
    expect(await newProject(a)).toBe('k2');
    const { stdout } = await cli;
    expect(stdout).toMatch(/active master key: k2; re-wrapped \d+ key\(s\)/);
    const left = await a.sql.query(`
      SELECT master_key_id FROM project_keys UNION SELECT master_key_id FROM vault_secrets
      UNION SELECT master_key_id FROM auth_signing_keys UNION SELECT mfa_key_id FROM users WHERE mfa_secret IS NOT NULL`);
    expect(left.rows).toEqual([{ master_key_id: 'k2' }]);
    const audit = await a.sql.query(`SELECT resource_id FROM audit_log WHERE action = 'master_key.activate'`);
    expect(audit.rows).toEqual([{ resource_id: 'k2' }]);
    // From the CLI's activation (its commit) to both nodes wrapping under k2.
    const activated = (await a.sql.query(`SELECT activated_at FROM vault_master_keys WHERE id = 'k2'`)).rows[0].activated_at as Date;
    expect(switched - activated.getTime()).toBeLessThan(5000);
  });

  it('without the NOTIFY (missed), the periodic reload still switches a node, and its sweep re-wraps what a slow node wrapped meanwhile', async () => {
    // k1 made active behind the nodes' backs: no NOTIFY.
    await a.sql.query(`UPDATE vault_master_keys SET state = 'standby' WHERE id = 'k2'`);
    await a.sql.query(`UPDATE vault_master_keys SET state = 'active', activated_at = now() WHERE id = 'k1'`);
    const t0 = Date.now();
    expect(await within(5000, () => a.config.keyring.activeId === 'k1' && b.config.keyring.activeId === 'k1')).toBe(true);
    expect(Date.now() - t0).toBeLessThan(5000);
    // A slow node wrapped a secret under the old active key k2 after the switch…
    const stale = parseKeyring(`${k2},${k1}`);
    await a.sql.query('INSERT INTO vault_secrets (name, master_key_id, wrapped) VALUES ($1, $2, $3)', ['late', 'k2', stale.seal(randomBytes(32), 'vault:secret:late').sealed]);
    // …the nodes' sweep (3 refresh periods after the switch) re-wraps it.
    expect(await within(15_000, async () => (await a.sql.query(`SELECT 1 FROM vault_secrets WHERE master_key_id = 'k2'`)).rowCount === 0)).toBe(true);
  });

  it('`keys retire` refuses while anything is wrapped under the key, and says what; then removes it', async () => {
    const db = a.app.vault.database.db;
    const ring = parseKeyring(`${k1},${k2}`);
    await activate(db, ring, 'k2');
    // Not yet re-wrapped: project data keys (and more) are still under k1.
    const refusal = await retire(db, ring, 'k1', 0).catch((e) => e);
    expect(refusal).toBeInstanceOf(RetireRefused);
    expect(refusal.message).toMatch(/master key "k1" still wraps \d+ project data key\(s\)/);
    expect(refusal.message).not.toMatch(/[A-Za-z0-9+/]{43}=/); // no key material
    await expect(retire(db, ring, 'k2', 0)).rejects.toThrow(/is the active key/);
    // Right after an activation a slow node may still be wrapping under k1: refused too.
    await rewrapAll(db, ring);
    await expect(retire(db, ring, 'k1')).rejects.toThrow(/became active less than/);
    expect(await retire(db, ring, 'k1', 0)).toMatch(/VAULT_MASTER_KEYS/);
    const row = await a.sql.query(`SELECT state FROM vault_master_keys WHERE id = 'k1'`);
    expect(row.rows[0].state).toBe('retired');
  });

  it('with a key file: rotate adds a key to the file, running nodes re-read it and follow; retire removes the line', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vault-keys-'));
    const file = path.join(dir, 'master.key');
    const first = loadOrCreateKeyFile(file).keyring;
    const databaseUrl = await freshDatabase();
    const node = await startVault({ databaseUrl, keyring: loadOrCreateKeyFile(file).keyring, keyringRefreshMs: 1000 });
    try {
      const app1 = await node.createApp();
      // What `vault keys rotate` does with a key file, on another keyring object (another process).
      const next = first.primary.generate();
      await activate(node.app.vault.database.db, first, next);
      expect(readFileSync(file, 'utf8').split('\n')[0]).toMatch(new RegExp(`^${next}:`));
      expect(await within(5000, () => node.config.keyring.activeId === next)).toBe(true);
      const app2 = await node.createApp();
      const ids = await node.sql.query('SELECT project_id, master_key_id FROM project_keys WHERE project_id = ANY($1)', [[app1.projectId, app2.projectId]]);
      expect(Object.fromEntries(ids.rows.map((r) => [r.project_id, r.master_key_id]))).toEqual({ [app1.projectId]: 'k1', [app2.projectId]: next });
      await rewrapAll(node.app.vault.database.db, first);
      expect(await retire(node.app.vault.database.db, first, 'k1', 0)).toBe('removed from the key file');
      expect(readFileSync(file, 'utf8')).not.toMatch(/^k1:/m);
      // The node drops it at its next reload and still reads everything.
      expect(await within(5000, () => !node.config.keyring.has('k1'))).toBe(true);
      const res = await node.app.inject({ method: 'POST', url: '/tokenize', headers: app1.headers, payload: { type: 'string', data: 'after retire' } });
      expect(res.statusCode).toBe(201);
    } finally {
      await node.close();
    }
  });

  it('a node that lacks the key the database names active says so and keeps wrapping under its own', async () => {
    const node = await startVault({ keyringRefreshMs: 200 });
    try {
      await node.sql.query(`INSERT INTO vault_master_keys (id, provider, state, activated_at) VALUES ('elsewhere', 'keyring', 'active', now())`);
      expect(await within(5000, () => node.logs.lines.some((l) => l.includes("the active master key is not in this node's keyring")))).toBe(true);
      const line = JSON.parse(node.logs.lines.find((l) => l.includes('not in this node'))!);
      expect(line).toMatchObject({ master_key_id: 'elsewhere', using: 't1' });
      const app = await node.createApp();
      const row = await node.sql.query('SELECT master_key_id FROM project_keys WHERE project_id = $1', [app.projectId]);
      expect(row.rows[0].master_key_id).toBe('t1');
    } finally {
      await node.close();
    }
  });
});
