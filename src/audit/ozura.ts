// GET /audit-logs: Ozura's audit path and shape (§4.2) over the same audit log as
// /api/audit-logs — page/limit/total pagination and Ozura's upper-case names. The mapping is
// documented in docs/ozura-compatibility.md; the names come from the event catalogue
// (db/audit-events.ts).
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ozuraEventType } from '../db/audit-events.js';
import { invalidFields } from '../http/errors.js';
import { requireUser } from '../auth/guard.js';
import { guardEveryRoute } from '../http/openapi.js';
import { ErrorBody, NullableString } from '../http/schemas.js';

const Nullable = NullableString;
const Log = Type.Object({
  id: Type.String(),
  event_type: Type.String(),
  action: Type.String(),
  resource_type: Nullable,
  resource_id: Nullable,
  user_id: Nullable,
  app_id: Nullable,
  timestamp: Type.String(),
  ip_address: Nullable,
  details: Type.Unknown(),
  outcome: Type.String({ description: '(ext) success or failure' }),
});

const Query = Type.Object({
  project_id: Type.Optional(Type.String({ maxLength: 64, description: "Without it: your own account's events" })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, default: 1 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
});

const Answer = Type.Object({
  success: Type.Literal(true),
  data: Type.Object({
    logs: Type.Array(Log),
    pagination: Type.Object({ page: Type.Integer(), limit: Type.Integer(), total: Type.Integer() }),
  }),
});

export async function ozuraAuditRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { auditReader: reader } = app.vault;
  guardEveryRoute(app, requireUser());

  app.get('/audit-logs', {
    schema: { tags: ['audit'], summary: "Audit entries in Ozura's shape (page, limit, total), newest first", querystring: Query, response: { 200: Answer, '4xx': ErrorBody } },
  }, async (req) => {
    const user = req.user!;
    const { project_id: projectId } = req.query;
    const page = req.query.page ?? 1;
    const limit = req.query.limit ?? 50;
    // ajv lets `1e309` through as Infinity, past its range checks.
    if (!Number.isSafeInteger(page)) throw invalidFields([{ path: '/page', message: 'must be an integer from 1' }]);
    if (!Number.isSafeInteger(limit)) throw invalidFields([{ path: '/limit', message: 'must be an integer from 1 to 200' }]);
    const { rows, total } = await reader.auditOffsetPage(user.id, projectId, page, limit);
    const logs = rows.map((r) => ({
      id: r.id,
      event_type: ozuraEventType(r.event_type, r.action),
      action: r.action.toUpperCase(),
      resource_type: r.resource_type?.toUpperCase() ?? null,
      resource_id: r.resource_id,
      user_id: r.user_id,
      app_id: r.app_id,
      timestamp: r.created_at.toISOString(),
      ip_address: r.ip_address,
      details: r.details,
      outcome: r.outcome,
    }));
    return { success: true as const, data: { logs, pagination: { page, limit, total } } };
  });
}
