// Traffic counts: tokenize, detokenize and proxy calls per hour, counted by PostgreSQL from the
// audit log, each event in the series its catalogue entry names (db/audit-events.ts).
import { type Kysely, sql } from 'kysely';
import { sqlText, type TrafficSeries, trafficPairs } from '../db/audit-events.js';
import type { DB } from '../db/schema.js';

export type Series = TrafficSeries;
export interface Bucket extends Record<Series, number> {
  start: string;
}

const HOUR_MS = 3_600_000;

// Which series an entry counts in: the `traffic` of its catalogue entry (db/audit-events.ts);
// an event without one (token_delete, every management event) counts nowhere. Built once, from
// constants only.
const series = sql<Series | null>`CASE ${sql.raw(
  Object.entries(trafficPairs())
    .map(([name, pairs]) => `WHEN (event_type, action) IN (${pairs.map(([e, a]) => `(${sqlText(e)}, ${sqlText(a)})`).join(', ')}) THEN ${sqlText(name)}`)
    .join(' '),
)} END`;
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
