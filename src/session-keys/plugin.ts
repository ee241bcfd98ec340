import type { FastifyInstance } from 'fastify';
import { sessionRoutes } from './routes.js';

/** Session keys for browser capture: /sessions. */
export async function sessionsPlugin(app: FastifyInstance) {
  await app.register(sessionRoutes);
}
