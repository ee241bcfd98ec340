// Cross-node cache invalidation over PostgreSQL LISTEN/NOTIFY. A change that must reach every node
// (deleted application, deleted project, revoked session, a new active master key or data key
// version) commits a NOTIFY on `vault_invalidate`; every node's listener drops what it cached.
// While the listener is down, caches fall back to a short TTL (see `healthy`), and the key
// watchers to their periodic re-read, so a missed message can never keep stale state for long.
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.js';

export const CHANNEL = 'vault_invalidate';

export type InvalidationHandler = (kind: string, id: string) => void;

export class InvalidationListener {
  private client: pg.Client | null = null;
  private handlers: InvalidationHandler[] = [];
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;
  healthy = false;

  constructor(private url: string) {}

  on(handler: InvalidationHandler) {
    this.handlers.push(handler);
  }

  async start(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({ connectionString: this.url });
    client.on('error', () => this.reconnect());
    client.on('end', () => this.reconnect());
    client.on('notification', (msg) => {
      const payload = msg.payload ?? '';
      const i = payload.indexOf(':');
      for (const h of this.handlers) h(payload.slice(0, i), payload.slice(i + 1));
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      this.client = client;
      this.healthy = true;
      // Anything could have changed while we were not listening.
      for (const h of this.handlers) h('all', '');
    } catch {
      client.end().catch(() => {});
      this.reconnect();
    }
  }

  private reconnect() {
    this.healthy = false;
    const old = this.client;
    this.client = null;
    old?.removeAllListeners();
    old?.end().catch(() => {});
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.start();
    }, 500);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.healthy = false;
    if (this.timer) clearTimeout(this.timer);
    const c = this.client;
    this.client = null;
    if (c) {
      c.removeAllListeners();
      c.on('error', () => {});
      await c.end().catch(() => {});
    }
  }
}

/** Queues an invalidation; delivered to every node when the surrounding transaction commits. */
export async function notifyInvalidation(trx: Kysely<DB>, kind: 'app' | 'project' | 'keyring' | 'datakey', id: string): Promise<void> {
  await sql`SELECT pg_notify(${CHANNEL}, ${`${kind}:${id}`})`.execute(trx);
}
