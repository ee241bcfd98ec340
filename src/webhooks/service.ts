// Webhook endpoints of a project (API.md §6.5): CRUD, the delivery log and manual retry. Every
// function acting for a user checks `webhooks.*` (admin) first and answers 404 outside the
// caller's projects. The signing secret is shown once, at creation, and stored sealed under the
// project's data key. Sending is dispatcher.ts.
import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { DataKeys } from '../crypto/datakeys.js';
import { writeAudit } from '../db/audit.js';
import { auditEvent } from '../db/audit-events.js';
import type { DB } from '../db/schema.js';
import { VaultError } from '../http/errors.js';
import { pageOf } from '../http/pagination.js';
import type { RequestContext } from '../lib/context.js';
import { newId } from '../lib/random.js';
import { type Action, authorize } from '../members/access.js';
import { checkWebhookUrl } from './destination.js';
import type { WebhookEvent } from './events.js';

export const secretAad = (projectId: string, id: string) => `vault:webhook:${projectId}:${id}`;

const COLUMNS = ['id', 'project_id', 'url', 'events', 'description', 'created_at', 'updated_at'] as const;
const DELIVERY_COLUMNS = [
  'id', 'webhook_id', 'event_type', 'status', 'attempts', 'last_status', 'last_error', 'next_attempt_at', 'created_at', 'delivered_at',
] as const;

export interface WebhookInput {
  url: string;
  events: WebhookEvent[];
  description?: string | null;
}

export class WebhookService {
  constructor(
    private db: Kysely<DB>,
    private keys: DataKeys,
    /** The proxy's test/dev mode: receivers on loopback allowed. */
    private loopbackOk: boolean,
    private now: () => Date,
    private retryWindowMs: number,
  ) {}

  private async access(userId: string, projectId: string, action: Action) {
    await authorize(this.db, userId, projectId, action);
  }

  private async find(userId: string, projectId: string, id: string, action: Action) {
    await this.access(userId, projectId, action);
    const w = await this.db.selectFrom('webhooks').select(COLUMNS).where('id', '=', id).where('project_id', '=', projectId)
      .where('deleted_at', 'is', null).executeTakeFirst();
    if (!w) throw new VaultError('webhook_not_found');
    return w;
  }

  /** POST: the secret is in this answer only. */
  async create(ctx: RequestContext, userId: string, projectId: string, b: WebhookInput) {
    await this.access(userId, projectId, 'webhooks.manage');
    await checkWebhookUrl(b.url, this.loopbackOk);
    const id = newId('wh');
    const secret = `whsec_${randomBytes(24).toString('base64')}`;
    const key = await this.keys.get(projectId);
    const sealed = key.seal(Buffer.from(secret), secretAad(projectId, id));
    const row = await this.db.transaction().execute(async (trx) => {
      const w = await trx.insertInto('webhooks').values({
        id, project_id: projectId, url: b.url, events: [...new Set(b.events)], description: b.description ?? null, secret: sealed, created_by: userId,
        created_at: ctx.at,
      }).returning(COLUMNS).executeTakeFirstOrThrow();
      await writeAudit(trx, ctx, auditEvent('webhook_create', { projectId, resourceId: id, userId, details: { host: new URL(b.url).host, events: w.events } }));
      return w;
    });
    return { ...row, secret };
  }

  async list(userId: string, projectId: string) {
    await this.access(userId, projectId, 'webhooks.read');
    return this.db.selectFrom('webhooks').select(COLUMNS).where('project_id', '=', projectId).where('deleted_at', 'is', null)
      .orderBy('created_at').orderBy('id').execute();
  }

  get(userId: string, projectId: string, id: string) {
    return this.find(userId, projectId, id, 'webhooks.read');
  }

  async update(ctx: RequestContext, userId: string, projectId: string, id: string, b: Partial<WebhookInput>) {
    await this.find(userId, projectId, id, 'webhooks.manage');
    if (b.url !== undefined) await checkWebhookUrl(b.url, this.loopbackOk);
    return this.db.transaction().execute(async (trx) => {
      const w = await trx.updateTable('webhooks').set({
        ...(b.url !== undefined && { url: b.url }),
        ...(b.events !== undefined && { events: [...new Set(b.events)] }),
        ...(b.description !== undefined && { description: b.description }),
        updated_at: ctx.at,
      }).where('id', '=', id).returning(COLUMNS).executeTakeFirstOrThrow();
      await writeAudit(trx, ctx, auditEvent('webhook_update', { projectId, resourceId: id, userId, details: { fields: Object.keys(b) } }));
      return w;
    });
  }

  /** Soft delete: its pending deliveries stop (the dispatcher sends only for live hooks). */
  async remove(ctx: RequestContext, userId: string, projectId: string, id: string) {
    await this.find(userId, projectId, id, 'webhooks.manage');
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('webhooks').set({ deleted_at: ctx.at }).where('id', '=', id).execute();
      await trx.updateTable('webhook_deliveries').set({ status: 'failed', last_error: 'webhook deleted' })
        .where('webhook_id', '=', id).where('status', '=', 'pending').execute();
      await writeAudit(trx, ctx, auditEvent('webhook_delete', { projectId, resourceId: id, userId, details: {} }));
    });
  }

  /** The delivery log, newest first (cursor: created_at, id). */
  async deliveries(userId: string, projectId: string, id: string, page: { limit: number; after: (string | number)[] | null }) {
    await this.find(userId, projectId, id, 'webhooks.read');
    let q = this.db.selectFrom('webhook_deliveries').select(DELIVERY_COLUMNS).where('webhook_id', '=', id);
    if (page.after) {
      const [at, did] = page.after as [string, string];
      q = q.where(sql<boolean>`(created_at, id) < (${new Date(at)}, ${did})`);
    }
    const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(page.limit + 1).execute();
    return pageOf(rows, page.limit, (r) => [r.created_at.toISOString(), r.id]);
  }

  /** Manual retry: due now, with a fresh 24 h window; a delivered one is sent again. */
  async retry(ctx: RequestContext, userId: string, projectId: string, id: string, deliveryId: string) {
    await this.find(userId, projectId, id, 'webhooks.manage');
    return this.db.transaction().execute(async (trx) => {
      const d = await trx.updateTable('webhook_deliveries')
        .set({ status: 'pending', next_attempt_at: this.now(), give_up_at: new Date(this.now().getTime() + this.retryWindowMs), last_error: null })
        .where('id', '=', deliveryId).where('webhook_id', '=', id).returning(DELIVERY_COLUMNS).executeTakeFirst();
      if (!d) throw new VaultError('webhook_delivery_not_found');
      await writeAudit(trx, ctx, auditEvent('webhook_retry', { projectId, resourceId: id, userId, details: { delivery_id: deliveryId } }));
      return d;
    });
  }
}
