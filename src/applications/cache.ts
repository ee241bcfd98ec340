// The API-key cache of the hot path (every /tokenize, /detokenize and proxy call looks its key up
// here): in memory, invalidated across nodes by LISTEN/NOTIFY, last-use written in the background.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { InvalidationListener } from '../db/notify.js';
import { Periodic, type PeriodicLog } from '../lib/periodic.js';
import { API_KEY_RE, hashApiKey } from './keys.js';
import { type AppPrincipal, PRINCIPAL_COLUMNS, principalFromRow } from './principal.js';

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
  private readonly flushLoop: Periodic;

  constructor(
    private db: Kysely<DB>,
    private listener: InvalidationListener,
    private fallbackTtlMs: number,
    log: PeriodicLog,
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
    this.flushLoop = new Periodic(5_000, () => this.flushUsage(), log, 'api key usage flush failed');
    this.flushLoop.start();
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

  close(): Promise<void> {
    return this.flushLoop.stop();
  }
}
