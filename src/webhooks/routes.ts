// /api/projects/:id/webhooks (API.md §6.5), JWT-authenticated; the service checks the role.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireUser } from '../auth/guard.js';
import { contextOf } from '../http/context.js';
import { guardEveryRoute } from '../http/openapi.js';
import { Page, PageQuery, pageParams } from '../http/pagination.js';
import { ErrorBody, IdParams, Ok } from '../http/schemas.js';
import { DeliveryParams, DeliveryView, deliveryView, HookParams, WebhookBody, WebhookCreated, WebhookUpdate, WebhookView, webhookView } from './schemas.js';

export async function webhookRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const hooks = app.vault.webhooks;
  guardEveryRoute(app, requireUser());
  const tags = ['webhooks'];

  app.post('/api/projects/:id/webhooks', {
    schema: {
      tags, summary: 'Create a webhook endpoint (admin): its signing secret is in this answer only', params: IdParams, body: WebhookBody,
      response: { 201: Ok(WebhookCreated), '4xx': ErrorBody },
    },
  }, async (req, reply) => {
    const w = await hooks.create(contextOf(req), req.user!.id, req.params.id, req.body);
    return reply.code(201).send({ success: true as const, data: { ...webhookView(w), secret: w.secret } });
  });

  app.get('/api/projects/:id/webhooks', {
    schema: { tags, summary: "A project's webhook endpoints (admin)", params: IdParams, response: { 200: Ok(Type.Array(WebhookView)), '4xx': ErrorBody } },
  }, async (req) => ({ success: true as const, data: (await hooks.list(req.user!.id, req.params.id)).map(webhookView) }));

  app.get('/api/projects/:id/webhooks/:webhook_id', {
    schema: { tags, summary: 'One webhook endpoint (admin)', params: HookParams, response: { 200: Ok(WebhookView), '4xx': ErrorBody } },
  }, async (req) => ({ success: true as const, data: webhookView(await hooks.get(req.user!.id, req.params.id, req.params.webhook_id)) }));

  app.put('/api/projects/:id/webhooks/:webhook_id', {
    schema: {
      tags, summary: "Change a webhook's URL, events or description (admin)", params: HookParams, body: WebhookUpdate,
      response: { 200: Ok(WebhookView), '4xx': ErrorBody },
    },
  }, async (req) => ({
    success: true as const, data: webhookView(await hooks.update(contextOf(req), req.user!.id, req.params.id, req.params.webhook_id, req.body)),
  }));

  app.delete('/api/projects/:id/webhooks/:webhook_id', {
    schema: { tags, summary: 'Delete a webhook endpoint (admin); its pending deliveries stop', params: HookParams, response: { 200: Ok(Type.Object({})), '4xx': ErrorBody } },
  }, async (req) => {
    await hooks.remove(contextOf(req), req.user!.id, req.params.id, req.params.webhook_id);
    return { success: true as const, data: {} };
  });

  app.get('/api/projects/:id/webhooks/:webhook_id/deliveries', {
    schema: {
      tags, summary: "A webhook's delivery log, newest first (admin)", params: HookParams, querystring: Type.Object(PageQuery, { additionalProperties: false }),
      response: { 200: Page(DeliveryView), '4xx': ErrorBody },
    },
  }, async (req) => {
    const page = await hooks.deliveries(req.user!.id, req.params.id, req.params.webhook_id, pageParams(req.query, ['date', 'id']));
    return { success: true as const, data: page.data.map(deliveryView), next_cursor: page.next_cursor };
  });

  app.post('/api/projects/:id/webhooks/:webhook_id/deliveries/:delivery_id/retry', {
    schema: {
      tags, summary: 'Send a delivery again now, with a fresh 24 h of retries (admin)', params: DeliveryParams,
      response: { 200: Ok(DeliveryView), '4xx': ErrorBody },
    },
  }, async (req) => ({
    success: true as const,
    data: deliveryView(await hooks.retry(contextOf(req), req.user!.id, req.params.id, req.params.webhook_id, req.params.delivery_id)),
  }));
}
