// /api/tokens (§4.2): list, show and delete tokens — masked values and metadata only, never data.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireUser } from '../auth/guard.js';
import { guardEveryRoute } from '../http/openapi.js';
import { contextOf } from '../http/context.js';
import { Page, PageQuery, pageParams } from '../http/pagination.js';
import { ErrorBody, Ok } from '../http/schemas.js';
import { deleteToken, findToken, listTokens, type TokenRow } from './manage-service.js';
import { publicView } from './prepare.js';
import { CardDetails, TokenTypeSchema } from './types/index.js';

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
  card: Type.Optional(CardDetails),
  test: Type.Boolean(),
  metadata: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  app_id: Type.Union([Type.String(), Type.Null()]),
  created_at: Type.String(),
  expires_at: Type.Union([Type.String(), Type.Null()]),
});

function view(r: TokenRow) {
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
  const db = app.vault.database.db;
  guardEveryRoute(app, requireUser());

  // `/tokens` is Ozura's dashboard path for the same list (§4.2).
  for (const path of ['/api/tokens', '/tokens']) app.get(path, {
    schema: {
      tags: ['tokens'], summary: "A project's tokens, masked, newest first",
      querystring: Type.Object({
        project_id: Type.String({ maxLength: 64 }),
        type: Type.Optional(TokenTypeSchema()),
        ...PageQuery,
      }),
      response: { 200: Page(TokenView), '4xx': ErrorBody },
    },
  }, async (req) => {
    const { project_id, type } = req.query;
    const { limit, after } = pageParams(req.query, ['date', 'id']);
    const page = await listTokens(db, contextOf(req), req.user!.id, project_id, type, limit, after);
    return { success: true as const, data: page.data.map(view), next_cursor: page.next_cursor };
  });

  app.get('/api/tokens/:token', {
    schema: { tags: ['tokens'], summary: 'One token, masked', params: TokenParams, querystring: ProjectQuery, response: { 200: Ok(TokenView), '4xx': ErrorBody } },
  }, async (req) => ({ success: true as const, data: view(await findToken(db, contextOf(req), req.user!.id, req.params.token, req.query.project_id)) }));

  app.delete('/api/tokens/:token', {
    schema: { tags: ['tokens'], summary: 'Delete a token and its CVC sessions', params: TokenParams, querystring: ProjectQuery, response: { 200: Ok(Type.Object({})), '4xx': ErrorBody } },
  }, async (req) => {
    await deleteToken(db, contextOf(req), req.user!.id, req.params.token, req.query.project_id);
    return { success: true as const, data: {} };
  });
}
