// The one error shape of API.md §0 and the one map from error code to HTTP status.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export const ERROR_STATUS = {
  invalid_json: 400,
  validation_error: 400,
  invalid_request: 400,
  invalid_card_number: 400,
  invalid_expiry: 400,
  invalid_cvv: 400,
  invalid_routing_number: 400,
  not_a_test_card: 400,
  weak_password: 400,
  invalid_code: 400,
  invalid_proxy_url: 400,
  invalid_placeholder: 400,
  api_key_required: 401,
  invalid_api_key: 401,
  pub_key_required: 401,
  pub_key_mismatch: 401,
  session_expired: 401,
  authentication_required: 401,
  invalid_token: 401,
  invalid_credentials: 401,
  permission_denied: 403,
  mfa_required: 403,
  account_locked: 403,
  password_expired: 403,
  csrf_failed: 403,
  destination_forbidden: 403,
  not_found: 404,
  token_not_found: 404,
  cvc_session_not_found: 404,
  conflict: 409,
  email_taken: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
  upstream_error: 502,
  service_unavailable: 503,
  upstream_timeout: 504,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorDetail {
  path: string;
  message: string;
}

export interface VaultErrorOptions {
  details?: ErrorDetail[];
  /** Extra fields inside `error` (e.g. `password_reset_token`). */
  extra?: Record<string, unknown>;
  retryAfterSeconds?: number;
  /** Overrides the code's usual status where the contract says so (400 `invalid_token` on reset links). */
  status?: number;
}

/** Every deliberate failure. Messages are fixed sentences: they never carry request data. */
export class VaultError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  constructor(code: ErrorCode, message: string, readonly options: VaultErrorOptions = {}) {
    super(message);
    this.code = code;
    this.status = options.status ?? ERROR_STATUS[code];
  }
}

export function errorBody(code: ErrorCode, message: string, requestId: string, options: VaultErrorOptions = {}) {
  const body: Record<string, unknown> = {
    success: false,
    message,
    data: null,
    error: {
      code,
      request_id: requestId,
      ...(options.details ? { details: options.details } : {}),
      ...options.extra,
    },
  };
  if (options.retryAfterSeconds !== undefined) body.retry_after_seconds = options.retryAfterSeconds;
  return body;
}

export function sendError(reply: FastifyReply, err: VaultError) {
  if (err.options.retryAfterSeconds !== undefined) reply.header('retry-after', String(err.options.retryAfterSeconds));
  return reply.code(err.status).send(errorBody(err.code, err.message, reply.request.id, err.options));
}

const PG_UNAVAILABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P02', '57P03', '08000', '08003', '08006']);

function isDatabaseDown(err: { code?: string; message?: string }): boolean {
  return (
    (err.code !== undefined && PG_UNAVAILABLE.has(err.code)) ||
    /Connection terminated|connection timeout|Client has encountered a connection error/i.test(err.message ?? '')
  );
}

/** Translates everything Fastify, ajv and the database can throw into the one shape. */
export function toVaultError(err: FastifyError): VaultError {
  if (err instanceof VaultError) return err;
  if (err.validation) {
    const details: ErrorDetail[] = err.validation.map((v) => ({
      path: v.instancePath || (typeof v.params?.missingProperty === 'string' ? `/${v.params.missingProperty}` : '/'),
      message: v.message ?? 'is invalid',
    }));
    return new VaultError('validation_error', 'The request is missing fields or has invalid ones.', { details });
  }
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new VaultError('unsupported_media_type', 'The request body must be application/json.');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new VaultError('payload_too_large', 'The request body is larger than 1 MiB.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new VaultError('invalid_json', 'The request body is not valid JSON.');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new VaultError('invalid_request', 'The Content-Length header does not match the body.');
  }
  // JSON.parse's own message quotes the body, which may hold a card number: never pass it on.
  if (err instanceof SyntaxError) return new VaultError('invalid_json', 'The request body is not valid JSON.');
  if (isDatabaseDown(err)) return new VaultError('service_unavailable', 'The vault database is unavailable; try again shortly.');
  if (err.statusCode === 400) return new VaultError('invalid_request', 'The request is malformed.');
  if (err.statusCode === 404) return new VaultError('not_found', 'Not found.');
  if (err.statusCode === 413) return new VaultError('payload_too_large', 'The request body is larger than 1 MiB.');
  if (err.statusCode === 415) return new VaultError('unsupported_media_type', 'The request body must be application/json.');
  return new VaultError('internal_error', 'Something went wrong on our side.');
}

export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    const ve = toVaultError(err);
    if (ve.status >= 500) req.log.error({ err }, 'request failed');
    return sendError(reply, ve);
  });
  app.setNotFoundHandler((req, reply) => sendError(reply, new VaultError('not_found', 'No such route.')));
}
