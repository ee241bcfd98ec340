import type { Kysely } from 'kysely';
import type { Keyring } from '../crypto/keyring.js';
import { loadOrCreateSecret } from '../crypto/secrets.js';
import type { DB } from '../db/schema.js';
import { adoptLegacyHeads, pruneChains, type SealedHead, sealPending, type VerifyResult, verifyChain } from './chain.js';

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
  private timer: NodeJS.Timeout | null = null;
  private lastPrune = 0;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private db: Kysely<DB>,
    private keyring: Keyring,
    private log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void; error(obj: object, msg: string): void },
    private opts: AuditChainOptions,
  ) {}

  private key(): Promise<Buffer> {
    this.keyP ??= loadOrCreateSecret(this.db, this.keyring, 'audit-chain')
      .then(async (key) => {
        for (const h of await adoptLegacyHeads(this.db, key)) {
          this.log.warn({ chain: h.chain, seq: h.seq, head_hash: h.hash }, 'audit head from before head MACs adopted: compare with your anchor');
        }
        return key;
      })
      .catch((e) => {
        this.keyP = null;
        throw e;
      });
    return this.keyP;
  }

  /** Every seal logs each chain's new head, so an operator can anchor it outside the database. */
  private readonly onSealed = (heads: SealedHead[]) => {
    for (const h of heads) {
      if (h.authentic) this.log.info({ chain: h.chain, seq: h.seq, head_hash: h.hash }, 'audit head sealed');
      else this.log.error({ chain: h.chain, seq: h.seq, head_hash: h.hash }, 'audit head failed its MAC: the chain was altered outside the vault');
    }
  };

  start() {
    if (this.opts.sealIntervalMs <= 0) return;
    this.timer = setInterval(() => {
      this.running = this.tick().catch((err: unknown) => this.log.warn({ err }, 'audit sealer failed'));
    }, this.opts.sealIntervalMs);
    this.timer.unref();
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

  async prune(): Promise<number> {
    const cutoff = new Date(this.opts.now().getTime() - this.opts.retentionDays * 86_400_000);
    return pruneChains(this.db, await this.key(), cutoff);
  }

  /** Seals what is pending first, so the answer covers every committed entry. */
  async verify(projectId: string | null): Promise<VerifyResult> {
    await this.sealNow();
    return verifyChain(this.db, await this.key(), projectId);
  }

  /** Every chain: the account-level one and each project's; valid only if all are. */
  async verifyAll(): Promise<{ valid: boolean; entries: number; invalid: string[] }> {
    const projects = await this.db.selectFrom('projects').select('id').execute();
    const out = { valid: true, entries: 0, invalid: [] as string[] };
    for (const id of [null, ...projects.map((p) => p.id)]) {
      const v = await this.verify(id);
      out.entries += v.entries;
      if (!v.valid) out.invalid.push(`${id ?? 'account events'} (first bad seq ${v.first_bad_seq})`);
    }
    out.valid = out.invalid.length === 0;
    return out;
  }

  async stop() {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
