// Wire shapes of /api/projects/:id/webhooks (API.md §6.5).
import { Type } from 'typebox';
import { Nullable, NullableString } from '../http/schemas.js';
import { WEBHOOK_EVENTS } from './events.js';

// Spelled out (a mapped union loses its literal types); the events test checks it against WEBHOOK_EVENTS.
export const EventName = Type.Union([
  Type.Literal('token.created'), Type.Literal('token.updated'), Type.Literal('token.deleted'), Type.Literal('token.expired'),
  Type.Literal('application.created'), Type.Literal('application.deleted'), Type.Literal('member.joined'), Type.Literal('member.removed'),
  Type.Literal('key.rotated'), Type.Literal('audit.verification_failed'),
]);
const Url = Type.String({ minLength: 8, maxLength: 2048, format: 'uri', description: 'https (http to loopback only in test/dev mode)' });
const Description = Type.String({ maxLength: 500 });

export const WebhookBody = Type.Object({
  url: Url,
  events: Type.Array(EventName, { minItems: 1, maxItems: WEBHOOK_EVENTS.length, uniqueItems: true }),
  description: Type.Optional(Nullable(Description)),
}, { additionalProperties: false });

export const WebhookUpdate = Type.Object({
  url: Type.Optional(Url),
  events: Type.Optional(Type.Array(EventName, { minItems: 1, maxItems: WEBHOOK_EVENTS.length, uniqueItems: true })),
  description: Type.Optional(Nullable(Description)),
}, { additionalProperties: false, minProperties: 1 });

export const WebhookView = Type.Object({
  id: Type.String(),
  project_id: Type.String(),
  url: Type.String(),
  events: Type.Array(EventName),
  description: NullableString,
  created_at: Type.String({ format: 'date-time' }),
  updated_at: Type.String({ format: 'date-time' }),
});

export const WebhookCreated = Type.Object({
  ...WebhookView.properties,
  secret: Type.String({ description: 'whsec_…: shown once, verify deliveries with it (Standard Webhooks)' }),
});

export const DeliveryView = Type.Object({
  id: Type.String({ description: 'The webhook-id header of every attempt' }),
  webhook_id: Type.String(),
  event_type: EventName,
  status: Type.Union([Type.Literal('pending'), Type.Literal('succeeded'), Type.Literal('failed')]),
  attempts: Type.Integer(),
  last_status: Nullable(Type.Integer()),
  last_error: NullableString,
  next_attempt_at: Type.String({ format: 'date-time' }),
  created_at: Type.String({ format: 'date-time' }),
  delivered_at: Nullable(Type.String({ format: 'date-time' })),
});

const Id = Type.String({ maxLength: 64 });
export const HookParams = Type.Object({ id: Id, webhook_id: Id });
export const DeliveryParams = Type.Object({ id: Id, webhook_id: Id, delivery_id: Id });

type HookRow = { id: string; project_id: string; url: string; events: string[]; description: string | null; created_at: Date; updated_at: Date };
export const webhookView = (w: HookRow) => ({
  ...w, events: w.events as (typeof WEBHOOK_EVENTS)[number][], created_at: w.created_at.toISOString(), updated_at: w.updated_at.toISOString(),
});

type DeliveryRow = {
  id: string; webhook_id: string; event_type: string; status: 'pending' | 'succeeded' | 'failed'; attempts: number; last_status: number | null;
  last_error: string | null; next_attempt_at: Date; created_at: Date; delivered_at: Date | null;
};
export const deliveryView = (d: DeliveryRow) => ({
  ...d, event_type: d.event_type as (typeof WEBHOOK_EVENTS)[number], next_attempt_at: d.next_attempt_at.toISOString(),
  created_at: d.created_at.toISOString(), delivered_at: d.delivered_at?.toISOString() ?? null,
});
