// pino options for the vault. Nothing a client sends is logged by default except the route
// pattern: URLs can carry reset tokens (?token=) and token ids, bodies carry card data. The redact
// list is a second line of defence for objects someone logs on purpose.
import type { FastifyRequest } from 'fastify';
import type { LoggerOptions } from 'pino';

const SECRET_FIELDS = [
  'cardNumber', 'cvv', 'cvc', 'accountNumber', 'routingNumber', 'holderName', 'password',
  'current_password', 'new_password', 'code', 'token', 'api_key', 'apiKey', 'verification_token',
  'password_reset_token', 'session_key', 'sessionKey', 'backup_codes', 'totp_uri', 'secret', 'data', 'request_data', 'http_headers',
];

const HEADERS = ['x-api-key', 'x-pub-key', 'authorization', 'cookie', 'set-cookie', 'x-token', 'x-cvc-session-id', 'x-session-key'];

export const REDACT_PATHS = [
  ...HEADERS.flatMap((h) => [`req.headers["${h}"]`, `res.headers["${h}"]`, `headers["${h}"]`]),
  ...SECRET_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`, `body.data.${f}`, `req.body.${f}`]),
];

/** The pino options; `pretty` (a terminal) formats lines for people, after redaction as always. */
export function loggerOptions(level: string, stream?: NodeJS.WritableStream, pretty = false): LoggerOptions & { stream?: NodeJS.WritableStream } {
  return {
    level,
    ...(stream ? { stream } : {}),
    // On a terminal one line per event: `err` inline (pino-pretty gives pino's errorKey, `err` by
    // default, an indented block of its own), its stack cut to the frame that threw.
    ...(pretty && !stream
      ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', singleLine: true, errorLikeObjectKeys: ['error'] } }, errorKey: 'error' }
      : {}),
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: {
      req: (req: FastifyRequest) => ({
        method: req.method,
        route: req.routeOptions?.url ?? '(unmatched)',
        remoteAddress: req.ip,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      // Driver errors can quote row values in `detail`; keep only what helps an operator.
      // `error_code`, not `code`: `code` is a redacted field name (MFA and email codes).
      err: (err: Error & { code?: string }) =>
        pretty && !stream
          ? { type: err.name, message: err.message, error_code: err.code, at: /^\s+at (.*)$/m.exec(err.stack ?? '')?.[1] }
          : { type: err.name, message: err.message, error_code: err.code, stack: err.stack },
    },
  };
}
