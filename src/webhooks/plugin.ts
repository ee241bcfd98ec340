import type { FastifyInstance } from 'fastify';
import { webhookRoutes } from './routes.js';

/** Signed webhooks: /api/projects/:id/webhooks (the dispatcher runs from app.ts). */
export async function webhooksPlugin(app: FastifyInstance) {
  await app.register(webhookRoutes);
}
