#!/usr/bin/env node
// `open-vault <command>` (the package's bin; `npm run vault -- <command>` from a checkout): headless administration on the same configuration as the server.
// Works next to a running vault on the same DATA_DIR (it joins the running embedded PostgreSQL).
import { parseArgs } from 'node:util';
import { attachAuditKey } from '../audit/sealer.js';
import { DataKeys, persistCounts, ProjectKeyMissing } from '../crypto/datakeys.js';
import type { Keyring } from '../crypto/keyring.js';
import { activate, KEYRING_REFRESH_MS, readActive, retire, RetireRefused, rewrapAll, wrappedUnder } from '../crypto/master.js';
import { DEFAULT_POLICY, rotateAll, rotateDataKey, runJobsToCompletion } from '../crypto/rotation.js';
import { type Database, openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { loadConfig } from '../config.js';
import { openEnvironment } from '../environment.js';
import { backup, restore } from './backup.js';
import { bootstrap } from './bootstrap.js';
import { dataDirProblem } from './datadir.js';
import { MIGRATION_COMMANDS, migrationCommand } from '../migration/commands.js';
import { type Command, commandHelp, findCommand, PROGRAM, usage } from './help.js';
import { nearest } from '../lib/text.js';
import { VERSION } from '../lib/version.js';
import { KEY_PROVIDER } from '../lib/key-providers.js';

const OPTIONS = ['project', 'environment', 'app', 'help', 'all', 'to', 'owner', 'plaintext', 'version', 'report', 'format'];

/** The command line, or what is wrong with it ("Unknown option '--projet' (did you mean --project?)"). */
function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        project: { type: 'string' }, environment: { type: 'string' }, app: { type: 'string' }, help: { type: 'boolean', short: 'h' },
        all: { type: 'boolean' }, to: { type: 'string' }, owner: { type: 'string' }, plaintext: { type: 'boolean' }, version: { type: 'boolean', short: 'v' },
        report: { type: 'string' }, format: { type: 'string' },
      },
    });
  } catch (e) {
    // parseArgs names the option: say that, not the whole usage.
    const message = (e as Error).message.replace(/\. To specify a positional.*$/s, '');
    const option = /'--([^']+)'/.exec(message)?.[1];
    const [best, d] = option ? nearest(option, OPTIONS) : ['', Infinity];
    return d <= 2 ? `${message} (did you mean --${best}?)` : message;
  }
}

async function main(argv: string[]) {
  const parsed = parse(argv);
  if (typeof parsed === 'string') return fail(parsed);
  const { positionals, values } = parsed;
  if (values.version) return said(VERSION);
  if (positionals.length === 0) return said(usage());
  if (positionals[0] === 'help') {
    if (positionals.length === 1) return said(usage());
    const found = findCommand(positionals.slice(1));
    return 'error' in found ? fail(found.error) : said(commandHelp(found.command));
  }
  const found = findCommand(positionals);
  if ('error' in found) return fail(found.error);
  if (values.help) return said(commandHelp(found.command));
  const wrong = found.command.check?.({ arg: found.arg, files: positionals.slice(1), values });
  if (wrong) return fail(wrong, found.command);
  const cmd = found.command.name;
  const arg = found.arg;
  if (cmd === 'backup' || cmd === 'restore') return backupCommand(cmd, arg!, values.plaintext === true);
  const files = positionals.slice(1);

  const loaded = loadConfig(process.env);
  const problem = dataDirProblem(cmd, loaded, process.env);
  if (problem) {
    process.stderr.write(`vault: ${problem}\n`);
    return 2;
  }
  // Moving to an HSM may start from an empty token: create its first key there.
  const env = await openEnvironment(loaded, { createHsmKey: cmd === 'keys migrate' && values.to === KEY_PROVIDER.pkcs11 });
  const database = openDatabase(env.config.databaseUrl, 2);
  attachAuditKey(database.db, env.config.keyring, (obj, msg) => process.stderr.write(`${msg} ${JSON.stringify(obj)}\n`));
  try {
    await migrateToLatest(database.db);
    if (cmd === 'migrate') {
      process.stdout.write('migrations applied\n');
    } else if (cmd === 'bootstrap') {
      return await bootstrap(database.db, env.config.keyring, env.config.region, values);
    } else if (MIGRATION_COMMANDS.includes(cmd)) {
      return await migrationCommand(cmd, files, values, database.db, env.config.keyring);
    } else {
      return await keyCommand(cmd, arg, values, database, env.config.keyring, env.config);
    }
    return 0;
  } finally {
    await database.close();
    env.config.keyring.close();
    await env.embedded?.stop();
  }
}

/** No migrations first: a restore needs an empty database, and a backup takes what is there. */
async function backupCommand(cmd: 'backup' | 'restore', file: string, plaintext: boolean) {
  const loaded = loadConfig(process.env);
  const problem = dataDirProblem(cmd, loaded, process.env);
  if (problem) {
    process.stderr.write(`vault: ${problem}\n`);
    return 2;
  }
  if (plaintext && cmd === 'backup') {
    process.stderr.write('vault: WARNING: --plaintext: this backup is NOT encrypted. It holds password hashes, emails, IP addresses and the\n' +
      'audit log in the clear; protect the file yourself (encrypted storage, restricted access) and delete it when done.\n');
  }
  const env = await openEnvironment(loaded);
  try {
    const opts = { plaintext };
    const out = cmd === 'backup' ? await backup(env.config.databaseUrl, env.config.keyring, file, opts) : await restore(env.config.databaseUrl, env.config.keyring, file, opts);
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
    return 0;
  } finally {
    env.config.keyring.close();
    await env.embedded?.stop();
  }
}

const out = (line: string) => process.stdout.write(line + '\n');

const said = (text: string, code = 0) => {
  (code === 0 ? process.stdout : process.stderr).write(text + '\n');
  return code;
};

/** One line that says what was wrong, and where the help is; exit code 2. */
function fail(problem: string, command?: Command): number {
  const more = command ? `${PROGRAM} help ${command.name}` : `${PROGRAM} help`;
  return said(`${PROGRAM}: ${problem}\nusage: ${command ? `${PROGRAM} ${command.usage}` : `${PROGRAM} <command>`} (see \`${more}\`)`, 2);
}

/** Re-wraps, waits until every node has followed the new active key, and sweeps once more. */
async function rewrapAndSweep(database: Database, ring: Keyring): Promise<number> {
  let n = await rewrapAll(database.db, ring);
  await new Promise((r) => setTimeout(r, KEYRING_REFRESH_MS * 3));
  n += await rewrapAll(database.db, ring);
  return n;
}

async function keyCommand(
  cmd: string,
  arg: string | undefined,
  values: { project?: string; all?: boolean; to?: string },
  database: Database,
  ring: Keyring,
  config: { dataKeyGraceMs?: number },
): Promise<number> {
  const db = database.db;
  const active = await readActive(db);
  if (active) ring.choose(active.id);
  if (cmd === 'keys list') {
    const known = await db.selectFrom('vault_master_keys').selectAll().orderBy('created_at').execute();
    const ids = [...new Set([...ring.ids(), ...known.map((k) => k.id)])];
    for (const id of ids) {
      const row = known.find((k) => k.id === id);
      const left = await wrappedUnder(db, id);
      const what = Object.entries(left).map(([k, n]) => `${n} ${k}(s)`).join(', ') || 'nothing';
      out(`${id}\t${id === ring.activeId ? 'active' : (row?.state ?? 'standby')}\t${ring.has(id) ? 'held' : 'not in this keyring'}\twraps ${what}`);
    }
  } else if (cmd === 'keys rotate' || cmd === 'keys migrate') {
    let id: string;
    if (cmd === 'keys migrate') {
      const target = ring.sources.find((s) => s.provider === values.to);
      if (!target) {
        process.stderr.write(`vault: no ${values.to} key source is configured (see docs/keys.md, "Moving between a key file and an HSM")\n`);
        return 2;
      }
      id = target.ids()[0];
    } else {
      // VAULT_MASTER_KEYS cannot be changed from here: its first key is the one to activate.
      id = ring.primary.mutable ? ring.primary.generate() : ring.primary.ids()[0];
    }
    await activate(db, ring, id);
    const n = await rewrapAndSweep(database, ring);
    out(`active master key: ${id}; re-wrapped ${n} key(s)`);
    if (cmd === 'keys migrate') out(`set VAULT_KEK_PROVIDER=${values.to} on every node, then retire the old keys with \`keys retire ID\``);
  } else if (cmd === 'keys retire') {
    try {
      out(`master key ${arg} retired: ${await retire(db, ring, arg!)}`);
    } catch (e) {
      if (!(e instanceof RetireRefused)) throw e;
      process.stderr.write(`vault: ${e.message}\n`);
      return 3;
    }
  } else {
    const keys = new DataKeys(db, ring);
    if (values.all) out(`${(await rotateAll(db, keys, 'cli')).length} project(s): new data key versions active`);
    else {
      const v = await rotateDataKey(db, keys, values.project!, 'cli').catch((e) => {
        throw e instanceof ProjectKeyMissing ? new Error(`project ${values.project} has no data key (unknown or deleted)`) : e;
      });
      out(`project ${values.project}: data key version ${v} active`);
    }
    const policy = { ...DEFAULT_POLICY, graceMs: config.dataKeyGraceMs ?? DEFAULT_POLICY.graceMs };
    let said = false;
    await runJobsToCompletion(db, keys, policy, (msg) => {
      if (!said) out(msg);
      said = true;
    });
    await persistCounts(db, keys.takeCounts());
    out('re-encryption done; old data key versions destroyed');
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`${PROGRAM}: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
