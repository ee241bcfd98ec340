// Master keys in an HSM, for real: Debian's SoftHSM2 with a token this test creates in its own
// directory. Wrapping happens inside the token; the key is sensitive and non-extractable; the hot
// path never calls the HSM; rotation to a new HSM key, retirement (destroyed in the token), and
// the migration from a key file to the HSM and back, by the real CLI.
import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import type * as P from 'pkcs11js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DecryptError } from '../../src/crypto/aead.js';
import { Keyring, parseKeyring } from '../../src/crypto/keyring.js';
import { Pkcs11KeySource } from '../../src/crypto/pkcs11.js';
import { keySettings } from '../../src/config.js';
import { openKeyring } from '../../src/environment.js';
import { freshDatabase, startVault, type TestVault } from '../helpers.js';
import { ensureDebianPackages } from '../support/debian.js';

const run = promisify(execFile);
const MODULE = '/usr/lib/softhsm/libsofthsm2.so';
const PIN = randomBytes(6).toString('hex');
const TOKEN = 'vault-test';
let hsmEnv: Record<string, string>;
const open: Pkcs11KeySource[] = [];

beforeAll(() => {
  ensureDebianPackages([
    { file: MODULE, pkg: 'softhsm2' },
    { file: '/usr/bin/softhsm2-util', pkg: 'softhsm2' },
  ]);
  // Our own token directory: nothing of the machine's SoftHSM set-up is touched.
  const dir = mkdtempSync(path.join(tmpdir(), 'vault-softhsm-'));
  mkdirSync(path.join(dir, 'tokens'));
  writeFileSync(path.join(dir, 'softhsm2.conf'), `directories.tokendir = ${dir}/tokens\nobjectstore.backend = file\nlog.level = ERROR\n`);
  process.env.SOFTHSM2_CONF = path.join(dir, 'softhsm2.conf');
  execFileSync('softhsm2-util', ['--init-token', '--free', '--label', TOKEN, '--pin', PIN, '--so-pin', randomBytes(6).toString('hex')], { stdio: 'ignore' });
  hsmEnv = { SOFTHSM2_CONF: process.env.SOFTHSM2_CONF, PKCS11_MODULE: MODULE, PKCS11_TOKEN_LABEL: TOKEN, PKCS11_PIN: PIN, PKCS11_KEY_LABELS: 'hsm1' };
}, 600_000);
afterAll(() => {
  for (const s of open) s.close();
});

function hsm(labels = ['hsm1'], createMissing = false) {
  const s = new Pkcs11KeySource({ module: MODULE, tokenLabel: TOKEN, pin: PIN, labels, createMissing });
  open.push(s);
  return s;
}

/** What the token itself says about a key (a second session, as another program would open). */
function attributes(label: string) {
  const p = createRequire(import.meta.url)('pkcs11js') as typeof P;
  const lib = new p.PKCS11();
  lib.load(MODULE);
  try {
    lib.C_Initialize();
  } catch {
    /* initialised by the vault in this process already */
  }
  const slot = lib.C_GetSlotList(true).find((s) => lib.C_GetTokenInfo(s).label.trim() === TOKEN)!;
  const session = lib.C_OpenSession(slot, p.CKF_SERIAL_SESSION);
  try {
    lib.C_FindObjectsInit(session, [{ type: p.CKA_LABEL, value: label }]);
    const [h] = lib.C_FindObjects(session, 1);
    lib.C_FindObjectsFinal(session);
    if (!h) return null;
    const [sensitive, extractable] = lib.C_GetAttributeValue(session, h, [{ type: p.CKA_SENSITIVE }, { type: p.CKA_EXTRACTABLE }]);
    let value: unknown = 'refused';
    try {
      value = lib.C_GetAttributeValue(session, h, [{ type: p.CKA_VALUE }])[0].value;
    } catch {
      /* CKR_ATTRIBUTE_SENSITIVE */
    }
    return { sensitive: sensitive.value[0] === 1, extractable: extractable.value[0] === 1, value };
  } finally {
    lib.C_CloseSession(session);
  }
}

describe('PKCS#11 master keys (SoftHSM2)', () => {
  it('creates a sensitive, non-extractable AES key and wraps with AES-GCM inside the token', () => {
    // Wrong PIN (checked before any session of this process has logged in): refused, PIN not echoed.
    expect(() => new Pkcs11KeySource({ module: MODULE, tokenLabel: TOKEN, pin: '000000', labels: ['hsm1'] })).toThrow(/^PKCS11_PIN: login to token "vault-test" failed \(CKR_PIN_INCORRECT\)$/);
    const s = hsm(['hsm1'], true);
    expect(attributes('hsm1')).toEqual({ sensitive: true, extractable: false, value: 'refused' });
    const dek = randomBytes(32);
    const wrapped = s.seal('hsm1', dek, 'vault:project-key:p1');
    expect(wrapped.length).toBe(12 + 32 + 16);
    expect(s.open('hsm1', wrapped, 'vault:project-key:p1')).toEqual(dek);
    // Bound to its AAD and authenticated: moved or altered, it does not unwrap.
    expect(() => s.open('hsm1', wrapped, 'vault:project-key:p2')).toThrow(DecryptError);
    const bad = Buffer.from(wrapped);
    bad[20] ^= 1;
    expect(() => s.open('hsm1', bad, 'vault:project-key:p1')).toThrow(DecryptError);
  });

  it('VAULT_KEK_PROVIDER=pkcs11 serves tokenize/detokenize with data keys wrapped in the HSM, and the hot path never calls it', async () => {
    const { keyring } = await openKeyring(keySettings({ ...hsmEnv, VAULT_KEK_PROVIDER: 'pkcs11' }), '/nonexistent');
    const src = keyring.primary as Pkcs11KeySource;
    open.push(src);
    let calls = 0;
    for (const m of ['seal', 'open'] as const) {
      const orig = src[m].bind(src);
      src[m] = (...args: [string, Buffer, string]) => {
        calls++;
        return orig(...args);
      };
    }
    const v = await startVault({ keyring });
    try {
      const a = await v.createApp();
      const wrapped = await v.sql.query('SELECT master_key_id FROM project_keys WHERE project_id = $1', [a.projectId]);
      expect(wrapped.rows).toEqual([{ master_key_id: 'hsm1' }]);
      const first = await v.app.inject({ method: 'POST', url: '/tokenize', headers: a.headers, payload: { type: 'string', data: 'hello' } });
      expect(first.statusCode).toBe(201);
      const warm = calls;
      for (let i = 0; i < 20; i++) {
        const t = await v.app.inject({ method: 'POST', url: '/tokenize', headers: a.headers, payload: { type: 'string', data: `v${i}` } });
        const d = await v.app.inject({ method: 'POST', url: '/detokenize', headers: { 'x-api-key': a.apiKey }, payload: { token: t.json().token } });
        expect(d.json().data).toBe(`v${i}`);
      }
      expect(calls).toBe(warm);
    } finally {
      await v.close();
    }
  });

  it('migrates a key-file keyring to the HSM, rotates to a new HSM key, retires the old one, and migrates back (CLI)', async () => {
    const k1 = `k1:${randomBytes(32).toString('base64')}`;
    const databaseUrl = await freshDatabase();
    const sql = new pg.Pool({ connectionString: databaseUrl, max: 1 });
    let v: TestVault = await startVault({ databaseUrl, keyring: parseKeyring(k1) });
    const a = await v.createApp();
    const tok = (await v.app.inject({ method: 'POST', url: '/tokenize', headers: a.headers, payload: { type: 'string', data: 'survives' } })).json().token;
    await v.close();
    const under = async () =>
      (await sql.query('SELECT master_key_id FROM project_keys UNION SELECT master_key_id FROM vault_secrets')).rows.map((r) => r.master_key_id).sort();
    const cli = (env: Record<string, string>, ...args: string[]) =>
      run(process.execPath, ['--import', 'tsx', 'src/cli/vault.ts', ...args], { env: { ...process.env, DATABASE_URL: databaseUrl, ...env } });
    const reads = async (keyring: Keyring) => {
      v = await startVault({ databaseUrl, keyring });
      const d = await v.app.inject({ method: 'POST', url: '/detokenize', headers: { 'x-api-key': a.apiKey }, payload: { token: tok } });
      expect(d.json().data).toBe('survives');
      await v.close();
    };

    // 1. Key file → HSM: both configured; the HSM's first key becomes active.
    const both = { ...hsmEnv, VAULT_MASTER_KEYS: k1, PKCS11_KEY_LABELS: 'hsm1' };
    const m1 = await cli(both, 'keys', 'migrate', '--to', 'pkcs11');
    expect(m1.stdout).toMatch(/active master key: hsm1; re-wrapped [1-9]\d* key\(s\)/);
    expect(await under()).toEqual(['hsm1']);
    // A node with the HSM only (no key file, no VAULT_MASTER_KEYS) reads everything.
    const hsmOnly = await openKeyring(keySettings({ ...hsmEnv, VAULT_KEK_PROVIDER: 'pkcs11' }), '/nonexistent');
    open.push(hsmOnly.keyring.primary as Pkcs11KeySource);
    await reads(hsmOnly.keyring);

    // 2. Rotation to a new HSM key, then the old one is retired: destroyed in the token.
    const r = await cli({ ...hsmEnv, VAULT_KEK_PROVIDER: 'pkcs11' }, 'keys', 'rotate');
    expect(r.stdout).toMatch(/active master key: hsm2;/);
    expect(await under()).toEqual(['hsm2']);
    expect(attributes('hsm2')).toMatchObject({ sensitive: true, extractable: false, value: 'refused' });
    const retired = await cli({ ...hsmEnv, VAULT_KEK_PROVIDER: 'pkcs11', PKCS11_KEY_LABELS: 'hsm2' }, 'keys', 'retire', 'hsm1');
    expect(retired.stdout).toContain('master key hsm1 retired: destroyed in the HSM');
    expect(attributes('hsm1')).toBeNull();

    // 3. HSM → key file (VAULT_MASTER_KEYS): everything back under k1; a node without the HSM reads it.
    const back = await cli({ ...hsmEnv, VAULT_MASTER_KEYS: k1, PKCS11_KEY_LABELS: 'hsm2' }, 'keys', 'migrate', '--to', 'keyring');
    expect(back.stdout).toMatch(/active master key: k1;/);
    expect(await under()).toEqual(['k1']);
    await reads(parseKeyring(k1));
    await sql.end();
  }, 180_000);
});
