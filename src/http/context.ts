import type { FastifyRequest } from 'fastify';
import type { RequestContext } from '../lib/context.js';

export type { RequestContext } from '../lib/context.js';

/** The request as services and the audit writer see it (the clock is the vault's, for tests). */
export const contextOf = (req: FastifyRequest): RequestContext => ({ ip: req.ip, requestId: req.id, at: req.server.vault.now() });
