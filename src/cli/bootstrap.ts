// `open-vault bootstrap --project NAME [--environment E] [--app NAME] [--owner EMAIL]`: a project and
// an application with every permission in one transaction, its API key printed once.
import { type Kysely, sql } from 'kysely';
import { ALL_PERMISSIONS } from '../applications/permissions.js';
import { createApplication } from '../applications/service.js';
import { DataKeys } from '../crypto/datakeys.js';
import type { Keyring } from '../crypto/keyring.js';
import { writeAudit } from '../db/audit.js';
import { auditEvent } from '../db/audit-events.js';
import type { DB } from '../db/schema.js';
import { createProject } from '../projects/service.js';
import { ENV, isEnvironment } from '../lib/environments.js';
import { ROLE } from '../lib/roles.js';

export async function bootstrap(
  db: Kysely<DB>, keyring: Keyring, region: string, values: { project?: string; environment?: string; app?: string; owner?: string },
): Promise<number> {
  const name = values.project;
  const environment = values.environment ?? ENV.development;
  // help.ts checks both before a database is opened; this is the type's narrowing.
  if (!name || !isEnvironment(environment)) throw new Error('missing --project NAME or a bad --environment');
  const keys = new DataKeys(db, keyring);
  // The owner must exist already: the CLI never creates dashboard accounts.
  const owner = values.owner
    ? await db.selectFrom('users').select(['id', 'email']).where(sql<string>`lower(email)`, '=', values.owner.trim().toLowerCase()).executeTakeFirst()
    : null;
  if (values.owner && !owner) {
    process.stderr.write(`vault: no dashboard user with email ${values.owner}: sign up (or be invited) first, then run bootstrap --owner again; nothing was created\n`);
    return 3;
  }
  const out = await db.transaction().execute(async (trx) => {
    const project = await createProject(trx, keys, { name, environment });
    // Without an owner the project is invisible in the dashboard (it lists memberships).
    if (owner) await trx.insertInto('project_members').values({ project_id: project.id, user_id: owner.id, role: ROLE.owner }).execute();
    const app = await createApplication(trx, {
      projectId: project.id,
      environment,
      name: values.app ?? `${name}-app`,
      permissions: ALL_PERMISSIONS,
      region,
    });
    await writeAudit(trx, null, auditEvent('bootstrap', {
      projectId: project.id, resourceId: project.id, appId: app.id,
      details: { source: 'cli', application: app.name, ...(owner ? { owner: owner.id } : {}) },
    }));
    if (owner) {
      await writeAudit(trx, null, auditEvent('member_add', { projectId: project.id, resourceId: owner.id, userId: owner.id, details: { role: ROLE.owner, source: 'cli' } }));
    }
    return {
      project: { id: project.id, name: project.name, environment, ...(owner ? { owner: owner.email } : {}) },
      application: { id: app.id, name: app.name }, api_key: app.api_key, pub_key: app.pub_key,
    };
  });
  // The only time the API key is ever shown.
  process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  if (!owner) process.stderr.write('vault: no --owner: the project has no member, so no dashboard account lists it (bootstrap --owner EMAIL)\n');
  return 0;
}
