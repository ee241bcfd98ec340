// Request bodies written out by hand: /openapi.json types `data` as `unknown` (its shape depends on
// `type`), and a typed body is what catches a `cardNumbr` typo at compile time. Answers come from
// the generated types (openapi.ts), so they follow the server.
import type { paths } from './openapi.js';

export interface CardData {
  /** 13–19 digits; spaces and dashes are stripped. */
  cardNumber: string;
  /** `01`–`12`. */
  expirationMonth: string;
  /** 2 or 4 digits, not in the past. */
  expirationYear: string;
  /** 3 digits (4 for Amex); goes into a 90-second CVC session, never with the token. */
  cvv?: string;
  /** Ozura's alias of `cvv`. */
  cvc?: string;
  holderName?: string;
}

export interface BankData {
  /** 4–17 digits. */
  accountNumber: string;
  /** An ABA routing number (9 digits, valid checksum). */
  routingNumber: string;
  firstName?: string;
  lastName?: string;
  holderName?: string;
}

export type TokenFormat = 'random' | 'uuid' | 'numeric' | 'card_preserving' | 'last4_preserving' | 'fpe';

interface ItemOptions {
  /** Return the existing token for the same value in the project. */
  deduplicate?: boolean;
  format?: TokenFormat;
  /** Digit formats fail the Luhn check unless this is true. */
  luhn?: boolean;
  /** Your own token id (migrations from another vault). */
  token?: string;
  ttl_seconds?: number | null;
  /** ≤ 4 KiB of JSON, stored in clear: never card data. */
  metadata?: Record<string, unknown> | null;
  maskingConfig?: { visible_first?: number; visible_last?: number; mask_char?: string };
}

export type TokenizeItem = ItemOptions & ({ type: 'card'; data: CardData } | { type: 'bank'; data: BankData } | { type: 'string'; data: string });

/** One item; `project_id` only with a dashboard JWT. */
export type TokenizeRequest = TokenizeItem & { project_id?: string };
/** Up to 1000 items, each succeeding or failing alone. */
export interface TokenizeBatchRequest {
  items: TokenizeItem[];
  project_id?: string;
}

export interface ProxyRequest {
  token: string;
  /** Needed for `${cvv}` / `${cvc}` placeholders. */
  cvc_session_id?: string | null;
  /** https URL of the payment processor. */
  proxy_url: string;
  http_method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';
  http_headers?: Record<string, string>;
  /** A JSON value with `${cardNumber}`, `${cvv}`, … inside strings, or a string body. */
  request_data?: unknown;
}

type Reply<P extends keyof paths, M extends 'post' | 'delete', S extends number> = paths[P][M] extends { responses: { [K in S]: { content: { 'application/json': infer R } } } } ? R : never;

export type TokenizeResponse = Reply<'/tokenize', 'post', 201>;
export type TokenizeBatchResponse = Reply<'/tokenize', 'post', 200>;
type DetokenizeAny = Reply<'/detokenize', 'post', 200>;
export type DetokenizeResponse = Exclude<DetokenizeAny, { items: unknown }>;
export type DetokenizeBatchResponse = Extract<DetokenizeAny, { items: unknown }>;
export type ProxyResponse = Reply<'/proxy/transaction', 'post', 200>;
export type SessionResponse = Reply<'/sessions', 'post', 201>;
