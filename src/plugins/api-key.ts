// The API-key guard of API.md §2.1, used as a route's onRequest hook so a bad key is refused
// before the body is even parsed.
import type { FastifyRequest } from 'fastify';
import { safeEqual } from '../applications/keys.js';
import { allows, type Permission } from '../applications/permissions.js';
import type { AppPrincipal } from '../applications/service.js';
import { VaultError } from './errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: AppPrincipal | null;
  }
}

export type PubKeyRule = 'required' | 'production' | 'none';

export function apiKeyGuard(permission: Permission | null, pubKey: PubKeyRule = 'none') {
  return async function guard(req: FastifyRequest) {
    const key = req.headers['x-api-key'];
    if (typeof key !== 'string' || key === '') throw new VaultError('api_key_required', 'The X-API-Key header is required.');
    const principal = await req.server.vault.apiKeys.lookup(key);
    if (!principal) throw new VaultError('invalid_api_key', 'The API key is invalid or has been deleted.');
    if (pubKey === 'required' || (pubKey === 'production' && principal.project.environment === 'production')) {
      const pk = req.headers['x-pub-key'];
      if (typeof pk !== 'string' || pk === '') throw new VaultError('pub_key_required', 'The X-Pub-Key header is required.');
      if (!safeEqual(pk, principal.pubKey)) {
        throw new VaultError('pub_key_mismatch', "The X-Pub-Key does not belong to this API key's application.");
      }
    }
    if (permission && !allows(principal.permissions, permission)) {
      throw new VaultError('permission_denied', `This application does not have the ${permission} permission.`);
    }
    req.principal = principal;
  };
}
