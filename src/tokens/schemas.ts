// One schema per wire shape: validation, TypeScript types and the OpenAPI document all come from here.
import { Type, type Static } from 'typebox';
import { Nullable } from '../http/schemas.js';
import { MaskingConfig } from './masking.js';

const MonthOrYear = (maxLength: number) => Type.Union([Type.String({ maxLength }), Type.Integer({ minimum: 0, maximum: 9999 })]);

export const CardData = Type.Object(
  {
    cardNumber: Type.String({ maxLength: 32, description: '13–19 digits; spaces and dashes are ignored' }),
    expirationMonth: MonthOrYear(2),
    expirationYear: MonthOrYear(4),
    cvv: Type.Optional(Type.String({ maxLength: 8, description: 'Kept only in a 90-second CVC session' })),
    cvc: Type.Optional(Type.String({ maxLength: 8, description: 'Alias of cvv' })),
    holderName: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const BankData = Type.Object(
  {
    accountNumber: Type.String({ maxLength: 32 }),
    routingNumber: Type.String({ maxLength: 16 }),
    holderName: Type.Optional(Type.String({ maxLength: 200 })),
    // Ozura's bank elements send the holder's names; kept encrypted with the account.
    firstName: Type.Optional(Type.String({ maxLength: 100 })),
    lastName: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);

export const StringData = Type.String({ minLength: 1, description: 'Any UTF-8 string of 1–4096 bytes' });

const ItemOptions = {
  deduplicate: Type.Optional(Type.Boolean()),
  format: Type.Optional(Type.Union([Type.Literal('random'), Type.Literal('card_preserving')])),
  ttl_seconds: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 315_360_000 }), Type.Null()])),
  metadata: Type.Optional(Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()], { description: '≤ 4 KiB of JSON, stored in clear' })),
  maskingConfig: Type.Optional(MaskingConfig),
};

export const CardItem = Type.Object({ type: Type.Literal('card'), data: CardData, ...ItemOptions }, { additionalProperties: false });
export const BankItem = Type.Object({ type: Type.Literal('bank'), data: BankData, ...ItemOptions }, { additionalProperties: false });
export const StringItem = Type.Object({ type: Type.Literal('string'), data: StringData, ...ItemOptions }, { additionalProperties: false });
export type CardItem = Static<typeof CardItem>;
export type BankItem = Static<typeof BankItem>;
export type StringItem = Static<typeof StringItem>;
export type TokenizeItem = CardItem | BankItem | StringItem;

/**
 * The route accepts one item or `{items: [...]}`. Items are checked one by one in the handler
 * (against CardItem/BankItem/StringItem) so that one bad item in a batch fails alone.
 */
export const TokenizeBody = Type.Object({
  type: Type.Optional(Type.Union([Type.Literal('card'), Type.Literal('bank'), Type.Literal('string')])),
  // Checked in the handler against CardItem / BankItem / StringItem for precise error paths.
  data: Type.Optional(Type.Unknown({ description: 'card: {cardNumber, expirationMonth, expirationYear, cvv?, holderName?}; bank: {accountNumber, routingNumber, firstName?, lastName?, holderName?}; string: a string' })),
  ...ItemOptions,
  project_id: Type.Optional(Type.String({ maxLength: 64, description: 'Only with JWT authentication' })),
  items: Type.Optional(Type.Array(Type.Unknown({ description: 'an item as above' }), { minItems: 1, maxItems: 1000 })),
});


export const TokenizeResult = Type.Object({
  success: Type.Literal(true),
  token: Type.String(),
  type: Type.String(),
  data: Nullable(Type.Record(Type.String(), Type.String())),
  mask: Type.Record(Type.String(), Type.String()),
  bin: Type.Optional(Type.String()),
  brand: Type.Optional(Type.String()),
  last4: Type.Optional(Type.String()),
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
  { additionalProperties: false },
);

export const DetokenizeResult = Type.Object({
  success: Type.Literal(true),
  token: Type.String(),
  type: Type.String(),
  data: Type.Union([Type.Record(Type.String(), Type.String()), Type.String()]),
  metadata: Nullable(Type.Record(Type.String(), Type.Unknown())),
});

export const DetokenizeBatchResult = Type.Object({
  success: Type.Literal(true),
  items: Type.Array(
    Type.Union([
      Type.Object({ token: Type.String(), data: Type.Union([Type.Record(Type.String(), Type.String()), Type.String()]) }),
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
