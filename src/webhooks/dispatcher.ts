// The webhook dispatcher, on every node. Two steps per tick:
//  1. collect: reads the audit log (the outbox: each event's row commits with its change) past a
//     durable cursor, up to the sealer's closed bound (no transaction below it can still add a
//     row, so rows committed out of txid order are never skipped), and creates one delivery per
//     matching subscription in the transaction that advances the cursor. One node at a time
//     (advisory lock); (webhook_id, audit_id) is unique besides.
//  2. deliver: claims due deliveries with a lease (a node that dies mid-send leaves them to be
//     sent again: at least once), signs each attempt per Standard Webhooks, POSTs with a 10 s
//     deadline and records the outcome; failures back off exponentially with jitter until
//     give_up_at (24 h), then the delivery is failed.
import { type Kysely, sql } from 'kysely';
import { Gauge, type Registry } from 'prom-client';
import { Webhook } from 'standardwebhooks';
import type { Agent } from 'undici';
import { closedUpTo } from '../audit/chain.js';
import type { DataKeys } from '../crypto/datakeys.js';
import type { DB } from '../db/schema.js';
import { VaultError } from '../http/errors.js';
import { newId } from '../lib/random.js';
import { Periodic } from '../lib/periodic.js';
import { outboundAgent, send, upstreamFailure } from '../net/outbound.js';
import { webhookUrl } from './destination.js';
import { eventData, eventOf, type OutboxRow, SOURCE_ACTIONS, type TokenView, tokensOf } from './events.js';
import { secretAad } from './service.js';

const OUTBOX_LOCK = 727_016; // pg advisory lock id: one collector at a time across all nodes
const BATCH = 2000;
const LEASE_MS = 60_000;
const MAX_DELAY_MS = 3600_000;

export interface DispatcherOptions {
  /** ms between ticks; 0: only on demand (`tick()`). */
  everyMs: number;
  /** First retry after about this (then doubling, with jitter). */
  backoffBaseMs: number;
  timeoutMs: number;
  retryWindowMs: number;
  loopbackOk: boolean;
  now: () => Date;
}

/** Delay before attempt n+1 after n failed ones: base·2^(n-1), capped, jittered to 50–100 %. */
export function backoffMs(base: number, attempts: number): number {
  const full = Math.min(MAX_DELAY_MS, base * 2 ** Math.max(0, attempts - 1));
  return Math.round(full * (0.5 + Math.random() / 2));
}

type Due = { id: string; webhook_id: string; project_id: string; payload: string; attempts: number; give_up_at: Date; url: string; secret: Buffer; deleted_at: Date | null };

export class WebhookDispatcher {
  private readonly loop: Periodic;
  private readonly agent: Agent;

  constructor(
    private db: Kysely<DB>,
    private keys: DataKeys,
    private opts: DispatcherOptions,
    private log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void; error(obj: object, msg: string): void },
  ) {
    this.agent = outboundAgent({ timeoutMs: opts.timeoutMs, connectTimeoutMs: opts.timeoutMs, allowLoopback: opts.loopbackOk });
    this.loop = new Periodic(opts.everyMs, () => this.tick(), log, 'webhook dispatch failed');
  }

  start() {
    this.loop.start();
  }

  async stop() {
    await this.loop.stop();
    await this.agent.close();
  }

  async tick(): Promise<void> {
    while ((await this.collect()) === BATCH);
    await this.deliver();
  }

  /** vault_webhook_backlog on /metrics: read when scraped, nothing counted on any path. */
  registerBacklog(registry: Registry) {
    const backlog = () => this.backlog();
    new Gauge({
      name: 'vault_webhook_backlog', help: 'Webhook deliveries pending (not yet delivered nor given up)', registers: [registry],
      async collect() {
        this.set(await backlog());
      },
    });
  }

  /** Pending deliveries (the /metrics backlog gauge). */
  async backlog(): Promise<number> {
    const r = await this.db.selectFrom('webhook_deliveries').select((eb) => eb.fn.countAll<string>().as('n')).where('status', '=', 'pending').executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** One round of the outbox; returns how many audit rows it read (BATCH: more may be waiting). */
  async collect(): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const { rows: [lock] } = await sql<{ ok: boolean }>`SELECT pg_try_advisory_xact_lock(${OUTBOX_LOCK}) AS ok`.execute(trx);
      if (!lock.ok) return 0;
      const cur = await trx.selectFrom('webhook_cursor').select('txid').where('id', '=', 1).executeTakeFirstOrThrow();
      const from = Number(cur.txid);
      let upto = await closedUpTo(trx);
      if (upto <= from) return 0;
      // No live subscription anywhere (most installs): move past the closed range without reading
      // the audit log, so a busy vault with no webhook pays one indexed probe per tick, nothing per row.
      const live = await trx.selectFrom('webhooks').select('id').where('deleted_at', 'is', null).limit(1).executeTakeFirst();
      if (!live) {
        await trx.updateTable('webhook_cursor').set({ txid: upto }).where('id', '=', 1).execute();
        return 0;
      }
      // Idle: no audit row in the range, nothing written (the cursor moves with the next row).
      const any = await trx.selectFrom('audit_log').select('txid').where('txid', '>=', from).where('txid', '<', upto).limit(1).executeTakeFirst();
      if (!any) return 0;
      // A long backlog in rounds of about BATCH rows, never splitting a transaction.
      const cut = await trx.selectFrom('audit_log').select('txid').where('txid', '>=', from).where('txid', '<', upto)
        .orderBy('txid').offset(BATCH).limit(1).executeTakeFirst();
      if (cut) upto = Number(cut.txid) > from ? Number(cut.txid) : Number(cut.txid) + 1;
      const rows = (await trx.selectFrom('audit_log')
        .select(['id', 'project_id', 'action', 'outcome', 'resource_id', 'user_id', 'app_id', 'details', 'created_at'])
        .where('txid', '>=', from).where('txid', '<', upto).where('action', 'in', SOURCE_ACTIONS)
        .where('project_id', 'in', (eb) => eb.selectFrom('webhooks').select('project_id').where('deleted_at', 'is', null))
        .orderBy('txid').orderBy('ingest').execute()) as OutboxRow[];
      if (rows.length > 0) await this.enqueue(trx, rows);
      await trx.updateTable('webhook_cursor').set({ txid: upto }).where('id', '=', 1).execute();
      return cut ? BATCH : 0;
    });
  }

  private async enqueue(trx: Kysely<DB>, rows: OutboxRow[]) {
    const projects = [...new Set(rows.map((r) => r.project_id))];
    const hooks = await trx.selectFrom('webhooks').select(['id', 'project_id', 'events', 'created_at'])
      .where('project_id', 'in', projects).where('deleted_at', 'is', null).execute();
    const views = await this.tokenViews(trx, rows);
    const now = this.opts.now();
    const values = [];
    for (const r of rows) {
      const event = eventOf(r.action);
      if (!event) continue;
      const subscribed = hooks.filter((h) => h.project_id === r.project_id && h.events.includes(event) && h.created_at <= r.created_at);
      if (subscribed.length === 0) continue;
      const data = eventData(event, r, views);
      if (!data) continue;
      const payload = JSON.stringify({ type: event, timestamp: r.created_at.toISOString(), data });
      for (const h of subscribed) {
        values.push({
          id: newId('msg'), webhook_id: h.id, project_id: r.project_id, audit_id: r.id, event_type: event, payload,
          next_attempt_at: now, give_up_at: new Date(now.getTime() + this.opts.retryWindowMs), created_at: now,
        });
      }
    }
    for (let i = 0; i < values.length; i += 500) {
      await trx.insertInto('webhook_deliveries').values(values.slice(i, i + 500))
        .onConflict((oc) => oc.columns(['project_id', 'webhook_id', 'audit_id']).doNothing()).execute();
    }
  }

  /** Brand and last 4 of the tokens the rows name, where the token still exists. */
  private async tokenViews(trx: Kysely<DB>, rows: OutboxRow[]): Promise<Map<string, TokenView>> {
    const pairs = rows.filter((r) => eventOf(r.action) === 'token.created').flatMap((r) => tokensOf(r).map((t) => [r.project_id, t] as const));
    const out = new Map<string, TokenView>();
    if (pairs.length === 0) return out;
    const { rows: found } = await sql<{ token: string; type: string; brand: string | null; last4: string | null }>`
      SELECT t.token, t.type, t.display->>'brand' AS brand, t.display->>'last4' AS last4
      FROM unnest(${pairs.map((p) => p[0])}::text[], ${pairs.map((p) => p[1])}::text[]) AS x(project_id, token)
      JOIN tokens t ON t.project_id = x.project_id AND t.token = x.token`.execute(trx);
    for (const t of found) {
      out.set(t.token, { token: t.token, type: t.type, ...(t.brand ? { brand: t.brand } : {}), ...(t.last4 ? { last4: t.last4 } : {}) });
    }
    return out;
  }

  /** Claims the due deliveries (a lease) and sends them. */
  async deliver(): Promise<number> {
    const now = this.opts.now();
    const { rows } = await sql<Due>`
      UPDATE webhook_deliveries d SET next_attempt_at = ${new Date(now.getTime() + LEASE_MS)}
      FROM webhooks w
      WHERE w.id = d.webhook_id AND d.id IN (
        SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= ${now}
        ORDER BY next_attempt_at LIMIT 50 FOR UPDATE SKIP LOCKED)
      RETURNING d.id, d.webhook_id, d.project_id, d.payload, d.attempts, d.give_up_at, w.url, w.secret, w.deleted_at`.execute(this.db);
    await Promise.all(rows.map((d) => this.attempt(d)));
    return rows.length;
  }

  private async attempt(d: Due) {
    if (d.deleted_at) {
      await this.db.updateTable('webhook_deliveries').set({ status: 'failed', last_error: 'webhook deleted' }).where('id', '=', d.id).execute();
      return;
    }
    let status: number | null = null;
    let error: string | null = null;
    try {
      const url = webhookUrl(d.url, this.opts.loopbackOk);
      const key = await this.keys.get(d.project_id);
      const secret = key.open(d.secret, secretAad(d.project_id, d.webhook_id)).toString();
      const at = new Date();
      const signature = new Webhook(secret).sign(d.id, at, d.payload);
      const headers = {
        'content-type': 'application/json', 'user-agent': 'vault-webhooks',
        'webhook-id': d.id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': signature,
      };
      const res = await send(this.agent, url, 'POST', headers, Buffer.from(d.payload), this.opts.timeoutMs);
      status = res.status;
      if (status < 200 || status > 299) error = `HTTP ${status}`;
    } catch (err) {
      const e = err instanceof VaultError ? err : upstreamFailure(err);
      error = e.code;
    }
    const now = this.opts.now();
    if (error === null) {
      await this.db.updateTable('webhook_deliveries')
        .set({ status: 'succeeded', attempts: d.attempts + 1, last_status: status, last_error: null, delivered_at: now }).where('id', '=', d.id).execute();
      return;
    }
    const next = new Date(now.getTime() + backoffMs(this.opts.backoffBaseMs, d.attempts + 1));
    const giveUp = next > d.give_up_at;
    await this.db.updateTable('webhook_deliveries')
      .set({ status: giveUp ? 'failed' : 'pending', attempts: d.attempts + 1, last_status: status, last_error: error, next_attempt_at: next })
      .where('id', '=', d.id).execute();
    if (giveUp) this.log.warn({ delivery: d.id, webhook: d.webhook_id, attempts: d.attempts + 1 }, 'webhook delivery failed for good');
  }
}
