// `vault backup FILE` / `vault restore FILE`. A backup is one file: a header line, a JSON manifest
// line, then a `pg_dump --format=custom` of the vault's database taken in the same snapshot the
// manifest was read in. The manifest names the master keys the data is sealed under, each with a
// check value (an HMAC of a fixed label), never the keys: whoever restores must bring the keyring,
// and restore refuses to start unless it holds every key the backup needs.
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { closeSync, createReadStream, createWriteStream, existsSync, fsyncSync, openSync, readdirSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import pino from 'pino';
import { AuditChain } from '../audit/service.js';
import type { Keyring } from '../crypto/keyring.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';

const MAGIC = 'OPEN-VAULT-BACKUP 1';

interface Manifest {
  created_at: string;
  migration: string | null;
  counts: { projects: number; tokens: number; audit_entries: number };
  /** Every master key something in the dump is sealed under, with its check value. */
  master_keys: { id: string; check: string; sealed: number }[];
}

/**
 * Proves a master key is the same without revealing it: HMAC-SHA256 of a fixed label under the
 * key's MAC key (the key itself for a software key; derived inside the HSM for a PKCS#11 one).
 */
export function keyCheckValue(keyring: Keyring, id: string): string {
  return createHmac('sha256', keyring.macKey(id)).update('open-vault backup key check').digest('hex').slice(0, 32);
}

/** pg_dump / pg_restore: PG_BIN_DIR, then PATH, then Debian's newest /usr/lib/postgresql/<n>/bin. */
function pgTool(name: 'pg_dump' | 'pg_restore'): string {
  const dirs = [process.env.PG_BIN_DIR, ...(process.env.PATH ?? '').split(':')].filter((d): d is string => !!d);
  if (existsSync('/usr/lib/postgresql')) {
    const versions = readdirSync('/usr/lib/postgresql').filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    dirs.push(...versions.map((v) => `/usr/lib/postgresql/${v}/bin`));
  }
  for (const d of dirs) if (existsSync(path.join(d, name))) return path.join(d, name);
  throw new Error(`${name} not found: install PostgreSQL's client tools (Debian: apt-get install postgresql-client-15) or set PG_BIN_DIR`);
}

/** The URL without its password (which would show in `ps`) and the password for PGPASSWORD. */
function splitPassword(url: string): { url: string; password: string } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { url: u.toString(), password };
}

function runTool(tool: string, args: string[], databaseUrl: string, io: { stdin?: Readable; stdout?: Writable }): Promise<void> {
  const { url, password } = splitPassword(databaseUrl);
  const child = spawn(tool, [...args, `--dbname=${url}`], {
    env: { ...process.env, PGPASSWORD: password },
    stdio: [io.stdin ? 'pipe' : 'ignore', io.stdout ? 'pipe' : 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  if (io.stdout) child.stdout!.pipe(io.stdout, { end: false });
  return new Promise((resolve, reject) => {
    if (io.stdin) {
      // A tool that stops reading (pg_restore exiting on an error) is reported by its exit code,
      // not by an EPIPE thrown from the pipe.
      child.stdin!.on('error', () => {});
      io.stdin.on('error', (e) => {
        child.kill();
        reject(e);
      });
      io.stdin.pipe(child.stdin!);
    }
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(tool)} exited ${code}: ${err.trim()}`))));
  });
}

export async function backup(databaseUrl: string, keyring: Keyring, file: string): Promise<Manifest & { bytes: number; seconds: number }> {
  const t0 = Date.now();
  const tool = pgTool('pg_dump');
  const database = openDatabase(databaseUrl, 1);
  const client = await database.pool.connect();
  const partial = `${file}.partial`;
  try {
    // One snapshot for the manifest and the dump: the key list matches the data exactly.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const snapshot = (await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id')).rows[0].id;
    // Everything sealed directly under a master key (WRAPPED_STORES in src/crypto/master.ts).
    const used = await client.query<{ id: string; n: number }>(`
      SELECT id, count(*)::int AS n FROM (
        SELECT master_key_id AS id FROM project_keys
        UNION ALL SELECT master_key_id FROM vault_secrets
        UNION ALL SELECT master_key_id FROM auth_signing_keys WHERE private_key IS NOT NULL
        UNION ALL SELECT mfa_key_id FROM users WHERE mfa_secret IS NOT NULL
      ) s GROUP BY id ORDER BY id`);
    const counts = (await client.query<Manifest['counts']>(`SELECT
        (SELECT count(*) FROM projects)::int AS projects, (SELECT count(*) FROM tokens)::int AS tokens,
        (SELECT count(*) FROM audit_log)::int AS audit_entries`)).rows[0];
    const migration = (await client.query<{ name: string }>('SELECT max(name) AS name FROM vault_migrations')).rows[0].name;
    const master_keys = used.rows.map((r) => {
      if (!keyring.has(r.id)) throw new Error(`the database holds data sealed under master key "${r.id}", which this keyring lacks`);
      return { id: r.id, check: keyCheckValue(keyring, r.id), sealed: r.n };
    });
    const manifest: Manifest = { created_at: new Date().toISOString(), migration, counts, master_keys };

    const out = createWriteStream(partial, { mode: 0o600 });
    await new Promise<void>((resolve, reject) => out.write(`${MAGIC}\n${JSON.stringify(manifest)}\n`, (e) => (e ? reject(e) : resolve())));
    await runTool(tool, ['--format=custom', `--snapshot=${snapshot}`, '--no-owner', '--no-privileges'], databaseUrl, { stdout: out });
    await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
    const fd = openSync(partial, 'r');
    fsyncSync(fd);
    closeSync(fd);
    renameSync(partial, file);
    await client.query('COMMIT');
    return { ...manifest, bytes: statSync(file).size, seconds: (Date.now() - t0) / 1000 };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    rmSync(partial, { force: true });
    throw err;
  } finally {
    client.release();
    await database.close();
  }
}

/** Reads the header and manifest; returns them and where the dump starts. */
function readHeader(file: string): { manifest: Manifest; offset: number } {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(1 << 20);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const first = buf.indexOf(0x0a);
    const second = first < 0 ? -1 : buf.indexOf(0x0a, first + 1);
    if (second < 0 || buf.subarray(0, first).toString() !== MAGIC || second >= n) throw new Error(`${file} is not a vault backup`);
    return { manifest: JSON.parse(buf.subarray(first + 1, second).toString('utf8')) as Manifest, offset: second + 1 };
  } finally {
    closeSync(fd);
  }
}

export async function restore(databaseUrl: string, keyring: Keyring, file: string) {
  const t0 = Date.now();
  const { manifest, offset } = readHeader(file);
  // Before anything is written: the keyring must open everything in the backup.
  for (const k of manifest.master_keys) {
    if (!keyring.has(k.id)) throw new Error(`the backup needs master key "${k.id}", which this keyring (VAULT_MASTER_KEYS, DATA_DIR/master.key or the HSM) lacks`);
    if (keyCheckValue(keyring, k.id) !== k.check) throw new Error(`master key "${k.id}" in this keyring is not the one the backup was sealed under`);
  }
  const tool = pgTool('pg_restore');
  const database = openDatabase(databaseUrl, 2);
  try {
    const { rows } = await database.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'");
    if (rows[0].n > 0) throw new Error('restore needs an empty database: this one already has tables');
    // One transaction: a restore that fails leaves the database empty, never half-filled.
    await runTool(tool, ['--exit-on-error', '--single-transaction', '--no-owner', '--no-privileges'], databaseUrl, {
      stdin: createReadStream(file, { start: offset }),
    });
    const restoredAt = Date.now();
    // A backup from an older version gets this version's migrations.
    await migrateToLatest(database.db);
    const tokens = (await database.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM tokens')).rows[0].n;
    if (tokens !== manifest.counts.tokens) throw new Error(`restored ${tokens} tokens, the backup says ${manifest.counts.tokens}`);
    const audit = await new AuditChain(database.db, keyring, pino({ level: 'silent' }), { sealIntervalMs: 0, retentionDays: 730, now: () => new Date() }).verifyAll();
    if (!audit.valid) throw new Error(`the restored audit log does not verify: ${audit.invalid.join(', ')}`);
    return { tokens, audit_entries_verified: audit.entries, restore_seconds: (restoredAt - t0) / 1000, seconds: (Date.now() - t0) / 1000 };
  } finally {
    await database.close();
  }
}
