// The one audit writer. Rows go in with the caller's transaction, so that a change and its entry
// commit together or not at all. Details must never carry secrets. (The hot paths write theirs
// inside their own group-committed statements: tokenize and detokenize in tokens/sql.ts, the
// proxy in proxy/service.ts, session-key use in session-keys/service.ts; each passes `rowMac`s.)
// Every row is written once, with its writer's HMAC (issue 22): someone with write access to the
// database but not the key cannot add a row the sealer (audit/chain.ts) accepts, nor backdate one.
import { createHmac, randomBytes } from 'node:crypto';
import type { Kysely, KyselyPlugin, Transaction } from 'kysely';
import type pg from 'pg';
import type { RequestContext } from '../lib/context.js';
import type { DB } from './schema.js';

export interface AuditEntry {
  projectId: string | null;
  eventType: string;
  action: string;
  outcome?: 'success' | 'failure';
  resourceType?: string | null;
  resourceId?: string | null;
  userId?: string | null;
  appId?: string | null;
  details?: Record<string, unknown>;
}

/** JSON with object keys sorted at every depth: the same bytes on every node and in every year. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
    .join(',')}}`;
}

/** A row's fields as MAC'd; `created` is the stored timestamp as microsecond UTC text. */
export interface MacFields {
  project_id: string | null;
  created: string;
  event_type: string;
  action: string;
  outcome: string;
  resource_type: string | null;
  resource_id: string | null;
  user_id: string | null;
  app_id: string | null;
  ip_address: string | null;
  request_id: string | null;
  details: unknown;
}

/**
 * `f`: every field. `r`: outcome, resource_id and details are filled in by the statement from the
 * database's state (which token a deduplicated item matched, how many a detokenize found), so
 * the writer cannot MAC them; the seal covers them from the moment it is written.
 */
export type MacScope = 'f' | 'r';

export function rowMessage(tag: string, scope: MacScope, f: MacFields): string {
  // canonicalJson of the whole array, built faster (the hot paths sign a row per request): every
  // field but the last is a string or null, and JSON.stringify of such an array is the same text.
  const head = JSON.stringify([
    'audit-row', tag, scope, f.project_id, f.created, f.event_type, f.action, f.resource_type, f.user_id, f.app_id, f.ip_address, f.request_id,
  ]);
  return `${head.slice(0, -1)},${scope === 'f' ? canonicalJson([f.outcome, f.resource_id, f.details]) : 'null'}]`;
}

export const macHex = (key: Buffer, message: string) => createHmac('sha256', key).update(message).digest('hex');

/** What PostgreSQL's to_char(created_at, 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') gives for a JS Date. */
export const createdText = (d: Date) => `${d.toISOString().slice(0, 23)}000Z`;

/**
 * The audit MAC key of one database, shared by its pools in this process. The key is loaded by
 * whoever holds the keyring (audit/service.ts, the CLI) and lives only in memory. Each row's
 * tag (`<writer>-<n>`) is unique: a copied row is a duplicate tag.
 */
export class AuditKeySlot {
  private loader: (() => Promise<Buffer>) | null = null;
  private key: Buffer | null = null;
  private readonly writer = randomBytes(6).toString('hex');
  private n = 0;

  provide(loader: () => Promise<Buffer>) {
    this.loader = loader;
    this.key = null; // a new owner (a restarted vault) loads it again
  }

  async ready(): Promise<Buffer> {
    if (this.key) return this.key;
    if (!this.loader) throw new Error('audit MAC key not loaded: no keyring attached to this database');
    this.key = await this.loader();
    return this.key;
  }

  /** The `mac` column of a row; `ready()` must have resolved. */
  sign(scope: MacScope, f: MacFields): string {
    if (!this.key) throw new Error('audit MAC key not loaded');
    const tag = `${this.writer}-${++this.n}`;
    return `${tag}.${scope}.${macHex(this.key, rowMessage(tag, scope, f))}`;
  }
}

const slots = new Map<string, AuditKeySlot>();
const poolSlots = new WeakMap<pg.Pool, AuditKeySlot>();

/** Carries the slot on a Kysely instance and every transaction of it; changes no query. */
class SlotPlugin implements KyselyPlugin {
  constructor(readonly slot: AuditKeySlot) {}
  transformQuery: KyselyPlugin['transformQuery'] = (args) => args.node;
  transformResult: KyselyPlugin['transformResult'] = async (args) => args.result;
}

/** For openDatabase: the slot of `url`, bound to its pool; returns the Kysely plugin. */
export function auditSlotPlugin(url: string, pool: pg.Pool): KyselyPlugin {
  let slot = slots.get(url);
  if (!slot) slots.set(url, (slot = new AuditKeySlot()));
  poolSlots.set(pool, slot);
  return new SlotPlugin(slot);
}

export function auditSlot(db: Kysely<DB> | Transaction<DB> | pg.Pool): AuditKeySlot {
  const slot = 'getExecutor' in db ? db.getExecutor().plugins.find((p): p is SlotPlugin => p instanceof SlotPlugin)?.slot : poolSlots.get(db);
  if (!slot) throw new Error('database opened without an audit key slot');
  return slot;
}

/** `ctx` null: the vault itself acted (key rotation, the CLI); the row has no IP or request id. */
export async function writeAudit(db: Kysely<DB> | Transaction<DB>, ctx: RequestContext | null, entries: AuditEntry | AuditEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  const slot = auditSlot(db);
  await slot.ready();
  // The writer sets created_at (it is MAC'd): never the database's clock.
  const at = ctx?.at ?? new Date();
  const rows = list.map((e) => {
    const row = {
      project_id: e.projectId,
      event_type: e.eventType,
      action: e.action,
      outcome: e.outcome ?? 'success',
      resource_type: e.resourceType ?? null,
      resource_id: e.resourceId ?? null,
      user_id: e.userId ?? null,
      app_id: e.appId ?? null,
      ip_address: ctx?.ip ?? null,
      request_id: ctx?.requestId ?? null,
      details: JSON.stringify(e.details ?? {}),
    };
    // MAC'd as it will read back from jsonb (undefined dropped, dates as strings).
    const mac = slot.sign('f', { ...row, created: createdText(at), details: JSON.parse(row.details) as unknown });
    return { ...row, created_at: at, mac };
  });
  await db.insertInto('audit_log').values(rows).execute();
}

/**
 * A project's chain start: a MAC'd seal (n = 0) written in the transaction that creates the
 * project, so a project whose chain was deleted whole is reported rather than verifying empty.
 */
export async function startAuditChain(db: Kysely<DB> | Transaction<DB>, chain: string): Promise<void> {
  const key = await auditSlot(db).ready();
  const start = { chain, n: 0, kind: 'start' as const, from_txid: 0, to_txid: 0, entries: 0, digest: '', rejected: [] as string[], prev_mac: '' };
  await db.insertInto('audit_seals').values({ ...start, mac: macHex(key, sealMessage(start)) }).execute();
}

export interface SealFields {
  chain: string;
  n: number;
  kind: string;
  from_txid: number;
  to_txid: number;
  entries: number;
  digest: string;
  rejected: string[];
  prev_mac: string;
}

export function sealMessage(s: SealFields): string {
  return canonicalJson(['audit-seal', s.chain, Number(s.n), s.kind, Number(s.from_txid), Number(s.to_txid), Number(s.entries), s.digest, s.rejected, s.prev_mac]);
}
