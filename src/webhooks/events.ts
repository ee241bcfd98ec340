// The webhook events of API.md §6.5 and where each comes from: an audit action (db/audit-events.ts).
// The audit log is the outbox (docs/webhooks.md), so an event is "an audit row of one of these
// actions in a project with a subscription"; its body is built from that row alone, plus the
// token's masked display (brand, last 4) when the token still exists. Never card data: the audit
// row holds none, and the display fields taken are the ones every masked view shows.
import { AUDIT_EVENTS, type AuditEventName } from '../db/audit-events.js';

export const WEBHOOK_EVENTS = [
  'token.created', 'token.updated', 'token.deleted', 'token.expired', 'application.created', 'application.deleted',
  'member.joined', 'member.removed', 'key.rotated', 'audit.verification_failed',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

const SOURCES: Partial<Record<AuditEventName, WebhookEvent>> = {
  tokenize: 'token.created',
  tokenize_batch: 'token.created',
  test_token: 'token.created',
  import_batch: 'token.created',
  // Tokens an inbound route or a PSP's answer (tokenize_response) created: the same statement.
  inbound_tokenize: 'token.created',
  proxy_response_tokenize: 'token.created',
  token_update: 'token.updated',
  token_delete: 'token.deleted',
  token_expire: 'token.expired',
  application_create: 'application.created',
  application_delete: 'application.deleted',
  member_add: 'member.joined',
  member_remove: 'member.removed',
  'data_key.rotate': 'key.rotated',
  audit_verification_failed: 'audit.verification_failed',
};

const byAction = new Map(Object.entries(SOURCES).map(([name, ev]) => [AUDIT_EVENTS[name as AuditEventName].action, ev]));

/** The stored audit actions that are webhook events (for the outbox query). */
export const SOURCE_ACTIONS = [...byAction.keys()];

export const eventOf = (action: string): WebhookEvent | undefined => byAction.get(action);

/** What the dispatcher reads of an audit row. */
export interface OutboxRow {
  id: string;
  project_id: string;
  action: string;
  outcome: string;
  resource_id: string | null;
  user_id: string | null;
  app_id: string | null;
  details: Record<string, unknown> | null;
  created_at: Date;
}

/** A token's masked display, as the dispatcher looked it up. */
export interface TokenView {
  token: string;
  type: string;
  brand?: string;
  last4?: string;
}

const str = (v: unknown) => (typeof v === 'string' ? v : null);

/** The tokens an audit row names: its resource id, or the list a batch entry carries. */
export function tokensOf(row: OutboxRow): string[] {
  if (row.resource_id && row.action !== AUDIT_EVENTS.import_batch.action && row.action !== AUDIT_EVENTS.token_expire.action) return [row.resource_id];
  const list = row.details?.tokens;
  return Array.isArray(list) ? list.filter((t): t is string => typeof t === 'string') : [];
}

/**
 * The event's `data`: ids and masked values only. A tokenize request is ONE event naming its
 * tokens (a batch of N is one delivery, not N); a single tokenize that returned an existing
 * token (deduplication) created nothing and is no event (null).
 */
export function eventData(event: WebhookEvent, row: OutboxRow, views: Map<string, TokenView>): Record<string, unknown> | null {
  const d = row.details ?? {};
  switch (event) {
    case 'token.created': {
      const tokens = tokensOf(row);
      const single = row.resource_id !== null && tokens.length === 1;
      if (single && Number(d.deduplicated ?? 0) > 0) return null;
      if (tokens.length === 0) return null;
      return { tokens: tokens.map((t) => views.get(t) ?? { token: t }), count: tokens.length, deduplicated: Number(d.deduplicated ?? 0), app_id: row.app_id };
    }
    case 'token.updated':
      // Which fields changed, never their values (a new expiry is card data).
      return { tokens: [{ token: row.resource_id, type: str(d.type) }], fields: Array.isArray(d.fields) ? d.fields : [], app_id: row.app_id, user_id: row.user_id };
    case 'token.deleted':
      return { tokens: tokensOf(row).map((t) => ({ token: t, type: str(d.type) })), count: 1, user_id: row.user_id };
    case 'token.expired': {
      const tokens = tokensOf(row);
      return { tokens: tokens.map((t) => ({ token: t })), count: tokens.length };
    }
    case 'application.created':
    case 'application.deleted':
      return { application_id: row.resource_id, name: str(d.name), user_id: row.user_id };
    case 'member.joined':
    case 'member.removed':
      return { user_id: row.resource_id, role: str(d.role), by: row.user_id };
    case 'key.rotated':
      return { from_version: d.from_version ?? null, to_version: d.to_version ?? null, reason: str(d.reason) };
    case 'audit.verification_failed':
      return { first_bad_seq: d.first_bad_seq ?? null, reason: str(d.reason) };
    default:
      return null;
  }
}
