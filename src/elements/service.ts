import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { bind } from '../lib/bind.js';

/** The `elements_origins` of the live project a live pub key belongs to; undefined for no such key. */
export async function originsOfPubKey(db: Kysely<DB>, pubKey: string): Promise<string[] | undefined> {
  const row = await db
    .selectFrom('applications as a')
    .innerJoin('projects as p', 'p.id', 'a.project_id')
    .select('p.elements_origins')
    .where('a.pub_key', '=', pubKey)
    .where('a.deleted_at', 'is', null)
    .where('p.deleted_at', 'is', null)
    .executeTakeFirst();
  return row ? row.elements_origins : undefined;
}

export const elementsService = (db: Kysely<DB>) => bind(db, { originsOfPubKey });
export type ElementsService = ReturnType<typeof elementsService>;
