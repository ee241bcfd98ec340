import type { FastifyRequest } from 'fastify';
import { type Kysely, sql, type Transaction } from 'kysely';
import { writeAudit } from '../db/audit.js';
import { contextOf } from '../http/context.js';
import { notifyInvalidation } from '../db/notify.js';
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

/**
 * Deletes a project and every live project provisioned under it, in the caller's transaction:
 * each loses its data key (crypto-shredding: no copy of its ciphertexts, backups included, can be
 * decrypted again), its tokens, CVC sessions and applications, with an audit entry in its own
 * chain. Returns the deleted ids.
 */
export async function deleteProjectTree(trx: Transaction<DB>, req: FastifyRequest, rootId: string, userId: string): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    WITH RECURSIVE tree(id) AS (
      SELECT id FROM projects WHERE id = ${rootId} AND deleted_at IS NULL
      UNION
      SELECT c.id FROM projects c JOIN tree t ON c.parent_id = t.id WHERE c.deleted_at IS NULL
    )
    SELECT id FROM tree`.execute(trx);
  const ids = rows.map((r) => r.id);
  const at = req.server.vault.now();
  for (const id of ids) {
    await trx.updateTable('projects').set({ deleted_at: at, updated_at: at }).where('id', '=', id).execute();
    const shredded = await trx.deleteFrom('project_keys').where('project_id', '=', id).executeTakeFirst();
    const tokens = await trx.deleteFrom('tokens').where('project_id', '=', id).executeTakeFirst();
    await trx.deleteFrom('cvc_sessions').where('project_id', '=', id).execute();
    await trx.updateTable('applications').set({ deleted_at: at }).where('project_id', '=', id).where('deleted_at', 'is', null).execute();
    await writeAudit(trx, contextOf(req), {
      projectId: id, eventType: 'project', action: 'project_delete', resourceType: 'project', resourceId: id, userId,
      details: { data_key_destroyed: Number(shredded.numDeletedRows) === 1, tokens_deleted: Number(tokens.numDeletedRows), ...(id === rootId ? {} : { with_parent: rootId }) },
    });
    // API-key principals of these projects are dropped on every node.
    await notifyInvalidation(trx, 'project', id);
  }
  return ids;
}
