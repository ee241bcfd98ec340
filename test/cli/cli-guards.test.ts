// The CLI never quietly works on something other than the operator's vault: no new database in
// ./.vault when DATA_DIR is forgotten, no phantom key record for a mistyped id, and a project it
// bootstraps can have a dashboard owner. Each case runs the real CLI process.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmbeddedDb, startEmbedded, withDatabase } from '../../src/db/embedded.js';
import { ROOT } from '../support/vault-process.js';

const run = promisify(execFile);
const tmp = mkdtempSync(path.join(tmpdir(), 'vault-cli-guards-'));
const dataDir = path.join(tmp, 'data');
const elsewhere = path.join(tmp, 'elsewhere');
const tsx = import.meta.resolve('tsx');
let embedded: EmbeddedDb;
let sql: pg.Client;

/** Exit code, stdout and stderr of `vault ARGS` with `extra` over a clean environment, from `cwd`. */
async function cli(extra: NodeJS.ProcessEnv, args: string[], cwd = ROOT) {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', ...extra };
  for (const k of ['DATABASE_URL', 'VAULT_MASTER_KEYS', 'DATA_DIR']) if (!extra[k]) delete env[k];
  try {
    const r = await run(process.execPath, ['--import', tsx, path.join(ROOT, 'src/cli/vault.ts'), ...args], { env, cwd });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

beforeAll(async () => {
  // A vault on DATA_DIR, its PostgreSQL running (the CLI joins it, as it joins a running server).
  embedded = await startEmbedded({ dataDir, ephemeral: true });
  expect((await cli({ DATA_DIR: dataDir }, ['migrate'])).code).toBe(0);
  sql = new pg.Client({ connectionString: withDatabase(embedded.adminUrl, 'vault') });
  await sql.connect();
}, 120_000);

afterAll(async () => {
  await sql?.end();
  await embedded?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe('keys retire', () => {
  it('refuses an id neither the keyring nor the inventory knows, and writes nothing', async () => {
    const audit = async () => (await sql.query("SELECT count(*)::int AS n FROM audit_log WHERE action = 'master_key.retire'")).rows[0].n;
    const before = await audit();
    const r = await cli({ DATA_DIR: dataDir }, ['keys', 'retire', 'NOSUCHKEY']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/no master key "NOSUCHKEY": it is neither in this keyring nor in the key inventory/);
    expect(r.stdout).not.toMatch(/retired/);
    expect((await sql.query("SELECT id FROM vault_master_keys WHERE id = 'NOSUCHKEY'")).rowCount).toBe(0);
    expect(await audit()).toBe(before);
    const list = await cli({ DATA_DIR: dataDir }, ['keys', 'list']);
    expect(list.code).toBe(0);
    expect(list.stdout).not.toContain('NOSUCHKEY');
  }, 60_000);
});

describe('which vault', () => {
  it('refuses to create a vault in ./.vault when DATA_DIR is not set, naming the running one', async () => {
    const cwd = mkdtempSync(path.join(tmp, 'cwd-'));
    const r = await cli({}, ['bootstrap', '--project', 'lost'], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`DATA_DIR is not set and the default ${path.join(cwd, '.vault')} holds no database and no master.key`);
    expect(r.stderr).toContain(`A vault is running on DATA_DIR=${dataDir}`);
    expect(r.stdout).not.toMatch(/api_key/);
    expect(existsSync(path.join(cwd, '.vault'))).toBe(false);
  }, 60_000);

  it('refuses a DATA_DIR that holds no vault for bootstrap (only migrate and restore create one)', async () => {
    const r = await cli({ DATA_DIR: elsewhere }, ['bootstrap', '--project', 'lost']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`DATA_DIR=${elsewhere} holds no database and no master.key`);
    expect(existsSync(elsewhere)).toBe(false);
  }, 60_000);
});

describe('bootstrap --owner', () => {
  it('refuses an email with no account and creates nothing', async () => {
    const projects = async () => (await sql.query('SELECT count(*)::int AS n FROM projects')).rows[0].n;
    const before = await projects();
    const r = await cli({ DATA_DIR: dataDir }, ['bootstrap', '--project', 'orphan', '--owner', 'nobody@example.test']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('no dashboard user with email nobody@example.test');
    expect(r.stdout).not.toMatch(/api_key/);
    expect(await projects()).toBe(before);
  }, 60_000);

  it('makes an existing user the owner (the dashboard lists the project) and audits it', async () => {
    await sql.query("INSERT INTO users (id, email, name, password_hash) VALUES ('usr_cliowner', 'owner@example.test', 'Owner', NULL)");
    const r = await cli({ DATA_DIR: dataDir }, ['bootstrap', '--project', 'owned', '--owner', 'Owner@Example.test']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.project.owner).toBe('owner@example.test');
    const members = await sql.query('SELECT user_id, role FROM project_members WHERE project_id = $1', [out.project.id]);
    expect(members.rows).toEqual([{ user_id: 'usr_cliowner', role: 'owner' }]);
    const audit = await sql.query('SELECT action, user_id, details FROM audit_log WHERE project_id = $1 ORDER BY action', [out.project.id]);
    expect(audit.rows.map((a) => [a.action, a.user_id])).toEqual([['bootstrap', null], ['member_add', 'usr_cliowner']]);
    expect(audit.rows[0].details).toMatchObject({ source: 'cli', owner: 'usr_cliowner' });
  }, 60_000);
});
