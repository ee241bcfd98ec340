import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { VaultError } from '../http/errors.js';

export async function opsRoutes(app: FastifyInstance) {
  // From SIGTERM on, the load balancer is told to stop sending traffic here (see main.ts).
  let draining = false;
  app.addHook('preClose', async () => {
    draining = true;
  });

  app.get('/healthz', {
    schema: { tags: ['operations'], summary: 'Process is up', response: { 200: Type.Object({ success: Type.Boolean(), data: Type.Object({ status: Type.String() }) }) } },
  }, async () => ({ success: true, data: { status: 'ok' } }));

  app.get('/readyz', {
    schema: { tags: ['operations'], summary: 'Database reachable (503 otherwise)', response: { 200: Type.Object({ success: Type.Boolean(), data: Type.Object({ status: Type.String() }) }) } },
  }, async () => {
    if (draining) throw new VaultError('shutting_down');
    try {
      // A short timeout: a readiness probe must answer even when PostgreSQL hangs.
      await Promise.race([
        app.vault.database.pool.query('SELECT 1'),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000).unref()),
      ]);
    } catch {
      throw new VaultError('service_unavailable');
    }
    return { success: true, data: { status: 'ready' } };
  });
}
