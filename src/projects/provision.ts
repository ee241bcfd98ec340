// POST /internal/provision (§3.5): a key with the provisioning permission creates an isolated
// sub-project — its own tenant and data key — with its applications, in one transaction.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Permissions } from '../applications/permissions.js';
import { createApplication } from '../applications/service.js';
import { apiKeyGuard } from '../plugins/api-key.js';
import { VaultError } from '../plugins/errors.js';
import { ErrorBody } from '../plugins/schemas.js';
import { ProvisionBody, ProvisionResult, projectView } from './schemas.js';
import { createProject } from './service.js';

/** Without an explicit list, the sub-project gets one application that can tokenize and detokenize. */
const DEFAULT_APPS: { name: string; permissions: Permissions }[] = [
  { name: 'default', permissions: { tokenization: { allowed: true }, detokenization: { allowed: true }, provisioning: { allowed: false } } },
];

export async function provisionRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.post('/internal/provision', {
    onRequest: apiKeyGuard('provisioning'),
    schema: {
      tags: ['projects'],
      summary: 'Create an isolated sub-project and its applications',
      body: ProvisionBody,
      response: { 201: ProvisionResult, '4xx': ErrorBody },
    },
  }, async (req, reply) => {
    const parent = req.principal!;
    const apps = req.body.applications ?? DEFAULT_APPS;
    const names = apps.map((a) => a.name.toLowerCase());
    if (new Set(names).size !== names.length) throw new VaultError('conflict', 'Application names must be unique within a project.');
    const environment = req.body.environment ?? parent.project.environment;
    const { vault } = app;
    const out = await vault.database.db.transaction().execute(async (trx) => {
      const project = await createProject(trx, vault.keys, { name: req.body.name, environment, parentId: parent.project.id });
      const created = [];
      for (const a of apps) {
        created.push(await createApplication(trx, { projectId: project.id, environment, name: a.name, permissions: a.permissions, region: vault.config.region }));
      }
      const entry = {
        event_type: 'project',
        action: 'provision',
        resource_type: 'project',
        resource_id: project.id,
        app_id: parent.id,
        user_id: req.user?.id ?? null,
        ip_address: req.ip,
        request_id: req.id,
        details: JSON.stringify({ parent_id: parent.project.id, applications: created.map((c) => c.id) }),
      };
      // Recorded in both chains: the parent's (who provisioned) and the child's (how it began).
      await trx.insertInto('audit_log').values([{ ...entry, project_id: parent.project.id }, { ...entry, project_id: project.id }]).execute();
      return { project, created };
    });
    return reply.code(201).send({
      success: true,
      data: {
        project: projectView(out.project),
        applications: out.created.map((c) => ({ id: c.id, name: c.name, api_key: c.api_key, pub_key: c.pub_key, permissions: c.permissions as Permissions })),
      },
    });
  });
}
