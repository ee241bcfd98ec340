/**
 * Who asked and when, as services and the audit log see a request: the one request-context type.
 * `http/context.ts` builds it from a Fastify request; floors below HTTP take it as plain data.
 */
export interface RequestContext {
  ip: string;
  requestId: string;
  at: Date;
}

/**
 * Who is acting on a project's data: the project, the API key (application) or dashboard user,
 * and the request. The hot paths (tokens, proxy) sign their audit rows from it.
 */
export interface Caller {
  projectId: string;
  appId: string | null;
  userId: string | null;
  ip: string | null;
  requestId: string;
}
