// Master-key lifecycle across nodes. The database names the active master key
// (vault_master_keys); `vault keys rotate` changes it and sends a NOTIFY, and every node also
// re-reads it every `refreshMs`, so all nodes wrap new secrets under the new key within seconds.
// A node that meets a new active key re-wraps, once the propagation window has passed, whatever
// a slower node wrapped under the old one in between (the CLI does the same sweep).
import { type Kysely, sql } from 'kysely';
import { writeAudit } from '../db/audit.js';
import { auditEvent } from '../db/audit-events.js';
import type { DB } from '../db/schema.js';
import { type InvalidationListener, notifyInvalidation } from '../db/notify.js';
import { Periodic } from '../lib/periodic.js';
import type { Keyring } from './keyring.js';
import { importKeyAad, secretAad } from './secrets.js';
import { KEY_PROVIDER } from '../lib/key-providers.js';

/** Default bound on how long a node may keep wrapping under a replaced key (the NOTIFY is faster). */
export const KEYRING_REFRESH_MS = 2000;

export const projectKeyAad = (projectId: string, version: number) =>
  version === 0 ? `vault:fingerprint-key:${projectId}` : version === 1 ? `vault:project-key:${projectId}` : `vault:project-key:${projectId}:v${version}`;

/**
 * Everything sealed directly under a master key: the table, the columns holding the wrapped
 * bytes and the master key id, a row identity and the AAD each was sealed with.
 */
const WRAPPED_STORES = [
  { name: 'project data key', table: 'project_keys', id: sql<string>`project_id || ':' || version`, bytes: 'wrapped', master: 'master_key_id',
    aad: (id: string) => { const i = id.lastIndexOf(':'); return projectKeyAad(id.slice(0, i), Number(id.slice(i + 1))); } },
  { name: 'vault secret', table: 'vault_secrets', id: sql<string>`name`, bytes: 'wrapped', master: 'master_key_id', aad: secretAad },
  { name: 'JWT signing key', table: 'auth_signing_keys', id: sql<string>`kid`, bytes: 'private_key', master: 'master_key_id', aad: (id: string) => `jwt-signing-key:${id}` },
  { name: 'TOTP secret', table: 'users', id: sql<string>`id`, bytes: 'mfa_secret', master: 'mfa_key_id', aad: (id: string) => `totp:${id}` },
  { name: 'import key', table: 'import_keys', id: sql<string>`project_id`, bytes: 'wrapped', master: 'master_key_id', aad: importKeyAad },
] as const;

/**
 * Re-wraps everything sealed under a master key other than the active one. Online: the wrapped
 * secrets themselves do not change, so ciphertexts, sessions and running nodes are unaffected.
 * Compare-and-set per row, so concurrent sweeps on several nodes are harmless.
 */
export async function rewrapAll(db: Kysely<DB>, keyring: Keyring): Promise<number> {
  const active = keyring.activeId;
  let n = 0;
  for (const st of WRAPPED_STORES) {
    // Identifiers come from the constant table above, never from input.
    const { rows } = await sql<{ id: string; master: string; bytes: Buffer }>`
      SELECT ${st.id} AS id, ${sql.ref(st.master)} AS master, ${sql.ref(st.bytes)} AS bytes FROM ${sql.table(st.table)}
      WHERE ${sql.ref(st.bytes)} IS NOT NULL AND ${sql.ref(st.master)} <> ${active}`.execute(db);
    for (const row of rows) {
      const plain = keyring.open(row.master, row.bytes, st.aad(row.id));
      const next = keyring.seal(plain, st.aad(row.id));
      plain.fill(0);
      const res = await sql`
        UPDATE ${sql.table(st.table)} SET ${sql.ref(st.bytes)} = ${next.sealed}, ${sql.ref(st.master)} = ${next.keyId}
        WHERE ${st.id} = ${row.id} AND ${sql.ref(st.master)} = ${row.master}`.execute(db);
      n += Number(res.numAffectedRows ?? 0);
    }
  }
  return n;
}

/** What is still wrapped under master key `id`, per kind: `{ 'project data key': 3 }`. */
export async function wrappedUnder(db: Kysely<DB>, id: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const st of WRAPPED_STORES) {
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM ${sql.table(st.table)} WHERE ${sql.ref(st.bytes)} IS NOT NULL AND ${sql.ref(st.master)} = ${id}`.execute(db);
    if (rows[0].n > 0) out[st.name] = rows[0].n;
  }
  return out;
}

export async function readActive(db: Kysely<DB>): Promise<{ id: string; activatedAt: Date } | null> {
  const row = await db.selectFrom('vault_master_keys').select(['id', 'activated_at']).where('state', '=', 'active').executeTakeFirst();
  return row ? { id: row.id, activatedAt: row.activated_at ?? new Date(0) } : null;
}

/** Records `id` as the active master key and tells every node (NOTIFY at commit). */
export async function activate(db: Kysely<DB>, keyring: Keyring, id: string): Promise<void> {
  if (!keyring.has(id)) throw new Error(`master key "${id}" is not in this keyring`);
  const provider = keyring.sources.find((s) => s.has(id))!.provider;
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('vault_master_keys').set({ state: 'standby' }).where('state', '=', 'active').where('id', '<>', id).execute();
    await trx
      .insertInto('vault_master_keys')
      .values({ id, provider, state: 'active', activated_at: new Date() })
      .onConflict((oc) => oc.column('id').doUpdateSet({ state: 'active', activated_at: new Date(), retired_at: null }))
      .execute();
    await writeAudit(trx, null, auditEvent('master_key.activate', { projectId: null, resourceId: id, details: { provider } }));
    await notifyInvalidation(trx, 'keyring', id);
  });
  keyring.choose(id);
}

export class RetireRefused extends Error {}

/**
 * Retires master key `id`: refuses while it is active or recently replaced (a slow node may still
 * use it) or while anything is wrapped under it, naming what; otherwise removes it from its source
 * (key file line, HSM object destroyed) and marks it retired.
 */
export async function retire(db: Kysely<DB>, keyring: Keyring, id: string, windowMs = KEYRING_REFRESH_MS * 3): Promise<string> {
  // An id neither this keyring nor the inventory knows is a typo, not a key: writing a `retired`
  // record for it would put a key that never existed into the PCI DSS 3.6 inventory.
  const known = await db.selectFrom('vault_master_keys').select('id').where('id', '=', id).executeTakeFirst();
  if (!known && !keyring.has(id) && Object.keys(await wrappedUnder(db, id)).length === 0) {
    throw new RetireRefused(`no master key "${id}": it is neither in this keyring nor in the key inventory (see \`keys list\`)`);
  }
  const active = await readActive(db);
  if ((active?.id ?? keyring.activeId) === id) throw new RetireRefused(`master key "${id}" is the active key: run \`keys rotate\` first`);
  if (active && Date.now() - active.activatedAt.getTime() < windowMs) {
    throw new RetireRefused(`master key "${active.id}" became active less than ${Math.ceil(windowMs / 1000)} s ago: run \`keys rotate\` again (it sweeps) and retry`);
  }
  const left = await wrappedUnder(db, id);
  if (Object.keys(left).length > 0) {
    const what = Object.entries(left).map(([k, n]) => `${n} ${k}(s)`).join(', ');
    throw new RetireRefused(`master key "${id}" still wraps ${what}: run \`keys rotate\` to re-wrap them first`);
  }
  const src = keyring.sources.find((s) => s.has(id));
  let removed = 'it was not in this keyring';
  if (src?.mutable) {
    src.remove(id);
    removed = src.provider === KEY_PROVIDER.pkcs11 ? 'destroyed in the HSM' : 'removed from the key file';
  } else if (src) removed = 'remove it from VAULT_MASTER_KEYS on every node';
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('vault_master_keys')
      .values({ id, provider: src?.provider ?? KEY_PROVIDER.keyring, state: 'retired', retired_at: new Date() })
      .onConflict((oc) => oc.column('id').doUpdateSet({ state: 'retired', retired_at: new Date() }))
      .execute();
    await writeAudit(trx, null, auditEvent('master_key.retire', { projectId: null, resourceId: id, details: { removed } }));
    await notifyInvalidation(trx, 'keyring', id);
  });
  return removed;
}

/**
 * Keeps a node's keyring in step with the database: on a `keyring` NOTIFY (and on reconnect) and
 * every `refreshMs`, re-reads the key sources and the active key id. When the active key changes,
 * it sweeps (re-wraps) after `sweepDelayMs`, by which time every node has switched.
 */
export class KeyringWatcher {
  private readonly loop: Periodic;
  private sweepTimer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private lastActive: string | null = null;
  private warned: string | null = null;
  private stopped = false;

  constructor(
    private db: Kysely<DB>,
    private keyring: Keyring,
    private log: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void },
    private refreshMs = KEYRING_REFRESH_MS,
  ) {
    // refresh() logs its own failures and joins a refresh in flight.
    this.loop = new Periodic(refreshMs, () => this.refresh(), log, 'master keyring refresh failed');
  }

  async start(listener: InvalidationListener): Promise<void> {
    listener.on((kind) => {
      if (kind === 'keyring' || kind === 'all') void this.refresh();
    });
    await this.refresh();
    this.loop.start();
  }

  refresh(): Promise<void> {
    this.running ??= this.doRefresh()
      .catch((err: unknown) => this.log.warn({ err }, 'master keyring refresh failed'))
      .finally(() => (this.running = null));
    return this.running;
  }

  private async doRefresh() {
    this.keyring.reload();
    const active = await readActive(this.db);
    if (this.stopped) return;
    const held = this.keyring.choose(active?.id ?? null);
    if (!held && this.warned !== active!.id) {
      this.warned = active!.id;
      // Never silently: this node wraps under a key the others are leaving.
      this.log.warn({ master_key_id: active!.id, using: this.keyring.activeId }, 'the active master key is not in this node\'s keyring');
    }
    const now = this.keyring.activeId;
    if (this.lastActive !== null && now !== this.lastActive && held) this.scheduleSweep();
    this.lastActive = now;
  }

  private scheduleSweep() {
    if (this.sweepTimer) clearTimeout(this.sweepTimer);
    this.sweepTimer = setTimeout(() => {
      this.sweepTimer = null;
      rewrapAll(this.db, this.keyring).then(
        (n) => n > 0 && this.log.info({ rewrapped: n, master_key_id: this.keyring.activeId }, 'master key sweep re-wrapped keys'),
        (err: unknown) => this.log.warn({ err }, 'master key sweep failed'),
      );
    }, this.refreshMs * 3);
    this.sweepTimer.unref();
  }

  async stop() {
    this.stopped = true;
    await this.loop.stop();
    if (this.sweepTimer) clearTimeout(this.sweepTimer);
    await this.running;
  }
}
