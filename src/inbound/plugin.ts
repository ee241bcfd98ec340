import type { FastifyInstance } from 'fastify';
import { inboundRoutes } from './inbound-routes.js';
import { routeManagementRoutes } from './routes.js';

/** Inbound routes: card data a third party sends, tokenized on its way to the merchant. */
export async function inboundPlugin(app: FastifyInstance) {
  await app.register(routeManagementRoutes);
  await app.register(inboundRoutes);
}
