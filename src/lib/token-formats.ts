// Token formats (API.md §6.2, docs/tokens.md "Formats"): the closed vocabulary, in one place
// (values, TypeBox schema, type). How each is drawn is tokens/format.ts.
import { Type } from 'typebox';

export const TOKEN_FORMATS = ['random', 'uuid', 'numeric', 'card_preserving', 'last4_preserving', 'fpe'] as const;
export type TokenFormat = (typeof TOKEN_FORMATS)[number];

/** The wire schema of a format field. */
export const tokenFormatSchema = (description: string) => Type.Union(TOKEN_FORMATS.map((f) => Type.Literal(f)), { description });

/** By name, for code that means one of them: `FORMAT.fpe`. */
export const FORMAT = {
  random: 'random', uuid: 'uuid', numeric: 'numeric', card_preserving: 'card_preserving', last4_preserving: 'last4_preserving', fpe: 'fpe',
} as const satisfies Record<TokenFormat, TokenFormat>;
