import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { apiKeyGuard } from '../plugins/api-key.js';
import { ErrorBody, Ok } from '../plugins/schemas.js';
import { Permissions } from './permissions.js';

const KeyInfo = Ok(
  Type.Object({
    valid: Type.Literal(true),
    application: Type.Object({ id: Type.String(), name: Type.String(), permissions: Permissions }),
    project: Type.Object({ id: Type.String(), name: Type.String(), environment: Type.String() }),
  }),
);

export async function applicationKeyRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get('/api/applications/key', {
    onRequest: apiKeyGuard(null),
    schema: { tags: ['applications'], summary: 'Check an API key and see what it may do', response: { 200: KeyInfo, '4xx': ErrorBody } },
  }, async (req) => {
    const p = req.principal!;
    return {
      success: true as const,
      data: {
        valid: true as const,
        application: { id: p.id, name: p.name, permissions: p.permissions },
        project: { id: p.project.id, name: p.project.name, environment: p.project.environment },
      },
    };
  });
}
