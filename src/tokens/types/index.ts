// The closed vocabulary of token types: every other file asks here (test/architecture.test.ts
// refuses a type literal outside this folder). Order is the wire order of the enum.
import { type TLiteral, type TSchemaOptions, Type } from 'typebox';
import { bank } from './bank.js';
import { card } from './card.js';
import type { TokenTypeDescriptor } from './descriptor.js';
import { string } from './string.js';

export type { CardDetailsView, FullValueQuery, PreparedData, PublicView, TokenTypeDescriptor, UpdateData } from './descriptor.js';

export const TOKEN_TYPES = [card, bank, string] as const;
export type TokenType = (typeof TOKEN_TYPES)[number]['name'];
export const TOKEN_TYPE_NAMES = TOKEN_TYPES.map((t) => t.name);

const byName = new Map<string, TokenTypeDescriptor>(TOKEN_TYPES.map((t) => [t.name, t as TokenTypeDescriptor]));

/** The descriptor of a type name, or undefined for a name that is not one. */
export const tokenType = (name: unknown): TokenTypeDescriptor | undefined => (typeof name === 'string' ? byName.get(name) : undefined);

/** The descriptor of a stored row's type (always a known one: the table's CHECK says so). */
export function storedType(name: string): TokenTypeDescriptor {
  const t = byName.get(name);
  if (!t) throw new Error(`unknown token type ${name}`);
  return t;
}

/** `type` in a schema: one of the names. */
export const TokenTypeSchema = (options?: TSchemaOptions) => Type.Union(TOKEN_TYPES.map((t): TLiteral<string> => Type.Literal(t.name)), options);

/** The card type's data schema, for /test-tokens and the proxy's types. */
export { card as cardType, CardDetails } from './card.js';
