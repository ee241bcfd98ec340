import type { FastifyInstance } from 'fastify';
import { proxyRoutes } from './routes.js';

/** /proxy/transaction: the real card data injected on the way to the processor. */
export async function proxyPlugin(app: FastifyInstance) {
  await app.register(proxyRoutes);
}
