// /api/projects (§4.2), JWT-authenticated, and /internal/provision (§3.5) with a provisioning key.
import { ENV } from '../lib/environments.js';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { apiKeyGuard } from '../applications/guard.js';
import type { Permissions } from '../applications/permissions.js';
import { requireUser } from '../auth/guard.js';
import { guardEveryRoute } from '../http/openapi.js';
import { contextOf } from '../http/context.js';
import { Page, PageQuery, pageParams } from '../http/pagination.js';
import { ErrorBody, IdParams, Ok } from '../http/schemas.js';
import { RoleSchema } from '../members/schemas.js';
import { ElementsOrigins } from '../session-keys/origins.js';
import { EnvironmentSchema, ProjectName, ProjectView, projectView, ProvisionBody, ProvisionResult } from './schemas.js';
import { ROLE } from '../lib/roles.js';
import { tokenFormatSchema } from '../lib/token-formats.js';

const Hosts = Type.Union([Type.Array(Type.String({ minLength: 1, maxLength: 253, pattern: '^[A-Za-z0-9.*-]+$' }), { maxItems: 100 }), Type.Null()]);
const TokenFormatSetting = Type.Optional(tokenFormatSchema('The format of tokens whose request names none (docs/tokens.md, "Formats")'));
const ProjectWithRole = Type.Intersect([ProjectView, Type.Object({ role: RoleSchema })]);

const CreateBody = Type.Object(
  {
    name: ProjectName,
    environment: EnvironmentSchema,
    require_mfa: Type.Optional(Type.Boolean()),
    deduplicate: Type.Optional(Type.Boolean()),
    token_format: TokenFormatSetting,
    proxy_allowed_hosts: Type.Optional(Hosts),
    elements_origins: Type.Optional(ElementsOrigins),
  },
  { additionalProperties: false, examples: [{ name: 'Checkout', environment: ENV.development }] },
);
const UpdateBody = Type.Object(
  {
    name: Type.Optional(ProjectName),
    environment: Type.Optional(EnvironmentSchema),
    require_mfa: Type.Optional(Type.Boolean()),
    deduplicate: Type.Optional(Type.Boolean()),
    token_format: TokenFormatSetting,
    proxy_allowed_hosts: Type.Optional(Hosts),
    elements_origins: Type.Optional(ElementsOrigins),
  },
  { additionalProperties: false, minProperties: 1 },
);

export async function provisionRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { vault } = app;
  app.post('/internal/provision', {
    config: { idempotent: true },
    onRequest: apiKeyGuard('provisioning'),
    schema: {
      tags: ['projects'],
      summary: 'Create an isolated sub-project and its applications',
      body: ProvisionBody,
      response: { 201: ProvisionResult, '4xx': ErrorBody },
    },
  }, async (req, reply) => {
    const out = await vault.projects.provision(vault.keys, vault.config.region, contextOf(req), req.principal!, req.user?.id ?? null, req.body);
    return reply.code(201).send({
      success: true,
      data: {
        project: projectView(out.project),
        applications: out.created.map((c) => ({ id: c.id, name: c.name, api_key: c.api_key, pub_key: c.pub_key, permissions: c.permissions as Permissions })),
      },
    });
  });
}

export async function projectRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { vault } = app;
  const { projects } = vault;
  guardEveryRoute(app, requireUser());

  app.post('/api/projects', {
    config: { idempotent: true },
    schema: { tags: ['projects'], summary: 'Create a project (you become its owner)', body: CreateBody, response: { 201: Ok(ProjectWithRole), '4xx': ErrorBody } },
  }, async (req, reply) => {
    const b = req.body;
    const project = await projects.createOwnedProject(vault.keys, contextOf(req), req.user!.id, {
      name: b.name, environment: b.environment, requireMfa: b.require_mfa, deduplicate: b.deduplicate, tokenFormat: b.token_format, proxyAllowedHosts: b.proxy_allowed_hosts ?? null,
      elementsOrigins: b.elements_origins,
    });
    return reply.code(201).send({ success: true, data: { ...projectView(project), role: ROLE.owner } });
  });

  app.get('/api/projects', {
    schema: { tags: ['projects'], summary: 'Projects you are a member of', querystring: Type.Object(PageQuery), response: { 200: Page(ProjectWithRole), '4xx': ErrorBody } },
  }, async (req) => {
    const { limit, after } = pageParams(req.query, ['date', 'id']);
    const page = await projects.listProjects(req.user!.id, limit, after);
    return { success: true as const, data: page.data.map((r) => ({ ...projectView(r), role: r.role })), next_cursor: page.next_cursor };
  });

  app.get('/api/projects/:id', {
    schema: { tags: ['projects'], summary: 'One project', params: IdParams, response: { 200: Ok(ProjectWithRole), '4xx': ErrorBody } },
  }, async (req) => {
    const { project, role } = await projects.getProject(req.user!.id, req.params.id);
    return { success: true as const, data: { ...projectView(project), role } };
  });

  app.put('/api/projects/:id', {
    schema: { tags: ['projects'], summary: 'Change project settings', params: IdParams, body: UpdateBody, response: { 200: Ok(ProjectWithRole), '4xx': ErrorBody } },
  }, async (req) => {
    const { project, role } = await projects.updateProject(contextOf(req), req.user!.id, req.params.id, req.body);
    return { success: true as const, data: { ...projectView(project), role } };
  });

  app.delete('/api/projects/:id', {
    schema: { tags: ['projects'], summary: 'Delete a project and its provisioned children, crypto-shredding their data keys', params: IdParams, response: { 200: Ok(Type.Object({})), '4xx': ErrorBody } },
  }, async (req) => {
    await projects.deleteProject(vault.keys, contextOf(req), req.user!.id, req.params.id);
    return { success: true as const, data: {} };
  });
}
