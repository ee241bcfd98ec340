// The outbound proxy of docs/api.md §3.4: read the token (and CVC session) in one statement, fill the
// placeholders, forward it (./upstream.ts: per-origin keep-alive pools whose connector refuses
// non-public addresses, card numbers masked in the answer), and write one audit entry.
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import type { Agent } from 'undici';
import { auditSlot, createdText } from '../db/audit.js';
import { AUDIT_EVENTS, macFields, INSERT_AUDIT, sqlText } from '../db/audit-events.js';
import { Coalescer } from '../db/coalescer.js';
import type { VaultConfig } from '../config.js';
import { cvcAad, type DataKeys, tokenAad } from '../crypto/datakeys.js';
import { invalidFields, VaultError } from '../http/errors.js';
import type { RequestTrace } from '../http/trace.js';
import { isTokenId } from '../tokens/format.js';
import { storedType } from '../tokens/types/index.js';
import type { Caller } from '../lib/context.js';
import { type Encoding, type Name, needsCvv, scanJson, scanString, substituteJson, substituteString, valuesFor } from './placeholders.js';
import { checkDestination, type DestinationPolicy } from '../net/ssrf.js';
import { codesOf, DEFAULT_TIMEOUT_MS, outboundAgent, refusedAddress, send, upstreamFailure } from '../net/outbound.js';
import type { TokenStore } from '../tokens/store.js';
import { METHODS } from './schemas.js';
import { type TokenizedPlace, type TokenizeResponse, tokenizeAnswer } from './tokenize-response.js';
import { answer, type ProxyResponse } from './upstream.js';

export type ProxyBody = { kind: 'none' } | { kind: 'json'; value: unknown } | { kind: 'text'; text: string; encoding: Encoding };

export interface ProxyInput {
  token: string;
  cvcSessionId: string | null;
  proxyUrl: string;
  method: string;
  headers: Record<string, string>;
  body: ProxyBody;
  mode: 'json' | 'raw';
  /** tokenize_response (JSON form only); null when absent, which costs nothing. */
  tokenizeResponse: TokenizeResponse | null;
  /** The request's span when tracing is on and the traceparent is the vault's to set; else null. */
  trace: RequestTrace | null;
}

/** The PSP's answer, masked; with tokenize_response, the places tokenized. */
export type ProxyAnswer = ProxyResponse & { tokenized?: TokenizedPlace[] };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Lookups of concurrent calls share one statement (as detokenize does). For each call: the token
// (same project, not expired) and the named CVC session of that token; production sessions are
// claimed (deleted) in the same statement, so a CVV can be handed out once only.
const LOOKUP_SQL = `
WITH want AS (
  SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::uuid[]) AS w(req, project_id, token, cvc_id)
), t AS (
  SELECT w.req, w.project_id, w.token, w.cvc_id, tk.type, tk.ciphertext
  FROM want w JOIN tokens tk ON tk.project_id = w.project_id AND tk.token = w.token
  WHERE tk.expires_at IS NULL OR tk.expires_at > $5
), s AS (
  SELECT t.req, c.project_id, c.id, c.ciphertext, c.test, c.created_at, c.expires_at
  FROM t JOIN cvc_sessions c ON c.id = t.cvc_id AND c.project_id = t.project_id AND c.token = t.token AND c.expires_at > $5
), d AS (
  DELETE FROM cvc_sessions c WHERE (c.project_id, c.id) IN (SELECT project_id, id FROM s WHERE NOT test) RETURNING c.id
)
SELECT t.req, t.type, t.ciphertext, s.id AS cvc_id, s.ciphertext AS cvc_ct, s.test AS cvc_test,
       s.created_at AS cvc_created_at, s.expires_at AS cvc_expires_at, s.id IN (SELECT id FROM d) AS claimed
FROM t LEFT JOIN s ON s.req = t.req`;

interface LookupJob {
  size: 1;
  projectId: string;
  token: string;
  cvcId: string | null;
  now: Date;
}

interface LookupRow {
  type: string;
  ciphertext: Buffer;
  cvc_id: string | null;
  cvc_ct: Buffer | null;
  cvc_test: boolean | null;
  cvc_created_at: Date | null;
  cvc_expires_at: Date | null;
  claimed: boolean | null;
}

const RESTORE_SQL = `
INSERT INTO cvc_sessions (id, project_id, token, ciphertext, test, created_at, expires_at)
VALUES ($1, $2, $3, $4, false, $5, $6) ON CONFLICT DO NOTHING`;

const PROXY = AUDIT_EVENTS.proxy_transaction;
const DELETE_CVC = AUDIT_EVENTS.delete_cvc_session;

// Audit rows of concurrent calls are written by one statement (group commit, as tokenize does):
// one WAL flush for many calls, each call still answered only once its row is durable.
const AUDIT_SQL = `
${INSERT_AUDIT}
SELECT project_id, created_at, ${sqlText(PROXY.eventType)}, ${sqlText(PROXY.action)}, outcome, ${sqlText(PROXY.resourceType)}, resource_id, app_id, user_id, ip, request_id, details, mac
FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::jsonb[], $10::text[])
  AS a(project_id, created_at, outcome, resource_id, app_id, user_id, ip, request_id, details, mac)`;

interface AuditJob {
  size: 1;
  row: [string, Date, string, string | null, string | null, string | null, string | null, string, string, string];
}

const DELETE_CVC_SQL = `
WITH d AS (
  DELETE FROM cvc_sessions WHERE id = $1::uuid AND project_id = $2 RETURNING expires_at > $3 AS live
), a AS (
  ${INSERT_AUDIT}
  SELECT $2, $3, ${sqlText(DELETE_CVC.eventType)}, ${sqlText(DELETE_CVC.action)}, CASE WHEN EXISTS (SELECT 1 FROM d WHERE live) THEN 'success' ELSE 'failure' END,
         ${sqlText(DELETE_CVC.resourceType)}, $1, $4, $5, $6, $7, '{}'::jsonb, $8
)
SELECT live FROM d`;

const badRequest = (path: string, message: string) => invalidFields([{ path, message }]);

export class ProxyService {
  private readonly agent: Agent;
  private readonly timeoutMs: number;
  private audits: Coalescer<AuditJob, void>;
  private lookups: Coalescer<LookupJob, LookupRow | null>;

  constructor(
    private pool: pg.Pool,
    private keys: DataKeys,
    private config: VaultConfig,
    private log: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void },
    private tokens: TokenStore,
  ) {
    this.timeoutMs = config.proxyTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    const inflight = Math.max(2, Math.floor((pool.options.max ?? 10) / 4));
    this.lookups = new Coalescer((jobs) => this.lookupBatch(jobs), 1000, inflight, log, 'proxy_lookup');
    this.audits = new Coalescer((jobs) => this.writeAudits(jobs), 1000, inflight, log, 'proxy_audit');
    this.agent = outboundAgent({
      connectTimeoutMs: config.proxyConnectTimeoutMs, allowPrivateNetworks: config.proxyAllowPrivateNetworks, timeoutMs: this.timeoutMs,
    });
  }

  async close() {
    await this.agent.close();
  }

  /** The group-commit queues (the batch-size metric). */
  coalescers = () => [this.lookups, this.audits];

  async transact(caller: Caller, destinations: DestinationPolicy, input: ProxyInput, now: Date): Promise<ProxyAnswer> {
    const started = performance.now();
    const audit = { host: null as string | null, path: null as string | null, method: input.method, status: null as number | null };
    let error: string | null = null;
    try {
      const res = await this.run(caller, destinations, input, now, audit);
      audit.status = res.status_code;
      return res;
    } catch (err) {
      const ve = upstreamFailure(err);
      error = ve.code;
      if (!(err instanceof VaultError) && ve.code === 'upstream_error') this.log.warn({ upstream_error: codesOf(err)[0] }, 'proxy upstream failed');
      throw ve;
    } finally {
      const details = {
        host: audit.host,
        path: audit.path,
        method: audit.method,
        upstream_status: audit.status,
        duration_ms: Math.round((performance.now() - started) * 10) / 10,
        outcome: error === null ? 'success' : 'failure',
        mode: input.mode,
        ...(error ? { error } : {}),
      };
      const row = [caller.projectId, now, details.outcome, isTokenId(input.token) ? input.token : null, caller.appId, caller.userId, caller.ip, caller.requestId, JSON.stringify(details)] as const;
      const slot = auditSlot(this.pool);
      await slot.ready();
      const mac = slot.sign('f', macFields('proxy_transaction', {
        project_id: row[0], created: createdText(now), outcome: row[2],
        resource_id: row[3], app_id: row[4], user_id: row[5], ip_address: row[6], request_id: row[7], details, // holds no undefined: MAC'd as it reads back from jsonb
      }));
      await this.audits.submit({ size: 1, row: [...row, mac] });
    }
  }

  private async lookupBatch(jobs: LookupJob[]): Promise<(LookupRow | null)[]> {
    const { rows } = await this.pool.query<LookupRow & { req: number }>({
      name: 'proxy_lookup_v3',
      text: LOOKUP_SQL,
      values: [jobs.map((_, i) => i), jobs.map((j) => j.projectId), jobs.map((j) => j.token), jobs.map((j) => j.cvcId), jobs[0].now],
    });
    const out: (LookupRow | null)[] = jobs.map(() => null);
    for (const r of rows) out[r.req] = r;
    // Two calls in one batch naming the same production session: the statement deleted it once;
    // only the first call gets it.
    const handedOut = new Set<string>();
    for (const r of out) {
      if (r === null || r.cvc_id === null || r.cvc_test || !r.claimed) continue;
      if (handedOut.has(r.cvc_id)) r.claimed = false;
      else handedOut.add(r.cvc_id);
    }
    return out;
  }

  private async writeAudits(jobs: AuditJob[]): Promise<void[]> {
    const cols = jobs[0].row.map((_, i) => jobs.map((j) => j.row[i]));
    await this.pool.query({ name: 'proxy_audit_v2', text: AUDIT_SQL, values: cols });
    return jobs.map(() => undefined);
  }

  private async run(
    caller: Caller, destinations: DestinationPolicy, input: ProxyInput, now: Date, audit: { host: string | null; path: string | null; method: string },
  ): Promise<ProxyAnswer> {
    // 1. Everything decidable without the database: nothing is read or spent when these fail.
    const method = input.method.toUpperCase();
    if (!(METHODS as readonly string[]).includes(method)) throw badRequest('/http_method', `must be one of ${METHODS.join(', ')}`);
    audit.method = method;
    const dest = checkDestination(input.proxyUrl, this.config.proxyAllowPrivateNetworks, destinations);
    audit.host = dest.host;
    audit.path = dest.url.pathname;
    if ((method === 'GET' || method === 'HEAD') && input.body.kind !== 'none') throw badRequest('/request_data', 'must be absent for GET and HEAD');
    const used = new Set<Name>();
    if (input.body.kind === 'json') scanJson(input.body.value, used);
    else if (input.body.kind === 'text') scanString(input.body.text, used);
    // Each body type has its escaping; in any other (multipart, text/*) a value could add structure.
    if (input.body.kind === 'text' && input.body.encoding === 'raw' && used.size > 0) {
      throw new VaultError('placeholder_media_type');
    }
    const headers = input.headers;

    // 2. One statement: the token, its CVC session, and (production) the session claimed.
    const sessionId = input.cvcSessionId;
    const validId = sessionId !== null && UUID.test(sessionId) ? sessionId : null;
    const row = await this.lookups.submit({ size: 1, projectId: caller.projectId, token: input.token, cvcId: validId, now });
    if (row === null) throw new VaultError('token_not_found');
    if (sessionId !== null && (row.cvc_id === null || (!row.cvc_test && !row.claimed))) throw new VaultError('cvc_session_not_found');
    if (needsCvv(used) && row.cvc_id === null) throw new VaultError('cvc_session_not_found');
    const claimed = row.cvc_id !== null && !row.cvc_test;

    // 3. Fill the placeholders. A refusal here sends nothing, so a claimed session is put back.
    let payload: Buffer | null;
    let forwarded = false;
    try {
      const key = await this.keys.get(caller.projectId);
      let data: unknown;
      let cvv: string | null = null;
      try {
        const plain = JSON.parse(key.open(row.ciphertext, tokenAad(caller.projectId, input.token)).toString('utf8')) as unknown;
        data = storedType(row.type).unwrap(plain);
        if (row.cvc_id !== null) cvv = key.open(row.cvc_ct!, cvcAad(caller.projectId, row.cvc_id)).toString('utf8');
      } catch {
        this.log.warn({ project_id: caller.projectId }, 'token or CVC ciphertext failed authentication');
        throw new VaultError('token_not_found');
      }
      const values = valuesFor(row.type, data, cvv);
      if (input.body.kind === 'json') {
        payload = Buffer.from(JSON.stringify(substituteJson(input.body.value, values)));
        headers['content-type'] ??= 'application/json';
      } else if (input.body.kind === 'text') {
        payload = Buffer.from(substituteString(input.body.text, values, input.body.encoding));
      } else payload = null;
      if (payload !== null) headers['content-length'] = String(payload.length);
      headers['accept-encoding'] = 'identity';

      // 4. Forward, in a client span when tracing: the PSP sees that span as its parent.
      forwarded = true;
      const span = input.trace?.outbound('proxy upstream', { 'http.request.method': method, 'server.address': dest.host }) ?? null;
      if (span !== null) headers.traceparent = span.traceparent;
      let sent: Awaited<ReturnType<typeof send>>;
      try {
        sent = await send(this.agent, dest.url, method, headers, payload, this.timeoutMs);
        span?.end(sent.status);
      } catch (err) {
        span?.end(null, upstreamFailure(err).code);
        throw err;
      }
      const res: ProxyAnswer = answer(sent.status, sent.headers, sent.raw, cvv);
      if (input.tokenizeResponse === null) return res;
      res.tokenized = await tokenizeAnswer(this.tokens, caller, input.tokenizeResponse, sent.raw, res, now);
      return res;
    } catch (err) {
      // Refused by the connector or before: nothing was sent, so a claimed session is put back.
      if (claimed && (!forwarded || refusedAddress(err))) {
        await this.pool.query(RESTORE_SQL, [row.cvc_id, caller.projectId, input.token, row.cvc_ct, row.cvc_created_at, row.cvc_expires_at]);
      }
      throw err;
    }
  }

  /** DELETE /proxy/delete-cvc-session/:id — only the key's own project; unknown or expired → 404. */
  async deleteCvcSession(caller: Caller, id: string, now: Date): Promise<void> {
    if (!UUID.test(id)) throw new VaultError('cvc_session_not_found');
    const slot = auditSlot(this.pool);
    await slot.ready();
    // The outcome is the statement's: left to the seal (scope `r`).
    const mac = slot.sign('r', macFields('delete_cvc_session', {
      project_id: caller.projectId, created: createdText(now), outcome: '',
      resource_id: null, app_id: caller.appId, user_id: caller.userId, ip_address: caller.ip, request_id: caller.requestId, details: null,
    }));
    const { rows } = await this.pool.query<{ live: boolean }>(DELETE_CVC_SQL, [id, caller.projectId, now, caller.appId, caller.userId, caller.ip, caller.requestId, mac]);
    if (rows.length === 0 || !rows[0].live) throw new VaultError('cvc_session_not_found');
  }
}
