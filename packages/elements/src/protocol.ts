// The messages between the merchant page (the SDK), the field frames and the tokenizer frame.
// Field values travel only between frames of the vault's origin, over MessageChannel ports;
// what reaches the merchant page is events (state, never values) and the final token.
import type { Brand, FieldState } from './card.js';

export const CARD_FIELDS = ['cardNumber', 'expirationDate', 'cvv'] as const;
export const BANK_FIELDS = ['accountNumber', 'routingNumber'] as const;
export type CardFieldType = (typeof CARD_FIELDS)[number];
export type BankFieldType = (typeof BANK_FIELDS)[number];
export type FieldType = CardFieldType | BankFieldType;

/** Tag on every message, so unrelated postMessage traffic on the page is ignored. */
export const TAG = 'open-vault-elements/1';

/** CSS properties a merchant may set on the input inside a field frame (CSSOM, never a style attribute). */
export const STYLE_PROPERTIES = [
  'color', 'backgroundColor', 'caretColor', 'fontFamily', 'fontSize', 'fontWeight', 'fontStyle', 'letterSpacing',
  'lineHeight', 'padding', 'textAlign', 'textTransform', 'border', 'borderColor', 'borderRadius', 'outline',
] as const;
export type StyleProperty = (typeof STYLE_PROPERTIES)[number];
export type StyleRules = Partial<Record<StyleProperty, string>>;

/** Stripe-like states: `base` always, the others while the field is in that state. */
export interface ElementStyle {
  base?: StyleRules;
  focus?: StyleRules;
  invalid?: StyleRules;
  complete?: StyleRules;
  placeholder?: { color?: string };
}

export interface Appearance {
  theme?: 'default' | 'night' | 'flat';
  variables?: {
    colorText?: string;
    colorBackground?: string;
    colorDanger?: string;
    colorPrimary?: string;
    colorPlaceholder?: string;
    fontFamily?: string;
    fontSize?: string;
    borderRadius?: string;
  };
}

export interface FieldConfig {
  style?: ElementStyle;
  appearance?: Appearance;
  placeholder?: string;
  label?: string;
}

// Parent → field frame: {kind: 'configure', config: FieldConfig} | {kind: 'focus'} | {kind: 'clear'}.
// Parent → tokenizer frame: TokenizeRequest | {kind: 'unlink', frame} (an element was destroyed).

/** Parent → tokenizer frame. */
export interface TokenizeRequest {
  tag: typeof TAG;
  kind: 'tokenize';
  rid: number;
  sessionKey: string;
  what: 'card' | 'bank';
  billing?: unknown;
  holderName?: string;
}

/** Frames → parent. */
export type FromFrame =
  | { tag: typeof TAG; kind: 'ready'; frame: string }
  | { tag: typeof TAG; kind: 'change'; frame: string; state: FieldState }
  | { tag: typeof TAG; kind: 'focus' | 'blur'; frame: string }
  | { tag: typeof TAG; kind: 'result'; rid: number; ok: true; result: unknown }
  | { tag: typeof TAG; kind: 'result'; rid: number; ok: false; error: { type: ErrorType; code?: string; message: string } };

export type ErrorType = 'auth' | 'validation' | 'network' | 'rate_limit' | 'server' | 'load';

/**
 * Frame ↔ frame, on the vault's origin only. Each names the sender's own pub key and instance
 * (from its own URL: vault code reports them truthfully); a receiver acts only on its own pair.
 * `nonce` is made by the field, once per hello, and must come back with the port: a field takes
 * a port only in answer to a hello it sent, and only from the window it sent that hello to.
 */
export type Hello =
  | { tag: typeof TAG; kind: 'field-hello'; pk: string; instance: string; frame: string; type: FieldType; nonce: string }
  | { tag: typeof TAG; kind: 'tokenizer-hello'; pk: string; instance: string }
  | { tag: typeof TAG; kind: 'port'; pk: string; instance: string; nonce: string };

/** Over a MessageChannel port between the tokenizer and one field. */
export type PortMessage =
  | { kind: 'collect'; id: number }
  | { kind: 'value'; id: number; value: string }
  | { kind: 'brand'; brand: Brand };

export const isTagged = (d: unknown): d is { tag: string; kind: string } =>
  typeof d === 'object' && d !== null && (d as { tag?: unknown }).tag === TAG && typeof (d as { kind?: unknown }).kind === 'string';
