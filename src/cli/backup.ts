// `vault backup FILE` / `vault restore FILE`. A backup is one file: a header line, a JSON manifest
// line, then a `pg_dump --format=custom` of the vault's database taken in the same snapshot the
// manifest was read in. The manifest names the master keys the data is sealed under, each with a
// check value (an HMAC of a fixed label), never the keys: whoever restores must bring the keyring,
// and restore refuses to start unless it holds every key the backup needs.
// The dump holds password hashes, emails, IPs and the audit log, so by default (format 2) it is
// encrypted: AES-256-GCM in chunks (src/crypto/stream.ts) under a fresh backup key wrapped by the
// active master key, with the header and manifest authenticated by every chunk. Restore reads the
// whole file once to verify it before anything is written. Format 1 (`--plaintext`) is the bare dump.
import { spawn } from 'node:child_process';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { closeSync, createReadStream, createWriteStream, fsyncSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { type Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import pino from 'pino';
import { AuditChain } from '../audit/sealer.js';
import type { Keyring } from '../crypto/keyring.js';
import { decryptStream, encryptStream } from '../crypto/stream.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { pgTool } from './pgtools.js';

const PLAIN = 'OPEN-VAULT-BACKUP 1';
const SEALED = 'OPEN-VAULT-BACKUP 2';
const backupKeyAad = (id: string) => `vault:backup-key:${id}`;

interface Manifest {
  created_at: string;
  migration: string | null;
  counts: { projects: number; tokens: number; audit_entries: number };
  /** Every master key something in the dump is sealed under (and the one wrapping the backup key), with its check value. */
  master_keys: { id: string; check: string; sealed: number }[];
  /** The pg_dump that wrote it: pg_restore must be at least this major version. */
  pg_dump_major?: number;
  /** Format 2: how the dump is sealed. */
  encryption?: { alg: 'aes-256-gcm-chunked'; backup_id: string; master_key_id: string; wrapped_key: string };
}

/**
 * Proves a master key is the same without revealing it: HMAC-SHA256 of a fixed label under the
 * key's MAC key (the key itself for a software key; derived inside the HSM for a PKCS#11 one).
 */
export function keyCheckValue(keyring: Keyring, id: string): string {
  return createHmac('sha256', keyring.macKey(id)).update('open-vault backup key check').digest('hex').slice(0, 32);
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
    // A destination that fails (disk full) would stall the tool on a full pipe: stop it.
    io.stdout?.on('error', (e) => {
      child.kill();
      reject(e);
    });
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

const serverMajor = async (q: { query: pg.Pool['query'] } | pg.PoolClient) =>
  Math.floor(Number((await q.query<{ v: string }>("SELECT current_setting('server_version_num') AS v")).rows[0].v) / 10000);

export interface BackupOptions {
  /** Format 1: the dump unencrypted. */
  plaintext?: boolean;
}

export async function backup(databaseUrl: string, keyring: Keyring, file: string, opts: BackupOptions = {}): Promise<Manifest & { bytes: number; seconds: number }> {
  const t0 = Date.now();
  const database = openDatabase(databaseUrl, 1);
  const client = await database.pool.connect();
  const partial = `${file}.partial`;
  const backupKey = randomBytes(32);
  try {
    const tool = pgTool('pg_dump', await serverMajor(client));
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
    const manifest: Manifest = { created_at: new Date().toISOString(), migration, counts, master_keys, pg_dump_major: tool.major };
    if (!opts.plaintext) {
      // The backup key goes under the key the vault wraps new secrets under: the database's active one.
      const active = (await client.query<{ id: string }>("SELECT id FROM vault_master_keys WHERE state = 'active'")).rows[0]?.id ?? null;
      keyring.choose(active);
      const backup_id = randomUUID();
      const wrapped = keyring.seal(backupKey, backupKeyAad(backup_id));
      if (!master_keys.some((k) => k.id === wrapped.keyId)) master_keys.push({ id: wrapped.keyId, check: keyCheckValue(keyring, wrapped.keyId), sealed: 0 });
      manifest.encryption = { alg: 'aes-256-gcm-chunked', backup_id, master_key_id: wrapped.keyId, wrapped_key: wrapped.sealed.toString('base64') };
    }
    const header = `${opts.plaintext ? PLAIN : SEALED}\n${JSON.stringify(manifest)}\n`;

    const out = createWriteStream(partial, { mode: 0o600 });
    const written = new Promise<void>((resolve, reject) => out.on('finish', resolve).on('error', reject));
    written.catch(() => {}); // awaited below; a write error (disk full) also stops pg_dump via the sink
    out.write(header);
    // Streamed: pg_dump → (cipher) → file, never the whole dump in memory.
    const sink = opts.plaintext ? out : encryptStream(backupKey, header);
    if (sink !== out) {
      sink.pipe(out);
      out.on('error', (e) => sink.destroy(e));
    }
    await runTool(tool.file, ['--format=custom', `--snapshot=${snapshot}`, '--no-owner', '--no-privileges'], databaseUrl, { stdout: sink });
    sink.end();
    await written;
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
    backupKey.fill(0);
    client.release();
    await database.close();
  }
}

/** Reads the header and manifest; returns them, their exact bytes and where the dump starts. */
function readHeader(file: string): { manifest: Manifest; header: Buffer; sealed: boolean; offset: number } {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(1 << 20);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const first = buf.indexOf(0x0a);
    const second = first < 0 ? -1 : buf.indexOf(0x0a, first + 1);
    const magic = first < 0 ? '' : buf.subarray(0, first).toString();
    if (second < 0 || (magic !== PLAIN && magic !== SEALED) || second >= n) throw new Error(`${file} is not a vault backup`);
    let manifest: Manifest;
    try {
      manifest = JSON.parse(buf.subarray(first + 1, second).toString('utf8')) as Manifest;
    } catch {
      throw new Error(`${file}: the backup's manifest is damaged; nothing was restored`);
    }
    if (magic === SEALED && !manifest.encryption) throw new Error(`${file}: the backup's manifest is damaged; nothing was restored`);
    return { manifest, header: Buffer.from(buf.subarray(0, second + 1)), sealed: magic === SEALED, offset: second + 1 };
  } finally {
    closeSync(fd);
  }
}

/** The dump's bytes as a stream: decrypted and checked chunk by chunk for format 2. */
function dumpStream(file: string, offset: number, key: Buffer | null, header: Buffer): Readable {
  const raw = createReadStream(file, { start: offset });
  if (!key) return raw;
  const dec = decryptStream(key, header);
  raw.on('error', (e) => dec.destroy(e));
  return raw.pipe(dec);
}

export async function restore(databaseUrl: string, keyring: Keyring, file: string, opts: BackupOptions = {}) {
  const t0 = Date.now();
  const { manifest, header, sealed, offset } = readHeader(file);
  if (!sealed && !opts.plaintext) {
    throw new Error(`${file} is an unencrypted (--plaintext) backup: anyone could have written it. Restore it with \`restore FILE --plaintext\` only if you know where it came from`);
  }
  // Before anything is written: the keyring must open everything in the backup.
  for (const k of manifest.master_keys) {
    if (!keyring.has(k.id)) throw new Error(`the backup needs master key "${k.id}", which this keyring (VAULT_MASTER_KEYS, DATA_DIR/master.key or the HSM) lacks`);
    if (keyCheckValue(keyring, k.id) !== k.check) throw new Error(`master key "${k.id}" in this keyring is not the one the backup was sealed under`);
  }
  let key: Buffer | null = null;
  if (manifest.encryption) {
    const enc = manifest.encryption;
    try {
      key = keyring.open(enc.master_key_id, Buffer.from(enc.wrapped_key, 'base64'), backupKeyAad(enc.backup_id));
    } catch {
      throw new Error(`the backup key does not open under master key "${enc.master_key_id}": wrong keyring or a damaged backup; nothing was restored`);
    }
  }
  try {
    // Whole file first, in bounded memory: a cut or edited backup is refused before a byte reaches the database.
    if (key) {
      await pipeline(dumpStream(file, offset, key, header), new Writable({ write: (_c, _e, cb) => cb() })).catch((e: Error) => {
        throw new Error(`${file} failed verification (${e.message}); nothing was restored`);
      });
    }
    const database = openDatabase(databaseUrl, 2);
    try {
      const major = Math.max(await serverMajor(database.pool), manifest.pg_dump_major ?? 0);
      const tool = pgTool('pg_restore', major);
      const { rows } = await database.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'");
      if (rows[0].n > 0) throw new Error('restore needs an empty database: this one already has tables');
      // One transaction: a restore that fails (or a file changed since the check) leaves the database empty.
      await runTool(tool.file, ['--exit-on-error', '--single-transaction', '--no-owner', '--no-privileges'], databaseUrl, {
        stdin: dumpStream(file, offset, key, header),
      });
      const restoredAt = Date.now();
      // A backup from an older version gets this version's migrations.
      await migrateToLatest(database.db);
      const tokens = (await database.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM tokens')).rows[0].n;
      if (tokens !== manifest.counts.tokens) throw new Error(`restored ${tokens} tokens, the backup says ${manifest.counts.tokens}`);
      const audit = await new AuditChain(database.db, keyring, pino({ level: 'silent' }), { sealIntervalMs: 0, retentionDays: 730, now: () => new Date() }).verifyAll();
      if (!audit.valid) throw new Error(`the restored audit log does not verify: ${audit.invalid.join(', ')}`);
      return { tokens, audit_entries_verified: audit.entries, encrypted: sealed, restore_seconds: (restoredAt - t0) / 1000, seconds: (Date.now() - t0) / 1000 };
    } finally {
      await database.close();
    }
  } finally {
    key?.fill(0);
  }
}
