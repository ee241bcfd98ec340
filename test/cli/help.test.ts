// The CLI as a newcomer meets it (issue 29 item 4): an `open-vault` bin that a global install puts
// on PATH, --version, help per command naming the environment it reads, and a wrong invocation
// told what was wrong in one line with exit code 2, not the whole usage. Runs the built dist/.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/help.js';
import { VERSION } from '../../src/lib/version.js';
import { ROOT } from '../support/vault-process.js';

const run = promisify(execFile);
const prefix = mkdtempSync(path.join(tmpdir(), 'vault-global-'));

beforeAll(() => {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs'), 'server'], { stdio: 'ignore' });
}, 300_000);
afterAll(() => rmSync(prefix, { recursive: true, force: true }));

/** `open-vault ARGS` from the build: exit code, stdout, stderr. */
async function cli(...args: string[]) {
  try {
    const r = await run(process.execPath, [path.join(ROOT, 'dist/cli/vault.js'), ...args], { cwd: tmpdir() });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('open-vault CLI', () => {
  it('npm install -g puts an open-vault bin on PATH that runs by its shebang; --version prints the version', async () => {
    await run('npm', ['install', '-g', '--prefix', prefix, '--offline', '--ignore-scripts', '--no-audit', '--no-fund', ROOT]);
    const { stdout } = await run(path.join(prefix, 'bin/open-vault'), ['--version']);
    expect(stdout).toBe(`${VERSION}\n`);
    expect((await cli('-v')).stdout).toBe(`${VERSION}\n`);
  }, 120_000);

  it('help lists every command; help COMMAND and COMMAND --help describe one, naming DATA_DIR and the rest of its environment', async () => {
    const all = await cli('help');
    expect(all.code).toBe(0);
    for (const c of COMMANDS) expect(all.stdout).toContain(`  ${c.usage}\n`);
    for (const c of COMMANDS) {
      const words = c.name.split(' ');
      const viaHelp = await cli('help', ...words);
      const viaFlag = await cli(...words, '--help');
      expect(viaHelp).toEqual({ code: 0, stdout: viaFlag.stdout, stderr: '' });
      expect(viaHelp.stdout).toMatch(new RegExp(`^usage: open-vault ${c.usage.replace(/[[\]|.]/g, '\\$&')}\n`));
      expect(viaHelp.stdout).toMatch(/\nenvironment: DATA_DIR, DATABASE_URL, VAULT_MASTER_KEYS/);
      expect(viaHelp.stdout).not.toContain('commands:');
    }
    expect((await cli('help', 'bootstrap')).stdout).toContain('VAULT_REGION');
  }, 120_000);

  it.each([
    [['frobnicate'], 'unknown command "frobnicate"'],
    [['keys', 'rotat'], 'unknown command "keys rotat" (did you mean "keys rotate"?)'],
    [['keys'], '"keys" needs a subcommand: list, rotate, retire, migrate, rotate-data'],
    [['bootstrap'], 'missing --project NAME'],
    [['bootstrap', '--project', 'shop', '--environment', 'prod'], '--environment must be production, staging or development, not "prod"'],
    [['bootstrap', '--projet', 'shop'], "Unknown option '--projet' (did you mean --project?)"],
    [['keys', 'retire'], 'missing the key ID (see `keys list`)'],
    [['keys', 'migrate'], 'missing --to keyring|pkcs11'],
    [['keys', 'rotate-data'], 'missing --project ID (or --all)'],
    [['keys', 'rotate-data', '--all', '--project', 'p'], 'give --project ID or --all, not both'],
    [['backup'], 'missing FILE'],
    [['help', 'nope'], 'unknown command "nope"'],
  ])('%j → "%s", exit 2, one line and where help is', async (args, problem) => {
    const r = await cli(...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const [first, second, ...rest] = r.stderr.trimEnd().split('\n');
    expect(first).toBe(`open-vault: ${problem}`);
    expect(second).toMatch(/^usage: open-vault .*\(see `open-vault help( [a-z -]+)?`\)$/);
    expect(rest).toEqual([]);
  }, 60_000);
});
