// `npm run vault -- <command>`: headless administration on the same configuration as the server.
// Works next to a running vault on the same DATA_DIR (it joins the running embedded PostgreSQL).
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ALL_PERMISSIONS } from '../applications/permissions.js';
import { createApplication } from '../applications/service.js';
import { DataKeys, rewrapAll } from '../crypto/datakeys.js';
import { formatKeyring, newMasterKey, parseKeyring } from '../crypto/keyring.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { openFromEnvironment } from '../main.js';
import { createProject, type Environment } from '../projects/service.js';
import { backup, restore } from './backup.js';

const USAGE = `usage: npm run vault -- <command>
  migrate                                     apply database migrations
  bootstrap --project NAME [--environment development|staging|production] [--app NAME]
                                              create a project and an application with all
                                              permissions; prints its api_key and pub_key once
  keys rotate                                 add a master key version (DATA_DIR/master.key) or use the
                                              first of VAULT_MASTER_KEYS, and re-wrap every key sealed
                                              under an older one (data keys, JWT keys, TOTP secrets)
  backup FILE                                 a consistent pg_dump of the vault and the ids and check values
                                              of the master keys it needs (never the keys) into FILE
  restore FILE                                restore FILE into an empty database, given a keyring that holds
                                              every master key the backup needs; verifies the audit chain`;

async function main(argv: string[]) {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { project: { type: 'string' }, environment: { type: 'string' }, app: { type: 'string' }, help: { type: 'boolean' } },
  });
  const cmd = positionals.join(' ');
  if ((positionals[0] === 'backup' || positionals[0] === 'restore') && positionals.length === 2 && !values.help) {
    return backupCommand(positionals[0], positionals[1]);
  }
  if (values.help || !['migrate', 'bootstrap', 'keys rotate'].includes(cmd)) {
    process.stdout.write(USAGE + '\n');
    return cmd === '' || values.help ? 0 : 2;
  }

  const env = await openFromEnvironment();
  const database = openDatabase(env.config.databaseUrl, 2);
  try {
    await migrateToLatest(database.db);
    if (cmd === 'migrate') {
      process.stdout.write('migrations applied\n');
    } else if (cmd === 'bootstrap') {
      const name = values.project;
      const environment = (values.environment ?? 'development') as Environment;
      if (!name || !['development', 'staging', 'production'].includes(environment)) {
        process.stderr.write(USAGE + '\n');
        return 2;
      }
      const keys = new DataKeys(database.db, env.config.keyring);
      const out = await database.db.transaction().execute(async (trx) => {
        const project = await createProject(trx, keys, { name, environment });
        const app = await createApplication(trx, {
          projectId: project.id,
          environment,
          name: values.app ?? `${name}-app`,
          permissions: ALL_PERMISSIONS,
          region: env.config.region,
        });
        await trx
          .insertInto('audit_log')
          .values({
            project_id: project.id,
            event_type: 'project',
            action: 'bootstrap',
            resource_type: 'project',
            resource_id: project.id,
            app_id: app.id,
            details: JSON.stringify({ source: 'cli', application: app.name }),
          })
          .execute();
        return { project: { id: project.id, name: project.name, environment }, application: { id: app.id, name: app.name }, api_key: app.api_key, pub_key: app.pub_key };
      });
      // The only time the API key is ever shown.
      process.stdout.write(JSON.stringify(out, null, 2) + '\n');
    } else {
      let ring = env.config.keyring;
      if (ring.file) {
        const next = newMasterKey(ring.keys.keys());
        const all = [next, ...[...ring.keys].map(([id, key]) => ({ id, key }))];
        writeFileSync(ring.file, formatKeyring(all), { mode: 0o600 });
        ring = parseKeyring(formatKeyring(all), ring.file);
      }
      const n = await rewrapAll(database.db, ring);
      process.stdout.write(`active master key: ${ring.active.id}; re-wrapped ${n} key(s)\n`);
    }
    return 0;
  } finally {
    await database.close();
    await env.embedded?.stop();
  }
}

/** No migrations first: a restore needs an empty database, and a backup takes what is there. */
async function backupCommand(cmd: 'backup' | 'restore', file: string) {
  const env = await openFromEnvironment();
  try {
    const out = cmd === 'backup' ? await backup(env.config.databaseUrl, env.config.keyring, file) : await restore(env.config.databaseUrl, env.config.keyring, file);
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
    return 0;
  } finally {
    await env.embedded?.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`vault: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
