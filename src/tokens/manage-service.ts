// The dashboard's view of tokens (/api/tokens, §4.2): list, show and delete — masked values and
// metadata only, never data. The hot tokenize/detokenize statements are store.ts's.
import { type Kysely, sql } from 'kysely';
import { writeAudit } from '../db/audit.js';
import { auditEvent } from '../db/audit-events.js';
import type { DB } from '../db/schema.js';
import { VaultError } from '../http/errors.js';
import { pageOf } from '../http/pagination.js';
import type { RequestContext } from '../lib/context.js';
import { type Action, authorize, visibleProjects } from '../members/access.js';
import type { TokenType } from './types/index.js';


export type TokenRow = {
  token: string; project_id: string; type: string; format: string; display: unknown; test: boolean;
  metadata: unknown; app_id: string | null; created_at: Date; expires_at: Date | null;
};
const COLUMNS = ['token', 'project_id', 'type', 'format', 'display', 'test', 'metadata', 'app_id', 'created_at', 'expires_at'] as const;

/** A project's live tokens, newest first, optionally of one type; `after` from the cursor. */
export async function listTokens(
  db: Kysely<DB>, ctx: RequestContext, userId: string, projectId: string, type: TokenType | undefined, limit: number, after: (string | number)[] | null,
) {
  await authorize(db, userId, projectId, 'tokens.read');
  let q = db
    .selectFrom('tokens')
    .select(COLUMNS)
    .where('project_id', '=', projectId)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', ctx.at)]));
  if (type) q = q.where('type', '=', type);
  if (after) q = q.where(sql<boolean>`(created_at, token) < (${after[0]}::timestamptz, ${after[1]})`);
  const rows = await q.orderBy('created_at', 'desc').orderBy('token', 'desc').limit(limit + 1).execute();
  return pageOf(rows, limit, (r) => [r.created_at.toISOString(), r.token]);
}

/**
 * A token the caller may see. Card-preserving tokens are unique per project only, so
 * `projectId` picks one; without it the newest match among the caller's projects is used.
 */
export async function findToken(db: Kysely<DB>, ctx: RequestContext, userId: string, token: string, projectId: string | undefined, action: Action = 'tokens.read'): Promise<TokenRow> {
  let q = db
    .selectFrom('tokens as t')
    .innerJoin(visibleProjects(userId).as('m'), 'm.project_id', 't.project_id')
    .innerJoin('projects as p', 'p.id', 't.project_id')
    .select(COLUMNS.map((c) => `t.${c}` as const))
    .where('t.token', '=', token)
    .where('p.deleted_at', 'is', null)
    .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', ctx.at)]));
  if (projectId) q = q.where('t.project_id', '=', projectId);
  const row = await q.orderBy('t.created_at', 'desc').executeTakeFirst();
  if (!row) throw new VaultError('token_not_found');
  await authorize(db, userId, row.project_id, action);
  return row;
}

/** Deletes a token and its CVC sessions (developers and above). */
export async function deleteToken(db: Kysely<DB>, ctx: RequestContext, userId: string, token: string, projectId: string | undefined) {
  const row = await findToken(db, ctx, userId, token, projectId, 'tokens.delete');
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('tokens').where('project_id', '=', row.project_id).where('token', '=', row.token).execute();
    await trx.deleteFrom('cvc_sessions').where('project_id', '=', row.project_id).where('token', '=', row.token).execute();
    await writeAudit(trx, ctx, auditEvent('token_delete', { projectId: row.project_id, resourceId: row.token, userId, details: { type: row.type } }));
  });
}
