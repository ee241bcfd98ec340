// The tokenize/detokenize hot path. Each write is ONE SQL statement that inserts the tokens, their
// CVC sessions and the audit entries together (atomic: all or nothing), and concurrent requests
// are coalesced into one statement (group commit). Data keys come from memory; crypto is one
// AES-GCM seal per secret and one HMAC per fingerprint.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { open, seal } from '../crypto/aead.js';
import { type DataKeys, fingerprint, ProjectKeyMissing } from '../crypto/datakeys.js';
import { Coalescer } from '../lib/coalescer.js';
import { cardPreservingToken, randomToken } from './format.js';
import type { PreparedItem } from './prepare.js';

export interface Caller {
  projectId: string;
  appId: string | null;
  userId: string | null;
  ip: string | null;
  requestId: string;
}

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

export const tokenAad = (projectId: string, token: string) => `vault:token:${projectId}:${token}`;
export const cvcAad = (projectId: string, sessionId: string) => `vault:cvc:${projectId}:${sessionId}`;

interface WriteJob {
  size: number;
  caller: Caller;
  action: string;
  items: (PreparedItem & { fingerprint: string })[];
  now: Date;
}

interface ReadJob {
  size: number;
  caller: Caller;
  action: string;
  tokens: string[];
  now: Date;
}

const INSERT_SQL = `
WITH input AS (
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bytea[], $6::text[], $7::bool[],
                       $8::jsonb[], $9::jsonb[], $10::bool[], $11::text[], $12::timestamptz[], $13::uuid[],
                       $14::bytea[], $15::timestamptz[], $16::int[], $17::int[])
    AS i(project_id, token, type, format, ciphertext, fingerprint, dedup, display, metadata, test, app_id,
         expires_at, cvc_id, cvc_ct, cvc_expires_at, req, ord)
), ins AS (
  INSERT INTO tokens (project_id, token, type, format, ciphertext, fingerprint, dedup, display, metadata, test, app_id, created_at, expires_at)
  SELECT project_id, token, type, format, ciphertext, fingerprint, dedup, display, metadata, test, app_id, $27, expires_at FROM input
  ON CONFLICT DO NOTHING
  RETURNING project_id, token
), res AS (
  SELECT i.ord, i.req, i.project_id, i.cvc_id, i.cvc_ct, i.cvc_expires_at, i.test,
         COALESCE(n.token, e.token) AS token,
         n.token IS NULL AS deduplicated,
         -- The existing token's fields, for deduplicated items only: for a new row the caller
         -- already holds them, and sending them back would cost a parse per row.
         e.created_at, e.expires_at, e.display, e.metadata
  FROM input i
  LEFT JOIN ins n ON n.project_id = i.project_id AND n.token = i.token
  LEFT JOIN LATERAL (
    SELECT t.token, t.created_at, t.expires_at, t.display, t.metadata FROM tokens t
    WHERE i.dedup AND n.token IS NULL AND t.dedup AND t.project_id = i.project_id AND t.type = i.type
      AND t.fingerprint = i.fingerprint AND (t.expires_at IS NULL OR t.expires_at > $27)
  ) e ON true
), cvc AS (
  INSERT INTO cvc_sessions (id, project_id, token, ciphertext, test, created_at, expires_at)
  SELECT cvc_id, project_id, token, cvc_ct, test, $27, cvc_expires_at FROM res WHERE cvc_id IS NOT NULL AND token IS NOT NULL
), aud AS (
  INSERT INTO audit_log (project_id, created_at, event_type, action, outcome, resource_type, resource_id, app_id, user_id, ip_address, request_id, details)
  SELECT a.project_id, $27, 'token', a.action, 'success', 'token',
         CASE WHEN a.single THEN (SELECT r.token FROM res r WHERE r.req = a.req LIMIT 1) END,
         a.app_id, a.user_id, a.ip, a.request_id,
         a.details || jsonb_build_object('deduplicated', (SELECT count(*) FROM res r WHERE r.req = a.req AND r.deduplicated))
  FROM unnest($18::int[], $19::text[], $20::text[], $21::text[], $22::text[], $23::text[], $24::text[], $25::bool[], $26::jsonb[])
    AS a(req, project_id, action, app_id, user_id, ip, request_id, single, details)
)
SELECT ord, token, deduplicated, created_at, expires_at, display, metadata,
       vault_assert(token IS NOT NULL, 'tokenize: unresolved item, retrying') AS ok
FROM res ORDER BY ord`;

// Expired deduplicated tokens still hold their unique fingerprint until swept; a retry clears them.
const CLEAR_EXPIRED_DEDUP_SQL = `
DELETE FROM tokens t USING unnest($1::text[], $2::text[], $3::text[]) AS x(project_id, type, fingerprint)
WHERE t.dedup AND t.project_id = x.project_id AND t.type = x.type AND t.fingerprint = x.fingerprint AND t.expires_at <= $4`;

const SELECT_SQL = `
WITH want AS (
  SELECT * FROM unnest($1::int[], $2::text[], $3::text[]) AS w(req, project_id, token)
), t AS (
  SELECT w.req, tk.token, tk.type, tk.ciphertext, tk.metadata, tk.project_id
  FROM want w JOIN tokens tk ON tk.project_id = w.project_id AND tk.token = w.token
  WHERE tk.expires_at IS NULL OR tk.expires_at > $4
), aud AS (
  INSERT INTO audit_log (project_id, created_at, event_type, action, outcome, resource_type, resource_id, app_id, user_id, ip_address, request_id, details)
  SELECT a.project_id, $4, 'token', a.action,
         CASE WHEN f.found = a.requested THEN 'success' ELSE 'failure' END, 'token', a.resource_id,
         a.app_id, a.user_id, a.ip, a.request_id, jsonb_build_object('requested', a.requested, 'found', f.found)
  FROM unnest($5::int[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::int[])
    AS a(req, project_id, action, resource_id, app_id, user_id, ip, request_id, requested)
  CROSS JOIN LATERAL (SELECT count(*)::int AS found FROM t WHERE t.req = a.req) f
)
SELECT req, token, type, ciphertext, metadata, project_id FROM t`;

const MAX_ATTEMPTS = 5;

export class TokenStore {
  private writes: Coalescer<WriteJob, TokenizeOutcome[]>;
  private reads: Coalescer<ReadJob, DetokenizeOutcome[]>;

  constructor(
    private pool: pg.Pool,
    private keys: DataKeys,
    private log: { error(obj: object, msg: string): void },
  ) {
    const inflight = Math.max(2, Math.floor((pool.options.max ?? 10) / 2));
    this.writes = new Coalescer((jobs) => this.writeBatch(jobs), 2000, inflight);
    this.reads = new Coalescer((jobs) => this.readBatch(jobs), 2000, inflight);
  }

  async tokenize(caller: Caller, action: string, items: PreparedItem[], now: Date): Promise<TokenizeOutcome[]> {
    const key = await this.keys.get(caller.projectId);
    const withFp = items.map((it) => ({ ...it, fingerprint: fingerprint(key, it.type, it.canonical) }));
    return this.writes.submit({ size: items.length, caller, action, items: withFp, now });
  }

  async detokenize(caller: Caller, action: string, tokens: string[], now: Date): Promise<DetokenizeOutcome[]> {
    return this.reads.submit({ size: tokens.length, caller, action, tokens, now });
  }

  private async writeBatch(jobs: WriteJob[]): Promise<TokenizeOutcome[][]> {
    const now = jobs[0].now;
    // Within one statement a second row with the same dedup fingerprint could not see the first:
    // send each (project, type, fingerprint) once and give the copies its answer.
    const leaders = new Map<string, number>();
    const rows: { job: number; item: WriteJob['items'][number]; copyOf: number | null }[] = [];
    jobs.forEach((job, j) =>
      job.items.forEach((item) => {
        const k = item.dedup ? `${job.caller.projectId}\0${item.type}\0${item.fingerprint}` : null;
        const leader = k === null ? undefined : leaders.get(k);
        if (k !== null && leader === undefined) leaders.set(k, rows.length);
        rows.push({ job: j, item, copyOf: leader ?? null });
      }),
    );
    const sent = rows.map((r, i) => ({ ...r, index: i })).filter((r) => r.copyOf === null);
    const projectKeys = await Promise.all(jobs.map((j) => this.keys.get(j.caller.projectId)));

    for (let attempt = 1; ; attempt++) {
      const cols = {
        project: [] as string[], token: [] as string[], type: [] as string[], format: [] as string[], ct: [] as Buffer[],
        fp: [] as string[], dedup: [] as boolean[], display: [] as string[], meta: [] as (string | null)[], test: [] as boolean[],
        app: [] as (string | null)[], exp: [] as (Date | null)[], cvcId: [] as (string | null)[], cvcCt: [] as (Buffer | null)[],
        cvcExp: [] as (Date | null)[], req: [] as number[], ord: [] as number[],
      };
      const cvcIds: (string | null)[] = [];
      for (const r of sent) {
        const { caller } = jobs[r.job];
        const key = projectKeys[r.job];
        const it = r.item;
        const token = it.format === 'card_preserving' ? cardPreservingToken(it.pan!) : randomToken();
        const cvcId = it.cvv ? randomUUID() : null;
        cvcIds.push(cvcId);
        cols.project.push(caller.projectId);
        cols.token.push(token);
        cols.type.push(it.type);
        cols.format.push(it.format);
        cols.ct.push(seal(key.dek, it.plaintext, tokenAad(caller.projectId, token)));
        cols.fp.push(it.fingerprint);
        cols.dedup.push(it.dedup);
        cols.display.push(JSON.stringify(it.display));
        cols.meta.push(it.metadata === null ? null : JSON.stringify(it.metadata));
        cols.test.push(it.test);
        cols.app.push(caller.appId);
        cols.exp.push(it.ttlSeconds ? new Date(now.getTime() + it.ttlSeconds * 1000) : null);
        cols.cvcId.push(cvcId);
        cols.cvcCt.push(cvcId ? seal(key.dek, Buffer.from(it.cvv!), cvcAad(caller.projectId, cvcId)) : null);
        cols.cvcExp.push(cvcId ? new Date(now.getTime() + it.cvcTtlSeconds * 1000) : null);
        cols.req.push(r.job);
        cols.ord.push(r.index);
      }
      const audit = jobs.map((job, j) => ({
        req: j,
        project: job.caller.projectId,
        action: job.action,
        app: job.caller.appId,
        user: job.caller.userId,
        ip: job.caller.ip,
        requestId: job.caller.requestId,
        single: job.items.length === 1,
        details: JSON.stringify({ count: job.items.length, types: [...new Set(job.items.map((i) => i.type))] }),
      }));
      try {
        const res = await this.pool.query<InsertedRow>({
          name: 'tokenize_v2',
          text: INSERT_SQL,
          values: [
            cols.project, cols.token, cols.type, cols.format, cols.ct, cols.fp, cols.dedup, cols.display, cols.meta, cols.test,
            cols.app, cols.exp, cols.cvcId, cols.cvcCt, cols.cvcExp, cols.req, cols.ord,
            audit.map((a) => a.req), audit.map((a) => a.project), audit.map((a) => a.action), audit.map((a) => a.app),
            audit.map((a) => a.user), audit.map((a) => a.ip), audit.map((a) => a.requestId), audit.map((a) => a.single),
            audit.map((a) => a.details), now,
          ],
        });
        const byOrd = new Map<number, TokenizeOutcome>();
        res.rows.forEach((row, i) => {
          const r = sent[i];
          const old = row.deduplicated;
          byOrd.set(row.ord, {
            token: row.token,
            type: r.item.type,
            fingerprint: r.item.fingerprint,
            deduplicated: old,
            createdAt: old ? row.created_at : now,
            expiresAt: old ? row.expires_at : cols.exp[i],
            display: old ? row.display : r.item.display,
            metadata: old ? row.metadata : r.item.metadata,
            cvcSessionId: cvcIds[i],
          });
        });
        const out: TokenizeOutcome[][] = jobs.map(() => []);
        rows.forEach((r, i) => {
          const own = byOrd.get(i);
          if (own) out[r.job].push(own);
          else {
            // A copy: same token as its leader, reported as deduplicated, with its own CVC (if any)
            // attached by a follow-up below.
            out[r.job].push({ ...byOrd.get(r.copyOf!)!, deduplicated: true, cvcSessionId: null, metadata: byOrd.get(r.copyOf!)!.metadata });
          }
        });
        await this.attachCopyCvcs(rows, out, jobs, projectKeys, now);
        return out;
      } catch (err) {
        if ((err as { code?: string }).code !== 'VR001' || attempt >= MAX_ATTEMPTS) throw err;
        const dedupRows = sent.filter((r) => r.item.dedup);
        if (dedupRows.length > 0) {
          await this.pool.query(CLEAR_EXPIRED_DEDUP_SQL, [
            dedupRows.map((r) => jobs[r.job].caller.projectId), dedupRows.map((r) => r.item.type), dedupRows.map((r) => r.item.fingerprint), now,
          ]);
        }
      }
    }
  }

  /** Rare: a deduplicated copy in the same batch that carried its own CVV gets its own session. */
  private async attachCopyCvcs(
    rows: { job: number; item: WriteJob['items'][number]; copyOf: number | null }[],
    out: TokenizeOutcome[][],
    jobs: WriteJob[],
    projectKeys: { dek: Buffer }[],
    now: Date,
  ) {
    const seen = new Map<number, number>();
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      const pos = seen.get(r.job) ?? 0;
      seen.set(r.job, pos + 1);
      if (r.copyOf === null || !r.item.cvv) continue;
      const projectId = jobs[r.job].caller.projectId;
      const id = randomUUID();
      const ct = seal(projectKeys[r.job].dek, Buffer.from(r.item.cvv), cvcAad(projectId, id));
      await this.pool.query(
        'INSERT INTO cvc_sessions (id, project_id, token, ciphertext, test, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [id, projectId, out[r.job][pos].token, ct, r.item.test, now, new Date(now.getTime() + r.item.cvcTtlSeconds * 1000)],
      );
      out[r.job][pos] = { ...out[r.job][pos], cvcSessionId: id };
    }
  }

  private async readBatch(jobs: ReadJob[]): Promise<DetokenizeOutcome[][]> {
    const want = { req: [] as number[], project: [] as string[], token: [] as string[] };
    jobs.forEach((job, j) =>
      job.tokens.forEach((t) => {
        want.req.push(j);
        want.project.push(job.caller.projectId);
        want.token.push(t);
      }),
    );
    const res = await this.pool.query<SelectedRow>({
      name: 'detokenize_v1',
      text: SELECT_SQL,
      values: [
        want.req, want.project, want.token, jobs[0].now,
        jobs.map((_, j) => j), jobs.map((j) => j.caller.projectId), jobs.map((j) => j.action),
        jobs.map((j) => (j.tokens.length === 1 ? j.tokens[0] : null)), jobs.map((j) => j.caller.appId),
        jobs.map((j) => j.caller.userId), jobs.map((j) => j.caller.ip), jobs.map((j) => j.caller.requestId),
        jobs.map((j) => j.tokens.length),
      ],
    });
    const found = jobs.map(() => new Map<string, DetokenizeOutcome>());
    for (const row of res.rows) {
      let key;
      try {
        key = await this.keys.get(row.project_id);
      } catch (err) {
        if (err instanceof ProjectKeyMissing) continue; // crypto-shredded: unreadable by design
        throw err;
      }
      try {
        const data = JSON.parse(open(key.dek, row.ciphertext, tokenAad(row.project_id, row.token)).toString('utf8')) as unknown;
        found[row.req].set(row.token, { token: row.token, type: row.type, data: row.type === 'string' ? (data as { value: string }).value : data, metadata: row.metadata });
      } catch {
        // The ciphertext is not the one written for this token (moved or altered in the database).
        this.log.error({ project_id: row.project_id }, 'token ciphertext failed authentication');
      }
    }
    return jobs.map((job, j) => job.tokens.map((t) => found[j].get(t) ?? { token: t, missing: true as const }));
  }

  /** Deletes what has expired. Reads already refuse expired rows; this frees the space. */
  async sweep(now: Date): Promise<{ tokens: number; cvcSessions: number }> {
    const c = await this.pool.query('DELETE FROM cvc_sessions WHERE expires_at <= $1', [now]);
    const t = await this.pool.query(
      'DELETE FROM tokens WHERE ctid = ANY(ARRAY(SELECT ctid FROM tokens WHERE expires_at <= $1 LIMIT 10000))',
      [now],
    );
    return { tokens: t.rowCount ?? 0, cvcSessions: c.rowCount ?? 0 };
  }
}
