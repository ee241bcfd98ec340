// Data-key rotation, online. Rotating adds a data key version that encrypts new data at once (every
// node learns it by NOTIFY and by its periodic refresh); a resumable job, run by whichever node
// holds its row lock, re-encrypts older ciphertexts in batches; once nothing uses the older
// versions (checked after a grace period that outlasts any write sealed before the switch), they
// are deleted: destroyed. Each step is audited. Rotation starts by command (`vault keys
// rotate-data`) or automatically at DATA_KEY_MAX_SEALS encryptions or DATA_KEY_MAX_AGE_DAYS.
import { randomBytes } from 'node:crypto';
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import { writeAudit } from '../db/audit.js';
import { auditEvent } from '../db/audit-events.js';
import type { DB } from '../db/schema.js';
import { notifyInvalidation } from '../db/notify.js';
import { cvcAad, type DataKeys, fingerprintKeyOf, type ProjectKey, tokenAad, HEADER, persistCounts, ProjectKeyMissing, versionHeader } from './datakeys.js';
import { Periodic } from '../lib/periodic.js';
import { projectKeyAad } from './master.js';

export interface RotationPolicy {
  /** Encryptions under one data key before it is rotated (AES-GCM random nonces: far below 2^32). */
  maxSeals: number;
  maxAgeDays: number;
  /** How long retired versions stay after the switch before the final check may destroy them. */
  graceMs: number;
  /** Rows re-encrypted per transaction. */
  batch: number;
}

export const DEFAULT_POLICY: RotationPolicy = { maxSeals: 2 ** 30, maxAgeDays: 365, graceMs: 60_000, batch: 500 };

async function audit(trx: Transaction<DB>, projectId: string, name: 'data_key.rotate' | 'data_key.destroy', details: Record<string, unknown>) {
  await writeAudit(trx, null, auditEvent(name, { projectId, resourceId: projectId, details }));
}

/**
 * Adds a data key version for `projectId` and starts its re-encryption job. `expect`: rotate only
 * if the active version is still this one (two nodes noticing the same limit rotate once).
 * Returns the new version, or null when `expect` no longer holds.
 */
export async function rotateDataKey(db: Kysely<DB>, keys: DataKeys, projectId: string, reason: string, expect?: number): Promise<number | null> {
  const next = await db.transaction().execute(async (trx) => {
    // Same lock order as the job (its row, then the keys), so the two never deadlock.
    await trx.selectFrom('data_key_jobs').select('project_id').where('project_id', '=', projectId).forUpdate().execute();
    const rows = await trx
      .selectFrom('project_keys')
      .select(['version', 'master_key_id', 'wrapped'])
      .where('project_id', '=', projectId)
      .orderBy('version')
      .forUpdate()
      .execute();
    const versions = rows.map((r) => r.version).filter((v) => v > 0);
    if (versions.length === 0) throw new ProjectKeyMissing();
    const current = Math.max(...versions);
    if (expect !== undefined && current !== expect) return null;
    // Fingerprints must survive version 1's destruction: keep its derived HMAC key as version 0.
    if (!rows.some((r) => r.version === 0)) {
      const v1 = rows.find((r) => r.version === 1)!;
      const dek1 = keys.keyring.open(v1.master_key_id, v1.wrapped, projectKeyAad(projectId, 1));
      await trx.insertInto('project_keys').values(keys.wrapVersion(projectId, 0, fingerprintKeyOf(dek1))).execute();
      dek1.fill(0);
    }
    const version = current + 1;
    await trx.insertInto('project_keys').values(keys.wrapVersion(projectId, version, randomBytes(32))).execute();
    await trx.updateTable('project_keys').set({ retired_at: new Date() }).where('project_id', '=', projectId).where('version', '=', current).execute();
    await trx
      .insertInto('data_key_jobs')
      .values({ project_id: projectId, started_at: new Date(), updated_at: new Date() })
      .onConflict((oc) => oc.column('project_id').doUpdateSet({ phase: 'tokens', cursor: '', started_at: new Date(), updated_at: new Date() }))
      .execute();
    await audit(trx, projectId, 'data_key.rotate', { from_version: current, to_version: version, reason });
    await notifyInvalidation(trx, 'datakey', projectId);
    return version;
  });
  if (next !== null) await keys.reload(projectId);
  return next;
}

/** Rotates every live project's data key (`vault keys rotate-data --all`). */
export async function rotateAll(db: Kysely<DB>, keys: DataKeys, reason: string): Promise<string[]> {
  const projects = await db.selectFrom('projects').select('id').where('deleted_at', 'is', null).orderBy('id').execute();
  const done: string[] = [];
  for (const p of projects) {
    try {
      if ((await rotateDataKey(db, keys, p.id, reason)) !== null) done.push(p.id);
    } catch (err) {
      if (!(err instanceof ProjectKeyMissing)) throw err;
    }
  }
  return done;
}

const STORES = {
  tokens: { table: 'tokens', id: 'token', next: 'cvc', aad: tokenAad },
  cvc: { table: 'cvc_sessions', id: 'id', next: 'verify', aad: cvcAad },
} as const;

/**
 * One step of one pending job: re-encrypts up to `batch` ciphertexts, or (phase verify) destroys
 * the old versions when nothing uses them. Returns false when no job was ready.
 */
export async function runJobStep(db: Kysely<DB>, keys: DataKeys, policy: RotationPolicy): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const job = await trx
      .selectFrom('data_key_jobs')
      .selectAll()
      .where('phase', '<>', 'done')
      .orderBy('updated_at')
      .limit(1)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!job) return false;
    const pid = job.project_id;
    const live = await trx.selectFrom('project_keys').select(['version', 'retired_at']).where('project_id', '=', pid).where('version', '>', 0).execute();
    if (live.length === 0) {
      await trx.updateTable('data_key_jobs').set({ phase: 'done', updated_at: new Date() }).where('project_id', '=', pid).execute();
      return true;
    }
    const active = Math.max(...live.map((r) => r.version));
    let key = await keys.get(pid);
    if (key.version !== active) key = (await keys.reload(pid))!;
    const hdr = versionHeader(active);

    if (job.phase === 'tokens' || job.phase === 'cvc') return reencryptStep(trx, key, job, job.phase, hdr, policy);
    return verifyStep(trx, job, live, active, hdr, policy);
  });
}

/** Re-encrypts the next `batch` ciphertexts of one store under the active version. */
async function reencryptStep(
  trx: Transaction<DB>, key: ProjectKey, job: Selectable<DB['data_key_jobs']>, phase: keyof typeof STORES, hdr: Buffer, policy: RotationPolicy,
): Promise<boolean> {
  const pid = job.project_id;
  const st = STORES[phase];
  const { rows } = await sql<{ id: string; ct: Buffer }>`
    SELECT ${sql.ref(st.id)}::text AS id, ciphertext AS ct FROM ${sql.table(st.table)}
    WHERE project_id = ${pid} AND ${sql.ref(st.id)}::text > ${job.cursor} AND substring(ciphertext FROM 1 FOR ${HEADER}) <> ${hdr}
    ORDER BY ${sql.ref(st.id)}::text LIMIT ${policy.batch}`.execute(trx);
  const ids: string[] = [];
  const olds: Buffer[] = [];
  const news: Buffer[] = [];
  for (const r of rows) {
    const plain = key.open(r.ct, st.aad(pid, r.id));
    ids.push(r.id);
    olds.push(r.ct);
    news.push(key.seal(plain, st.aad(pid, r.id)));
    plain.fill(0);
  }
  let n = 0;
  if (ids.length > 0) {
    // Compare-and-set: a row deleted or rewritten meanwhile is left alone.
    const res = await sql`
      UPDATE ${sql.table(st.table)} t SET ciphertext = x.new
      FROM unnest(${ids}::text[], ${olds}::bytea[], ${news}::bytea[]) AS x(id, old, new)
      WHERE t.project_id = ${pid} AND t.${sql.ref(st.id)}::text = x.id AND t.ciphertext = x.old`.execute(trx);
    n = Number(res.numAffectedRows ?? 0);
  }
  const finished = rows.length < policy.batch;
  // Entering verify, the cursor keeps when the pass ended: reads that fetched a ciphertext
  // before its re-encryption get the grace period to decrypt it with the old version.
  const cursor = !finished ? ids[ids.length - 1] : st.next === 'verify' ? new Date().toISOString() : '';
  await trx
    .updateTable('data_key_jobs')
    .set({ phase: finished ? st.next : phase, cursor, reencrypted: sql`reencrypted + ${n}`, updated_at: new Date() })
    .where('project_id', '=', pid)
    .execute();
  return true;
}

/** Destroys the old versions once nothing can still use them; or sends the job round again. */
async function verifyStep(
  trx: Transaction<DB>, job: Selectable<DB['data_key_jobs']>, live: { version: number; retired_at: Date | null }[], active: number, hdr: Buffer, policy: RotationPolicy,
): Promise<boolean> {
  const pid = job.project_id;
  // verify: after the grace period no node can still be sealing under an old version, nor
  // still decrypting a ciphertext it read before the pass re-encrypted it.
  const retiredAt = Math.max(...live.filter((r) => r.version < active).map((r) => (r.retired_at ?? new Date(0)).getTime()), 0);
  const passEnded = Date.parse(job.cursor) || 0;
  if (Date.now() - Math.max(retiredAt, passEnded) < policy.graceMs) {
    await trx.updateTable('data_key_jobs').set({ updated_at: new Date() }).where('project_id', '=', pid).execute();
    return false;
  }
  const { rows } = await sql<{ n: number }>`
    SELECT (SELECT count(*) FROM tokens WHERE project_id = ${pid} AND substring(ciphertext FROM 1 FOR ${HEADER}) <> ${hdr})
         + (SELECT count(*) FROM cvc_sessions WHERE project_id = ${pid} AND substring(ciphertext FROM 1 FOR ${HEADER}) <> ${hdr}) AS n`.execute(trx);
  if (Number(rows[0].n) > 0) {
    // Written under an old version after the pass went by: another pass.
    await trx.updateTable('data_key_jobs').set({ phase: 'tokens', cursor: '', updated_at: new Date() }).where('project_id', '=', pid).execute();
    return true;
  }
  const destroyed = await trx
    .deleteFrom('project_keys')
    .where('project_id', '=', pid)
    .where('version', '>', 0)
    .where('version', '<', active)
    .returning('version')
    .execute();
  await trx.updateTable('data_key_jobs').set({ phase: 'done', updated_at: new Date() }).where('project_id', '=', pid).execute();
  await audit(trx, pid, 'data_key.destroy', { versions: destroyed.map((d) => d.version), active_version: active, reencrypted: job.reencrypted });
  await notifyInvalidation(trx, 'datakey', pid);
  return true;
}

/** Runs jobs until none is pending (the CLI), waiting out grace periods. */
export async function runJobsToCompletion(db: Kysely<DB>, keys: DataKeys, policy: RotationPolicy, onProgress?: (msg: string) => void) {
  for (;;) {
    if (await runJobStep(db, keys, policy)) continue;
    const pending = await db.selectFrom('data_key_jobs').select(['project_id', 'phase', 'reencrypted']).where('phase', '<>', 'done').execute();
    if (pending.length === 0) return;
    onProgress?.(`waiting for the grace period of ${pending.length} job(s) before destroying old data key versions`);
    await new Promise((r) => setTimeout(r, Math.min(1000, policy.graceMs)));
  }
}

/** Data keys whose active version has reached the seal or age limit. */
export async function overLimit(db: Kysely<DB>, policy: RotationPolicy): Promise<{ project_id: string; version: number; reason: string }[]> {
  const { rows } = await sql<{ project_id: string; version: number; seals: number; old: boolean }>`
    SELECT k.project_id, k.version, k.seals, k.created_at < now() - make_interval(days => ${policy.maxAgeDays}) AS old
    FROM project_keys k JOIN projects p ON p.id = k.project_id AND p.deleted_at IS NULL
    WHERE k.version > 0 AND k.retired_at IS NULL
      AND (k.seals >= ${policy.maxSeals} OR k.created_at < now() - make_interval(days => ${policy.maxAgeDays}))`.execute(db);
  return rows.map((r) => ({ project_id: r.project_id, version: r.version, reason: r.old ? 'max_age' : 'max_seals' }));
}

/**
 * A node's background part: persists seal counts (every tick, or at once when one key has many
 * pending, never waiting behind a job), follows other nodes' rotations, starts rotations at the
 * limits, and runs jobs.
 */
export class DataKeyMaintenance {
  private readonly loops: Periodic[];
  private running: Promise<void> | null = null;
  private flushing: Promise<void> | null = null;
  private ticks = 0;
  private stopped = false;

  constructor(
    private db: Kysely<DB>,
    private keys: DataKeys,
    private policy: RotationPolicy,
    private log: { warn(obj: object, msg: string): void },
    private tickMs = 1000,
  ) {
    keys.onFlushWanted(() => void this.flush());
    // Two loops, so persisting the counts never waits behind a long job step. Both log their own
    // failures (the Periodic message is never reached).
    this.loops = [
      new Periodic(tickMs, () => this.flush(), log, 'persisting data key seal counts failed'),
      new Periodic(tickMs, () => this.tick(), log, 'data key maintenance failed'),
    ];
  }

  start() {
    for (const loop of this.loops) loop.start();
  }

  tick(): Promise<void> {
    this.running ??= this.step()
      .catch((err: unknown) => this.log.warn({ err }, 'data key maintenance failed'))
      .finally(() => (this.running = null));
    return this.running;
  }

  /** Persists the pending seal counts; on failure they are kept for the next attempt. */
  flush(): Promise<void> {
    this.flushing ??= (async () => {
      const counts = this.keys.takeCounts();
      try {
        await persistCounts(this.db, counts);
      } catch (err) {
        this.keys.returnCounts(counts);
        this.log.warn({ err }, 'persisting data key seal counts failed');
      }
    })().finally(() => (this.flushing = null));
    return this.flushing;
  }

  private async step() {
    await this.follow();
    // Limits every 10 ticks: the slack below 2^32 is far larger than 10 ticks of traffic.
    if (this.ticks++ % 10 === 0) {
      for (const k of await overLimit(this.db, this.policy)) {
        await rotateDataKey(this.db, this.keys, k.project_id, k.reason, k.version);
      }
    }
    for (let i = 0; i < 20 && !this.stopped; i++) if (!(await runJobStep(this.db, this.keys, this.policy))) break;
  }

  /** Re-encryption jobs not yet done (the /metrics rotation gauge): one row per project at most. */
  async pendingJobs(): Promise<number> {
    const r = await this.db.selectFrom('data_key_jobs').select((eb) => eb.fn.countAll<string>().as('n')).where('phase', '<>', 'done').executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** Reloads projects whose stored versions differ from the ones held (missed NOTIFY). */
  private async follow() {
    const held = await this.keys.cached();
    if (held.size === 0) return;
    const { rows } = await sql<{ project_id: string; versions: number[] }>`
      SELECT project_id, array_agg(version ORDER BY version) AS versions FROM project_keys
      WHERE project_id = ANY(${[...held.keys()]}::text[]) AND version > 0 GROUP BY project_id`.execute(this.db);
    const stored = new Map(rows.map((r) => [r.project_id, r.versions.join()]));
    for (const [id, versions] of held) {
      if (stored.get(id) !== [...versions].sort((a, b) => a - b).join()) await this.keys.reload(id);
    }
  }

  async stop() {
    this.stopped = true;
    await Promise.all(this.loops.map((loop) => loop.stop()));
    await this.running;
    await this.flushing;
    await this.flush();
  }
}
