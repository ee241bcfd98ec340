// /api/projects/:id/routes (API.md §6.6): inbound routes managed from the dashboard or the API.
// Schemas and handlers only; the rules and the SQL are the service's.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireUser } from '../auth/guard.js';
import { contextOf } from '../http/context.js';
import { guardEveryRoute } from '../http/openapi.js';
import { ErrorBody, Ok } from '../http/schemas.js';
import { ProjectParams, RouteBody, RouteParams, RouteView } from './schemas.js';

export async function routeManagementRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { inbound } = app.vault;
  guardEveryRoute(app, requireUser());

  app.get('/api/projects/:id/routes', {
    schema: { tags: ['inbound'], summary: "A project's inbound routes", params: ProjectParams, response: { 200: Ok(Type.Array(RouteView)), '4xx': ErrorBody } },
  }, async (req) => ({ success: true as const, data: await inbound.list(req.user!.id, req.params.id) }));

  app.post('/api/projects/:id/routes', {
    schema: {
      tags: ['inbound'], summary: 'Create an inbound route (admin or owner): partners send card data to its url',
      params: ProjectParams, body: RouteBody, response: { 201: Ok(RouteView), '4xx': ErrorBody },
    },
  }, async (req, reply) => reply.code(201).send({ success: true as const, data: await inbound.create(contextOf(req), req.user!.id, req.params.id, req.body) }));

  app.get('/api/projects/:id/routes/:route_id', {
    schema: { tags: ['inbound'], summary: 'One inbound route', params: RouteParams, response: { 200: Ok(RouteView), '4xx': ErrorBody } },
  }, async (req) => ({ success: true as const, data: await inbound.get(req.user!.id, req.params.id, req.params.route_id) }));

  app.put('/api/projects/:id/routes/:route_id', {
    schema: {
      tags: ['inbound'], summary: 'Replace an inbound route (admin or owner); its id and url stay',
      params: RouteParams, body: RouteBody, response: { 200: Ok(RouteView), '4xx': ErrorBody },
    },
  }, async (req) => ({ success: true as const, data: await inbound.update(contextOf(req), req.user!.id, req.params.id, req.params.route_id, req.body) }));

  app.delete('/api/projects/:id/routes/:route_id', {
    schema: { tags: ['inbound'], summary: 'Delete an inbound route (admin or owner): its url answers 404 from now on', params: RouteParams, response: { 200: Ok(Type.Object({})), '4xx': ErrorBody } },
  }, async (req) => {
    await inbound.remove(contextOf(req), req.user!.id, req.params.id, req.params.route_id);
    return { success: true as const, data: {} };
  });
}
