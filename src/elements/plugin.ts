import type { FastifyInstance } from 'fastify';
import { elementsRoutes } from './routes.js';

/** The browser SDK and its frames at /elements/v1/. */
export async function elementsPlugin(app: FastifyInstance, opts: { root?: string }) {
  await app.register(elementsRoutes, opts);
}
