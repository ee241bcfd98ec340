// POST /sessions and DELETE /sessions/:session_key (docs/api.md §2.4), with the merchant's API key.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { apiKeyGuard } from '../applications/guard.js';
import { contextOf } from '../http/context.js';
import { VaultError } from '../http/errors.js';
import { ErrorBody, Ok } from '../http/schemas.js';
import { DEFAULT_SESSION_LIMIT, DEFAULT_SESSION_TTL_SECONDS } from './service.js';

const CreateBody = Type.Object(
  {
    session_limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    ttl_seconds: Type.Optional(Type.Integer({ minimum: 60, maximum: 3600 })),
  },
  { additionalProperties: false, examples: [{ session_limit: 1, ttl_seconds: 900 }] },
);
const Created = Ok(Type.Object({ session_key: Type.String(), session_limit: Type.Integer(), expires_at: Type.String() }));
const KeyParams = Type.Object({ session_key: Type.String({ maxLength: 64 }) });

export async function sessionRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { sessions } = app.vault;

  app.post('/sessions', {
    config: { idempotent: true },
    onRequest: apiKeyGuard('tokenization'),
    schema: {
      tags: ['sessions'],
      summary: 'Mint a short-lived session key for browser card capture (Elements)',
      body: Type.Optional(CreateBody),
      response: { 201: Created, '4xx': ErrorBody },
    },
  }, async (req, reply) => {
    const limit = req.body?.session_limit ?? DEFAULT_SESSION_LIMIT;
    const ttl = req.body?.ttl_seconds ?? DEFAULT_SESSION_TTL_SECONDS;
    const s = await sessions.mint(contextOf(req), req.principal!, limit, ttl);
    return reply.code(201).send({ success: true, data: { session_key: s.key, session_limit: s.limit, expires_at: s.expiresAt.toISOString() } });
  });

  app.delete('/sessions/:session_key', {
    onRequest: apiKeyGuard('tokenization'),
    schema: {
      tags: ['sessions'],
      summary: 'Revoke a session key',
      params: KeyParams,
      response: { 200: Ok(Type.Object({})), '4xx': ErrorBody },
    },
  }, async (req) => {
    if (!(await sessions.revoke(contextOf(req), req.principal!, req.params.session_key))) throw new VaultError('session_key_not_found');
    return { success: true as const, data: {} };
  });
}
