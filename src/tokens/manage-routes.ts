// /api/tokens (§4.2): list, show and delete tokens — masked values and metadata only, never data.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import { Type } from 'typebox';
import { writeAudit } from '../db/audit.js';
import { contextOf } from '../http/context.js';
import { requireUser } from '../auth/guard.js';
import { Page, PageQuery, pageOf, pageParams } from '../http/pagination.js';
import { VaultError } from '../http/errors.js';
import { ErrorBody, Ok } from '../http/schemas.js';
import { type Action, authorize, visibleProjects } from '../projects/access.js';
import { publicView } from './prepare.js';

const TokenView = Type.Object({
  token: Type.String(),
  project_id: Type.String(),
  type: Type.String(),
  format: Type.String(),
  data: Type.Union([Type.Record(Type.String(), Type.String()), Type.Null()]),
  mask: Type.Record(Type.String(), Type.String()),
  bin: Type.Optional(Type.String()),
  brand: Type.Optional(Type.String()),
  last4: Type.Optional(Type.String()),
  test: Type.Boolean(),
  metadata: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  app_id: Type.Union([Type.String(), Type.Null()]),
  created_at: Type.String(),
  expires_at: Type.Union([Type.String(), Type.Null()]),
});

type Row = {
  token: string; project_id: string; type: string; format: string; display: unknown; test: boolean;
  metadata: unknown; app_id: string | null; created_at: Date; expires_at: Date | null;
};
const COLUMNS = ['token', 'project_id', 'type', 'format', 'display', 'test', 'metadata', 'app_id', 'created_at', 'expires_at'] as const;

function view(r: Row) {
  return {
    token: r.token, project_id: r.project_id, type: r.type, format: r.format,
    ...publicView(r.type, r.display as Record<string, string>),
    test: r.test, metadata: r.metadata as Record<string, unknown> | null, app_id: r.app_id,
    created_at: r.created_at.toISOString(), expires_at: r.expires_at?.toISOString() ?? null,
  };
}

const TokenParams = Type.Object({ token: Type.String({ maxLength: 128 }) });
const ProjectQuery = Type.Object({ project_id: Type.Optional(Type.String({ maxLength: 64 })) });

export async function tokenManagementRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { vault } = app;
  const db = vault.database.db;
  app.addHook('onRequest', requireUser());

  /**
   * A token the caller may see. Card-preserving tokens are unique per project only, so
   * `?project_id=` picks one; without it the newest match among the caller's projects is used.
   */
  async function find(userId: string, token: string, projectId: string | undefined, action: Action): Promise<Row> {
    let q = db
      .selectFrom('tokens as t')
      .innerJoin(visibleProjects(userId).as('m'), 'm.project_id', 't.project_id')
      .innerJoin('projects as p', 'p.id', 't.project_id')
      .select(COLUMNS.map((c) => `t.${c}` as const))
      .where('t.token', '=', token)
      .where('p.deleted_at', 'is', null)
      .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', vault.now())]));
    if (projectId) q = q.where('t.project_id', '=', projectId);
    const row = await q.orderBy('t.created_at', 'desc').executeTakeFirst();
    if (!row) throw new VaultError('token_not_found');
    await authorize(db, userId, row.project_id, action);
    return row;
  }

  // `/tokens` is Ozura's dashboard path for the same list (§4.2).
  for (const path of ['/api/tokens', '/tokens']) app.get(path, {
    schema: {
      tags: ['tokens'], summary: "A project's tokens, masked, newest first",
      querystring: Type.Object({
        project_id: Type.String({ maxLength: 64 }),
        type: Type.Optional(Type.Union([Type.Literal('card'), Type.Literal('bank'), Type.Literal('string')])),
        ...PageQuery,
      }),
      response: { 200: Page(TokenView), '4xx': ErrorBody },
    },
  }, async (req) => {
    const { project_id, type } = req.query;
    const { limit, after } = pageParams(req.query, ['date', 'id']);
    await authorize(db, req.user!.id, project_id, 'tokens.read');
    let q = db
      .selectFrom('tokens')
      .select(COLUMNS)
      .where('project_id', '=', project_id)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', vault.now())]));
    if (type) q = q.where('type', '=', type);
    if (after) q = q.where(sql<boolean>`(created_at, token) < (${after[0]}::timestamptz, ${after[1]})`);
    const rows = await q.orderBy('created_at', 'desc').orderBy('token', 'desc').limit(limit + 1).execute();
    const page = pageOf(rows, limit, (r) => [r.created_at.toISOString(), r.token]);
    return { success: true as const, data: page.data.map(view), next_cursor: page.next_cursor };
  });

  app.get('/api/tokens/:token', {
    schema: { tags: ['tokens'], summary: 'One token, masked', params: TokenParams, querystring: ProjectQuery, response: { 200: Ok(TokenView), '4xx': ErrorBody } },
  }, async (req) => ({ success: true as const, data: view(await find(req.user!.id, req.params.token, req.query.project_id, 'tokens.read')) }));

  app.delete('/api/tokens/:token', {
    schema: { tags: ['tokens'], summary: 'Delete a token and its CVC sessions', params: TokenParams, querystring: ProjectQuery, response: { 200: Ok(Type.Object({})), '4xx': ErrorBody } },
  }, async (req) => {
    const user = req.user!;
    const row = await find(user.id, req.params.token, req.query.project_id, 'tokens.delete');
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('tokens').where('project_id', '=', row.project_id).where('token', '=', row.token).execute();
      await trx.deleteFrom('cvc_sessions').where('project_id', '=', row.project_id).where('token', '=', row.token).execute();
      await writeAudit(trx, contextOf(req), { projectId: row.project_id, eventType: 'token', action: 'token_delete', resourceType: 'token', resourceId: row.token, userId: user.id, details: { type: row.type } });
    });
    return { success: true as const, data: {} };
  });
}
