// Compile-time checks of @open-vault/node, run by `npm run typecheck` (tsconfig.check.json covers
// test/): each `@ts-expect-error` fails the typecheck if the line under it ever compiles, so a
// loosened body type or a lost overload is caught. Never executed.
import { createVaultClient, type DetokenizeBatchResponse, type TokenizeBatchResponse, type TokenizeResponse } from '../../packages/node/src/index.js';

export async function typeChecks() {
  const vault = createVaultClient({ vaultUrl: 'https://vault.example', apiKey: 'key_…', pubKey: 'pk_…' });
  const card = { cardNumber: '4111111111111111', expirationMonth: '12', expirationYear: '2030' };

  // A typo in a card field does not compile…
  // @ts-expect-error `cardNumbr` is not a card field
  await vault.tokenize({ type: 'card', data: { cardNumbr: '4111111111111111', expirationMonth: '12', expirationYear: '2030' } });
  // …nor a missing required field, a bank body under `card`, an unknown type or format.
  // @ts-expect-error expirationYear is required
  await vault.tokenize({ type: 'card', data: { cardNumber: '4111111111111111', expirationMonth: '12' } });
  // @ts-expect-error a card needs card fields
  await vault.tokenize({ type: 'card', data: { accountNumber: '000123456789', routingNumber: '110000000' } });
  // @ts-expect-error no such type
  await vault.tokenize({ type: 'iban', data: 'DE89…' });
  // @ts-expect-error no such format
  await vault.tokenize({ type: 'card', data: card, format: 'tok' });
  // @ts-expect-error a string token's data is a string
  await vault.tokenize({ type: 'string', data: { value: 'x' } });
  // @ts-expect-error batch items are typed too
  await vault.tokenize({ items: [{ type: 'card', data: { ...card, cvvv: '123' } }] });
  // @ts-expect-error the proxy needs a proxy_url
  await vault.proxy({ token: 'tok_x', request_data: {} });

  // One item answers one token; a batch answers items; the overloads narrow without a cast.
  const one: TokenizeResponse = await vault.tokenize({ type: 'card', data: { ...card, cvv: '123' }, deduplicate: true });
  const many: TokenizeBatchResponse = await vault.tokenize({ items: [{ type: 'card', data: card }, { type: 'string', data: '123-45-6789' }] });
  // @ts-expect-error a single answer has no items
  void one.items;
  // @ts-expect-error a batch answer has no single token
  void many.token;
  const shown: string = one.token;
  const detok = await vault.detokenize(shown);
  const data: Record<string, string> | string = detok.data;
  const batch: DetokenizeBatchResponse = await vault.detokenize([shown, 'tok_other']);
  // @ts-expect-error one token answers no items
  void detok.items;
  return { data, batch, many };
}
