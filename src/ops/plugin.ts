import type { FastifyInstance } from 'fastify';
import { opsRoutes } from './routes.js';
import { docsRoutes } from './docs.js';
import { dashboardRoutes } from './dashboard.js';

/** The operations surface: health and readiness, the OpenAPI document and /docs, and the dashboard at /. */
export async function opsPlugin(app: FastifyInstance, opts: { webRoot?: string }) {
  await app.register(opsRoutes);
  await app.register(docsRoutes);
  await app.register(dashboardRoutes, { root: opts.webRoot });
}
