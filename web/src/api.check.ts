// Compile-time only, never imported or run: `npm run typecheck` fails if the dashboard's client
// stops catching a wrong path, parameter or body field (each @ts-expect-error must find its error).
import { data, vault } from './api';

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
  // Right, for contrast:
  void data(vault.POST('/auth/login', { body: { email: 'a@example.com', password: 'x' } }));
}
