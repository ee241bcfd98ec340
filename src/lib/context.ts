/**
 * Who asked and when, as services and the audit log see a request: the one request-context type.
 * `http/context.ts` builds it from a Fastify request; floors below HTTP take it as plain data.
 */
export interface RequestContext {
  ip: string;
  requestId: string;
  at: Date;
}
