// OpenTelemetry tracing (OTEL_EXPORTER_OTLP_ENDPOINT, docs/operations.md "Observability"): a
// server span per request, parented by the caller's W3C traceparent, and a client span per
// upstream call of the proxy and of inbound routes, exported over OTLP/HTTP (JSON). app.ts loads
// this file with a dynamic import only when the variable is set, so without it none of the SDK
// is even loaded. One provider per vault (tests run several in one process), never registered
// globally: the request's span travels explicitly (req.traceSpan), so no async-hooks context
// manager runs either. Attributes are method, route pattern, status, PSP host and error codes:
// never a URL's values, a header's value, a body, a token or a key.
import { ROOT_CONTEXT, type Span, SpanKind, SpanStatusCode, trace, TraceFlags, type Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import {
  ATTR_ERROR_TYPE, ATTR_HTTP_REQUEST_METHOD, ATTR_HTTP_RESPONSE_STATUS_CODE, ATTR_HTTP_ROUTE, ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION, ATTR_URL_SCHEME,
} from '@opentelemetry/semantic-conventions';
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { type OutboundSpan, parseTraceparent, type RequestTrace } from '../http/trace.js';
import { VERSION } from '../lib/version.js';

export interface TracingOptions {
  /** The collector's base URL; spans are posted to <endpoint>/v1/traces. */
  endpoint: string;
  serviceName: string;
  https: boolean;
}

const traceparentOf = (span: Span) => {
  const c = span.spanContext();
  return `00-${c.traceId}-${c.spanId}-${c.traceFlags & TraceFlags.SAMPLED ? '01' : '00'}`;
};

class RequestSpan implements RequestTrace {
  constructor(private tracer: Tracer, readonly span: Span) {}

  outbound(name: string, attributes: Record<string, string | number>): OutboundSpan {
    const child = this.tracer.startSpan(name, { kind: SpanKind.CLIENT, attributes }, trace.setSpan(ROOT_CONTEXT, this.span));
    return {
      traceparent: traceparentOf(child),
      end(status, error) {
        if (status !== null) child.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, status);
        if (error !== undefined || (status !== null && status >= 500)) {
          child.setAttribute(ATTR_ERROR_TYPE, error ?? String(status));
          child.setStatus({ code: SpanStatusCode.ERROR });
        }
        child.end();
      },
    };
  }
}

export function registerTracing(app: FastifyInstance, options: TracingOptions): void {
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName, [ATTR_SERVICE_VERSION]: VERSION }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${options.endpoint}/v1/traces` }))],
  });
  const tracer = provider.getTracer('open-vault', VERSION);
  const scheme = options.https ? 'https' : 'http';

  app.addHook('onRequest', (req: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction) => {
    const parent = parseTraceparent(req.headers.traceparent);
    const context = parent === null ? ROOT_CONTEXT : trace.setSpanContext(ROOT_CONTEXT, {
      traceId: parent.traceId, spanId: parent.parentId, traceFlags: Number.parseInt(parent.flags, 16) & TraceFlags.SAMPLED, isRemote: true,
    });
    // The route pattern (/api/tokens/:token), never the URL: a path may hold a token or a route id.
    const route = req.routeOptions.url;
    const attributes: Record<string, string> = { [ATTR_HTTP_REQUEST_METHOD]: req.method, [ATTR_URL_SCHEME]: scheme };
    if (route !== undefined) attributes[ATTR_HTTP_ROUTE] = route;
    const span = tracer.startSpan(route === undefined ? req.method : `${req.method} ${route}`, { kind: SpanKind.SERVER, attributes }, context);
    req.traceSpan = new RequestSpan(tracer, span);
    done();
  });

  const finish = (req: FastifyRequest, status: number | null) => {
    const span = (req.traceSpan as RequestSpan | null)?.span;
    if (span === undefined || !span.isRecording()) return;
    if (status === null) {
      span.setAttribute(ATTR_ERROR_TYPE, 'aborted');
      span.setStatus({ code: SpanStatusCode.ERROR });
    } else {
      span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, status);
      if (status >= 500) {
        span.setAttribute(ATTR_ERROR_TYPE, String(status));
        span.setStatus({ code: SpanStatusCode.ERROR });
      }
    }
    span.end();
  };
  app.addHook('onResponse', (req: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    finish(req, reply.statusCode);
    done();
  });
  app.addHook('onRequestAbort', (req: FastifyRequest, done: HookHandlerDoneFunction) => {
    finish(req, null);
    done();
  });
  // Shutdown (SIGTERM's drain ends in app.close()) exports what is still batched.
  app.addHook('onClose', async () => {
    await provider.shutdown().catch((err: unknown) => app.log.warn({ err }, 'exporting the last trace spans failed'));
  });
}
