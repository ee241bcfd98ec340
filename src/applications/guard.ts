// The API-key guard of docs/api.md §2.1, used as a route's onRequest hook so a bad key is refused
// before the body is even parsed. Also the two JWT variants of §2.2–§2.3:
// - hybrid: X-API-Key + Bearer JWT — the key authorises, the JWT must be valid (401) and its user
//   a member of the key's project (403); both ids are recorded in the audit entry;
// - JWT alone on /tokenize and /test-tokens (role ≥ developer), the project named as Ozura does by
//   `X-Pub-Key` or, our extension, by `project_id` in the body; resolved by `jwtProjectGuard`.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { safeEqual } from '../lib/compare.js';
import { allows, type Permission } from './permissions.js';
import { type AppPrincipal, principalProject, projectOfPubKey } from './principal.js';
import { authorize } from '../members/access.js';
import { isMember } from '../members/service.js';
import { invalidFields, VaultError } from '../http/errors.js';
import { requireUser, sessionCookieOf } from '../auth/guard.js';
import { documentGuard, type GuardDoc, type SecurityRequirement } from '../http/openapi.js';
import { ENV } from '../lib/environments.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The application whose API key authenticated the request. */
    principal: AppPrincipal | null;
    /** The project the request acts on (the key's, or the JWT caller's `project_id`). */
    project: AppPrincipal['project'] | null;
    /** Set when a JWT alone authenticated an endpoint that allows it; resolved in preHandler. */
    jwtOnly: boolean;
  }
}

/** `in_production`: required when the key's project is a production one. */
export type PubKeyRule = 'required' | 'in_production' | 'none';

/** What an apiKeyGuard demands, for /openapi.json. */
function guardDoc(permission: Permission | null, pubKey: PubKeyRule, allowJwt: boolean): GuardDoc {
  const key: SecurityRequirement[] = pubKey === 'required' ? [{ apiKey: [], pubKey: [] }] : pubKey === 'in_production' ? [{ apiKey: [], pubKey: [] }, { apiKey: [] }] : [{ apiKey: [] }];
  const jwt: SecurityRequirement[] = allowJwt ? [{ bearer: [] }, { cookie: [] }] : [];
  const right = permission ? `with the \`${permission}\` permission` : '(any permission)';
  const pub = pubKey === 'required' ? ' and its pub key (`X-Pub-Key`)' : pubKey === 'in_production' ? ' and, in production projects, its pub key (`X-Pub-Key`)' : '';
  const alone = allowJwt ? ' Or a dashboard JWT alone (developer or above), the project named by `X-Pub-Key` or the body’s `project_id`.' : '';
  return {
    security: [...key, ...jwt],
    errors: [401, 403],
    says: `An API key (\`X-API-Key\`) ${right}${pub}; with a Bearer JWT too, its user must be a member of the key’s project.${alone}`,
  };
}

export function apiKeyGuard(permission: Permission | null, pubKey: PubKeyRule = 'none', opts: { allowJwt?: boolean } = {}) {
  return documentGuard(async function guard(req: FastifyRequest, reply: FastifyReply) {
    const key = req.headers['x-api-key'];
    // Hybrid calls name a JWT with the Bearer scheme; another scheme is not the vault's to read.
    const bearer = typeof req.headers.authorization === 'string' && /^Bearer\s/i.test(req.headers.authorization);
    if (typeof key !== 'string' || key === '') {
      // An API key pasted as a Bearer token would fail as a bad JWT: say where it belongs instead.
      if (bearer && /^Bearer\s+key_/i.test(req.headers.authorization!)) throw new VaultError('api_key_as_bearer');
      if (opts.allowJwt && (bearer || sessionCookieOf(req))) {
        await requireUser()(req, reply);
        req.jwtOnly = true;
        return;
      }
      throw new VaultError('api_key_required');
    }
    const principal = await req.server.vault.apiKeys.lookup(key);
    if (!principal) throw new VaultError('invalid_api_key');
    if (pubKey === 'required' || (pubKey === 'in_production' && principal.project.environment === ENV.production)) {
      const pk = req.headers['x-pub-key'];
      if (typeof pk !== 'string' || pk === '') throw new VaultError('pub_key_required');
      if (!safeEqual(pk, principal.pubKey)) {
        throw new VaultError('pub_key_mismatch');
      }
    }
    if (permission && !allows(principal.permissions, permission)) {
      throw new VaultError('permission_denied');
    }
    req.principal = principal;
    req.project = principal.project;
    if (bearer) {
      await requireUser()(req, reply);
      if (!(await isMember(req.server.vault.database.db, principal.project.id, req.user!.id))) throw new VaultError('user_not_member');
    }
  }, guardDoc(permission, pubKey, opts.allowJwt ?? false));
}

/**
 * preHandler for JWT-only calls: the project of the application whose `X-Pub-Key` is sent (as
 * Ozura), else the body's `project_id`; the user must be developer or above there. An unknown pub
 * key answers as a project the user is not a member of (404), so pub keys reveal nothing.
 */
export const jwtProjectGuard = documentGuard(async function jwtProjectGuard(req: FastifyRequest) {
  if (!req.jwtOnly) return;
  const { db } = req.server.vault.database;
  const pubKey = req.headers['x-pub-key'];
  let projectId = (req.body as { project_id?: unknown } | undefined)?.project_id;
  if (typeof pubKey === 'string' && pubKey !== '') {
    const owner = await projectOfPubKey(db, pubKey);
    if (!owner) throw new VaultError('project_not_found');
    projectId = owner;
  }
  if (typeof projectId !== 'string' || projectId === '') {
    throw invalidFields([{ path: '/headers/x-pub-key', message: 'is required with JWT authentication (or project_id in the body)' }]);
  }
  await authorize(db, req.user!.id, projectId, 'tokens.tokenize');
  req.project = await principalProject(db, projectId);
}, { errors: [403, 404], says: '' });
