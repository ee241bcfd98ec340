// GET /api/projects/:id/traffic: tokenize, detokenize and proxy calls per hour, counted by
// PostgreSQL from the audit log (`hourlyTraffic`), for the dashboard's traffic chart.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { requireUser } from '../auth/guard.js';
import { guardEveryRoute } from '../http/openapi.js';
import { ErrorBody, IdParams, Ok } from '../http/schemas.js';

const Count = Type.Integer({ minimum: 0 });
const Traffic = Type.Object({
  from: Type.String({ description: 'Start of the oldest hour (inclusive)' }),
  to: Type.String({ description: 'End of the current hour (exclusive)' }),
  buckets: Type.Array(Type.Object({ start: Type.String(), tokenize: Count, detokenize: Count, proxy: Count }), { description: 'One per hour, oldest first' }),
});

export async function trafficRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { vault } = app;
  guardEveryRoute(app, requireUser());

  app.get('/api/projects/:id/traffic', {
    schema: {
      tags: ['audit'], summary: "A project's tokenize, detokenize and proxy calls per hour, from its audit log",
      params: IdParams,
      querystring: Type.Object({ hours: Type.Optional(Type.Integer({ minimum: 1, maximum: 168, default: 24, description: 'How many hours, the current one included' })) }),
      response: { 200: Ok(Traffic), '4xx': ErrorBody },
    },
  }, async (req) => {
    return { success: true as const, data: await vault.auditReader.projectTraffic(req.user!.id, req.params.id, req.query.hours ?? 24, vault.now()) };
  });
}
