// What the CLI can do, one entry per command: its usage line, what it does, and the environment it
// reads, so `open-vault help COMMAND` and `COMMAND --help` answer for that command alone, and a
// wrong invocation is told what was wrong (unknown command, missing option) in one line, exit 2.
import { nearest } from '../lib/text.js';
import { ENVIRONMENTS, isEnvironment } from '../lib/environments.js';
import { isKeyProvider, KEY_PROVIDERS } from '../lib/key-providers.js';
import { migrationArgsProblem } from '../migration/commands.js';

/** Where every command finds the vault: the embedded PostgreSQL and key file, or their replacements. */
const WHERE = ['DATA_DIR', 'DATABASE_URL', 'VAULT_MASTER_KEYS', 'VAULT_KEK_PROVIDER', 'PKCS11_MODULE, PKCS11_TOKEN_LABEL, PKCS11_PIN, PKCS11_KEY_LABELS', 'PG_BIN_DIR'];

export interface Command {
  name: string;
  usage: string;
  text: string;
  env: string[];
  /** What is wrong with these arguments, or null. */
  check?: (a: { arg?: string; files?: string[]; values: Record<string, unknown> }) => string | null;
}

export const COMMANDS: Command[] = [
  { name: 'migrate', usage: 'migrate', text: 'Apply the database migrations (creates the vault in DATA_DIR when there is none).', env: WHERE },
  {
    name: 'bootstrap', usage: 'bootstrap --project NAME [--environment development|staging|production] [--app NAME] [--owner EMAIL]',
    text: 'Create a project and an application with all permissions; prints its api_key and pub_key once.\n' +
      '--owner: that existing dashboard user owns the project (without it no dashboard account lists the project).',
    env: [...WHERE, 'VAULT_REGION'],
    check: ({ values }) => !values.project ? 'missing --project NAME'
      : values.environment !== undefined && !isEnvironment(values.environment)
        ? `--environment must be ${ENVIRONMENTS.slice(0, -1).join(', ')} or ${ENVIRONMENTS.at(-1)}, not "${values.environment as string}"` : null,
  },
  { name: 'keys list', usage: 'keys list', text: 'Master keys: which is active, and what each still wraps.', env: WHERE },
  {
    name: 'keys rotate', usage: 'keys rotate',
    text: 'Add a master key (to DATA_DIR/master.key, or in the HSM with VAULT_KEK_PROVIDER=pkcs11; with\n' +
      'VAULT_MASTER_KEYS, its first key), make it active on every node, and re-wrap every key sealed under an\n' +
      'older one (data keys, JWT keys, TOTP secrets).',
    env: WHERE,
  },
  {
    name: 'keys retire', usage: 'keys retire ID', text: 'Remove master key ID (refused while anything is wrapped under it); an HSM key is destroyed in the token.',
    env: WHERE, check: ({ arg }) => (arg ? null : 'missing the key ID (see `keys list`)'),
  },
  {
    name: 'keys migrate', usage: 'keys migrate --to pkcs11|keyring',
    text: "Make the other configured source's first key active and re-wrap everything under it (key file <-> HSM).",
    env: WHERE, check: ({ values }) => (isKeyProvider(values.to) ? null : values.to === undefined ? `missing --to ${KEY_PROVIDERS.join('|')}` : `--to must be ${KEY_PROVIDERS.join(' or ')}, not "${values.to as string}"`),
  },
  {
    name: 'keys rotate-data', usage: 'keys rotate-data --project ID | --all',
    text: 'New data key version(s), re-encrypt every ciphertext, destroy the old version(s).',
    env: [...WHERE, 'DATA_KEY_RETIRE_GRACE_SECONDS'],
    check: ({ values }) => (values.project && values.all ? 'give --project ID or --all, not both' : !values.project && !values.all ? 'missing --project ID (or --all)' : null),
  },
  {
    name: 'backup', usage: 'backup FILE [--plaintext]',
    text: 'A consistent pg_dump of the vault into FILE, encrypted (AES-256-GCM) under a fresh backup key wrapped\n' +
      'by the active master key; --plaintext: unencrypted (personal data in the clear).',
    env: WHERE, check: ({ arg }) => (arg ? null : 'missing FILE'),
  },
  {
    name: 'restore', usage: 'restore FILE [--plaintext]',
    text: 'Verify FILE end to end, then restore it into an empty database, given a keyring that holds every master\n' +
      'key the backup needs; verifies the audit chain. --plaintext reads an unencrypted backup.',
    env: WHERE, check: ({ arg }) => (arg ? null : 'missing FILE'),
  },
  {
    name: 'import-key', usage: 'import-key --project ID',
    text: "Create (once) and print the project's OpenPGP import key (public part): vendors encrypt card exports\nto it; it also signs export manifests (docs/migration.md).",
    env: WHERE, check: ({ values, files }) => migrationArgsProblem('import-key', files ?? [], values),
  },
  {
    name: 'import', usage: 'import --project ID FILE [--format F] [--report OUT.json]',
    text: 'Import a CSV (header row) or JSONL file of cards, bank accounts or strings, keeping their token ids; FILE\n' +
      'may be OpenPGP-encrypted to the import key. Re-running it imports nothing twice. Exit 4: some rows failed.\n' +
      '--format: the format of tokens drawn for rows without a token id (API.md §6.2; default random).',
    env: WHERE, check: ({ values, files }) => migrationArgsProblem('import', files ?? [], values),
  },
  {
    name: 'export', usage: 'export --project ID [--to RECIPIENT.asc | --plaintext] OUT',
    text: 'Every live token as JSONL, OpenPGP-encrypted to RECIPIENT.asc, and OUT.manifest.asc (count, SHA-256)\n' +
      'signed by the import key; --plaintext instead of --to needs VAULT_EXPORT_PLAINTEXT=yes.',
    env: [...WHERE, 'VAULT_EXPORT_PLAINTEXT'], check: ({ values, files }) => migrationArgsProblem('export', files ?? [], values),
  },
];

export const PROGRAM = 'open-vault';
const FOOTER = `Without DATABASE_URL the CLI works on DATA_DIR, which must already hold a vault (except for migrate and
restore); it refuses to fall back to ./.vault when that does not exist. From a checkout: npm run vault -- <command>.`;

export function usage(): string {
  const rows = COMMANDS.map((c) => `  ${c.usage}`);
  return `usage: ${PROGRAM} <command> [options]\n\ncommands:\n${rows.join('\n')}\n  help [COMMAND]\n\n` +
    `${PROGRAM} help COMMAND (or COMMAND --help) describes one command and the environment it reads; ${PROGRAM} --version prints the version.\n${FOOTER}`;
}

export function commandHelp(c: Command): string {
  return `usage: ${PROGRAM} ${c.usage}\n\n${c.text}\n\nenvironment: ${c.env.join(', ')}\n(docs/operations.md and .env.example describe each variable)`;
}

/** The command named by the positionals (two words for `keys …`), or an error sentence. */
export function findCommand(positionals: string[]): { command: Command; arg?: string } | { error: string } {
  const two = positionals.slice(0, 2).join(' ');
  const byTwo = COMMANDS.find((c) => c.name === two);
  if (byTwo) return { command: byTwo, arg: positionals[2] };
  const byOne = COMMANDS.find((c) => c.name === positionals[0]);
  if (byOne) return { command: byOne, arg: positionals[1] };
  const asked = positionals[0] === 'keys' ? two : positionals[0];
  if (asked === 'keys') return { error: `"keys" needs a subcommand: ${COMMANDS.filter((c) => c.name.startsWith('keys ')).map((c) => c.name.slice(5)).join(', ')}` };
  const [best, d] = nearest(asked, COMMANDS.map((c) => c.name));
  return { error: `unknown command "${asked}"${d <= 3 ? ` (did you mean "${best}"?)` : ''}` };
}
