import type { FastifyRequest } from 'fastify';
import type { Caller, RequestContext } from '../lib/context.js';

export type { Caller, RequestContext } from '../lib/context.js';

/** The request as services and the audit writer see it (the clock is the vault's, for tests). */
export const contextOf = (req: FastifyRequest): RequestContext => ({ ip: req.ip, requestId: req.id, at: req.server.vault.now() });

/**
 * The caller of a project-scoped route, after its guard ran: `req.project` is set by the API-key,
 * session-key or JWT project guard (their request decorations are declared by those features).
 */
export function callerOf(req: FastifyRequest): Caller {
  return { projectId: req.project!.id, appId: req.principal?.id ?? null, userId: req.user?.id ?? null, ip: req.ip, requestId: req.id };
}
