// The one way the dashboard talks to the vault: same-origin JSON with the HttpOnly
// `vault_session` cookie (never a token in storage). Browsers add `Origin` to same-origin
// POST/PUT/DELETE, which the vault's CSRF check requires.
import type { paths } from '../../packages/node/src/openapi';

/** One field's complaint in an error answer (`error.details[]`, API.md §0). */
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
  /** The message for one field (`/email` or `email`), if the API named it. */
  fieldMessage(field: string): string | undefined {
    const want = field.replace(/^\//, '');
    return this.details.find((d) => d.path.replace(/^\//, '').split('/')[0] === want)?.message;
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

/** The vault's JSON envelope (API.md §0), success or error. */
interface Envelope {
  success?: boolean;
  message?: string;
  data?: unknown;
  next_cursor?: string | null;
  error?: { code?: string; details?: unknown } & Record<string, unknown>;
}

async function request(method: string, path: string, body?: unknown, query?: Record<string, unknown>): Promise<Envelope> {
  let url = path;
  if (query) {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (typeof v === 'string' ? v !== '' : typeof v === 'number' || typeof v === 'boolean') qs.set(k, String(v));
    const s = qs.toString();
    if (s) url += `?${s}`;
  }
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network_error', 'The vault could not be reached. Check your connection and try again.');
  }
  let json: Envelope | null = null;
  const text = await res.text();
  if (text) {
    try {
      json = JSON.parse(text) as Envelope;
    } catch {
      json = null;
    }
  }
  if (!res.ok || json?.success === false) {
    const err: NonNullable<Envelope['error']> = json?.error ?? {};
    const apiErr = new ApiError(
      res.status,
      err.code ?? 'http_error',
      json?.message ?? `The vault answered ${res.status}.`,
      Array.isArray(err.details) ? (err.details as ErrorDetail[]) : [],
      err,
    );
    if (res.status === 401 && !path.startsWith('/auth/login') && unauthorized && apiErr.code !== 'invalid_credentials') unauthorized();
    throw apiErr;
  }
  lastActivity = Date.now();
  activityListeners.forEach((fn) => fn());
  return json ?? { success: true, data: null };
}

export const api = {
  get: async <T = unknown>(path: string, query?: Record<string, unknown>): Promise<T> => (await request('GET', path, undefined, query)).data as T,
  list: async <T = unknown>(path: string, query?: Record<string, unknown>): Promise<ListPage<T>> => {
    const j = await request('GET', path, undefined, query);
    return { data: (j.data as T[] | undefined) ?? [], next_cursor: j.next_cursor ?? null };
  },
  post: async <T = unknown>(path: string, body: unknown = {}): Promise<T> => (await request('POST', path, body)).data as T,
  put: async <T = unknown>(path: string, body: unknown = {}): Promise<T> => (await request('PUT', path, body)).data as T,
  del: async <T = unknown>(path: string): Promise<T> => (await request('DELETE', path)).data as T,
};

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
export type AuditEntry = Data<'/api/audit-logs'>[number];
export type ChainCheck = Data<'/api/audit-logs/verify'>;
export type Traffic = Data<'/api/projects/{id}/traffic'>;
