// The idempotency store (API.md §6.1, docs/idempotency.md): claims, stored answers and their
// encryption, in PostgreSQL so that every node sees the same claim. No HTTP here.
import { createHmac, hkdfSync, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type pg from 'pg';
import { open, seal } from '../crypto/aead.js';
import type { DataKeys } from '../crypto/datakeys.js';
import type { Keyring } from '../crypto/keyring.js';
import { loadOrCreateSecret } from '../crypto/secrets.js';
import type { DB } from '../db/schema.js';
import { CLAIM, PRUNE, READ, RELEASE, STORE, TAKE_OVER } from './sql.js';

/** How long a key and its answer are kept (Stripe's 24 h). */
export const RETENTION_MS = 24 * 60 * 60 * 1000;
/**
 * How long a claim holds while its request runs. Longer than anything a request may take (the
 * proxy's 30 s upstream timeout plus database time), so a slow first attempt is never run twice;
 * short enough that a node that died mid-request blocks its key for two minutes at most.
 */
export const LEASE_MS = 2 * 60 * 1000;

/** How long a duplicate waits for the running attempt's answer before a 409, polling every POLL_MS. */
export const WAIT_MS = 1000;
const POLL_MS = 50;

export interface Claimant {
  /** Who asked: `app:<id>`, `usr:<id>`, `app:<id>:usr:<id>` (hybrid), `ses:<id>` (session key). */
  scope: string;
  key: string;
  /** The project whose data key seals the answer, when the request has one. */
  projectId: string | null;
}

/** What the claim found: the key is ours to run, or an answer to replay, or a refusal. */
export type ClaimResult =
  | { kind: 'run'; owner: string }
  | { kind: 'replay'; status: number; body: Buffer }
  | { kind: 'reused' }
  | { kind: 'in_progress'; retryAfterSeconds: number };

interface Row {
  request_mac: Buffer;
  owner: string;
  project_id: string | null;
  status: number | null;
  body: Buffer | null;
  lease_until: Date;
  expires_at: Date;
}

const aad = (c: Claimant, status: number) => `vault:idempotency:${c.scope}:${c.key}:${status}`;

export class IdempotencyStore {
  private secret: Promise<{ mac: Buffer; seal: Buffer }> | null = null;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly pool: pg.Pool,
    private readonly keyring: Keyring,
    private readonly keys: DataKeys,
    private readonly now: () => Date,
  ) {}

  /** The vault-wide key pair, created once in vault_secrets (wrapped by the master key). */
  private vaultKeys() {
    this.secret ??= loadOrCreateSecret(this.db, this.keyring, 'idempotency').then((s) => ({
      mac: Buffer.from(hkdfSync('sha256', s, '', 'vault:idempotency:mac', 32)),
      seal: Buffer.from(hkdfSync('sha256', s, '', 'vault:idempotency:seal', 32)),
    }));
    this.secret.catch(() => (this.secret = null));
    return this.secret;
  }

  /** HMAC of the canonical request: equal requests give equal MACs; a dump reveals no card. */
  async requestMac(parts: (string | Buffer)[]): Promise<Buffer> {
    const h = createHmac('sha256', (await this.vaultKeys()).mac);
    for (const p of parts) {
      // Length-prefixed, so no two different part lists give the same bytes.
      const b = typeof p === 'string' ? Buffer.from(p, 'utf8') : p;
      h.update(`${b.length}:`).update(b);
    }
    return h.digest();
  }

  async claim(c: Claimant, mac: Buffer): Promise<ClaimResult> {
    const owner = randomUUID();
    const started = Date.now();
    // A double click arrives while its twin runs: wait a moment for that answer (it is usually
    // milliseconds away) rather than make the client retry; past WAIT_MS, 409 and Retry-After.
    for (let round = 0; ; round++) {
      // Bounded however rows come and go under us.
      if (round > (2 * WAIT_MS) / POLL_MS) return { kind: 'in_progress', retryAfterSeconds: 1 };
      const at = this.now();
      const values = [c.scope, c.key, mac, owner, c.projectId, new Date(at.getTime() + LEASE_MS), at, new Date(at.getTime() + RETENTION_MS)];
      if ((await this.pool.query(CLAIM, values)).rowCount === 1) return { kind: 'run', owner };
      const row = (await this.pool.query<Row>(READ, [c.scope, c.key])).rows[0];
      if (!row) continue; // released (a 5xx) or pruned between the two statements: claim again
      const lapsed = row.expires_at <= at || (row.status === null && row.lease_until <= at);
      // A lapsed row is taken over; whoever loses that race reads the winner's row next round.
      if (lapsed && (await this.pool.query(TAKE_OVER, [...values, row.owner])).rowCount === 1) return { kind: 'run', owner };
      if (lapsed) continue;
      if (!row.request_mac.equals(mac)) return { kind: 'reused' };
      if (row.status !== null) return { kind: 'replay', status: row.status, body: await this.open(c, row) };
      if (Date.now() - started >= WAIT_MS) return { kind: 'in_progress', retryAfterSeconds: 1 };
      await sleep(POLL_MS);
    }
  }

  /** The first attempt's answer, sealed, for every later retry. */
  async store(c: Claimant, owner: string, status: number, body: Buffer): Promise<void> {
    const sealed = c.projectId
      ? (await this.keys.get(c.projectId)).seal(body, aad(c, status))
      : seal((await this.vaultKeys()).seal, body, aad(c, status));
    await this.pool.query(STORE, [c.scope, c.key, owner, status, sealed]);
  }

  async release(c: Claimant, owner: string): Promise<void> {
    await this.pool.query(RELEASE, [c.scope, c.key, owner]);
  }

  /** Keys past their 24 h; returns how many rows went. */
  async prune(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = (await this.pool.query(PRUNE, [this.now()])).rowCount ?? 0;
      total += n;
      if (n < 5000) return total;
    }
  }

  private async open(c: Claimant, row: Row): Promise<Buffer> {
    const status = row.status!;
    // The row's own project, not the caller's today: the answer was sealed under that key.
    if (row.project_id) return (await this.keys.get(row.project_id)).open(row.body!, aad(c, status));
    return open((await this.vaultKeys()).seal, row.body!, aad(c, status));
  }
}
