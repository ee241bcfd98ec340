// W3C Trace Context (https://www.w3.org/TR/trace-context/): a caller's `traceparent` is accepted
// when well formed, its trace id bound to the request's log lines, and the proxy's call to the
// PSP carries the same trace with the vault as the new parent. Anything malformed is ignored,
// as the spec asks, never refused.
import { randomBytes } from 'node:crypto';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const ZERO_TRACE = '0'.repeat(32);
const ZERO_SPAN = '0'.repeat(16);

export interface TraceParent {
  traceId: string;
  parentId: string;
  flags: string;
}

export function parseTraceparent(header: unknown): TraceParent | null {
  if (typeof header !== 'string' || header.length !== 55) return null;
  const m = TRACEPARENT.exec(header);
  if (!m || m[1] === ZERO_TRACE || m[2] === ZERO_SPAN) return null;
  return { traceId: m[1], parentId: m[2], flags: m[3] };
}

/** The header for the next hop: same trace and flags, a fresh parent id (this vault's span). */
export const childTraceparent = (t: TraceParent) => `00-${t.traceId}-${randomBytes(8).toString('hex')}-${t.flags}`;

/**
 * The trace headers the proxy sends upstream for an incoming request, unless the caller set its
 * own in the forwarded headers. `tracestate` travels only with a valid `traceparent`. Returns
 * whether the traceparent is the vault's to set (false: the caller forwarded its own), so that a
 * tracing span (RequestTrace.outbound) may replace it with its own id.
 */
export function forwardTrace(incoming: Record<string, string | string[] | undefined>, outgoing: Record<string, string>): boolean {
  if (outgoing.traceparent !== undefined && outgoing.traceparent !== incoming.traceparent) return false;
  const t = parseTraceparent(incoming.traceparent);
  if (!t) return true;
  outgoing.traceparent = childTraceparent(t);
  const state = incoming.tracestate;
  if (typeof state === 'string' && state.length <= 512 && /^[\x20-\x7e]*$/.test(state)) outgoing.tracestate = state;
  return true;
}

/**
 * A request's server span when OpenTelemetry tracing is on (plugins/tracing.ts, loaded only with
 * OTEL_EXPORTER_OTLP_ENDPOINT); `req.traceSpan` is null otherwise, so callers pay one check.
 */
export interface RequestTrace {
  /** A client span, child of the request's, for one outgoing call; its traceparent goes on the wire. */
  outbound(name: string, attributes: Record<string, string | number>): OutboundSpan;
}

export interface OutboundSpan {
  /** `00-<trace id>-<this span's id>-<flags>`: what the next hop sees as its parent. */
  readonly traceparent: string;
  /** The upstream's status, or null with the error code when no answer came. */
  end(status: number | null, error?: string): void;
}

declare module 'fastify' {
  interface FastifyRequest {
    traceSpan: RequestTrace | null;
  }
}
