// The inbound routes table (migration 0017) through Kysely: management reads and writes, and the
// one look-up an inbound request makes (the route with its live project's destination policy).
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Environment } from '../lib/environments.js';
import type { RouteField } from '../tokens/paths.js';
import type { RouteContentType } from './schemas.js';

export interface RouteRow {
  id: string;
  project_id: string;
  name: string;
  upstream_url: string;
  content_type: RouteContentType;
  fields: RouteField[];
  created_at: Date;
  updated_at: Date;
}

/** A route as an inbound request uses it: with its project's environment and allowed hosts. */
export interface LiveRoute extends RouteRow {
  environment: Environment;
  proxy_allowed_hosts: string[] | null;
}

const COLUMNS = ['r.id', 'r.project_id', 'r.name', 'r.upstream_url', 'r.content_type', 'r.fields', 'r.created_at', 'r.updated_at'] as const;

export const isUniqueViolation = (e: unknown) => (e as { code?: string }).code === '23505';

export async function listRoutes(db: Kysely<DB>, projectId: string): Promise<RouteRow[]> {
  const rows = await db.selectFrom('inbound_routes as r').select(COLUMNS).where('r.project_id', '=', projectId).orderBy('r.created_at').orderBy('r.id').execute();
  return rows as RouteRow[];
}

export async function findRoute(db: Kysely<DB>, projectId: string, routeId: string): Promise<RouteRow | undefined> {
  const row = await db.selectFrom('inbound_routes as r').select(COLUMNS).where('r.project_id', '=', projectId).where('r.id', '=', routeId).executeTakeFirst();
  return row as RouteRow | undefined;
}

/** The route of an inbound request, only while its project is live. */
export async function liveRoute(db: Kysely<DB>, routeId: string): Promise<LiveRoute | undefined> {
  const row = await db
    .selectFrom('inbound_routes as r')
    .innerJoin('projects as p', 'p.id', 'r.project_id')
    .select([...COLUMNS, 'p.environment', 'p.proxy_allowed_hosts'])
    .where('r.id', '=', routeId)
    .where('p.deleted_at', 'is', null)
    .executeTakeFirst();
  return row as LiveRoute | undefined;
}

export async function projectPolicy(db: Kysely<DB>, projectId: string) {
  return db.selectFrom('projects').select(['environment', 'proxy_allowed_hosts']).where('id', '=', projectId).where('deleted_at', 'is', null).executeTakeFirst();
}

export interface RouteValues {
  name: string;
  upstream_url: string;
  content_type: RouteContentType;
  fields: RouteField[];
}

export async function insertRoute(trx: Transaction<DB>, id: string, projectId: string, v: RouteValues, at: Date): Promise<RouteRow> {
  await trx.insertInto('inbound_routes').values({ id, project_id: projectId, ...v, fields: JSON.stringify(v.fields), created_at: at, updated_at: at }).execute();
  return { id, project_id: projectId, ...v, created_at: at, updated_at: at };
}

export async function updateRoute(trx: Transaction<DB>, projectId: string, routeId: string, v: RouteValues, at: Date): Promise<boolean> {
  const res = await trx.updateTable('inbound_routes').set({ ...v, fields: JSON.stringify(v.fields), updated_at: at })
    .where('project_id', '=', projectId).where('id', '=', routeId).executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

export async function deleteRoute(trx: Transaction<DB>, projectId: string, routeId: string): Promise<RouteRow | undefined> {
  const row = await trx.deleteFrom('inbound_routes').where('project_id', '=', projectId).where('id', '=', routeId)
    .returning(['id', 'project_id', 'name', 'upstream_url', 'content_type', 'fields', 'created_at', 'updated_at']).executeTakeFirst();
  return row as RouteRow | undefined;
}
