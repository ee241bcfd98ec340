// What a token type is, in one place: its data schema, how an item becomes what the store writes,
// what its answers show, what it fills in the proxy, how its plaintext reads back. A new type is
// one file in this folder plus one line in ./index.ts (docs/tokens.md, "Adding a token type").
import type { TSchema } from 'typebox';
import type { TokenFormat } from '../../lib/token-formats.js';
import type { MaskingConfig } from '../masking.js';

/** A tokenize item's data, validated and canonical: what prepareItem needs from the type. */
export interface PreparedData {
  /** The data as stored (encrypted), without the CVV. */
  stored: Record<string, string>;
  /** The value deduplication compares (through an HMAC). */
  canonical: string;
  /** Masked, kept in clear: what answers show. */
  display: Record<string, string>;
  cvv: string | null;
  /** The digits that the digit formats (card_preserving, numeric, …) shape a token after. */
  digits: string | null;
}

/** The tokenize answer's public part, built from the stored display. */
export interface PublicView {
  data: Record<string, string> | null;
  mask: Record<string, string>;
  bin?: string;
  brand?: string;
  last4?: string;
  /** §6.2's card details (cards only). */
  card?: CardDetailsView;
}

export interface CardDetailsView {
  brand: string;
  bin: string;
  last4: string;
  length: number;
  cvv_length: number;
  expirationMonth: string;
  expirationYear: string;
}

export interface TokenTypeDescriptor<D extends TSchema = TSchema> {
  readonly name: string;
  /** The TypeBox schema of the item's `data`. */
  readonly data: D;
  /** `data` as the OpenAPI document shows it, where the handler checks more than `data` says. */
  readonly documented?: TSchema;
  /** Token formats this type may ask for (`format` of §6.2). */
  readonly formats: readonly TokenFormat[];
  /** May a browser session (X-Session-Key) tokenize it? */
  readonly browserCapture: boolean;
  prepare(data: unknown, now: Date): PreparedData;
  view(display: Record<string, string>): PublicView;
  /** Ozura's maskingConfig, where the type has a number to mask. */
  mask?(view: PublicView, display: Record<string, string>, m: MaskingConfig): PublicView;
  /** The proxy placeholders (API.md §3.4) a token of this type fills, by name. */
  placeholders(data: unknown, cvv: string | null): Record<string, string>;
  /** The decrypted stored JSON as detokenize and the proxy give it back. */
  unwrap(stored: unknown): unknown;
  /** Fields a detokenize answer adds beside `data` (a card's details), from the stored JSON. */
  extra?(stored: unknown): Record<string, unknown>;
  /**
   * PATCH's `data` (§6.3): the stored JSON and display with the change applied, checked as
   * tokenize checks it. Absent: the type has no data that may change (its value is the token).
   */
  update?(stored: unknown, display: Record<string, string>, change: UpdateData, now: Date): { stored: Record<string, string>; display: Record<string, string> };
  /**
   * The canonical value (as `prepare` gives it, for the keyed fingerprint) a full-value search
   * asks for, or null when the search names none of this type's fields.
   */
  searchCanonical?(q: FullValueQuery): string | null;
}

/** PATCH's `data`: a card's new expiry from an account updater (the number never changes). */
export interface UpdateData {
  expirationMonth: string | number;
  expirationYear: string | number;
  holderName?: string;
}

/** The full-value fields of a search (§6.3). */
export interface FullValueQuery {
  card_number?: string;
  account_number?: string;
  routing_number?: string;
}
