// /api/audit-logs and /api/audit-logs/verify (§4.2).
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireUser } from '../auth/guard.js';
import { guardEveryRoute } from '../http/openapi.js';
import { Page, PageQuery } from '../http/pagination.js';
import { ErrorBody, Ok } from '../http/schemas.js';
import { type AuditRow } from './service.js';

const Entry = Type.Object({
  id: Type.String(),
  seq: Type.Union([Type.Integer(), Type.Null()]),
  created_at: Type.String(),
  project_id: Type.Union([Type.String(), Type.Null()]),
  event_type: Type.String(),
  action: Type.String(),
  outcome: Type.String(),
  resource_type: Type.Union([Type.String(), Type.Null()]),
  resource_id: Type.Union([Type.String(), Type.Null()]),
  user_id: Type.Union([Type.String(), Type.Null()]),
  app_id: Type.Union([Type.String(), Type.Null()]),
  ip_address: Type.Union([Type.String(), Type.Null()]),
  request_id: Type.Union([Type.String(), Type.Null()]),
  details: Type.Unknown(),
  hash: Type.Union([Type.String(), Type.Null()]),
  prev_hash: Type.Union([Type.String(), Type.Null()]),
});

const Query = Type.Object({
  project_id: Type.Optional(Type.String({ maxLength: 64, description: "Without it: your own account's events (logins, MFA, …)" })),
  event_type: Type.Optional(Type.String({ maxLength: 50 })),
  action: Type.Optional(Type.String({ maxLength: 50 })),
  user_id: Type.Optional(Type.String({ maxLength: 64 })),
  app_id: Type.Optional(Type.String({ maxLength: 64 })),
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
  ...PageQuery,
});

const view = ({ ingest: _i, ...e }: AuditRow) => ({ ...e, created_at: e.created_at.toISOString() });

export async function auditRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { vault } = app;
  const { auditReader: reader } = vault;
  guardEveryRoute(app, requireUser());

  app.get('/api/audit-logs', {
    schema: {
      tags: ['audit'], summary: 'Audit entries, newest first; NDJSON export with Accept: application/x-ndjson',
      querystring: Query, response: { 200: Page(Entry), '4xx': ErrorBody },
    },
  }, async (req, reply) => {
    const user = req.user!;
    if ((req.headers.accept ?? '').includes('application/x-ndjson')) {
      const rows = await reader.auditExport(user.id, req.query);
      reply.type('application/x-ndjson; charset=utf-8');
      const lines = async function* () {
        for await (const r of rows) yield JSON.stringify(view(r)) + '\n';
      };
      // A stream: not the JSON shape the response schema types.
      return reply.send(Readable.from(lines()) as never);
    }
    const page = await reader.auditPage(user.id, req.query);
    return { success: true as const, data: page.data.map(view), next_cursor: page.next_cursor };
  });

  app.get('/api/audit-logs/verify', {
    schema: {
      tags: ['audit'], summary: "Recheck a project's audit rows and seals and name the first bad entry",
      querystring: Type.Object({ project_id: Type.String({ maxLength: 64 }) }),
      response: {
        200: Ok(Type.Object({
          valid: Type.Boolean(), entries: Type.Integer(), head_hash: Type.Union([Type.String(), Type.Null()]), first_bad_seq: Type.Optional(Type.Integer()),
          // Since issue 22: the first failing entry's id (when there is one) and what failed.
          first_bad_id: Type.Optional(Type.String()), reason: Type.Optional(Type.String()),
        })),
        '4xx': ErrorBody,
      },
    },
  }, async (req) => ({ success: true as const, data: await reader.verifyProjectLog(vault.audit, req.user!.id, req.query.project_id) }));
}
