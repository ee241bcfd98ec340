import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireUser } from '../auth/guard.js';
import { guardEveryRoute } from '../http/openapi.js';
import { contextOf } from '../http/context.js';
import { ErrorBody, Ok } from '../http/schemas.js';
import { apiKeyGuard } from './guard.js';
import { Permissions } from './permissions.js';

// Ozura's shape first (message + flat ids); our richer objects follow as extensions (§3.6).
const KeyInfo = Type.Object({
  success: Type.Literal(true),
  message: Type.Literal('API key is valid'),
  data: Type.Object({
    project_id: Type.String(),
    application_id: Type.String(),
    name: Type.String(),
    permissions: Permissions,
    valid: Type.Literal(true),
    application: Type.Object({ id: Type.String(), name: Type.String(), permissions: Permissions }),
    project: Type.Object({ id: Type.String(), name: Type.String(), environment: Type.String() }),
  }),
});

export async function applicationKeyRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get('/api/applications/key', {
    onRequest: apiKeyGuard(null),
    schema: { tags: ['applications'], summary: 'Check an API key and see what it may do', response: { 200: KeyInfo, '4xx': ErrorBody } },
  }, async (req) => {
    const p = req.principal!;
    return {
      success: true as const,
      message: 'API key is valid' as const,
      data: {
        project_id: p.project.id,
        application_id: p.id,
        name: p.name,
        permissions: p.permissions,
        valid: true as const,
        application: { id: p.id, name: p.name, permissions: p.permissions },
        project: { id: p.project.id, name: p.project.name, environment: p.project.environment },
      },
    };
  });
}

// ---- management (JWT): /api/applications, as Ozura ----

const AppView = Type.Object({
  id: Type.String(),
  project_id: Type.String(),
  name: Type.String(),
  key_prefix: Type.String(),
  pub_key: Type.String(),
  permissions: Permissions,
  created_at: Type.String(),
  updated_at: Type.String(),
  last_used_at: Type.Union([Type.String(), Type.Null()]),
});
const Created = Type.Object({
  id: Type.String(), name: Type.String(), api_key: Type.String(), pub_key: Type.String(), permissions: Permissions, created_at: Type.String(),
  project_id: Type.String(), key_prefix: Type.String(),
});
const AppName = Type.String({ minLength: 3, maxLength: 50 });
const AppParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

type AppRow = { id: string; project_id: string; name: string; key_prefix: string; pub_key: string; permissions: unknown; created_at: Date; updated_at: Date; last_used_at: Date | null };
const appView = (a: AppRow) => ({
  id: a.id, project_id: a.project_id, name: a.name, key_prefix: a.key_prefix, pub_key: a.pub_key, permissions: a.permissions as Permissions,
  created_at: a.created_at.toISOString(), updated_at: a.updated_at.toISOString(), last_used_at: a.last_used_at?.toISOString() ?? null,
});

export async function applicationRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { vault } = app;
  const { applications } = vault;
  guardEveryRoute(app, requireUser());

  app.post('/api/applications', {
    config: { idempotent: true },
    schema: {
      tags: ['applications'], summary: 'Create an application; the API key is shown once',
      body: Type.Object({ project_id: Type.String({ maxLength: 64 }), name: AppName, permissions: Permissions }, { additionalProperties: false }),
      response: { 201: Ok(Created), '4xx': ErrorBody },
    },
  }, async (req, reply) => {
    const { project_id: projectId, name, permissions } = req.body;
    const created = await applications.addApplication(vault.config.region, contextOf(req), req.user!.id, { projectId, name, permissions });
    return reply.code(201).send({
      success: true,
      data: {
        id: created.id, project_id: projectId, name: created.name, api_key: created.api_key, pub_key: created.pub_key,
        key_prefix: created.key_prefix, permissions: created.permissions as Permissions, created_at: created.created_at.toISOString(),
      },
    });
  });

  app.get('/api/applications', {
    schema: {
      tags: ['applications'], summary: "A project's applications (display prefix only, never the key)",
      querystring: Type.Object({ project_id: Type.String({ maxLength: 64 }) }),
      response: { 200: Ok(Type.Array(AppView)), '4xx': ErrorBody },
    },
  }, async (req) => ({ success: true as const, data: (await applications.listApplications(req.user!.id, req.query.project_id)).map(appView) }));

  app.get('/api/applications/:id', {
    schema: { tags: ['applications'], summary: 'One application', params: AppParams, response: { 200: Ok(AppView), '4xx': ErrorBody } },
  }, async (req) => ({ success: true as const, data: appView(await applications.getApplication(req.user!.id, req.params.id)) }));

  app.put('/api/applications/:id', {
    schema: {
      tags: ['applications'], summary: 'Rename an application or change its permissions', params: AppParams,
      body: Type.Object({ name: Type.Optional(AppName), permissions: Type.Optional(Permissions) }, { additionalProperties: false, minProperties: 1 }),
      response: { 200: Ok(AppView), '4xx': ErrorBody },
    },
  }, async (req) => ({ success: true as const, data: appView(await applications.updateApplication(contextOf(req), req.user!.id, req.params.id, req.body)) }));

  app.delete('/api/applications/:id', {
    schema: { tags: ['applications'], summary: 'Delete an application; its key stops working on every node within 1 s', params: AppParams, response: { 200: Ok(Type.Object({})), '4xx': ErrorBody } },
  }, async (req) => {
    await applications.deleteApplication(contextOf(req), req.user!.id, req.params.id);
    return { success: true as const, data: {} };
  });
}
