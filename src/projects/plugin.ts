import type { FastifyInstance } from 'fastify';
import { provisionRoutes } from './provision.js';
import { projectRoutes } from './routes.js';
import { invitationRoutes } from './invitations.js';

/** Projects, their members and invitations, and /internal/provision. */
export async function projectsPlugin(app: FastifyInstance) {
  await app.register(provisionRoutes);
  await app.register(projectRoutes);
  await app.register(invitationRoutes);
}
