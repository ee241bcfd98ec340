// The one audit writer. Rows go in with the caller's transaction, so that a change and its entry
// commit together or not at all; the chain (audit/chain.ts) seals them later. Details must never
// carry secrets. (The hot paths write theirs inside their own group-committed statements: tokenize
// and detokenize in tokens/sql.ts, the proxy in proxy/service.ts, session-key use in sessions/service.ts.)
import type { Kysely, Transaction } from 'kysely';
import type { RequestContext } from '../lib/context.js';
import type { DB } from './schema.js';

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

/** A dashboard account's event (login, password, MFA, …); `userId` null: an email with no account. */
export function userEvent(
  action: string,
  userId: string | null,
  details: Record<string, unknown> = {},
  outcome: 'success' | 'failure' = 'success',
): AuditEntry {
  return { projectId: null, eventType: 'auth', action, outcome, resourceType: 'user', resourceId: userId, userId, details };
}

/** `ctx` null: the vault itself acted (key rotation, the CLI); the row has no IP or request id. */
export async function writeAudit(db: Kysely<DB> | Transaction<DB>, ctx: RequestContext | null, entries: AuditEntry | AuditEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  await db
    .insertInto('audit_log')
    .values(
      list.map((e) => ({
        project_id: e.projectId,
        ...(ctx ? { created_at: ctx.at } : {}),
        event_type: e.eventType,
        action: e.action,
        outcome: e.outcome ?? 'success',
        resource_type: e.resourceType ?? null,
        resource_id: e.resourceId ?? null,
        user_id: e.userId ?? null,
        app_id: e.appId ?? null,
        ip_address: ctx?.ip ?? null,
        request_id: ctx?.requestId ?? null,
        details: JSON.stringify(e.details ?? {}),
      })),
    )
    .execute();
}
