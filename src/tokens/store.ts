// The tokenize/detokenize hot path. Each write is ONE SQL statement (sql.ts) that inserts the
// tokens, their CVC sessions and the audit entries together (atomic: all or nothing), and
// concurrent requests are coalesced into one statement (group commit). Data keys come from memory; crypto is one
// AES-GCM seal per secret and one HMAC per fingerprint.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { cvcAad, type DataKeys, fingerprint, type ProjectKey, ProjectKeyMissing, tokenAad } from '../crypto/datakeys.js';
import { type AuditKeySlot, auditSlot, createdText } from '../db/audit.js';
import { macFields, type EventsOf } from '../db/audit-events.js';
import { Coalescer, type CoalescerLog } from '../db/coalescer.js';
import { VaultError } from '../http/errors.js';
import type { Caller } from '../lib/context.js';
import { digitPattern, drawToken, fpeToken, freeDigits, isTokenId } from './format.js';
import type { PreparedItem } from './prepare.js';
import { storedType } from './types/index.js';
import { sweepExpired } from './sweep.js';
import { CLEAR_EXPIRED_DEDUP_SQL, FIXED_HOLDERS_SQL, INSERT_FIXED_SQL, INSERT_SQL, SELECT_SQL, unresolvedItems, USED_DIGIT_TOKENS_SQL } from './sql.js';
import { FORMAT } from '../lib/token-formats.js';

export type { Caller } from '../lib/context.js';

export interface TokenizeOutcome {
  token: string;
  type: string;
  fingerprint: string;
  deduplicated: boolean;
  createdAt: Date;
  expiresAt: Date | null;
  display: Record<string, string>;
  metadata: Record<string, unknown> | null;
  cvcSessionId: string | null;
}

/** A row of INSERT_SQL's answer: a new token, or the stored one a deduplicated item matched. */
interface InsertedRow {
  ord: number;
  token: string;
  deduplicated: boolean;
  created_at: Date;
  expires_at: Date | null;
  display: Record<string, string>;
  metadata: Record<string, unknown> | null;
}

/** A row of SELECT_SQL's answer, tagged with the request (`req`) that asked for it. */
interface SelectedRow {
  req: number;
  project_id: string;
  token: string;
  type: string;
  ciphertext: Buffer;
  metadata: Record<string, unknown> | null;
}

export type DetokenizeOutcome = { token: string; type: string; data: unknown; metadata: Record<string, unknown> | null } | { token: string; missing: true };


/** A tokenize item's result: its token, or the reason it alone failed. */
export type TokenizeItemResult = TokenizeOutcome | VaultError;

/** The audit action of a tokenize or detokenize call (db/audit-events.ts). */
export type TokenAction = EventsOf<'token'>;

interface WriteJob {
  size: number;
  caller: Caller;
  action: TokenAction;
  items: (PreparedItem & { fingerprint: string })[];
  now: Date;
}

interface ReadJob {
  size: number;
  caller: Caller;
  action: TokenAction;
  tokens: string[];
  now: Date;
}

/** One item of a merged tokenize statement; `ord` is its place in the statement. */
interface Row {
  ord: number;
  job: number;
  item: WriteJob['items'][number];
  /** The in-batch item with the same dedup fingerprint whose answer this one shares. */
  leader: number | null;
  token: string | null;
  ciphertext: Buffer | null;
  expiresAt: Date | null;
  cvcId: string | null;
  failed: VaultError | null;
}

const MAX_ATTEMPTS = 5;
const spaceExhausted = () =>
  new VaultError('token_space_exhausted');
/** A token that cannot be drawn again: the caller's own id, or an fpe token (its card's). */
const isFixed = (item: PreparedItem) => item.ownToken !== null || item.format === FORMAT.fpe;

export class TokenStore {
  private writes: Coalescer<WriteJob, TokenizeItemResult[]>;
  private reads: Coalescer<ReadJob, DetokenizeOutcome[]>;
  private audit: AuditKeySlot;

  constructor(
    private pool: pg.Pool,
    private keys: DataKeys,
    private log: CoalescerLog,
  ) {
    this.audit = auditSlot(pool);
    const inflight = Math.max(2, Math.floor((pool.options.max ?? 10) / 2));
    this.writes = new Coalescer((jobs) => this.writeBatch(jobs), 2000, inflight, log, 'tokenize');
    this.reads = new Coalescer((jobs) => this.readBatch(jobs), 2000, inflight, log, 'detokenize');
  }

  /** The group-commit queues (the batch-size metric). */
  coalescers = () => [this.writes, this.reads];

  async tokenize(caller: Caller, action: TokenAction, items: PreparedItem[], now: Date): Promise<TokenizeItemResult[]> {
    const key = await this.keys.get(caller.projectId);
    const withFp = items.map((it) => ({ ...it, fingerprint: fingerprint(key, it.type, it.canonical) }));
    return this.writes.submit({ size: items.length, caller, action, items: withFp, now });
  }

  async detokenize(caller: Caller, action: TokenAction, tokens: string[], now: Date): Promise<DetokenizeOutcome[]> {
    return this.reads.submit({ size: tokens.length, caller, action, tokens, now });
  }

  private async writeBatch(jobs: WriteJob[]): Promise<TokenizeItemResult[][]> {
    const now = jobs[0].now;
    await this.audit.ready();
    const projectKeys = await Promise.all(jobs.map((j) => this.keys.get(j.caller.projectId)));
    // Within one statement a second row with the same dedup fingerprint could not see the first:
    // the first is the leader, the copies share its answer.
    const leaders = new Map<string, number>();
    // Two rows of one project must never carry the same token: ON CONFLICT would drop the second
    // and both would read back the first's (another card's) token.
    const taken = new Set<string>();
    // Fixed tokens of the statement, by project and token: a second fpe item of the same card
    // follows the first (as a deduplicated copy does); a second own id that is taken fails.
    const fixed = new Map<string, number>();
    const rows: Row[] = [];
    jobs.forEach((job, j) =>
      job.items.forEach((item) => {
        const k = item.dedup ? `${job.caller.projectId}\0${item.type}\0${item.fingerprint}` : null;
        let leader = k === null ? undefined : leaders.get(k);
        if (leader === undefined && isFixed(item)) leader = this.fixedLeader(item, job, projectKeys[j], rows, fixed);
        if (k !== null && leader === undefined) leaders.set(k, rows.length);
        const row: Row = {
          ord: rows.length, job: j, item, leader: leader === undefined || leader === -1 ? null : leader, token: null, ciphertext: null,
          expiresAt: item.ttlSeconds ? new Date(now.getTime() + item.ttlSeconds * 1000) : null,
          cvcId: item.cvv ? randomUUID() : null, failed: null,
        };
        rows.push(row);
        if (leader === -1) row.failed = new VaultError('token_exists');
        else if (row.leader === null) this.assign(row, jobs, projectKeys, taken);
      }),
    );

    for (let attempt = 1; ; attempt++) {
      for (const r of rows) if (r.leader !== null && !r.failed) r.failed = rows[r.leader].failed;
      const live = rows.filter((r) => !r.failed);
      if (live.length === 0) return this.results(jobs, rows, new Map(), now);
      try {
        // Only a statement with an fpe item pays for the look-up of an fpe token already stored.
        const withFixed = live.some((r) => r.item.format === FORMAT.fpe);
        const values = this.params(jobs, rows, live, projectKeys, now);
        const res = await this.pool.query<InsertedRow>(withFixed
          ? { name: 'tokenize_fixed_v1', text: INSERT_FIXED_SQL, values: [...values, live.map((r) => r.item.format === FORMAT.fpe)] }
          : { name: 'tokenize_v4', text: INSERT_SQL, values });
        return this.results(jobs, rows, new Map(res.rows.map((row) => [row.ord, row])), now);
      } catch (err) {
        const unresolved = unresolvedItems(err);
        if (unresolved === null || attempt >= MAX_ATTEMPTS) throw err;
        await this.retryUnresolved(unresolved.map((ord) => rows[ord]).filter((r) => r.leader === null), jobs, projectKeys, taken, now);
      }
    }
  }

  /**
   * A fresh token for a row (and its ciphertext, which is bound to the token). A token it held
   * before stays in `taken`: it was unresolved because someone else holds it.
   */
  private assign(r: Row, jobs: WriteJob[], projectKeys: ProjectKey[], taken: Set<string>) {
    const projectId = jobs[r.job].caller.projectId;
    const it = r.item;
    const token = drawToken(it, () => projectKeys[r.job].ff1(), projectId, (t) => taken.has(`${projectId}\0${t}`));
    if (token === null) {
      r.failed = spaceExhausted();
      return;
    }
    taken.add(`${projectId}\0${token}`);
    r.token = token;
    r.ciphertext = projectKeys[r.job].seal(r.item.plaintext, tokenAad(projectId, token));
  }

  /**
   * For a fixed-token item: the earlier row of the statement it must follow (an fpe item of the
   * same card), -1 when an earlier row holds its token otherwise (it fails: token_exists), or
   * undefined when it is the first to ask for the token.
   */
  private fixedLeader(item: PreparedItem & { fingerprint: string }, job: WriteJob, key: ProjectKey, rows: Row[], fixed: Map<string, number>): number | undefined {
    const projectId = job.caller.projectId;
    const token = item.ownToken ?? fpeToken(key.ff1(), projectId, item.pan!, item.luhn);
    const k = `${projectId}\0${token}`;
    const first = fixed.get(k);
    if (first === undefined) {
      fixed.set(k, rows.length);
      return undefined;
    }
    const lead = rows[first];
    const sameCard = item.ownToken === null && lead.item.ownToken === null && lead.item.fingerprint === item.fingerprint;
    return sameCard && !lead.failed ? (lead.leader ?? first) : -1;
  }

  /** The rare path: items the statement could not resolve get what they need for another try. */
  private async retryUnresolved(all: Row[], jobs: WriteJob[], projectKeys: ProjectKey[], taken: Set<string>, now: Date) {
    // A fixed token held by a live row: that item fails; an expired holder is deleted.
    const held = all.filter((r) => isFixed(r.item));
    if (held.length > 0) {
      const { rows: live } = await this.pool.query<{ project_id: string; token: string }>(FIXED_HOLDERS_SQL, [
        held.map((r) => jobs[r.job].caller.projectId), held.map((r) => r.token), now,
      ]);
      const inUse = new Set(live.map((f) => `${f.project_id}\0${f.token}`));
      for (const r of held) if (inUse.has(`${jobs[r.job].caller.projectId}\0${r.token}`)) r.failed = new VaultError('token_exists');
    }
    const unresolved = all.filter((r) => !r.failed);
    const dedup = unresolved.filter((r) => r.item.dedup);
    if (dedup.length > 0) {
      await this.pool.query(CLEAR_EXPIRED_DEDUP_SQL, [
        dedup.map((r) => jobs[r.job].caller.projectId), dedup.map((r) => r.item.type), dedup.map((r) => r.item.fingerprint), now,
      ]);
    }
    // A digit token collided with one already stored: learn which tokens of that shape (BIN,
    // last 4, length) are in use, so the next pick avoids them or the item fails alone when none is left.
    const shapes = new Map<string, [string, string]>();
    for (const r of unresolved) {
      if (freeDigits(r.item.format, 0) === null || isFixed(r.item)) continue;
      const projectId = jobs[r.job].caller.projectId;
      const pattern = digitPattern(r.item.format, r.item.pan!);
      shapes.set(`${projectId}\0${pattern}`, [projectId, pattern]);
    }
    for (const [projectId, pattern] of shapes.values()) {
      const { rows } = await this.pool.query<{ token: string }>(USED_DIGIT_TOKENS_SQL, [projectId, pattern]);
      for (const row of rows) taken.add(`${projectId}\0${row.token}`);
    }
    for (const r of unresolved) this.assign(r, jobs, projectKeys, taken);
  }

  private params(jobs: WriteJob[], rows: Row[], live: Row[], projectKeys: ProjectKey[], now: Date): unknown[] {
    const cols = {
      project: [] as string[], token: [] as (string | null)[], type: [] as string[], format: [] as string[], ct: [] as (Buffer | null)[],
      fp: [] as string[], dedup: [] as boolean[], display: [] as string[], meta: [] as (string | null)[], test: [] as boolean[],
      app: [] as (string | null)[], exp: [] as (Date | null)[], cvcId: [] as (string | null)[], cvcCt: [] as (Buffer | null)[],
      cvcExp: [] as (Date | null)[], req: [] as number[], ord: [] as number[], leader: [] as (number | null)[],
    };
    const withRows = new Set<number>();
    for (const r of live) {
      const { caller } = jobs[r.job];
      const it = r.item;
      withRows.add(r.job);
      cols.project.push(caller.projectId);
      cols.token.push(r.leader === null ? r.token : rows[r.leader].token);
      cols.type.push(it.type);
      cols.format.push(it.format);
      cols.ct.push(r.ciphertext);
      cols.fp.push(it.fingerprint);
      cols.dedup.push(it.dedup);
      cols.display.push(JSON.stringify(it.display));
      cols.meta.push(it.metadata === null ? null : JSON.stringify(it.metadata));
      cols.test.push(it.test);
      cols.app.push(caller.appId);
      cols.exp.push(r.expiresAt);
      cols.cvcId.push(r.cvcId);
      cols.cvcCt.push(r.cvcId ? projectKeys[r.job].seal(Buffer.from(it.cvv!), cvcAad(caller.projectId, r.cvcId)) : null);
      cols.cvcExp.push(r.cvcId ? new Date(now.getTime() + it.cvcTtlSeconds * 1000) : null);
      cols.req.push(r.job);
      cols.ord.push(r.ord);
      cols.leader.push(r.leader);
    }
    // One audit entry per request that has an item in the statement.
    const audited = jobs.map((job, j) => ({ job, j })).filter(({ j }) => withRows.has(j));
    const a = <T>(f: (job: WriteJob, j: number) => T) => audited.map(({ job, j }) => f(job, j));
    return [
      cols.project, cols.token, cols.type, cols.format, cols.ct, cols.fp, cols.dedup, cols.display, cols.meta, cols.test,
      cols.app, cols.exp, cols.cvcId, cols.cvcCt, cols.cvcExp, cols.req, cols.ord, cols.leader,
      a((_, j) => j), a((job) => job.caller.projectId), a((job) => job.action), a((job) => job.caller.appId),
      a((job) => job.caller.userId), a((job) => job.caller.ip), a((job) => job.caller.requestId), a((job) => job.action !== 'tokenize_batch' && job.items.length === 1),
      a((job) => JSON.stringify({ count: job.items.length, types: [...new Set(job.items.map((i) => i.type))] })),
      now,
      a((job) => this.sign(job.caller, job.action, now)),
    ];
  }

  /**
   * The writer MAC of a request's audit row. Its outcome, resource id and details come from the
   * statement (which tokens it matched or found), so they are left to the seal (scope `r`).
   */
  private sign(caller: Caller, action: TokenAction, now: Date): string {
    return this.audit.sign('r', macFields(action, {
      project_id: caller.projectId, created: createdText(now), outcome: '',
      resource_id: null, user_id: caller.userId, app_id: caller.appId, ip_address: caller.ip, request_id: caller.requestId, details: null,
    }));
  }

  /** Every item's answer, matched to its own input row by `ord` (never by token). */
  private results(jobs: WriteJob[], rows: Row[], byOrd: Map<number, InsertedRow>, now: Date): TokenizeItemResult[][] {
    const out: TokenizeItemResult[][] = jobs.map(() => []);
    const outcome = (r: Row): TokenizeItemResult => {
      if (r.failed) return r.failed;
      const lead = r.leader === null ? r : rows[r.leader];
      const row = byOrd.get(lead.ord)!;
      // An fpe token is its card's: whether it was stored already is told only where
      // deduplication applies (the same oracle rule), else the answer is the item's own.
      if (r.item.format === FORMAT.fpe && !r.item.dedup) {
        return {
          token: row.token, type: r.item.type, fingerprint: r.item.fingerprint, deduplicated: false, createdAt: now,
          expiresAt: r.expiresAt, display: r.item.display, metadata: r.item.metadata, cvcSessionId: r.cvcId,
        };
      }
      const old = row.deduplicated;
      return {
        token: row.token,
        type: lead.item.type,
        fingerprint: lead.item.fingerprint,
        deduplicated: old || r.leader !== null,
        createdAt: old ? row.created_at : now,
        expiresAt: old ? row.expires_at : lead.expiresAt,
        display: old ? row.display : lead.item.display,
        metadata: old ? row.metadata : lead.item.metadata,
        cvcSessionId: r.cvcId,
      };
    };
    for (const r of rows) out[r.job].push(outcome(r));
    return out;
  }

  private async readBatch(jobs: ReadJob[]): Promise<DetokenizeOutcome[][]> {
    // Keys first: after the statement (which writes the audit entries) nothing may fail, or the
    // coalescer's retry would write them twice.
    const keys = new Map<string, ProjectKey | null>();
    for (const j of jobs) {
      const p = j.caller.projectId;
      if (keys.has(p)) continue;
      keys.set(p, await this.keys.get(p).catch((err: unknown) => {
        if (err instanceof ProjectKeyMissing) return null; // crypto-shredded: unreadable by design
        throw err;
      }));
    }
    await this.audit.ready();
    const want = { req: [] as number[], project: [] as string[], token: [] as string[] };
    jobs.forEach((job, j) =>
      job.tokens.forEach((t) => {
        want.req.push(j);
        want.project.push(job.caller.projectId);
        want.token.push(t);
      }),
    );
    const res = await this.pool.query<SelectedRow>({
      name: 'detokenize_v3',
      text: SELECT_SQL,
      values: [
        want.req, want.project, want.token, jobs[0].now,
        jobs.map((_, j) => j), jobs.map((j) => j.caller.projectId), jobs.map((j) => j.action),
        jobs.map((j) => (j.tokens.length === 1 && isTokenId(j.tokens[0]) ? j.tokens[0] : null)), jobs.map((j) => j.caller.appId),
        jobs.map((j) => j.caller.userId), jobs.map((j) => j.caller.ip), jobs.map((j) => j.caller.requestId),
        jobs.map((j) => j.tokens.length), jobs.map((j) => j.action !== 'detokenize_batch' && j.tokens.length === 1),
        jobs.map((j) => this.sign(j.caller, j.action, jobs[0].now)),
      ],
    });
    const found = jobs.map(() => new Map<string, DetokenizeOutcome>());
    for (const row of res.rows) {
      const key = keys.get(row.project_id);
      if (!key) continue;
      try {
        const data = JSON.parse(key.open(row.ciphertext, tokenAad(row.project_id, row.token)).toString('utf8')) as unknown;
        found[row.req].set(row.token, { token: row.token, type: row.type, data: storedType(row.type).unwrap(data), metadata: row.metadata });
      } catch {
        // The ciphertext is not the one written for this token (moved or altered in the database).
        this.log.error({ project_id: row.project_id }, 'token ciphertext failed authentication');
      }
    }
    return jobs.map((job, j) => job.tokens.map((t) => found[j].get(t) ?? { token: t, missing: true as const }));
  }

  /** Deletes what has expired. Reads already refuse expired rows; this frees the space. */
  /** Expired tokens and CVC sessions (./sweep.ts). */
  sweep(now: Date): Promise<{ tokens: number; cvcSessions: number }> {
    return sweepExpired(this.pool, this.audit, now);
  }

}
