import type { FastifyInstance } from 'fastify';
import { applicationKeyRoutes, applicationRoutes } from './routes.js';

/** Applications and their API keys: /api/applications and Ozura's key routes. */
export async function applicationsPlugin(app: FastifyInstance) {
  await app.register(applicationKeyRoutes);
  await app.register(applicationRoutes);
}
