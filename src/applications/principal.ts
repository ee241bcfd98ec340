// Who an API key is: the principal the guards put on a request, and the look-ups that build it
// (from a key's row, a pub key, or a project for JWT-only calls). Read-only; the hot cache of
// these is cache.ts, the CRUD is service.ts.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Environment } from '../lib/environments.js';
import type { Permissions } from './permissions.js';

export interface AppPrincipal {
  id: string;
  name: string;
  permissions: Permissions;
  pubKey: string;
  project: {
    id: string;
    name: string;
    environment: Environment;
    parentId: string | null;
    deduplicate: boolean;
    /** The format of items that name none (a name of TOKEN_FORMATS). */
    tokenFormat: string;
    proxyAllowedHosts: string[] | null;
  };
}

/** The live project of the application with this pub key, if any. */
export async function projectOfPubKey(db: Kysely<DB>, pubKey: string): Promise<string | null> {
  const row = await db.selectFrom('applications').select('project_id').where('pub_key', '=', pubKey).where('deleted_at', 'is', null).executeTakeFirst();
  return row?.project_id ?? null;
}

// The project's columns a principal carries, as both look-ups name them: one list, one builder,
// so a new project setting is added once.
const PROJECT_COLUMNS = [
  'p.id as project_id', 'p.name as project_name', 'p.environment', 'p.parent_id', 'p.deduplicate', 'p.token_format', 'p.proxy_allowed_hosts',
] as const;

type ProjectRow = {
  project_id: string; project_name: string; environment: Environment; parent_id: string | null; deduplicate: boolean; token_format: string;
  proxy_allowed_hosts: string[] | null;
};

const projectFromRow = (row: ProjectRow): AppPrincipal['project'] => ({
  id: row.project_id, name: row.project_name, environment: row.environment, parentId: row.parent_id, deduplicate: row.deduplicate,
  tokenFormat: row.token_format, proxyAllowedHosts: row.proxy_allowed_hosts,
});

/** A project as an API-key principal carries it, for calls authenticated by a JWT alone. */
export async function principalProject(db: Kysely<DB>, projectId: string): Promise<AppPrincipal['project']> {
  return projectFromRow(await db.selectFrom('projects as p').select(PROJECT_COLUMNS).where('p.id', '=', projectId).executeTakeFirstOrThrow());
}

/** The columns `principalFromRow` reads: an application joined with its project. */
export const PRINCIPAL_COLUMNS = ['a.id', 'a.name', 'a.permissions', 'a.pub_key', ...PROJECT_COLUMNS] as const;

export function principalFromRow(row: { id: string; name: string; permissions: unknown; pub_key: string } & ProjectRow): AppPrincipal {
  return { id: row.id, name: row.name, permissions: row.permissions as Permissions, pubKey: row.pub_key, project: projectFromRow(row) };
}
