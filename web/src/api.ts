// The one way the dashboard talks to the vault: same-origin JSON with the HttpOnly
// `vault_session` cookie (never a token in storage). Browsers add `Origin` to same-origin
// POST/PUT/DELETE, which the vault's CSRF check requires.

export interface ErrorDetail {
  path: string;
  message: string;
}

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

export interface ListPage<T> {
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

// ---- shapes from API.md §4 ----
export interface User {
  id: string;
  email: string;
  name?: string | null;
}
export interface Session {
  valid: boolean;
  user: User;
  session?: { id: string; expires_at: string };
  mfa_required: boolean;
  mfa_enabled: boolean;
  mfa_verified: boolean;
}
export type Environment = 'production' | 'staging' | 'development';
export interface Project {
  id: string;
  name: string;
  environment: Environment;
  require_mfa?: boolean;
  deduplicate?: boolean;
  proxy_allowed_hosts?: string[];
  elements_origins?: string[];
  role?: string;
  created_at?: string;
}
export interface Permissions {
  tokenization: { allowed: boolean };
  provisioning: { allowed: boolean };
  detokenization?: { allowed: boolean };
}
export interface Application {
  id: string;
  name: string;
  permissions: Permissions;
  pub_key?: string;
  api_key?: string;
  key_prefix?: string;
  api_key_prefix?: string;
  created_at?: string;
}
export interface Member {
  user_id: string;
  email: string;
  name?: string | null;
  role: string;
}
export interface Invitation {
  id: string;
  project_id: string;
  project_name: string;
  email: string;
  role: string;
  invited_by: string | null;
  created_at: string;
  expires_at: string;
}
export interface AuditEntry {
  id: string;
  seq: number | string | null;
  created_at: string;
  event_type: string;
  action: string;
  outcome: string;
  resource_type?: string | null;
  resource_id?: string | null;
  user_id?: string | null;
  app_id?: string | null;
  ip_address?: string | null;
  request_id?: string | null;
}
export interface TokenRow {
  token: string;
  type: string;
  created_at?: string;
  expires_at?: string | null;
  [k: string]: unknown;
}
