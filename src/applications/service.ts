import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import type { InvalidationListener } from '../db/notify.js';
import { newId } from '../lib/random.js';
import { API_KEY_RE, displayPrefix, hashApiKey, newApiKey, newPubKey } from './keys.js';
import type { Permissions } from './permissions.js';

export interface AppPrincipal {
  id: string;
  name: string;
  permissions: Permissions;
  pubKey: string;
  project: {
    id: string;
    name: string;
    environment: 'production' | 'staging' | 'development';
    parentId: string | null;
    deduplicate: boolean;
    proxyAllowedHosts: string[] | null;
  };
}

export interface NewApplication {
  projectId: string;
  environment: string;
  name: string;
  permissions: Permissions;
  region: string;
  createdBy?: string | null;
}

/** Inserts an application; the plaintext API key is returned here and never stored. */
export async function createApplication(trx: Kysely<DB> | Transaction<DB>, a: NewApplication) {
  const id = newId('app');
  const apiKey = newApiKey(a.name, a.region);
  const pubKey = newPubKey(id, a.environment);
  const row = await trx
    .insertInto('applications')
    .values({
      id,
      project_id: a.projectId,
      name: a.name,
      key_hash: hashApiKey(apiKey),
      key_prefix: displayPrefix(apiKey),
      pub_key: pubKey,
      permissions: JSON.stringify(a.permissions),
      created_by: a.createdBy ?? null,
    })
    .returning(['id', 'name', 'pub_key', 'permissions', 'created_at', 'key_prefix'])
    .executeTakeFirstOrThrow();
  return { ...row, api_key: apiKey };
}

/** The columns `principalFromRow` reads: an application joined with its project. */
export const PRINCIPAL_COLUMNS = [
  'a.id', 'a.name', 'a.permissions', 'a.pub_key',
  'p.id as project_id', 'p.name as project_name', 'p.environment', 'p.parent_id', 'p.deduplicate', 'p.proxy_allowed_hosts',
] as const;

export function principalFromRow(row: {
  id: string; name: string; permissions: unknown; pub_key: string; project_id: string; project_name: string;
  environment: AppPrincipal['project']['environment']; parent_id: string | null; deduplicate: boolean; proxy_allowed_hosts: string[] | null;
}): AppPrincipal {
  return {
    id: row.id,
    name: row.name,
    permissions: row.permissions as Permissions,
    pubKey: row.pub_key,
    project: {
      id: row.project_id,
      name: row.project_name,
      environment: row.environment,
      parentId: row.parent_id,
      deduplicate: row.deduplicate,
      proxyAllowedHosts: row.proxy_allowed_hosts,
    },
  };
}

interface CacheEntry {
  principal: AppPrincipal | null;
  at: number;
}

const MAX_ENTRIES = 10_000;
/** With LISTEN/NOTIFY healthy, entries are still refreshed now and then as a safety net. */
const HEALTHY_TTL_MS = 60_000;

/**
 * API key → application, cached in memory so the hot path neither hashes-and-queries on every
 * request nor waits on the database. Deletes reach every node through LISTEN/NOTIFY at once;
 * if the listener is down, entries live only `fallbackTtlMs` (1 s by default).
 */
export class ApiKeyCache {
  private entries = new Map<string, CacheEntry>();
  private used = new Set<string>();
  private flushTimer: NodeJS.Timeout;

  constructor(
    private db: Kysely<DB>,
    private listener: InvalidationListener,
    private fallbackTtlMs: number,
  ) {
    listener.on((kind, id) => {
      if (kind === 'all') this.entries.clear();
      else if (kind === 'app' || kind === 'project') {
        for (const [k, e] of this.entries) {
          if (!e.principal || e.principal.id === id || e.principal.project.id === id) this.entries.delete(k);
        }
      }
    });
    // last_used_at is written in the background, once per application per interval.
    this.flushTimer = setInterval(() => void this.flushUsage(), 5_000);
    this.flushTimer.unref();
  }

  async lookup(apiKey: string): Promise<AppPrincipal | null> {
    if (!API_KEY_RE.test(apiKey)) return null;
    const hash = hashApiKey(apiKey).toString('base64');
    const ttl = this.listener.healthy ? HEALTHY_TTL_MS : this.fallbackTtlMs;
    const hit = this.entries.get(hash);
    let principal: AppPrincipal | null;
    if (hit && Date.now() - hit.at < ttl) {
      principal = hit.principal;
    } else {
      principal = await this.load(hash);
      if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(hash, { principal, at: Date.now() });
    }
    if (principal) this.used.add(principal.id);
    return principal;
  }

  private async load(hashB64: string): Promise<AppPrincipal | null> {
    const row = await this.db
      .selectFrom('applications as a')
      .innerJoin('projects as p', 'p.id', 'a.project_id')
      .select(PRINCIPAL_COLUMNS)
      .where('a.key_hash', '=', Buffer.from(hashB64, 'base64'))
      .where('a.deleted_at', 'is', null)
      .where('p.deleted_at', 'is', null)
      .executeTakeFirst();
    return row ? principalFromRow(row) : null;
  }

  async flushUsage(): Promise<void> {
    if (this.used.size === 0) return;
    const ids = [...this.used];
    this.used.clear();
    await this.db
      .updateTable('applications')
      .set({ last_used_at: new Date() })
      .where('id', 'in', ids)
      .execute()
      .catch(() => {});
  }

  close() {
    clearInterval(this.flushTimer);
  }
}
