// Ozura's optional `maskingConfig` (§3.1): how the tokenize answer shows the card number. Applied
// to the answer only, from the stored display (first 6 / last 4 and the length), so it costs
// nothing when absent and can never reveal more than PCI allows.
import { Type, type Static } from 'typebox';

export const MaskingConfig = Type.Object(
  {
    visible_first: Type.Optional(Type.Integer({ minimum: 0, maximum: 6, default: 6 })),
    visible_last: Type.Optional(Type.Integer({ minimum: 0, maximum: 4, default: 4 })),
    mask_char: Type.Optional(Type.String({ pattern: '^[^0-9]$', description: 'One character, not a digit; default *' })),
  },
  { additionalProperties: false, description: 'How the masked card number is shown (at most the first 6 and last 4 digits)' },
);
export type MaskingConfig = Static<typeof MaskingConfig>;

/** `data.cardNumber` and `mask.card_number` of a card's answer under a masking config. */
export function maskCard(display: Record<string, string>, m: MaskingConfig) {
  const length = display.cardNumber.length;
  const first = m.visible_first ?? 6;
  const last = m.visible_last ?? 4;
  const c = m.mask_char ?? '*';
  const shown = (n: number) => c.repeat(length - n);
  const tail = display.last4.slice(4 - last);
  return {
    cardNumber: display.bin.slice(0, first) + c.repeat(length - first - last) + tail,
    card_number: last === 0 ? shown(0) : shown(last) + tail,
  };
}
