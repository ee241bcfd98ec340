// /api/audit-logs and /api/audit-logs/verify (§4.2).
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireUser } from '../auth/guard.js';
import { Page, PageQuery, pageOf, pageParams } from '../http/pagination.js';
import { ErrorBody, Ok } from '../http/schemas.js';
import { authorize } from '../projects/access.js';

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

const COLUMNS = [
  'id', 'ingest', 'seq', 'created_at', 'project_id', 'event_type', 'action', 'outcome', 'resource_type', 'resource_id',
  'user_id', 'app_id', 'ip_address', 'request_id', 'details', 'hash', 'prev_hash',
] as const;

const NDJSON_MAX = 100_000;

export async function auditRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { vault } = app;
  const db = vault.database.db;
  app.addHook('onRequest', requireUser());

  app.get('/api/audit-logs', {
    schema: {
      tags: ['audit'], summary: 'Audit entries, newest first; NDJSON export with Accept: application/x-ndjson',
      querystring: Query, response: { 200: Page(Entry), '4xx': ErrorBody },
    },
  }, async (req, reply) => {
    const user = req.user!;
    const f = req.query;
    if (f.project_id) await authorize(db, user.id, f.project_id, 'audit.read');
    const base = () => {
      let q = db.selectFrom('audit_log').select(COLUMNS);
      q = f.project_id ? q.where('project_id', '=', f.project_id) : q.where('project_id', 'is', null).where('user_id', '=', user.id);
      if (f.event_type) q = q.where('event_type', '=', f.event_type);
      if (f.action) q = q.where('action', '=', f.action);
      if (f.user_id) q = q.where('user_id', '=', f.user_id);
      if (f.app_id) q = q.where('app_id', '=', f.app_id);
      if (f.from) q = q.where('created_at', '>=', new Date(f.from));
      if (f.to) q = q.where('created_at', '<', new Date(f.to));
      return q.orderBy('ingest', 'desc');
    };
    const view = ({ ingest: _i, ...e }: { ingest: unknown; created_at: Date } & Record<string, unknown>) => ({ ...e, created_at: e.created_at.toISOString() });

    if ((req.headers.accept ?? '').includes('application/x-ndjson')) {
      // Streamed page by page: an export of a long history never sits in memory.
      reply.type('application/x-ndjson; charset=utf-8');
      const rows = async function* () {
        let after: number | null = null;
        for (let sent = 0; sent < NDJSON_MAX; ) {
          let q = base();
          if (after !== null) q = q.where('ingest', '<', after);
          const page = await q.limit(1000).execute();
          for (const r of page) yield JSON.stringify(view(r)) + '\n';
          sent += page.length;
          if (page.length < 1000) return;
          after = Number(page[page.length - 1].ingest);
        }
      };
      return reply.send(Readable.from(rows()) as never);
    }

    const { limit, after } = pageParams(f, ['int']);
    let q = base();
    if (after) q = q.where('ingest', '<', Number(after[0]));
    const rows = await q.limit(limit + 1).execute();
    const page = pageOf(rows, limit, (r) => [Number(r.ingest)]);
    return { success: true as const, data: page.data.map((r) => view(r as never)), next_cursor: page.next_cursor } as never;
  });

  app.get('/api/audit-logs/verify', {
    schema: {
      tags: ['audit'], summary: "Recompute a project's hash chain and name the first bad seq",
      querystring: Type.Object({ project_id: Type.String({ maxLength: 64 }) }),
      response: {
        200: Ok(Type.Object({ valid: Type.Boolean(), entries: Type.Integer(), head_hash: Type.Union([Type.String(), Type.Null()]), first_bad_seq: Type.Optional(Type.Integer()) })),
        '4xx': ErrorBody,
      },
    },
  }, async (req) => {
    await authorize(db, req.user!.id, req.query.project_id, 'audit.read');
    return { success: true as const, data: await vault.audit.verify(req.query.project_id) };
  });
}
