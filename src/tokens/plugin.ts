import type { FastifyInstance } from 'fastify';
import { tokenRoutes } from './routes.js';
import { tokenManagementRoutes } from './manage-routes.js';
import { tokenKeyRoutes } from './key-routes.js';

/** Tokens: /tokenize, /detokenize, /test-tokens (API key or session key) /api/tokens (dashboard), PATCH /tokens/:token and /tokens/search (API key). */
export async function tokensPlugin(app: FastifyInstance) {
  await app.register(tokenRoutes);
  await app.register(tokenManagementRoutes);
  await app.register(tokenKeyRoutes);
}
