import type { FastifyInstance } from 'fastify';
import { memberRoutes } from './routes.js';

/** A project's members and invitations: /api/projects/:id/members, …/invitations, /api/user/invitations. */
export async function membersPlugin(app: FastifyInstance) {
  await app.register(memberRoutes);
}
