// The one error shape of API.md §0 and the one map from error code to HTTP status.
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { randomString } from '../lib/random.js';

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
  request_timeout: 408,
  conflict: 409,
  email_taken: 409,
  token_space_exhausted: 409,
  payload_too_large: 413,
  uri_too_long: 414,
  unsupported_media_type: 415,
  headers_too_large: 431,
  rate_limited: 429,
  internal_error: 500,
  upstream_error: 502,
  service_unavailable: 503,
  upstream_timeout: 504,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/**
 * Each code's default message. Where Ozura's "Common errors" page documents a message, it is
 * Ozura's words exactly (API.md §0), since clients match on them; the others are ours.
 */
export const ERROR_MESSAGE: Record<ErrorCode, string> = {
  invalid_json: 'The request body is not valid JSON.',
  validation_error: 'The request is missing fields or has invalid ones.',
  invalid_request: 'The request is malformed.',
  invalid_card_number: 'Invalid card number',
  invalid_expiry: 'Card has expired',
  invalid_cvv: 'Invalid value for cvv',
  invalid_routing_number: 'Invalid value for routingNumber',
  not_a_test_card: "Only the card networks' published test card numbers are accepted here.",
  weak_password: 'The password is too weak.',
  invalid_code: 'The code is invalid or has expired.',
  invalid_proxy_url: 'Invalid proxy URL',
  invalid_placeholder: 'The request uses a placeholder this token cannot fill.',
  api_key_required: 'The X-API-Key header is required.',
  invalid_api_key: 'Invalid API key',
  pub_key_required: 'The X-Pub-Key header is required.',
  pub_key_mismatch: "The X-Pub-Key does not belong to this API key's application.",
  authentication_required: 'Sign in first: send a Bearer token or the session cookie.',
  invalid_token: 'Token expired',
  session_expired: 'The session key is expired, spent or revoked.',
  invalid_credentials: 'The email or password is incorrect.',
  permission_denied: 'This API key does not have permission for this operation',
  mfa_required: 'MFA verification required',
  account_locked: 'Too many failed attempts',
  password_expired: 'The password has expired and must be changed.',
  csrf_failed: 'Cookie-authenticated writes must come from the vault origin.',
  destination_forbidden: 'The proxy destination is not allowed.',
  not_found: 'Not found.',
  token_not_found: 'Token not found',
  cvc_session_not_found: 'CVC session expired or not found',
  request_timeout: 'The request took too long to arrive.',
  conflict: 'The request conflicts with existing data.',
  email_taken: 'An account with this email already exists.',
  token_space_exhausted: "Every card-preserving token for this card number's BIN and last four digits is in use in this project.",
  payload_too_large: 'The request body is larger than 1 MiB.',
  uri_too_long: 'A path segment of the URL is too long.',
  unsupported_media_type: 'The request body must be application/json.',
  headers_too_large: 'The request headers are larger than the vault accepts.',
  rate_limited: 'Rate limit exceeded',
  internal_error: 'Something went wrong on our side.',
  upstream_error: 'Failed to proxy request',
  service_unavailable: 'The vault database is unavailable; try again shortly.',
  upstream_timeout: 'The upstream did not answer in time.',
};

/**
 * 400 `validation_error` in Ozura's words (§0), named after the first failing field:
 * `Missing required field: X` or `Invalid value for X`; every failure stays in `details` (paths
 * and rules only, never values).
 */
export function invalidFields(details: ErrorDetail[]): VaultError {
  const first = details[0];
  const field = first ? first.path.split('/').filter(Boolean).pop() : undefined;
  if (!first || !field) return new VaultError('validation_error', undefined, { details });
  const missing = /required/.test(first.message);
  return new VaultError('validation_error', missing ? `Missing required field: ${field}` : `Invalid value for ${field}`, { details });
}

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
  constructor(code: ErrorCode, message: string = ERROR_MESSAGE[code], readonly options: VaultErrorOptions = {}) {
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

// 25006 (read-only transaction): the server reached is a standby, e.g. one Patroni is promoting
// (its /primary check turns 200 a moment before PostgreSQL accepts writes) or a demoted primary.
const PG_UNAVAILABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', '57P01', '57P02', '57P03', '08000', '08003', '08006', '25006']);

export function isDatabaseDown(e: unknown): boolean {
  const err = (e ?? {}) as { code?: string; message?: string };
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
      path: typeof v.params?.missingProperty === 'string' ? `${v.instancePath}/${v.params.missingProperty}` : v.instancePath || '/',
      message: v.message ?? 'is invalid',
    }));
    return invalidFields(details);
  }
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new VaultError('unsupported_media_type');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new VaultError('payload_too_large');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new VaultError('invalid_json');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new VaultError('invalid_request', 'The Content-Length header does not match the body.');
  }
  // JSON.parse's own message quotes the body, which may hold a card number: never pass it on.
  if (err instanceof SyntaxError) return new VaultError('invalid_json');
  if (isDatabaseDown(err)) return new VaultError('service_unavailable');
  if (err.statusCode === 400) return new VaultError('invalid_request');
  if (err.statusCode === 404) return new VaultError('not_found');
  if (err.statusCode === 413) return new VaultError('payload_too_large');
  if (err.statusCode === 415) return new VaultError('unsupported_media_type');
  if (err.statusCode !== undefined && err.statusCode > 400 && err.statusCode < 500) {
    return new VaultError('invalid_request', undefined, { status: err.statusCode });
  }
  return new VaultError('internal_error');
}

/**
 * Fastify's `frameworkErrors`: the router's own failures (a malformed %-escape, an over-long path
 * parameter). Its default answers quote the URL, which may hold a card number; ours never do.
 * These requests skip every hook, so the request id header is set here.
 */
export function frameworkErrors(err: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  reply.header('x-request-id', req.id);
  const ve =
    err.code === 'FST_ERR_BAD_URL' ? new VaultError('invalid_request', 'The URL is malformed.')
    : err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? new VaultError('uri_too_long')
    : toVaultError(err);
  void sendError(reply, ve);
}

/**
 * Node's `clientError`: the HTTP parser gave up (headers over 16 KiB, bad framing, a timeout)
 * before there was a request. Answered in the one shape with `Connection: close`, since the
 * connection cannot be reused (a keep-alive client would otherwise send its next request into a
 * reset).
 */
export function clientErrorHandler(err: Error & { code?: string }, socket: Socket) {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const ve =
    err.code === 'HPE_HEADER_OVERFLOW' ? new VaultError('headers_too_large')
    : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? new VaultError('request_timeout')
    : new VaultError('invalid_request');
  const id = `req_${randomString(16)}`;
  const body = JSON.stringify(errorBody(ve.code, ve.message, id));
  if (!socket.writable) return void socket.destroy();
  socket.end(
    `HTTP/1.1 ${ve.status} ${STATUS_CODES[ve.status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nX-Request-Id: ${id}\r\nConnection: close\r\n\r\n${body}`,
  );
}

export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    const ve = toVaultError(err);
    if (ve.status >= 500) req.log.error({ err }, 'request failed');
    return sendError(reply, ve);
  });
  app.setNotFoundHandler((req, reply) => sendError(reply, new VaultError('not_found', 'No such route.')));
}
