import type { FastifyInstance } from 'fastify';
import { projectRoutes, provisionRoutes } from './routes.js';

/** Projects: /api/projects and /internal/provision. */
export async function projectsPlugin(app: FastifyInstance) {
  await app.register(provisionRoutes);
  await app.register(projectRoutes);
}
