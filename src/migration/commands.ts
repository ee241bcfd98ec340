// The CLI side of `vault import-key`, `vault import` and `vault export` (docs/migration.md):
// arguments, output and exit codes. cli/vault.ts opens the environment and dispatches here.
import { writeFile } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import type { Keyring } from '../crypto/keyring.js';
import type { DB } from '../db/schema.js';
import { ExportRefused, exportTokens } from './export.js';
import { ensureImportKey } from './import-key.js';
import { ImportError, importFile } from './import.js';
import { SourceError } from './source.js';
import { TOKEN_FORMATS, type TokenFormat } from '../lib/token-formats.js';

const isTokenFormat = (f: string): f is TokenFormat => (TOKEN_FORMATS as readonly string[]).includes(f);

export const MIGRATION_COMMANDS = ['import-key', 'import', 'export'];

export interface MigrationArgs {
  project?: string;
  to?: string;
  report?: string;
  plaintext?: boolean;
  format?: string;
}

/** What is wrong with the arguments (checked before anything is opened), or null. */
export function migrationArgsProblem(cmd: string, files: string[], v: MigrationArgs): string | null {
  if (!v.project) return 'missing --project ID';
  if (cmd === 'import-key') return files.length === 0 ? null : 'import-key takes no FILE';
  if (cmd === 'import') {
    if (v.format !== undefined && !isTokenFormat(v.format)) return `--format must be one of ${TOKEN_FORMATS.join(', ')}`;
    return files.length === 1 ? null : 'missing FILE (exactly one)';
  }
  if (files.length !== 1) return 'missing OUT (exactly one)';
  return (v.plaintext === true) !== (v.to !== undefined) ? null : 'give --to RECIPIENT.asc or --plaintext, not both or neither';
}

const say = (s: string) => process.stderr.write(`vault: ${s}\n`);

export async function migrationCommand(cmd: string, files: string[], v: MigrationArgs, db: Kysely<DB>, keyring: Keyring): Promise<number> {
  const projectId = v.project!;
  try {
    if (cmd === 'import-key') {
      const { key, created } = await ensureImportKey(db, keyring, projectId);
      process.stdout.write(key.publicKey);
      say(`${created ? 'created' : 'existing'} import key ${key.fingerprint} of project ${projectId} (the private key stays in the vault, wrapped by the master key)`);
      return 0;
    }
    if (cmd === 'import') {
      const report = await importFile({ db, keyring, projectId, file: files[0], ...(v.format !== undefined && isTokenFormat(v.format) ? { format: v.format } : {}) });
      if (v.report) await writeFile(v.report, JSON.stringify(report, null, 2) + '\n', { mode: 0o600 });
      const { failures, ...summary } = report;
      process.stdout.write(JSON.stringify({ ...summary, failures: failures.slice(0, 20) }, null, 2) + '\n');
      if (failures.length > 20) say(`${report.failed} rows failed; ${v.report ? `every one is listed in ${v.report}` : 'use --report OUT.json for the full list'}`);
      return report.failed > 0 ? 4 : 0;
    }
    const manifest = await exportTokens({ db, keyring, projectId, out: files[0], recipient: v.to ?? null, plaintext: v.plaintext === true, env: process.env });
    process.stdout.write(JSON.stringify({ ...manifest, file: files[0], manifest: `${files[0]}.manifest.asc` }, null, 2) + '\n');
    if (v.plaintext) say(`WARNING: ${files[0]} holds ${manifest.count} card numbers and other secrets in the clear: protect it and delete it when done`);
    return 0;
  } catch (e) {
    if (e instanceof SourceError || e instanceof ImportError || e instanceof ExportRefused) {
      say(e.message);
      return 3;
    }
    throw e;
  }
}
