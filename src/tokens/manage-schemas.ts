// The wire shapes of /api/tokens and of PATCH and search (§4.2, §6.3): masked values and
// metadata only, never data.
import { Type, type Static } from 'typebox';
import { documentAs } from '../http/openapi.js';
import { PageQuery } from '../http/pagination.js';
import { Nullable } from '../http/schemas.js';
import { MaskedFields } from './schemas.js';
import { TokenTypeSchema } from './types/index.js';

export const TokenView = Type.Object({
  token: Type.String(),
  project_id: Type.String(),
  type: Type.String(),
  format: Type.String(),
  ...MaskedFields,
  test: Type.Boolean(),
  metadata: Nullable(Type.Record(Type.String(), Type.Unknown())),
  app_id: Nullable(Type.String()),
  created_at: Type.String(),
  expires_at: Nullable(Type.String()),
});

export const TokenParams = Type.Object({ token: Type.String({ maxLength: 128 }) });
export const ProjectQuery = Type.Object({ project_id: Type.Optional(Type.String({ maxLength: 64 })) });

export const ListQuery = Type.Object({
  project_id: Type.String({ maxLength: 64 }),
  type: Type.Optional(TokenTypeSchema()),
  ...PageQuery,
});

const MonthOrYear = (maxLength: number) => Type.Union([Type.String({ maxLength }), Type.Integer({ minimum: 0, maximum: 9999 })]);
const Metadata = Type.Record(Type.String(), Type.Unknown(), { description: '≤ 4 KiB of JSON, stored in clear' });

const UpdateDataDoc = Type.Object({
  expirationMonth: MonthOrYear(2),
  expirationYear: MonthOrYear(4),
  holderName: Type.Optional(Type.String({ maxLength: 200 })),
}, { additionalProperties: false, description: "A card's new expiry (account updater). The number never changes: that is a new token." });

/** PATCH's body. `cardNumber` is accepted by the schema only to be refused with its own message. */
export const UpdateBody = Type.Object({
  metadata: Type.Optional(Nullable(Metadata)),
  ttl_seconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 315_360_000, description: 'The token expires this many seconds from now' })),
  expires_at: Type.Optional(Nullable(Type.String({ format: 'date-time', maxLength: 40, description: 'When the token expires; null: never' }))),
  data: Type.Optional(documentAs(
    Type.Object({
      expirationMonth: MonthOrYear(2),
      expirationYear: MonthOrYear(4),
      holderName: Type.Optional(Type.String({ maxLength: 200 })),
      cardNumber: Type.Optional(Type.Unknown()),
    }, { additionalProperties: false }),
    UpdateDataDoc,
  )),
}, { additionalProperties: false, examples: [{ data: { expirationMonth: '09', expirationYear: '2031' } }] });
export type UpdateBody = Static<typeof UpdateBody>;

const Digits = (min: number, max: number, description: string) => Type.String({ pattern: `^[0-9]{${min},${max}}$`, maxLength: max, description });

export const SearchFilters = {
  type: Type.Optional(TokenTypeSchema()),
  brand: Type.Optional(Type.String({ maxLength: 32, pattern: '^[a-z-]+$', description: 'The top-level brand (visa, mastercard, amex, …) or the card object’s network name (american-express, diners-club)' })),
  bin: Type.Optional(Digits(6, 8, 'The first 6 (or 8) digits')),
  last4: Type.Optional(Digits(4, 4, 'The last 4 digits')),
  expiration_month: Type.Optional(Type.Integer({ minimum: 1, maximum: 12 })),
  expiration_year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2099 })),
  // Values untyped on purpose: a typed union would let the validator coerce `true` to "true".
  metadata: Type.Optional(Type.Record(Type.String({ maxLength: 100 }), Type.Unknown(), { maxProperties: 10, description: 'Tokens whose metadata has every key with exactly this JSON value (≤ 1 KiB in all)' })),
  card_number: Type.Optional(Type.String({ maxLength: 32, description: 'Full-value search (keyed blind index): an API key with the detokenization permission only' })),
  account_number: Type.Optional(Type.String({ maxLength: 32, description: 'Full-value search, with routing_number: an API key with the detokenization permission only' })),
  routing_number: Type.Optional(Type.String({ maxLength: 16 })),
  created_from: Type.Optional(Type.String({ format: 'date-time', maxLength: 40 })),
  created_to: Type.Optional(Type.String({ format: 'date-time', maxLength: 40, description: 'Exclusive' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
  cursor: PageQuery.cursor,
};

export const SearchBody = Type.Object(SearchFilters, { additionalProperties: false, examples: [{ brand: 'visa', last4: '1111' }] });
export const UserSearchBody = Type.Object({ project_id: Type.String({ maxLength: 64 }), ...SearchFilters }, { additionalProperties: false, examples: [{ project_id: 'proj_…', bin: '411111' }] });
export type SearchQuery = Static<typeof SearchBody>;
