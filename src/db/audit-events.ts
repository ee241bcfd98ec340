// Every audit event the vault writes, in one catalogue (as http/catalogue.ts is for errors): its
// stored `event_type`, `action` and `resource_type`, the name Ozura's /audit-logs shows, and the
// traffic series it counts in. Writers name an entry (`auditEvent('token_delete', …)`); the raw
// group-committed statements take their strings from here (`sqlText`) and their columns from
// `INSERT_AUDIT`. test/architecture.test.ts fails on an action literal or an `INSERT INTO
// audit_log` anywhere else in src/. A new event is one entry here (docs/architecture.md).
import type { AuditEntry, MacFields } from './audit.js';

/** The series of GET /api/projects/:id/traffic. */
export type TrafficSeries = 'tokenize' | 'detokenize' | 'proxy';

export interface AuditEventDef {
  eventType: string;
  action: string;
  resourceType: string | null;
  /** Ozura's `event_type` on GET /audit-logs (§4.2). */
  ozura: string;
  traffic?: TrafficSeries;
}

const token = (action: string, ozura: string, traffic?: TrafficSeries) =>
  ({ eventType: 'token', action, resourceType: 'token', ozura, ...(traffic ? { traffic } : {}) }) as const;
const auth = (action: string) => ({ eventType: 'auth', action, resourceType: 'user', ozura: 'AUTHENTICATION' }) as const;
const project = (action: string) => ({ eventType: 'project', action, resourceType: 'project', ozura: 'PROJECT_MANAGEMENT' }) as const;
const application = (action: string) => ({ eventType: 'application', action, resourceType: 'application', ozura: 'APPLICATION_MANAGEMENT' }) as const;
const member = (action: string, resourceType: 'user' | 'invitation') => ({ eventType: 'member', action, resourceType, ozura: 'MEMBER_MANAGEMENT' }) as const;
const session = (action: string) => ({ eventType: 'session', action, resourceType: 'session', ozura: 'SESSION' }) as const;
const webhook = (action: string) => ({ eventType: 'webhook', action, resourceType: 'webhook', ozura: 'WEBHOOK' }) as const;
const key = (action: string, resourceType: 'master_key' | 'data_key' | 'import_key') => ({ eventType: 'key', action, resourceType, ozura: 'KEY' }) as const;

/** Keyed by action (actions are unique across event types). */
export const AUDIT_EVENTS = {
  tokenize: token('tokenize', 'TOKEN_CREATION', 'tokenize'),
  tokenize_batch: token('tokenize_batch', 'TOKEN_CREATION', 'tokenize'),
  test_token: token('test_token', 'TOKEN_CREATION', 'tokenize'),
  detokenize: token('detokenize', 'TOKEN_ACCESS', 'detokenize'),
  detokenize_batch: token('detokenize_batch', 'TOKEN_ACCESS', 'detokenize'),
  token_delete: token('token_delete', 'TOKEN_DELETION'),
  // PATCH /tokens/:token (§6.3): which fields changed, never their values.
  token_update: token('token_update', 'TOKEN_UPDATE'),
  // A search by full card or account number (§6.3): an oracle use, so it is on the record.
  token_search: token('token_search', 'TOKEN_ACCESS'),
  // The sweeper's deletions of expired tokens: one entry per project and sweep, naming them.
  token_expire: token('token_expire', 'TOKEN_DELETION'),
  // Import and export (docs/migration.md): one entry per batch naming its tokens, one per run.
  import_batch: token('import_batch', 'TOKEN_CREATION'),
  export_batch: token('export_batch', 'TOKEN_ACCESS'),
  import: { eventType: 'token', action: 'import', resourceType: 'project', ozura: 'TOKEN_CREATION' },
  export: { eventType: 'token', action: 'export', resourceType: 'project', ozura: 'TOKEN_ACCESS' },
  proxy_transaction: { eventType: 'proxy', action: 'proxy_transaction', resourceType: 'token', ozura: 'PROXY_REQUEST', traffic: 'proxy' },
  delete_cvc_session: { eventType: 'proxy', action: 'delete_cvc_session', resourceType: 'cvc_session', ozura: 'PROXY_REQUEST', traffic: 'proxy' },
  // Card data from outside (docs/inbound.md): the tokens an inbound request or a PSP answer
  // carried, and one entry per inbound request (where it went, what came back).
  inbound_tokenize: token('inbound_tokenize', 'TOKEN_CREATION', 'tokenize'),
  proxy_response_tokenize: token('proxy_response_tokenize', 'TOKEN_CREATION', 'tokenize'),
  inbound_request: { eventType: 'inbound', action: 'inbound_request', resourceType: 'inbound_route', ozura: 'PROXY_REQUEST', traffic: 'proxy' },
  inbound_route_create: { eventType: 'inbound', action: 'inbound_route_create', resourceType: 'inbound_route', ozura: 'PROJECT_MANAGEMENT' },
  inbound_route_update: { eventType: 'inbound', action: 'inbound_route_update', resourceType: 'inbound_route', ozura: 'PROJECT_MANAGEMENT' },
  inbound_route_delete: { eventType: 'inbound', action: 'inbound_route_delete', resourceType: 'inbound_route', ozura: 'PROJECT_MANAGEMENT' },

  register: auth('register'),
  login: auth('login'),
  login_failed: auth('login_failed'),
  logout: auth('logout'),
  account_locked: auth('account_locked'),
  email_code_sent: auth('email_code_sent'),
  email_code_verify: auth('email_code_verify'),
  password_change: auth('password_change'),
  password_reset_request: auth('password_reset_request'),
  password_reset: auth('password_reset'),
  settings_update: auth('settings_update'),
  mfa_enable: auth('mfa_enable'),
  mfa_disable: auth('mfa_disable'),
  mfa_verify: auth('mfa_verify'),
  mfa_backup_used: auth('mfa_backup_used'),

  project_create: project('project_create'),
  project_update: project('project_update'),
  project_delete: project('project_delete'),
  provision: project('provision'),
  bootstrap: project('bootstrap'),

  application_create: application('application_create'),
  application_update: application('application_update'),
  application_delete: application('application_delete'),

  member_add: member('member_add', 'user'),
  member_role_change: member('member_role_change', 'user'),
  member_remove: member('member_remove', 'user'),
  member_invite: member('member_invite', 'invitation'),
  member_invite_decline: member('member_invite_decline', 'invitation'),
  member_invite_withdraw: member('member_invite_withdraw', 'invitation'),

  session_create: session('session_create'),
  session_revoke: session('session_revoke'),
  session_use: session('session_use'),

  'master_key.activate': key('master_key.activate', 'master_key'),
  'master_key.retire': key('master_key.retire', 'master_key'),
  'data_key.rotate': key('data_key.rotate', 'data_key'),
  'data_key.destroy': key('data_key.destroy', 'data_key'),
  'import_key.create': key('import_key.create', 'import_key'),

  // A project's audit chain failed verification (written by the verifier, so webhooks can tell).
  audit_verification_failed: { eventType: 'audit', action: 'audit_verification_failed', resourceType: 'project', ozura: 'AUDIT' },

  webhook_create: webhook('webhook_create'),
  webhook_update: webhook('webhook_update'),
  webhook_delete: webhook('webhook_delete'),
  webhook_retry: webhook('webhook_retry'),
} as const satisfies Record<string, AuditEventDef>;

export type AuditEventName = keyof typeof AUDIT_EVENTS;
/** The events of one event_type, e.g. `EventsOf<'auth'>` for dashboard account events. */
export type EventsOf<T extends string> = { [K in AuditEventName]: (typeof AUDIT_EVENTS)[K]['eventType'] extends T ? K : never }[AuditEventName];

/** What a writer fills in; the catalogue supplies event_type, action and resource_type. */
export type AuditFields = Omit<AuditEntry, 'eventType' | 'action' | 'resourceType'>;

/** The one entry builder: `auditEvent('token_delete', { projectId, resourceId, userId, details })`. */
export function auditEvent(name: AuditEventName, fields: AuditFields): AuditEntry {
  const e: AuditEventDef = AUDIT_EVENTS[name];
  return { ...fields, eventType: e.eventType, action: e.action, resourceType: e.resourceType };
}

/** A dashboard account's event (login, password, MFA, …); `userId` null: an email with no account. */
export function userEvent(
  name: EventsOf<'auth'>,
  userId: string | null,
  details: Record<string, unknown> = {},
  outcome: 'success' | 'failure' = 'success',
): AuditEntry {
  return auditEvent(name, { projectId: null, outcome, resourceId: userId, userId, details });
}

/**
 * A hot path's row MAC fields (MacFields) for event `name`, as one literal in MacFields' order:
 * spreading the catalogue's columns into the object made each request's sign() ~7 µs slower
 * (a CPU profile of /detokenize: V8 built a slow-shaped object for every row).
 */
export function macFields(name: AuditEventName, f: Omit<MacFields, 'event_type' | 'action' | 'resource_type'>): MacFields {
  const c = COLUMNS[name];
  return {
    project_id: f.project_id, created: f.created, event_type: c.event_type, action: c.action, outcome: f.outcome, resource_type: c.resource_type,
    resource_id: f.resource_id, user_id: f.user_id, app_id: f.app_id, ip_address: f.ip_address, request_id: f.request_id, details: f.details,
  };
}
const COLUMNS = Object.fromEntries(
  Object.entries(AUDIT_EVENTS).map(([k, e]: [string, AuditEventDef]) => [k, { event_type: e.eventType, action: e.action, resource_type: e.resourceType }]),
) as Record<AuditEventName, { event_type: string; action: string; resource_type: string | null }>;

/**
 * The column list of every raw writer (the hot statements insert with `INSERT_AUDIT SELECT …`);
 * writeAudit's Kysely insert names the same columns.
 */
export const INSERT_AUDIT =
  'INSERT INTO audit_log (project_id, created_at, event_type, action, outcome, resource_type, resource_id, app_id, user_id, ip_address, request_id, details, mac)';

/** A catalogue string as an SQL literal, for the raw statements (built once, at load). */
export const sqlText = (s: string | null) => (s === null ? 'NULL' : `'${s.replace(/'/g, "''")}'`);

const byPair = new Map(Object.values(AUDIT_EVENTS).map((e: AuditEventDef) => [`${e.eventType}:${e.action}`, e]));

// Rows of an action no longer in the catalogue keep the name their event type always had.
const OZURA_BY_TYPE: Record<string, string> = {
  auth: 'AUTHENTICATION', project: 'PROJECT_MANAGEMENT', application: 'APPLICATION_MANAGEMENT', member: 'MEMBER_MANAGEMENT',
};

/** Our (event_type, action) → Ozura's event_type; an unknown type is upper-cased. */
export function ozuraEventType(eventType: string, action: string): string {
  return byPair.get(`${eventType}:${action}`)?.ozura ?? OZURA_BY_TYPE[eventType] ?? eventType.toUpperCase();
}

/** (event_type, action) pairs per traffic series, for the traffic query's CASE. */
export function trafficPairs(): Record<TrafficSeries, [string, string][]> {
  const out: Record<TrafficSeries, [string, string][]> = { tokenize: [], detokenize: [], proxy: [] };
  for (const e of Object.values(AUDIT_EVENTS) as AuditEventDef[]) if (e.traffic) out[e.traffic].push([e.eventType, e.action]);
  return out;
}
