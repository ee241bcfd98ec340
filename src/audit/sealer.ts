// The background sealer of the audit log's hash chains and its retention, on every node (one at a
// time, by lock), and the audit MAC key every writer signs with. Reading is service.ts.
import { type Kysely, sql } from 'kysely';
import type { Keyring } from '../crypto/keyring.js';
import { loadOrCreateSecret } from '../crypto/secrets.js';
import { auditSlot, writeAudit } from '../db/audit.js';
import { auditEvent } from '../db/audit-events.js';
import type { DB } from '../db/schema.js';
import { Periodic } from '../lib/periodic.js';
import { adoptPlaceholders, rebaseTxids, type SealedHead, sealPending } from './chain.js';
import { pruneChains, type VerifyResult, verifyChain } from './verify.js';

/**
 * The audit MAC key: the `audit-chain` vault secret, wrapped by the master key (re-wrapped, not
 * changed, by `keys rotate`, so old rows keep verifying). The first load after migration 0010
 * adopts its placeholders, each logged so it can be compared with an outside anchor.
 */
async function loadAuditKey(db: Kysely<DB>, keyring: Keyring, warn: (obj: object, msg: string) => void): Promise<Buffer> {
  const key = await loadOrCreateSecret(db, keyring, 'audit-chain');
  const shifted = await rebaseTxids(db, key);
  if (shifted > 0) warn({ shifted }, 'audit transaction ids shifted below this cluster\'s (restored into a new cluster)');
  for (const s of await adoptPlaceholders(db, key)) {
    warn({ chain: s.chain, kind: s.kind, entries: s.entries, mac: s.mac }, 'audit chain from before row MACs adopted: compare with your anchor');
  }
  return key;
}

/** Lets every audit writer of `db` (and its other pools in this process) sign with the key. */
export function attachAuditKey(db: Kysely<DB>, keyring: Keyring, warn: (obj: object, msg: string) => void = () => {}) {
  auditSlot(db).provide(() => loadAuditKey(db, keyring, warn));
}

export interface AuditChainOptions {
  /** How often pending entries are sealed; 0 = only on demand (tests). */
  sealIntervalMs: number;
  retentionDays: number;
  now: () => Date;
}

const PRUNE_EVERY_MS = 3600_000;

/** Runs the sealer and retention in the background of every node (one at a time, by lock). */
export class AuditChain {
  private keyP: Promise<Buffer> | null = null;
  private lastPrune = 0;
  private readonly loop: Periodic;

  constructor(
    private db: Kysely<DB>,
    private keyring: Keyring,
    private log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void; error(obj: object, msg: string): void },
    private opts: AuditChainOptions,
  ) {
    // Every writer of this database signs its rows with the same key.
    auditSlot(db).provide(() => this.key());
    this.loop = new Periodic(opts.sealIntervalMs, () => this.tick(), log, 'audit sealer failed');
  }

  private key(): Promise<Buffer> {
    this.keyP ??= loadAuditKey(this.db, this.keyring, (obj, msg) => this.log.warn(obj, msg)).catch((e) => {
      this.keyP = null;
      throw e;
    });
    return this.keyP;
  }

  /** Every seal logs each chain's new head, so an operator can anchor it outside the database. */
  private readonly onSealed = (heads: SealedHead[]) => {
    for (const h of heads) {
      this.log.info({ chain: h.chain, n: h.n, head_hash: h.mac, entries: h.entries }, 'audit head sealed');
      if (h.rejected > 0) this.log.error({ chain: h.chain, n: h.n, rejected: h.rejected }, 'audit rows failed their MAC: written outside the vault');
    }
  };

  start() {
    this.loop.start();
  }

  private async tick() {
    await this.sealNow(false);
    if (Date.now() - this.lastPrune > PRUNE_EVERY_MS) {
      this.lastPrune = Date.now();
      await this.prune();
    }
  }

  /** Seals everything committed so far (waiting for another node's sealer if it is busy). */
  async sealNow(wait = true): Promise<number> {
    const key = await this.key();
    let total = 0;
    for (;;) {
      const n = await sealPending(this.db, key, 5000, wait, this.onSealed);
      total += n;
      if (n < 5000) return total;
    }
  }

  /**
   * Entries not yet under a seal and the age of the oldest (the /metrics lag gauges): the same
   * bound the sealer reads every round, then an index range on audit_log.txid.
   */
  async lag(): Promise<{ entries: number; oldestSeconds: number }> {
    const { rows: [r] } = await sql<{ n: string; age: number | null }>`
      SELECT count(*) AS n, extract(epoch FROM now() - min(created_at))::float8 AS age
      FROM audit_log WHERE txid >= (SELECT coalesce(max(to_txid), 0) FROM audit_seals)`.execute(this.db);
    return { entries: Number(r.n), oldestSeconds: Math.max(0, r.age ?? 0) };
  }

  async prune(): Promise<number> {
    const cutoff = new Date(this.opts.now().getTime() - this.opts.retentionDays * 86_400_000);
    const { pruned, refused } = await pruneChains(this.db, await this.key(), cutoff);
    for (const chain of refused) this.log.error({ chain }, 'audit retention stopped at a seal that fails verification');
    return pruned;
  }

  /**
   * Seals what is pending first, so the answer covers every committed entry. A project chain that
   * fails is itself recorded (audit_verification_failed), which webhooks deliver to the merchant.
   */
  async verify(projectId: string | null): Promise<VerifyResult> {
    await this.sealNow();
    const v = await verifyChain(this.db, await this.key(), projectId);
    if (!v.valid && projectId !== null) {
      await writeAudit(this.db, null, auditEvent('audit_verification_failed', {
        projectId, outcome: 'failure', resourceId: projectId, details: { first_bad_seq: v.first_bad_seq, reason: v.reason },
      }));
    }
    return v;
  }

  /** Every chain: the account-level one and each project's; valid only if all are. */
  async verifyAll(): Promise<{ valid: boolean; entries: number; invalid: string[] }> {
    const projects = await this.db.selectFrom('projects').select('id').execute();
    const out = { valid: true, entries: 0, invalid: [] as string[] };
    for (const id of [null, ...projects.map((p) => p.id)]) {
      const v = await this.verify(id);
      out.entries += v.entries;
      if (!v.valid) out.invalid.push(`${id ?? 'account events'} (first bad seq ${v.first_bad_seq}: ${v.reason})`);
    }
    out.valid = out.invalid.length === 0;
    return out;
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }
}
