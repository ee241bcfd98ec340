// Which vault the CLI works on. Without DATABASE_URL (and, for the key file, without
// VAULT_MASTER_KEYS) that is DATA_DIR. Opening a DATA_DIR that holds no vault silently creates a
// new database and master key, and a bootstrap there prints an API key the running vault answers
// 401 to. So only `migrate` and `restore` may create a vault; every other command refuses a
// DATA_DIR without one, and nobody falls back to ./.vault unless it already exists.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { LoadedConfig } from '../config.js';

const CREATES = new Set(['migrate', 'restore']);

/** Data directories of embedded PostgreSQL servers running on this machine (Linux /proc). */
export function runningVaultDirs(): string[] {
  const out = new Set<string>();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return [];
  }
  for (const pid of pids) {
    let argv: string[];
    try {
      argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    // The postmaster the vault starts: `…/postgres -D DATA_DIR/pg …`.
    const d = argv.indexOf('-D');
    if (!argv[0]?.endsWith('/postgres') || d < 0 || !argv[d + 1]) continue;
    const pg = path.resolve(argv[d + 1]);
    const dir = path.dirname(pg);
    if (path.basename(pg) === 'pg' && existsSync(path.join(dir, 'master.key'))) out.add(dir);
  }
  return [...out];
}

/** Null when `cmd` may run on this configuration; otherwise what is wrong and what to set. */
export function dataDirProblem(cmd: string, loaded: LoadedConfig, env: NodeJS.ProcessEnv): string | null {
  const { dataDir } = loaded.vault;
  const embedded = !loaded.databaseUrl;
  const keyFile = !loaded.keys.masterKeys && loaded.keys.provider === 'keyring';
  if (!embedded && !keyFile) return null;
  const missing = [embedded && !existsSync(path.join(dataDir, 'pg')) && 'no database', keyFile && !existsSync(path.join(dataDir, 'master.key')) && 'no master.key']
    .filter((m): m is string => !!m);
  if (missing.length === 0) return null;
  const defaulted = !env.DATA_DIR;
  if (!defaulted && CREATES.has(cmd)) return null;
  const others = runningVaultDirs().filter((d) => d !== dataDir);
  const hint = others.length > 0 ? ` A vault is running on ${others.map((d) => `DATA_DIR=${d}`).join(', ')}.` : '';
  const what = defaulted ? `DATA_DIR is not set and the default ${dataDir} holds ${missing.join(' and ')}` : `DATA_DIR=${dataDir} holds ${missing.join(' and ')}`;
  const fix = CREATES.has(cmd)
    ? ` To create a new vault there on purpose, set DATA_DIR=${dataDir} explicitly.`
    : ` \`${cmd}\` works on an existing vault only (\`migrate\` or \`restore\` create one): set DATA_DIR to the running vault's DATA_DIR` +
      `${embedded ? ' (or DATABASE_URL' : ''}${embedded && keyFile ? ' and VAULT_MASTER_KEYS)' : embedded ? ')' : ''}.`;
  return `${what}, so this would create a new vault instead of using yours.${hint}${fix} Nothing was changed.`;
}
