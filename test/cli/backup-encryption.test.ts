// `vault backup` writes an encrypted file by default (AES-256-GCM under a backup key wrapped by the
// master key) and `vault restore` verifies all of it before a byte reaches the database: an edited,
// cut or re-labelled backup is refused and the target stays empty. `--plaintext` is explicit on
// both sides. And when pg_dump is missing, the error says what to install.
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgTool } from '../../src/cli/pgtools.js';
import { type EmbeddedDb, startEmbedded, withDatabase } from '../../src/db/embedded.js';
import { ensureDebianPackages } from '../support/debian.js';
import { ROOT } from '../support/vault-process.js';

const run = promisify(execFile);
const tmp = mkdtempSync(path.join(tmpdir(), 'vault-backup-enc-'));
const source = path.join(tmp, 'source');
const target = path.join(tmp, 'target');
const sealedFile = path.join(tmp, 'vault.backup');
const plainFile = path.join(tmp, 'vault.plain.backup');
let embedded: EmbeddedDb;

async function cli(dataDir: string, args: string[], extra: NodeJS.ProcessEnv = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', DATA_DIR: dataDir, ...extra };
  delete env.DATABASE_URL;
  delete env.VAULT_MASTER_KEYS;
  try {
    const r = await run(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/vault.ts'), ...args], { env, cwd: ROOT });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

async function tablesIn(dataDir: string): Promise<number> {
  const db = await startEmbedded({ dataDir });
  const c = new pg.Client({ connectionString: withDatabase(db.adminUrl, 'vault') });
  await c.connect();
  try {
    return (await c.query("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'")).rows[0].n;
  } finally {
    await c.end();
    await db.stop();
  }
}

beforeAll(async () => {
  ensureDebianPackages([
    { file: '/usr/lib/postgresql/15/bin/pg_dump', pkg: 'postgresql-client-15' },
    { file: '/usr/lib/postgresql/15/bin/pg_restore', pkg: 'postgresql-client-15' },
  ]);
  embedded = await startEmbedded({ dataDir: source, ephemeral: true });
  expect((await cli(source, ['migrate'])).code).toBe(0);
  expect((await cli(source, ['bootstrap', '--project', 'backed-up'])).code).toBe(0);
  mkdirSync(target, { recursive: true });
  copyFileSync(path.join(source, 'master.key'), path.join(target, 'master.key'));
}, 600_000);

afterAll(async () => {
  await embedded?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe('encrypted backups', () => {
  it('backup encrypts by default: no schema, data or key in the clear', async () => {
    const r = await cli(source, ['backup', sealedFile]);
    expect(r.code, r.stderr).toBe(0);
    const made = JSON.parse(r.stdout);
    expect(made.encryption).toMatchObject({ alg: 'aes-256-gcm-chunked', master_key_id: 'k1' });
    const bytes = readFileSync(sealedFile);
    expect(bytes.subarray(0, 20).toString()).toBe('OPEN-VAULT-BACKUP 2\n');
    for (const clear of ['CREATE TABLE', 'audit_log', 'PGDMP']) expect(bytes.includes(clear)).toBe(false);
    const key = readFileSync(path.join(source, 'master.key'), 'utf8').trim().split(':')[1];
    expect(bytes.includes(key) || bytes.includes(Buffer.from(key, 'base64'))).toBe(false);
  }, 120_000);

  it('--plaintext says so loudly, and restore reads it only with --plaintext', async () => {
    const r = await cli(source, ['backup', plainFile, '--plaintext']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/WARNING: --plaintext: this backup is NOT encrypted/);
    expect(readFileSync(plainFile).includes('CREATE TABLE')).toBe(true);
    const refused = await cli(target, ['restore', plainFile]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/is an unencrypted \(--plaintext\) backup/);
  }, 120_000);

  it('an edited, cut or re-labelled backup is refused and nothing is restored', async () => {
    const good = readFileSync(sealedFile);
    const bodyAt = good.indexOf(0x0a, 20) + 1;
    const flipped = Buffer.from(good);
    flipped[bodyAt + Math.floor((good.length - bodyAt) / 2)] ^= 0x40;
    const header = good.subarray(0, bodyAt).toString();
    const relabelled = Buffer.concat([Buffer.from(header.replace(/"projects":\d+/, '"projects":99')), good.subarray(bodyAt)]);
    const cases: [string, Buffer, RegExp][] = [
      ['edited', flipped, /failed verification \(chunk \d+ failed authentication/],
      ['cut', good.subarray(0, good.length - 10), /failed verification \(truncated/],
      ['relabelled', relabelled, /failed verification \(chunk 0 failed authentication/],
    ];
    for (const [name, bytes, message] of cases) {
      const f = path.join(tmp, `${name}.backup`);
      writeFileSync(f, bytes);
      const r = await cli(target, ['restore', f]);
      expect(r.code, name).not.toBe(0);
      expect(r.stderr, name).toMatch(message);
      expect(r.stderr, name).toMatch(/nothing was restored/);
    }
    expect(await tablesIn(target)).toBe(0);
  }, 240_000);

  it('restore of the encrypted backup with the right keyring brings everything back', async () => {
    const r = await cli(target, ['restore', sealedFile]);
    expect(r.code, r.stderr).toBe(0);
    const restored = JSON.parse(r.stdout);
    expect(restored.encrypted).toBe(true);
    expect(restored.audit_entries_verified).toBeGreaterThan(0);
    expect(await tablesIn(target)).toBeGreaterThan(10);
  }, 120_000);
});

describe('pg_dump', () => {
  it('picks a pg_dump at least the server major version', () => {
    const tool = pgTool('pg_dump', 15, { install: false });
    expect(tool.major).toBeGreaterThanOrEqual(15);
    expect(() => pgTool('pg_dump', 99, { install: false })).toThrow(/pg_dump 99 or newer is missing .*found only .*too old/);
  });

  it('says exactly what is missing and how to install it, and writes no file', async () => {
    const empty = mkdtempSync(path.join(tmp, 'no-tools-'));
    const file = path.join(tmp, 'never.backup');
    const r = await cli(source, ['backup', file], { PG_BIN_DIR: empty });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(`pg_dump 15 or newer is missing (searched PG_BIN_DIR=${empty})`);
    expect(r.stderr).toContain('the embedded PostgreSQL does not ship it');
    expect(r.stderr).toContain('sudo apt-get install -y postgresql-client-15');
    expect(existsSync(file) || existsSync(`${file}.partial`)).toBe(false);
  }, 60_000);
});
