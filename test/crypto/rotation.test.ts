import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataKeys } from '../../src/crypto/datakeys.js';
import { formatKeyring, loadOrCreateKeyFile, newMasterKey, parseKeyring } from '../../src/crypto/keyring.js';
import { rewrapAll } from '../../src/crypto/master.js';
import { startVault, type TestApp, type TestVault, VISA } from '../helpers.js';

let v: TestVault;
let a: TestApp;
const k1 = { id: 'k1', key: randomBytes(32) };

beforeAll(async () => {
  v = await startVault({ keyring: parseKeyring(formatKeyring([k1])) });
  a = await v.createApp();
});
afterAll(() => v.close());

describe('master key rotation', () => {
  it('re-wraps every data key online while tokenize/detokenize keep succeeding', async () => {
    const seeded = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        v.app.inject({ method: 'POST', url: '/tokenize', headers: a.headers, payload: { type: 'string', data: `seed-${i}` } }).then((r) => r.json().token as string),
      ),
    );
    const more = await Promise.all(Array.from({ length: 5 }, () => v.createApp()));
    for (const m of more) {
      await v.app.inject({ method: 'POST', url: '/tokenize', headers: m.headers, payload: { type: 'card', data: VISA } });
    }

    let running = true;
    const statuses: number[] = [];
    const load = (async () => {
      let i = 0;
      while (running) {
        const [t, d] = await Promise.all([
          fetch(`${v.url}/tokenize`, { method: 'POST', headers: { ...a.headers, 'content-type': 'application/json' }, body: JSON.stringify({ type: 'string', data: `during-${i++}` }) }),
          fetch(`${v.url}/detokenize`, { method: 'POST', headers: { 'x-api-key': a.apiKey, 'content-type': 'application/json' }, body: JSON.stringify({ token: seeded[i % seeded.length] }) }),
        ]);
        statuses.push(t.status, d.status);
      }
    })();

    // Requests before, during and after the rotation, however slow the machine is.
    const until = async (count: number) => {
      while (statuses.length < count) await new Promise((r) => setTimeout(r, 10));
    };
    await until(20);
    const k2 = newMasterKey(['k1']);
    const ring2 = parseKeyring(formatKeyring([k2, k1]));
    const n = await rewrapAll(v.app.vault.database.db, ring2);
    await until(statuses.length + 20);
    running = false;
    await load;

    expect(n).toBeGreaterThanOrEqual(6); // 6 project data keys, plus vault-wide secrets
    expect(statuses.length).toBeGreaterThanOrEqual(40);
    expect(statuses.every((s) => s === 200 || s === 201)).toBe(true);
    const wrapped = await v.sql.query(`
      SELECT master_key_id FROM project_keys UNION SELECT master_key_id FROM vault_secrets
      UNION SELECT master_key_id FROM auth_signing_keys UNION SELECT mfa_key_id FROM users WHERE mfa_secret IS NOT NULL`);
    expect(wrapped.rows).toEqual([{ master_key_id: k2.id }]);

    // A node that only has the new master key reads everything: the old key can be retired.
    const fresh = new DataKeys(v.app.vault.database.db, parseKeyring(formatKeyring([k2])));
    const key = await fresh.get(a.projectId);
    expect(key.fingerprintKey).toEqual((await v.app.vault.keys.get(a.projectId)).fingerprintKey);
    // Rotating again is a no-op.
    expect(await rewrapAll(v.app.vault.database.db, ring2)).toBe(0);
  });

  it('a node with a file keyring picks up a version added by `vault keys rotate`', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vault-keys-'));
    const file = path.join(dir, 'master.key');
    const { keyring, created } = loadOrCreateKeyFile(file);
    expect(created).toBe(true);
    expect(readFileSync(file, 'utf8')).toMatch(/^k1:/);
    const db = v.app.vault.database.db;
    const keys = new DataKeys(db, keyring);
    const project = await db.insertInto('projects').values({ id: 'prj_filering000001', name: 'f', environment: 'development', parent_id: null, proxy_allowed_hosts: null, deleted_at: null }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('project_keys').values(keys.newWrapped(project.id)).execute();
    const before = await keys.get(project.id);

    // What the CLI does: prepend a new version to the file, re-wrap under it.
    const k2 = newMasterKey(keyring.ids());
    writeFileSync(file, readFileSync(file, 'utf8') + formatKeyring([k2]));
    const cli = parseKeyring(readFileSync(file, 'utf8'));
    cli.choose(k2.id);
    await rewrapAll(db, cli);

    // The running node's in-memory keyring does not know k2 yet; a cold load reloads the file.
    const cold = new DataKeys(db, keyring);
    expect((await cold.get(project.id)).fingerprintKey).toEqual(before.fingerprintKey);
    expect(keyring.has(k2.id)).toBe(true);
  });

  it('refuses malformed keyrings without echoing key material', () => {
    expect(() => parseKeyring('k1:short')).toThrow(/not 32 bytes/);
    expect(() => parseKeyring('nocolon')).toThrow(/<id>:<base64 key>/);
    try {
      parseKeyring('k1:c2VjcmV0');
    } catch (e) {
      expect(String(e)).not.toContain('c2VjcmV0');
    }
  });
});
