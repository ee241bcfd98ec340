// Compile-time only, never imported or run: `npm run typecheck` fails if the dashboard's client
// stops catching a wrong path, parameter or body field (each @ts-expect-error must find its error).
import { data, tokensPage, vault, type TokenSearch } from './api';

export function typedCalls() {
  // @ts-expect-error `emial` is not a field of the login body
  void data(vault.POST('/auth/login', { body: { emial: 'a@example.com', password: 'x' } }));
  // @ts-expect-error the login body needs its password
  void data(vault.POST('/auth/login', { body: { email: 'a@example.com' } }));
  // @ts-expect-error no such role
  void data(vault.PUT('/api/projects/{id}/members/{user_id}', { params: { path: { id: 'p', user_id: 'u' } }, body: { role: 'root' } }));
  // @ts-expect-error the path needs its id
  void data(vault.GET('/api/projects/{id}', { params: { path: {} } }));
  // @ts-expect-error no such route
  void data(vault.GET('/api/projectz'));
  // @ts-expect-error the dashboard never searches by full card number (API keys with the detokenize right only)
  void tokensPage('p', 'card', { card_number: '4111111111111111' }, null);
  // @ts-expect-error nor by account number
  const byAccount: TokenSearch = { project_id: 'p', account_number: '000123456789', routing_number: '110000000' };
  void byAccount;
  // Right, for contrast:
  void tokensPage('p', 'card', { brand: 'visa', last4: '1111', metadata: { order: 'A-1' } }, null);
  void data(vault.POST('/auth/login', { body: { email: 'a@example.com', password: 'x' } }));
}
