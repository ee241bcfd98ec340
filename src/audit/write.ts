// Audit rows for management changes, written with the caller's transaction so that a change
// and its entry commit together or not at all. Details must never carry secrets.
import type { FastifyRequest } from 'fastify';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.js';

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

export async function writeAudit(trx: Kysely<DB> | Transaction<DB>, req: FastifyRequest, e: AuditEntry): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      project_id: e.projectId,
      created_at: req.server.vault.now(),
      event_type: e.eventType,
      action: e.action,
      outcome: e.outcome ?? 'success',
      resource_type: e.resourceType ?? null,
      resource_id: e.resourceId ?? null,
      user_id: e.userId ?? null,
      app_id: e.appId ?? null,
      ip_address: req.ip,
      request_id: req.id,
      details: JSON.stringify(e.details ?? {}),
    })
    .execute();
}
