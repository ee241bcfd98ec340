// The one way the dashboard talks to the vault: same-origin JSON with the HttpOnly
// `vault_session` cookie (never a token in storage). Browsers add `Origin` to same-origin
// POST/PUT/DELETE, which the vault's CSRF check requires.
import createClient from 'openapi-fetch';
import type { paths } from '../../packages/node/src/openapi';

/** One field's complaint in an error answer (`error.details[]`, docs/api.md §0). */
type ErrorDetail = NonNullable<JsonOf<paths['/api/projects']['get']['responses']['4XX']>['error']['details']>[number];

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
  /** The message for one field (`/email` or `email`; `fields/0/path` for a nested one, or anything below it), if the API named it. */
  fieldMessage(field: string): string | undefined {
    const want = field.replace(/^\//, '');
    return this.details.find((d) => {
      const p = d.path.replace(/^\//, '');
      return want.includes('/') ? p === want || p.startsWith(`${want}/`) : p.split('/')[0] === want;
    })?.message;
  }
}

interface ListPage<T> {
  data: T[];
  next_cursor: string | null;
}

let lastActivity = Date.now();
const activityListeners = new Set<() => void>();
/** When the vault last re-issued the session cookie (any authenticated answer). */
export function lastApiActivity() {
  return lastActivity;
}
export function onApiActivity(fn: () => void) {
  activityListeners.add(fn);
  return () => activityListeners.delete(fn);
}

let unauthorized: (() => void) | null = null;
/** Called once when any request answers 401 (session gone): the app goes back to sign-in. */
export function onUnauthorized(fn: () => void) {
  unauthorized = fn;
}

/** The vault's JSON envelope (docs/api.md §0), success or error. */
interface Envelope {
  success?: boolean;
  message?: string;
  data?: unknown;
  next_cursor?: string | null;
  error?: { code?: string; details?: unknown } & Record<string, unknown>;
}

// Filters left empty in a form are not sent at all (the vault would read `type=` as a value).
function querySerializer(query: Record<string, unknown>): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (typeof v === 'string' ? v !== '' : typeof v === 'number' || typeof v === 'boolean') qs.set(k, String(v));
  return qs.toString();
}

/**
 * The typed client: paths, parameters, request bodies and answers are the generated types
 * (packages/node/src/openapi.ts), so a wrong path, parameter or body field fails the typecheck.
 * Wrap each call in `data()` or `page()`.
 */
export const vault = createClient<paths>({ baseUrl: '', credentials: 'same-origin', headers: { accept: 'application/json' }, querySerializer });

type Result<T> = { data?: T; error?: unknown; response: Response };

async function settle<T>(call: Promise<Result<T>>): Promise<T> {
  let res: Result<T>;
  try {
    res = await call;
  } catch {
    throw new ApiError(0, 'network_error', 'The vault could not be reached. Check your connection and try again.');
  }
  const { response } = res;
  const json = (res.data ?? res.error) as Envelope | undefined;
  if (!response.ok || json?.success === false) {
    const err: NonNullable<Envelope['error']> = (typeof json === 'object' && json?.error) || {};
    const apiErr = new ApiError(
      response.status,
      err.code ?? 'http_error',
      (typeof json === 'object' && json?.message) || `The vault answered ${response.status}.`,
      Array.isArray(err.details) ? (err.details as ErrorDetail[]) : [],
      err,
    );
    const signIn = new URL(response.url || '/', location.href).pathname.startsWith('/auth/login');
    if (response.status === 401 && !signIn && unauthorized && apiErr.code !== 'invalid_credentials') unauthorized();
    throw apiErr;
  }
  lastActivity = Date.now();
  activityListeners.forEach((fn) => fn());
  return res.data as T;
}

/** The `data` of a call's success envelope; an ApiError otherwise. */
export async function data<T>(call: Promise<Result<{ data: T }>>): Promise<T> {
  // Every success answer is an envelope; `?.` only guards a body-less answer.
  return (await settle(call))?.data;
}

/** One page of a list call: its rows and the cursor of the next page. */
export async function page<T>(call: Promise<Result<{ data: T[]; next_cursor?: string | null }>>): Promise<ListPage<T>> {
  const body = await settle(call);
  return { data: body.data, next_cursor: body.next_cursor ?? null };
}

// ---- shapes: derived from packages/node/src/openapi.ts, generated from the vault's /openapi.json ----
type Method = 'get' | 'post' | 'put' | 'delete';
type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;
/** The JSON a route answers with on success (200, 201 or 202). */
type SuccessBody<P extends keyof paths, M extends Method> = paths[P][M] extends { responses: infer R }
  ? { [S in keyof R]: S extends 200 | 201 | 202 ? JsonOf<R[S]> : never }[keyof R]
  : never;
/** The `data` of a route's success answer. */
export type Data<P extends keyof paths, M extends Method = 'get'> = SuccessBody<P, M> extends { data: infer D } ? D : never;
/** A route's JSON request body. */
export type Body<P extends keyof paths, M extends Method> = JsonOf<NonNullable<paths[P][M] extends { requestBody?: infer B } ? B : never>>;

export type Session = Data<'/auth/verify'>;
export type UserSettings = Data<'/api/user/settings'>;
export type PasswordExpiry = Data<'/auth/password-expiry-info'>;
export type Project = Data<'/api/projects/{id}'>;
export type Environment = Body<'/api/projects', 'post'>['environment'];
export type Role = Project['role'];
export type Application = Data<'/api/applications'>[number];
export type NewApplication = Data<'/api/applications', 'post'>;
export type Member = Data<'/api/projects/{id}/members'>[number];
export type Invitation = Data<'/api/user/invitations'>[number];
export type TokenRow = Data<'/api/tokens'>[number];
/** The token types the list filters on. */
export type TokenType = NonNullable<NonNullable<paths['/api/tokens']['get']['parameters']['query']>['type']>;
/**
 * What the dashboard may search tokens by (§6.3): every filter of `POST /api/tokens/search` except
 * the full card or account number, which is for API keys with the detokenize right only.
 */
export type TokenSearch = Omit<Body<'/api/tokens/search', 'post'>, 'card_number' | 'account_number' | 'routing_number'>;

/** One page of a project's tokens, masked: the plain list, or a search when any filter is set. */
export function tokensPage(projectId: string, type: TokenType | undefined, filters: Omit<TokenSearch, 'project_id' | 'type' | 'limit' | 'cursor'>, cursor: string | null) {
  const limit = 50;
  if (Object.keys(filters).length === 0) {
    return page(vault.GET('/api/tokens', { params: { query: { project_id: projectId, type, limit, cursor: cursor ?? undefined } } }));
  }
  const body: TokenSearch = { ...filters, project_id: projectId, type, limit, cursor: cursor ?? undefined };
  return page(vault.POST('/api/tokens/search', { body }));
}
export type AuditEntry = Data<'/api/audit-logs'>[number];
export type ChainCheck = Data<'/api/audit-logs/verify'>;
export type Traffic = Data<'/api/projects/{id}/traffic'>;
export type Webhook = Data<'/api/projects/{id}/webhooks'>[number];
export type NewWebhook = Data<'/api/projects/{id}/webhooks', 'post'>;
export type WebhookEvent = Webhook['events'][number];
export type Delivery = Data<'/api/projects/{id}/webhooks/{webhook_id}/deliveries'>[number];
export type InboundRoute = Data<'/api/projects/{id}/routes'>[number];
export type RouteField = InboundRoute['fields'][number];

/** Admins and owners manage a project's integrations (webhooks, inbound routes): docs/permissions.md. */
export const managesIntegrations = (role: Role) => role === 'admin' || role === 'owner';
