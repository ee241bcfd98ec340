// The one error shape of docs/api.md §0; every error comes from the catalogue (./catalogue.ts).
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseDown } from '../db/unavailable.js';
import { randomString } from '../lib/random.js';
import { codeOf, type ErrorCode, type ErrorName, ERRORS } from './catalogue.js';
import { humanDetails } from './messages.js';

export { type ErrorCode, type ErrorName, ERRORS } from './catalogue.js';

/**
 * 400 `validation_error` in Ozura's words (§0), named after the first failing field:
 * `Missing required field: X` or `Invalid value for X`; every failure stays in `details` (paths
 * and rules only, never values).
 */
export function invalidFields(details: ErrorDetail[]): VaultError {
  const first = details[0];
  const field = first ? first.path.split('/').filter(Boolean).pop() : undefined;
  if (!first || !field) return new VaultError('validation_error', { details });
  return new VaultError(/required/.test(first.message) ? 'missing_field' : 'invalid_field', { details, args: [field] });
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
  /** Fills the entry's `%s` in order: our own fixed values (limits, role and field names). */
  args?: (string | number)[];
  /** Only for a framework 4xx the catalogue has no entry for: its status is passed through. */
  status?: number;
}

/** Every deliberate failure, named by its catalogue entry. Messages never carry request data. */
export class VaultError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  constructor(
    readonly id: ErrorName,
    readonly options: VaultErrorOptions = {},
  ) {
    let message: string = ERRORS[id].message;
    for (const arg of options.args ?? []) message = message.replace('%s', String(arg));
    super(message);
    this.code = codeOf(id);
    this.status = options.status ?? ERRORS[id].status;
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

/** Translates everything Fastify, ajv and the database can throw into the one shape. */
export function toVaultError(err: FastifyError): VaultError {
  if (err instanceof VaultError) return err;
  if (err.validation) {
    return invalidFields(humanDetails(err.validation));
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
      return new VaultError('bad_content_length');
  }
  // JSON.parse's own message quotes the body, which may hold a card number: never pass it on.
  if (err instanceof SyntaxError) return new VaultError('invalid_json');
  if (isDatabaseDown(err)) return new VaultError('service_unavailable');
  if (err.statusCode === 400) return new VaultError('invalid_request');
  if (err.statusCode === 404) return new VaultError('not_found');
  if (err.statusCode === 413) return new VaultError('payload_too_large');
  if (err.statusCode === 415) return new VaultError('unsupported_media_type');
  if (err.statusCode !== undefined && err.statusCode > 400 && err.statusCode < 500) {
    return new VaultError('invalid_request', { status: err.statusCode });
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
    err.code === 'FST_ERR_BAD_URL' ? new VaultError('bad_url')
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
  // A handler that answered before the body arrived (a 401 from a guard) has its answer on the
  // wire already: a second one would be read as the answer to the client's next request.
  const answering = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (!socket.writable || answering?.headersSent) return void socket.destroy();
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
  app.setNotFoundHandler((req, reply) => sendError(reply, new VaultError('no_such_route')));
}
