// One schema per wire shape: validation, TypeScript types and the OpenAPI document all come from here.
import { Type, type Static } from 'typebox';
import { documentAs } from '../http/openapi.js';
import { tokenFormatSchema } from '../lib/token-formats.js';
import { Nullable } from '../http/schemas.js';
import { MaskingConfig } from './masking.js';
import { CardDetails, cardType, TOKEN_TYPES, type TokenType, type TokenTypeDescriptor, TokenTypeSchema } from './types/index.js';

const MonthOrYear = (maxLength: number) => Type.Union([Type.String({ maxLength }), Type.Integer({ minimum: 0, maximum: 9999 })]);

const ItemOptions = {
  deduplicate: Type.Optional(Type.Boolean()),
  format: Type.Optional(tokenFormatSchema('How the token looks (docs/tokens.md, "Formats"); default: the project\'s token_format, random unless set')),
  luhn: Type.Optional(Type.Boolean({ description: 'Digit formats: the token passes Luhn (default: it fails, so it is never a chargeable number)' })),
  token: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9._:-]{3,128}$', maxLength: 128, description: 'Your own token id (a migration from another vault); never a Luhn-valid digit string' })),
  ttl_seconds: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 315_360_000 }), Type.Null()])),
  metadata: Type.Optional(Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()], { description: '≤ 4 KiB of JSON, stored in clear' })),
  maskingConfig: Type.Optional(MaskingConfig),
};

/** A tokenize item of one type: `{type, data, …options}`, its data checked by the type's schema. */
export const itemSchema = (t: TokenTypeDescriptor) =>
  Type.Object({ type: Type.Literal(t.name), data: t.data, ...ItemOptions }, { additionalProperties: false });

const _ItemCommon = Type.Object(ItemOptions);
export type TokenizeItem = Static<typeof _ItemCommon> & { type: TokenType; data: unknown };

// What the OpenAPI document shows for `data` and `items`: each type's documented data schema.
const documentedItem = (t: TokenTypeDescriptor) =>
  Type.Object({ type: Type.Literal(t.name), data: t.documented ?? t.data, ...ItemOptions }, { additionalProperties: false });

/**
 * The route accepts one item or `{items: [...]}`. Items are checked one by one in the handler
 * (against their type's itemSchema) so that one bad item in a batch fails alone.
 */
export const TokenizeBody = Type.Object({
  type: Type.Optional(TokenTypeSchema()),
  // Checked in the handler against the type's itemSchema for precise error paths.
  data: documentAs(
    Type.Optional(Type.Unknown({ description: 'card: {cardNumber, expirationMonth, expirationYear, cvv?, holderName?}; bank: {accountNumber, routingNumber, firstName?, lastName?, holderName?}; string: a string' })),
    Type.Union(TOKEN_TYPES.map((t) => (t as TokenTypeDescriptor).documented ?? t.data), { description: 'By `type`: a card, a bank account, or a string.' }),
  ),
  ...ItemOptions,
  project_id: Type.Optional(Type.String({ maxLength: 64, description: 'Only with JWT authentication' })),
  items: documentAs(
    Type.Optional(Type.Array(Type.Unknown({ description: 'an item as above' }), { minItems: 1, maxItems: 1000 })),
    Type.Array(Type.Union(TOKEN_TYPES.map((t) => documentedItem(t as TokenTypeDescriptor))), { minItems: 1, maxItems: 1000, description: 'A batch: each item as a single call’s body, checked alone.' }),
  ),
}, {
  examples: [
    { type: cardType.name, data: { cardNumber: '4111111111111111', expirationMonth: '12', expirationYear: '2030', cvv: '123' } },
  ],
});


/** What any answer shows of a stored token: masked data and the card's public details (views.ts). */
export const MaskedFields = {
  data: Nullable(Type.Record(Type.String(), Type.String())),
  mask: Type.Record(Type.String(), Type.String()),
  bin: Type.Optional(Type.String()),
  brand: Type.Optional(Type.String()),
  last4: Type.Optional(Type.String()),
  card: Type.Optional(CardDetails),
};

export const TokenizeResult = Type.Object({
  success: Type.Literal(true),
  token: Type.String(),
  type: Type.String(),
  ...MaskedFields,
  cvc_session_id: Type.Optional(Type.String({ description: 'Only when a CVV was sent' })),
  fingerprint: Type.Optional(Type.String({ description: 'Only when deduplication applied' })),
  deduplicated: Type.Boolean(),
  created_at: Type.String(),
  expires_at: Nullable(Type.String()),
  metadata: Nullable(Type.Record(Type.String(), Type.Unknown())),
});

export const ItemError = Type.Object({
  success: Type.Literal(false),
  message: Type.String(),
  error: Type.Object({ code: Type.String(), details: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))) }),
});

export const TokenizeBatchResult = Type.Object({
  success: Type.Literal(true),
  items: Type.Array(Type.Union([TokenizeResult, ItemError])),
});

const TokenString = Type.String({ minLength: 1, maxLength: 128 });

export const DetokenizeBody = Type.Object(
  {
    token: Type.Optional(TokenString),
    tokens: Type.Optional(Type.Array(TokenString, { minItems: 1, maxItems: 1000 })),
  },
  { additionalProperties: false, examples: [{ token: 'tok_3kT9xQ2mVb7LwR1s' }] },
);

export const DetokenizeResult = Type.Object({
  success: Type.Literal(true),
  token: Type.String(),
  type: Type.String(),
  data: Type.Union([Type.Record(Type.String(), Type.String()), Type.String()]),
  card: Type.Optional(CardDetails),
  metadata: Nullable(Type.Record(Type.String(), Type.Unknown())),
});

export const DetokenizeBatchResult = Type.Object({
  success: Type.Literal(true),
  items: Type.Array(
    Type.Union([
      Type.Object({ token: Type.String(), data: Type.Union([Type.Record(Type.String(), Type.String()), Type.String()]), card: Type.Optional(CardDetails) }),
      Type.Object({ token: Type.String(), error: Type.Object({ code: Type.String() }) }),
    ]),
  ),
});

export const TestTokenBody = Type.Object(
  {
    cardNumber: Type.String({ maxLength: 32 }),
    expirationMonth: MonthOrYear(2),
    expirationYear: MonthOrYear(4),
    cvc: Type.String({ maxLength: 8 }),
    firstName: Type.Optional(Type.String({ maxLength: 100 })),
    lastName: Type.Optional(Type.String({ maxLength: 100 })),
    project_id: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
);

export const TestTokenResult = Type.Object({
  success: Type.Literal(true),
  token: Type.String(),
  cvc_session_id: Type.String(),
  mask: Type.Object({ card_number: Type.String() }),
  bin: Type.String(),
  test_mode: Type.Literal(true),
  expires_in: Type.String(),
});
