// /api/projects and /api/projects/:id/members (§4.2), JWT-authenticated.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import { Type } from 'typebox';
import { writeAudit } from '../db/audit.js';
import { contextOf } from '../http/context.js';
import { notifyInvalidation } from '../db/notify.js';
import { Page, PageQuery, pageOf, pageParams } from '../http/pagination.js';
import { requireUser } from '../auth/guard.js';
import { VaultError } from '../http/errors.js';
import { ErrorBody, Ok } from '../http/schemas.js';
import { authorize, type Role, visibleProjects } from './access.js';
import { invite, InviteBody, Invited, mayManage, RoleSchema } from './invitations.js';
import { EnvironmentSchema, ProjectName, ProjectView, projectView } from './schemas.js';
import { createProject, deleteProjectTree } from './service.js';
import { checkElementsOrigins, ElementsOrigins } from '../sessions/origins.js';

const Hosts = Type.Union([Type.Array(Type.String({ minLength: 1, maxLength: 253, pattern: '^[A-Za-z0-9.*-]+$' }), { maxItems: 100 }), Type.Null()]);
const ProjectWithRole = Type.Intersect([ProjectView, Type.Object({ role: RoleSchema })]);
const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
const MemberParams = Type.Object({ id: Type.String({ maxLength: 64 }), user_id: Type.String({ maxLength: 64 }) });
const Member = Type.Object({ user_id: Type.String(), email: Type.String(), name: Type.String(), role: RoleSchema, created_at: Type.String() });

const CreateBody = Type.Object(
  {
    name: ProjectName,
    environment: EnvironmentSchema,
    require_mfa: Type.Optional(Type.Boolean()),
    deduplicate: Type.Optional(Type.Boolean()),
    proxy_allowed_hosts: Type.Optional(Hosts),
  },
  { additionalProperties: false },
);
const UpdateBody = Type.Object(
  {
    name: Type.Optional(ProjectName),
    environment: Type.Optional(EnvironmentSchema),
    require_mfa: Type.Optional(Type.Boolean()),
    deduplicate: Type.Optional(Type.Boolean()),
    proxy_allowed_hosts: Type.Optional(Hosts),
    elements_origins: Type.Optional(ElementsOrigins),
  },
  { additionalProperties: false, minProperties: 1 },
);

export async function projectRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { vault } = app;
  const db = vault.database.db;
  app.addHook('onRequest', requireUser());

  const loadProject = async (id: string) => {
    const p = await db.selectFrom('projects').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
    if (!p) throw new VaultError('project_not_found');
    return p;
  };

  app.post('/api/projects', {
    schema: { tags: ['projects'], summary: 'Create a project (you become its owner)', body: CreateBody, response: { 201: Ok(ProjectWithRole), '4xx': ErrorBody } },
  }, async (req, reply) => {
    const user = req.user!;
    const b = req.body;
    const project = await db.transaction().execute(async (trx) => {
      const p = await createProject(trx, vault.keys, {
        name: b.name, environment: b.environment, requireMfa: b.require_mfa, deduplicate: b.deduplicate, proxyAllowedHosts: b.proxy_allowed_hosts ?? null,
      });
      await trx.insertInto('project_members').values({ project_id: p.id, user_id: user.id, role: 'owner' }).execute();
      await writeAudit(trx, contextOf(req), { projectId: p.id, eventType: 'project', action: 'project_create', resourceType: 'project', resourceId: p.id, userId: user.id, details: { name: p.name, environment: p.environment } });
      return p;
    });
    return reply.code(201).send({ success: true, data: { ...projectView(project), role: 'owner' as const } });
  });

  app.get('/api/projects', {
    schema: { tags: ['projects'], summary: 'Projects you are a member of', querystring: Type.Object(PageQuery), response: { 200: Page(ProjectWithRole), '4xx': ErrorBody } },
  }, async (req) => {
    const { limit, after } = pageParams(req.query, ['date', 'id']);
    let q = db
      .selectFrom('projects as p')
      .innerJoin(visibleProjects(req.user!.id).as('m'), 'm.project_id', 'p.id')
      .selectAll('p')
      .select('m.role')
      .where('p.deleted_at', 'is', null);
    if (after) q = q.where(sql<boolean>`(p.created_at, p.id) < (${after[0]}::timestamptz, ${after[1]})`);
    const rows = await q.orderBy('p.created_at', 'desc').orderBy('p.id', 'desc').limit(limit + 1).execute();
    const page = pageOf(rows, limit, (r) => [r.created_at.toISOString(), r.id]);
    return { success: true as const, data: page.data.map((r) => ({ ...projectView(r), role: r.role })), next_cursor: page.next_cursor };
  });

  app.get('/api/projects/:id', {
    schema: { tags: ['projects'], summary: 'One project', params: IdParams, response: { 200: Ok(ProjectWithRole), '4xx': ErrorBody } },
  }, async (req) => {
    const role = await authorize(db, req.user!.id, req.params.id, 'project.read');
    return { success: true as const, data: { ...projectView(await loadProject(req.params.id)), role } };
  });

  app.put('/api/projects/:id', {
    schema: { tags: ['projects'], summary: 'Change project settings', params: IdParams, body: UpdateBody, response: { 200: Ok(ProjectWithRole), '4xx': ErrorBody } },
  }, async (req) => {
    const user = req.user!;
    const role = await authorize(db, user.id, req.params.id, 'project.update');
    const b = req.body;
    const updated = await db.transaction().execute(async (trx) => {
      const p = await trx
        .updateTable('projects')
        .set({
          ...(b.name !== undefined && { name: b.name }),
          ...(b.environment !== undefined && { environment: b.environment }),
          ...(b.require_mfa !== undefined && { require_mfa: b.require_mfa }),
          ...(b.deduplicate !== undefined && { deduplicate: b.deduplicate }),
          ...(b.proxy_allowed_hosts !== undefined && { proxy_allowed_hosts: b.proxy_allowed_hosts }),
          ...(b.elements_origins !== undefined && { elements_origins: b.elements_origins }),
          updated_at: new Date(),
        })
        .where('id', '=', req.params.id)
        .where('deleted_at', 'is', null)
        .returningAll()
        .executeTakeFirst();
      if (!p) throw new VaultError('project_not_found');
      checkElementsOrigins(p.elements_origins, p.environment);
      await writeAudit(trx, contextOf(req), { projectId: p.id, eventType: 'project', action: 'project_update', resourceType: 'project', resourceId: p.id, userId: user.id, details: { fields: Object.keys(b) } });
      // API-key principals cache project settings (deduplicate, allowed hosts): refresh everywhere.
      await notifyInvalidation(trx, 'project', p.id);
      return p;
    });
    return { success: true as const, data: { ...projectView(updated), role } };
  });

  app.delete('/api/projects/:id', {
    schema: { tags: ['projects'], summary: 'Delete a project and its provisioned children, crypto-shredding their data keys', params: IdParams, response: { 200: Ok(Type.Object({})), '4xx': ErrorBody } },
  }, async (req) => {
    const user = req.user!;
    await authorize(db, user.id, req.params.id, 'project.delete');
    const deleted = await db.transaction().execute((trx) => deleteProjectTree(trx, req, req.params.id, user.id));
    for (const id of deleted) vault.keys.forget(id);
    return { success: true as const, data: {} };
  });

  // ---- members ----

  const memberRows = (projectId: string) =>
    db
      .selectFrom('project_members as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['m.user_id', 'u.email', 'u.name', 'm.role', 'm.created_at'])
      .where('m.project_id', '=', projectId);
  const memberView = (m: { user_id: string; email: string; name: string; role: Role; created_at: Date }) => ({ ...m, created_at: m.created_at.toISOString() });

  /** Locks a member's row for a change: 404 when absent, 403 when the actor may not touch it. */
  async function lockMember(trx: typeof db, projectId: string, userId: string, actor: Role, to?: Role): Promise<Role> {
    const row = await trx.selectFrom('project_members').select('role').where('project_id', '=', projectId).where('user_id', '=', userId).forUpdate().executeTakeFirst();
    if (!row) throw new VaultError('member_not_found');
    if (!mayManage(actor, row.role) || (to && !mayManage(actor, to))) {
      throw new VaultError('owner_changes_owner_admin');
    }
    return row.role;
  }

  /** After demoting or removing an owner: a project keeps at least one (409 rolls it back). */
  async function keepAnOwner(trx: typeof db, projectId: string, former: Role) {
    if (former !== 'owner') return;
    const r = await trx.selectFrom('project_members').select((eb) => eb.fn.countAll<number>().as('n')).where('project_id', '=', projectId).where('role', '=', 'owner').executeTakeFirstOrThrow();
    if (Number(r.n) === 0) throw new VaultError('last_owner');
  }

  app.get('/api/projects/:id/members', {
    schema: { tags: ['members'], summary: 'Members of a project', params: IdParams, response: { 200: Ok(Type.Array(Member)), '4xx': ErrorBody } },
  }, async (req) => {
    await authorize(db, req.user!.id, req.params.id, 'members.read');
    const rows = await memberRows(req.params.id).orderBy('m.created_at').execute();
    return { success: true as const, data: rows.map(memberView) };
  });

  app.post('/api/projects/:id/members', {
    schema: {
      tags: ['members'], summary: 'Invite someone by email (the same 202 for any email; they join once they accept)', params: IdParams,
      body: InviteBody, response: { 202: Ok(Invited), '4xx': ErrorBody },
    },
  }, async (req, reply) => reply.code(202).send({ success: true as const, data: await invite(req, req.params.id, req.body) }));

  app.put('/api/projects/:id/members/:user_id', {
    schema: {
      tags: ['members'], summary: "Change a member's role", params: MemberParams,
      body: Type.Object({ role: RoleSchema }, { additionalProperties: false }), response: { 200: Ok(Member), '4xx': ErrorBody },
    },
  }, async (req) => {
    const actor = req.user!;
    const role = await authorize(db, actor.id, req.params.id, 'members.manage');
    await db.transaction().execute(async (trx) => {
      const current = await lockMember(trx, req.params.id, req.params.user_id, role, req.body.role);
      await trx.updateTable('project_members').set({ role: req.body.role }).where('project_id', '=', req.params.id).where('user_id', '=', req.params.user_id).execute();
      await keepAnOwner(trx, req.params.id, current);
      await writeAudit(trx, contextOf(req), { projectId: req.params.id, eventType: 'member', action: 'member_role_change', resourceType: 'user', resourceId: req.params.user_id, userId: actor.id, details: { from: current, to: req.body.role } });
    });
    const m = await memberRows(req.params.id).where('m.user_id', '=', req.params.user_id).executeTakeFirstOrThrow();
    return { success: true as const, data: memberView(m) };
  });

  app.delete('/api/projects/:id/members/:user_id', {
    schema: { tags: ['members'], summary: 'Remove a member', params: MemberParams, response: { 200: Ok(Type.Object({})), '4xx': ErrorBody } },
  }, async (req) => {
    const actor = req.user!;
    const role = await authorize(db, actor.id, req.params.id, 'members.manage');
    await db.transaction().execute(async (trx) => {
      const current = await lockMember(trx, req.params.id, req.params.user_id, role);
      await trx.deleteFrom('project_members').where('project_id', '=', req.params.id).where('user_id', '=', req.params.user_id).execute();
      await keepAnOwner(trx, req.params.id, current);
      await writeAudit(trx, contextOf(req), { projectId: req.params.id, eventType: 'member', action: 'member_remove', resourceType: 'user', resourceId: req.params.user_id, userId: actor.id, details: { role: current } });
    });
    return { success: true as const, data: {} };
  });
}
