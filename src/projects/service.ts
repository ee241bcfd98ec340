import type { Kysely, Transaction } from 'kysely';
import type { DataKeys } from '../crypto/datakeys.js';
import type { DB } from '../db/schema.js';
import { newId } from '../lib/random.js';

export type Environment = 'production' | 'staging' | 'development';

export interface NewProject {
  name: string;
  environment: Environment;
  parentId?: string | null;
  requireMfa?: boolean;
  deduplicate?: boolean;
  proxyAllowedHosts?: string[] | null;
}

/** Creates a project and its wrapped data key; call inside the caller's transaction. */
export async function createProject(trx: Kysely<DB> | Transaction<DB>, keys: DataKeys, p: NewProject) {
  const id = newId('proj');
  const row = await trx
    .insertInto('projects')
    .values({
      id,
      name: p.name,
      environment: p.environment,
      parent_id: p.parentId ?? null,
      require_mfa: p.requireMfa ?? false,
      deduplicate: p.deduplicate ?? false,
      proxy_allowed_hosts: p.proxyAllowedHosts ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await trx.insertInto('project_keys').values(keys.newWrapped(id)).execute();
  return row;
}
