// The one error every call of the SDK throws: the vault's own answer (its code, status and request
// id), or a failure to get one (`network_error`, `timeout`), never a bare `fetch failed`. Messages
// carry the vault's sentence or the vault's origin and a cause code, never the request's data.

export type ClientErrorCode = 'network_error' | 'timeout' | 'invalid_response';

export class VaultError extends Error {
  /** The vault's `error.code` (e.g. `token_not_found`), or one of the client's own codes. */
  readonly code: string;
  /** The HTTP status; 0 when no answer came (`network_error`, `timeout`). */
  readonly status: number;
  /** The vault's `X-Request-Id`, to quote to an operator; absent without an answer. */
  readonly requestId?: string;
  /** Field errors of a 400 (`[{path, message}]`). */
  readonly details?: { path: string; message: string }[];
  /** Seconds the vault asked to wait (429, 503 with `Retry-After`). */
  readonly retryAfterSeconds?: number;

  constructor(init: { code: string; status: number; message: string; requestId?: string; details?: { path: string; message: string }[]; retryAfterSeconds?: number; cause?: unknown }) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'VaultError';
    this.code = init.code;
    this.status = init.status;
    if (init.requestId !== undefined) this.requestId = init.requestId;
    if (init.details !== undefined) this.details = init.details;
    if (init.retryAfterSeconds !== undefined) this.retryAfterSeconds = init.retryAfterSeconds;
  }
}

/** @deprecated The former name of {@link VaultError}; kept so 0.1 code still compiles. */
export const VaultApiError = VaultError;
/** @deprecated Use {@link VaultError}. */
export type VaultApiError = VaultError;

interface ErrorBody {
  message?: unknown;
  retry_after_seconds?: unknown;
  error?: { code?: unknown; request_id?: unknown; details?: unknown };
}

/** A VaultError from a vault's error answer (§0's shape), or a plain one when the body is not it. */
export function fromAnswer(response: Response, body: unknown): VaultError {
  const b = (typeof body === 'object' && body !== null ? body : {}) as ErrorBody;
  const requestId = typeof b.error?.request_id === 'string' ? b.error.request_id : (response.headers.get('x-request-id') ?? undefined);
  return new VaultError({
    status: response.status,
    code: typeof b.error?.code === 'string' ? b.error.code : 'unknown_error',
    message: typeof b.message === 'string' ? b.message : `The vault answered ${response.status} ${response.statusText}`.trim() + '.',
    requestId,
    details: Array.isArray(b.error?.details) ? (b.error.details as { path: string; message: string }[]) : undefined,
    retryAfterSeconds: typeof b.retry_after_seconds === 'number' ? b.retry_after_seconds : undefined,
  });
}
