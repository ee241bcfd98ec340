// Fastify gives every request a pino child logger bound to its id. Creating one costs more than
// it seems (pino runs its redaction over the bindings), and most requests never log a line at the
// configured level. This child is made on the first line that will actually be written.
import type { IncomingMessage } from 'node:http';
import type { FastifyBaseLogger } from 'fastify';
import { parseTraceparent } from '../http/trace.js';
import type { Bindings, ChildLoggerOptions, Level, Logger } from 'pino';

class RequestLogger {
  #real: Logger | null = null;

  constructor(
    private readonly parent: Logger,
    private readonly bindings: Bindings,
  ) {}

  private get real(): Logger {
    this.#real ??= this.parent.child(this.bindings);
    return this.#real;
  }

  get level(): string {
    return this.#real?.level ?? this.parent.level;
  }

  set level(level: string) {
    this.real.level = level;
  }

  isLevelEnabled(level: string): boolean {
    return (this.#real ?? this.parent).isLevelEnabled(level);
  }

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.real.child(bindings, options);
  }

  silent() {}
  fatal(...args: unknown[]) { this.write('fatal', args); }
  error(...args: unknown[]) { this.write('error', args); }
  warn(...args: unknown[]) { this.write('warn', args); }
  info(...args: unknown[]) { this.write('info', args); }
  debug(...args: unknown[]) { this.write('debug', args); }
  trace(...args: unknown[]) { this.write('trace', args); }

  private write(level: Level, args: unknown[]) {
    if (!this.isLevelEnabled(level)) return;
    this.real[level](...(args as Parameters<Logger['info']>));
  }
}

/** Fastify's `childLoggerFactory`: per-route levels or serializers get a real child at once. */
export function requestLoggerFactory(logger: FastifyBaseLogger, bindings: Bindings, options: ChildLoggerOptions, raw?: IncomingMessage): FastifyBaseLogger {
  // A caller's W3C trace id on every line of its request (one header lookup when absent).
  const trace = raw?.headers.traceparent === undefined ? null : parseTraceparent(raw.headers.traceparent);
  if (trace) bindings = { ...bindings, trace_id: trace.traceId };
  if (options.level || options.serializers) return logger.child(bindings, options);
  // The vault's logger is always pino (src/plugins/logging.ts).
  return new RequestLogger(logger as unknown as Logger, bindings);
}
