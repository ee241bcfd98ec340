import type { FastifyInstance } from 'fastify';
import { tokenRoutes } from './routes.js';
import { tokenManagementRoutes } from './manage-routes.js';

/** Tokens: /tokenize, /detokenize, /test-tokens (API key or session key) and /api/tokens (dashboard). */
export async function tokensPlugin(app: FastifyInstance) {
  await app.register(tokenRoutes);
  await app.register(tokenManagementRoutes);
}
