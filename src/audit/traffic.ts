// GET /api/projects/:id/traffic: tokenize, detokenize and proxy calls per hour, counted by
// PostgreSQL from the audit log, for the dashboard's traffic chart.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { type Kysely, sql } from 'kysely';
import { Type } from 'typebox';
import { requireUser } from '../auth/guard.js';
import type { DB } from '../db/schema.js';
import { ErrorBody, Ok } from '../http/schemas.js';
import { authorize } from '../members/access.js';

export type Series = 'tokenize' | 'detokenize' | 'proxy';
export interface Bucket extends Record<Series, number> {
  start: string;
}

const HOUR_MS = 3_600_000;

// Which series an entry counts in, from `event_type:action` (proxy first: `proxy:proxy_transaction`
// and `proxy:delete_cvc_session` are proxy calls; `tokenize_batch` and `test_token` are tokenize;
// `token_delete` and everything else counts nowhere).
const label = sql<string>`lower(event_type || ':' || action)`;
const series = sql<Series | null>`CASE
  WHEN strpos(${label}, 'proxy') > 0 THEN 'proxy'
  WHEN strpos(${label}, 'detokenize') > 0 THEN 'detokenize'
  WHEN strpos(${label}, 'tokenize') > 0 OR strpos(${label}, 'test_token') > 0 OR strpos(${label}, 'test-token') > 0 THEN 'tokenize'
END`;
// UTC hours, whatever the session's time zone (a +05:30 zone would otherwise shift every bucket).
const hour = sql<Date>`date_trunc('hour', created_at, 'UTC')`;

/**
 * Calls per hour for the `hours` whole hours up to and including the one `now` falls in, oldest
 * first; an hour without calls is there with zeros.
 */
export async function hourlyTraffic(db: Kysely<DB>, projectId: string, hours: number, now: Date) {
  const to = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS + HOUR_MS;
  const from = to - hours * HOUR_MS;
  const rows = await db
    .selectFrom('audit_log')
    .select([hour.as('hour'), series.as('series'), (eb) => eb.fn.countAll<string>().as('n')])
    .where('project_id', '=', projectId)
    .where('created_at', '>=', new Date(from))
    .where('created_at', '<', new Date(to))
    .where(series, 'is not', null)
    .groupBy([hour, series])
    .execute();
  const buckets: Bucket[] = Array.from({ length: hours }, (_, i) => ({ start: new Date(from + i * HOUR_MS).toISOString(), tokenize: 0, detokenize: 0, proxy: 0 }));
  for (const r of rows) buckets[(r.hour.getTime() - from) / HOUR_MS][r.series!] = Number(r.n);
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString(), buckets };
}

const Count = Type.Integer({ minimum: 0 });
const Traffic = Type.Object({
  from: Type.String({ description: 'Start of the oldest hour (inclusive)' }),
  to: Type.String({ description: 'End of the current hour (exclusive)' }),
  buckets: Type.Array(Type.Object({ start: Type.String(), tokenize: Count, detokenize: Count, proxy: Count }), { description: 'One per hour, oldest first' }),
});

export async function trafficRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { vault } = app;
  app.addHook('onRequest', requireUser());

  app.get('/api/projects/:id/traffic', {
    schema: {
      tags: ['audit'], summary: "A project's tokenize, detokenize and proxy calls per hour, from its audit log",
      params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
      querystring: Type.Object({ hours: Type.Optional(Type.Integer({ minimum: 1, maximum: 168, default: 24, description: 'How many hours, the current one included' })) }),
      response: { 200: Ok(Traffic), '4xx': ErrorBody },
    },
  }, async (req) => {
    const db = vault.database.db;
    await authorize(db, req.user!.id, req.params.id, 'audit.read');
    return { success: true as const, data: await hourlyTraffic(db, req.params.id, req.query.hours ?? 24, vault.now()) };
  });
}
