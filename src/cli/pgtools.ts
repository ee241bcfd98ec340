// pg_dump / pg_restore for `vault backup` and `vault restore`. The embedded PostgreSQL ships only
// initdb, pg_ctl and postgres, so the client tools come from the system. pg_dump refuses a server
// newer than itself and pg_restore an archive newer than itself, so the tool must be at least the
// server's major version (and, to restore, the dumping pg_dump's). As root on Debian the missing
// package is installed the way the tests install theirs (test/support/debian.ts); otherwise the
// error names the package and the command.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

export type PgToolName = 'pg_dump' | 'pg_restore';

/** PG_BIN_DIR alone when set (the operator pinned the tools); else PATH, then Debian's versioned dirs. */
export function searchDirs(env: NodeJS.ProcessEnv = process.env): string[] {
  if (env.PG_BIN_DIR) return [env.PG_BIN_DIR];
  const dirs = (env.PATH ?? '').split(':').filter(Boolean);
  if (existsSync('/usr/lib/postgresql')) {
    const versions = readdirSync('/usr/lib/postgresql').filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    dirs.push(...versions.map((v) => `/usr/lib/postgresql/${v}/bin`));
  }
  return dirs;
}

/** `pg_dump (PostgreSQL) 15.18 (Debian …)` → 15; null when it does not run. */
export function toolMajor(file: string): number | null {
  const r = spawnSync(file, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  const m = r.status === 0 ? /\(PostgreSQL\)\s+(\d+)/.exec(r.stdout) : null;
  return m ? Number(m[1]) : null;
}

export class PgToolMissing extends Error {}

function find(name: PgToolName, minMajor: number, dirs: string[]): { file: string; major: number } | { found: string[] } {
  const found: string[] = [];
  for (const d of dirs) {
    const file = path.join(d, name);
    if (!existsSync(file)) continue;
    const major = toolMajor(file);
    if (major !== null && major >= minMajor) return { file, major };
    found.push(`${file} (${major ?? 'unusable'})`);
  }
  return { found };
}

const canApt = () => process.getuid?.() === 0 && spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;

/** Installs postgresql-client-<major> with apt-get; false if that package is unknown or it fails. */
function aptInstall(pkg: string, log: (line: string) => void): boolean {
  const lock = ['-o', 'DPkg::Lock::Timeout=600'];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  log(`vault: installing Debian's ${pkg} (pg_dump / pg_restore for backups)`);
  try {
    execFileSync('apt-get', [...lock, 'update', '-q'], { stdio: 'ignore', env });
    execFileSync('apt-get', [...lock, 'install', '-y', '-q', pkg], { stdio: ['ignore', 'ignore', 'inherit'], env });
    return true;
  } catch {
    return false;
  }
}

/**
 * The first `name` at least `minMajor` (the server's major version) in the search dirs; as root
 * with apt-get and no PG_BIN_DIR, installs `postgresql-client-<minMajor>` first if none is.
 */
export function pgTool(
  name: PgToolName,
  minMajor: number,
  opts: { env?: NodeJS.ProcessEnv; install?: boolean; log?: (line: string) => void } = {},
): { file: string; major: number } {
  const env = opts.env ?? process.env;
  let hit = find(name, minMajor, searchDirs(env));
  const pkg = `postgresql-client-${minMajor}`;
  if ('found' in hit && !env.PG_BIN_DIR && (opts.install ?? true) && canApt()) {
    if (aptInstall(pkg, opts.log ?? ((l) => process.stderr.write(l + '\n')))) hit = find(name, minMajor, searchDirs(env));
  }
  if ('file' in hit) return hit;
  const where = env.PG_BIN_DIR ? `PG_BIN_DIR=${env.PG_BIN_DIR}` : 'PATH and /usr/lib/postgresql/*/bin';
  const seen = hit.found.length ? `; found only ${hit.found.join(', ')}, too old` : '';
  throw new PgToolMissing(
    `${name} ${minMajor} or newer is missing (searched ${where}${seen}); the embedded PostgreSQL does not ship it. ` +
      `Install PostgreSQL's client tools: \`sudo apt-get install -y ${pkg}\` on Debian/Ubuntu (from apt.postgresql.org if your release lacks it), ` +
      `\`brew install postgresql@${minMajor}\` on macOS, or set PG_BIN_DIR to a directory holding ${name} ${minMajor}+.`,
  );
}
