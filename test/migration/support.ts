// What the migration tests share: a vault database with a project (no HTTP server needed: import
// and export are CLI commands), the CLI as a child process on that database, and generated files.
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { promisify } from 'node:util';
import { attachAuditKey } from '../../src/audit/sealer.js';
import { DataKeys, tokenAad } from '../../src/crypto/datakeys.js';
import { type Keyring, parseKeyring } from '../../src/crypto/keyring.js';
import { type Database, openDatabase } from '../../src/db/database.js';
import { createProject } from '../../src/projects/service.js';
import { freshDatabase } from '../helpers.js';
import { randomPan } from '../support/load.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface Vault {
  url: string;
  keySpec: string;
  keyring: Keyring;
  database: Database;
  projectId: string;
  /** token → the card number it holds, read back through the data key. */
  values(): Promise<Map<string, { type: string; data: Record<string, unknown>; metadata: unknown }>>;
  count(): Promise<number>;
  sql(text: string, params?: unknown[]): Promise<Record<string, string>[]>;
  close(): Promise<void>;
}

export async function vaultWithProject(): Promise<Vault> {
  const url = await freshDatabase();
  const keySpec = `m1:${randomBytes(32).toString('base64')}`;
  const keyring = parseKeyring(keySpec);
  const database = openDatabase(url, 4);
  attachAuditKey(database.db, keyring);
  const keys = new DataKeys(database.db, keyring);
  const project = await database.db.transaction().execute((trx) => createProject(trx, keys, { name: 'migration', environment: 'production' }));
  return {
    url, keySpec, keyring, database, projectId: project.id,
    async values() {
      const key = await keys.get(project.id);
      const rows = await database.db.selectFrom('tokens').select(['token', 'type', 'ciphertext', 'metadata']).where('project_id', '=', project.id).execute();
      return new Map(rows.map((r) => [r.token, { type: r.type, data: JSON.parse(key.open(r.ciphertext, tokenAad(project.id, r.token)).toString()) as Record<string, unknown>, metadata: r.metadata }]));
    },
    async count() {
      const r = await database.db.selectFrom('tokens').select((eb) => eb.fn.countAll<string>().as('n')).where('project_id', '=', project.id).executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async sql(text, params = []) {
      return (await database.pool.query(text, params)).rows as Record<string, string>[];
    },
    async close() {
      await database.close();
    },
  };
}

export const cliEnv = (v: Vault, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: v.url, VAULT_MASTER_KEYS: v.keySpec, LOG_LEVEL: 'warn', ...extra };
  delete env.DATA_DIR;
  return env;
};

const run = promisify(execFile);

/** `npm run vault -- …args` on the vault's database; resolves with its exit code and output. */
export async function cli(v: Vault, args: string[], extra: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/vault.ts'), ...args], { env: cliEnv(v, extra), cwd: ROOT, maxBuffer: 1 << 26 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    if (typeof err.code !== 'number') throw e;
    return { code: err.code, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  }
}

export function spawnCli(v: Vault, args: string[]) {
  return spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/vault.ts'), ...args], { env: cliEnv(v), cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
}

export interface Card {
  token?: string;
  cardNumber: string;
  expirationMonth: string;
  expirationYear: string;
  holderName?: string;
}

/** `n` cards; `ownShare` of them bring their own token id (a vendor's, as `card_…`). */
export function cards(n: number, ownShare = 1, prefix = randomBytes(4).toString('hex')): Card[] {
  return Array.from({ length: n }, (_, i) => ({
    ...(i % 1000 < ownShare * 1000 ? { token: `card_${prefix}_${i}` } : {}),
    cardNumber: randomPan(),
    expirationMonth: String((i % 12) + 1).padStart(2, '0'),
    expirationYear: String(2030 + (i % 8)),
    ...(i % 3 === 0 ? { holderName: `Holder ${i}` } : {}),
  }));
}

export async function writeLines(file: string, lines: Iterable<string>) {
  const out = createWriteStream(file);
  for (const l of lines) if (!out.write(l)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

export const jsonl = (list: Card[]) => list.map((c) => JSON.stringify({ type: 'card', ...c }) + '\n');
export const csvOf = (list: Card[]) => [
  'token,type,cardNumber,expirationMonth,expirationYear,holderName\n',
  ...list.map((c) => `${c.token ?? ''},card,${c.cardNumber},${c.expirationMonth},${c.expirationYear},${c.holderName ?? ''}\n`),
];
