// Wire shapes of /api/projects/:id/routes and /inbound/:route_id/… (API.md §6.6, docs/inbound.md).
import { type Static, Type } from 'typebox';
import { RouteField } from '../tokens/paths.js';
import { cardType } from '../tokens/types/index.js';

export const CONTENT_TYPES = { json: 'application/json', form: 'application/x-www-form-urlencoded' } as const;
export type RouteContentType = keyof typeof CONTENT_TYPES;

export const RouteBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    upstream_url: Type.String({ minLength: 1, maxLength: 2048, description: 'https URL the request is forwarded to; the path after the route id is appended' }),
    fields: Type.Array(RouteField, { minItems: 1, maxItems: 32 }),
    content_type: Type.Union([Type.Literal('json'), Type.Literal('form')], { description: 'json: fields are JSONPaths; form: fields are form field names' }),
  },
  {
    additionalProperties: false,
    examples: [{
      name: 'partner card intake', upstream_url: 'https://api.merchant.example/cards', content_type: 'json',
      fields: [{ path: '$.card', type: cardType.name, data_fields: { cardNumber: 'number', expirationMonth: 'exp_month', expirationYear: 'exp_year', cvv: 'cvc' } }],
    }],
  },
);
export type RouteBody = Static<typeof RouteBody>;

export const RouteView = Type.Object({
  id: Type.String(),
  url: Type.String({ description: 'Where partners send: PUBLIC_URL/inbound/<id>/…' }),
  project_id: Type.String(),
  name: Type.String(),
  upstream_url: Type.String(),
  content_type: Type.String(),
  fields: Type.Array(RouteField),
  created_at: Type.String(),
  updated_at: Type.String(),
});
export type RouteView = Static<typeof RouteView>;

export const ProjectParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
export const RouteParams = Type.Object({ id: Type.String({ maxLength: 64 }), route_id: Type.String({ maxLength: 64 }) });
export const InboundParams = Type.Object({
  route_id: Type.String({ maxLength: 64 }),
  '*': Type.Optional(Type.String({ maxLength: 2048, description: 'Appended to the upstream URL' })),
});
