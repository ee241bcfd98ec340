// /api/tokens (§4.2, §6.3): list, show, update, search and delete tokens with a dashboard JWT —
// masked values and metadata only, never data. Handlers call the TokenService (manage-service.ts).
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireUser } from '../auth/guard.js';
import { guardEveryRoute } from '../http/openapi.js';
import { contextOf } from '../http/context.js';
import { Page, pageParams } from '../http/pagination.js';
import { ErrorBody, Ok } from '../http/schemas.js';
import { ListQuery, ProjectQuery, TokenParams, TokenView, UpdateBody, UserSearchBody } from './manage-schemas.js';
import { pageView, searchLimit, tokenView } from './views.js';

export async function tokenManagementRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const service = app.vault.tokenService;
  guardEveryRoute(app, requireUser());

  // `/tokens` is Ozura's dashboard path for the same list (§4.2).
  for (const path of ['/api/tokens', '/tokens']) app.get(path, {
    schema: { tags: ['tokens'], summary: "A project's tokens, masked, newest first", querystring: ListQuery, response: { 200: Page(TokenView), '4xx': ErrorBody } },
  }, async (req) => {
    const { project_id, type } = req.query;
    const { limit, after } = pageParams(req.query, ['date', 'id']);
    return pageView(await service.list(contextOf(req), req.user!.id, project_id, type, limit, after));
  });

  app.get('/api/tokens/:token', {
    schema: { tags: ['tokens'], summary: 'One token, masked', params: TokenParams, querystring: ProjectQuery, response: { 200: Ok(TokenView), '4xx': ErrorBody } },
  }, async (req) => ({ success: true as const, data: tokenView(await service.find(contextOf(req), req.user!.id, req.params.token, req.query.project_id)) }));

  app.patch('/api/tokens/:token', {
    config: { idempotent: true },
    schema: {
      tags: ['tokens'], summary: "Update a token's expiry, metadata or TTL (developer or above); the number never changes",
      params: TokenParams, querystring: ProjectQuery, body: UpdateBody, response: { 200: Ok(TokenView), '4xx': ErrorBody },
    },
  }, async (req) => ({
    success: true as const,
    data: tokenView(await service.updateAsUser(contextOf(req), req.user!.id, req.params.token, req.query.project_id, req.body)),
  }));

  app.post('/api/tokens/search', {
    preHandler: searchLimit(service.searchLimits),
    schema: {
      tags: ['tokens'], summary: "Search a project's tokens, masked, newest first (developer or above; never by full number)",
      body: UserSearchBody, response: { 200: Page(TokenView), '4xx': ErrorBody },
    },
  }, async (req) => {
    const { project_id, ...q } = req.body;
    return pageView(await service.searchAsUser(contextOf(req), req.user!.id, project_id, q));
  });

  app.delete('/api/tokens/:token', {
    schema: { tags: ['tokens'], summary: 'Delete a token and its CVC sessions', params: TokenParams, querystring: ProjectQuery, response: { 200: Ok(Type.Object({})), '4xx': ErrorBody } },
  }, async (req) => {
    await service.delete(contextOf(req), req.user!.id, req.params.token, req.query.project_id);
    return { success: true as const, data: {} };
  });
}
