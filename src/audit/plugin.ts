import type { FastifyInstance } from 'fastify';
import { auditRoutes } from './routes.js';
import { ozuraAuditRoutes } from './ozura.js';
import { trafficRoutes } from './traffic.js';

/** The audit log: /api/audit-logs (dashboard) and Ozura's /audit-logs. */
export async function auditPlugin(app: FastifyInstance) {
  await app.register(auditRoutes);
  await app.register(ozuraAuditRoutes);
  await app.register(trafficRoutes);
}
