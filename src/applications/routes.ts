import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { writeAudit } from '../db/audit.js';
import { contextOf } from '../http/context.js';
import { notifyInvalidation } from '../db/notify.js';
import { requireUser } from '../auth/guard.js';
import { apiKeyGuard } from './guard.js';
import { VaultError } from '../http/errors.js';
import { ErrorBody, Ok } from '../http/schemas.js';
import { type Action, authorize } from '../projects/access.js';
import { Permissions } from './permissions.js';
import { createApplication } from './service.js';

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

const isUniqueViolation = (e: unknown) => (e as { code?: string }).code === '23505';

export async function applicationRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { vault } = app;
  const db = vault.database.db;
  app.addHook('onRequest', requireUser());

  const columns = ['id', 'project_id', 'name', 'key_prefix', 'pub_key', 'permissions', 'created_at', 'updated_at', 'last_used_at'] as const;

  /** The application, if the caller may act on it; 404 for anything outside their projects. */
  async function findApp(userId: string, id: string, action: Action) {
    const a = await db.selectFrom('applications').select(columns).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
    if (!a) throw new VaultError('application_not_found');
    try {
      await authorize(db, userId, a.project_id, action);
    } catch (e) {
      if (e instanceof VaultError && e.code === 'not_found') throw new VaultError('application_not_found');
      throw e;
    }
    return a;
  }

  app.post('/api/applications', {
    schema: {
      tags: ['applications'], summary: 'Create an application; the API key is shown once',
      body: Type.Object({ project_id: Type.String({ maxLength: 64 }), name: AppName, permissions: Permissions }, { additionalProperties: false }),
      response: { 201: Ok(Created), '4xx': ErrorBody },
    },
  }, async (req, reply) => {
    const user = req.user!;
    await authorize(db, user.id, req.body.project_id, 'applications.manage');
    const project = await db.selectFrom('projects').select('environment').where('id', '=', req.body.project_id).executeTakeFirstOrThrow();
    try {
      const created = await db.transaction().execute(async (trx) => {
        const c = await createApplication(trx, {
          projectId: req.body.project_id, environment: project.environment, name: req.body.name, permissions: req.body.permissions,
          region: vault.config.region, createdBy: user.id,
        });
        await writeAudit(trx, contextOf(req), { projectId: req.body.project_id, eventType: 'application', action: 'application_create', resourceType: 'application', resourceId: c.id, userId: user.id, details: { name: c.name, permissions: req.body.permissions } });
        return c;
      });
      return reply.code(201).send({
        success: true,
        data: {
          id: created.id, project_id: req.body.project_id, name: created.name, api_key: created.api_key, pub_key: created.pub_key,
          key_prefix: created.key_prefix, permissions: created.permissions as Permissions, created_at: created.created_at.toISOString(),
        },
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw new VaultError('application_name_taken');
      throw e;
    }
  });

  app.get('/api/applications', {
    schema: {
      tags: ['applications'], summary: "A project's applications (display prefix only, never the key)",
      querystring: Type.Object({ project_id: Type.String({ maxLength: 64 }) }),
      response: { 200: Ok(Type.Array(AppView)), '4xx': ErrorBody },
    },
  }, async (req) => {
    await authorize(db, req.user!.id, req.query.project_id, 'applications.read');
    const rows = await db.selectFrom('applications').select(columns).where('project_id', '=', req.query.project_id).where('deleted_at', 'is', null).orderBy('created_at').execute();
    return { success: true as const, data: rows.map(appView) };
  });

  app.get('/api/applications/:id', {
    schema: { tags: ['applications'], summary: 'One application', params: AppParams, response: { 200: Ok(AppView), '4xx': ErrorBody } },
  }, async (req) => ({ success: true as const, data: appView(await findApp(req.user!.id, req.params.id, 'applications.read')) }));

  app.put('/api/applications/:id', {
    schema: {
      tags: ['applications'], summary: 'Rename an application or change its permissions', params: AppParams,
      body: Type.Object({ name: Type.Optional(AppName), permissions: Type.Optional(Permissions) }, { additionalProperties: false, minProperties: 1 }),
      response: { 200: Ok(AppView), '4xx': ErrorBody },
    },
  }, async (req) => {
    const user = req.user!;
    const a = await findApp(user.id, req.params.id, 'applications.manage');
    try {
      const updated = await db.transaction().execute(async (trx) => {
        const u = await trx
          .updateTable('applications')
          .set({
            ...(req.body.name !== undefined && { name: req.body.name }),
            ...(req.body.permissions !== undefined && { permissions: JSON.stringify(req.body.permissions) }),
            updated_at: new Date(),
          })
          .where('id', '=', a.id)
          .returning(columns)
          .executeTakeFirstOrThrow();
        await writeAudit(trx, contextOf(req), { projectId: a.project_id, eventType: 'application', action: 'application_update', resourceType: 'application', resourceId: a.id, userId: user.id, details: { name: req.body.name, permissions: req.body.permissions } });
        // Every node drops its cached principal at commit: new permissions apply at once.
        await notifyInvalidation(trx, 'app', a.id);
        return u;
      });
      return { success: true as const, data: appView(updated) };
    } catch (e) {
      if (isUniqueViolation(e)) throw new VaultError('application_name_taken');
      throw e;
    }
  });

  app.delete('/api/applications/:id', {
    schema: { tags: ['applications'], summary: 'Delete an application; its key stops working on every node within 1 s', params: AppParams, response: { 200: Ok(Type.Object({})), '4xx': ErrorBody } },
  }, async (req) => {
    const user = req.user!;
    const a = await findApp(user.id, req.params.id, 'applications.manage');
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('applications').set({ deleted_at: new Date() }).where('id', '=', a.id).execute();
      await writeAudit(trx, contextOf(req), { projectId: a.project_id, eventType: 'application', action: 'application_delete', resourceType: 'application', resourceId: a.id, userId: user.id, details: { name: a.name } });
      await notifyInvalidation(trx, 'app', a.id);
    });
    return { success: true as const, data: {} };
  });
}
