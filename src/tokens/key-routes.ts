// PATCH /tokens/:token and POST /tokens/search with an API key (§6.3). Handlers call the
// TokenService (manage-service.ts); the rights an API key has decide what it may search.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { allows } from '../applications/permissions.js';
import { apiKeyGuard } from '../applications/guard.js';
import { callerOf, contextOf } from '../http/context.js';
import { Page } from '../http/pagination.js';
import { ErrorBody, Ok } from '../http/schemas.js';
import { SearchBody, TokenParams, TokenView, UpdateBody } from './manage-schemas.js';
import type { TokenActor } from './manage-service.js';
import { pageView, searchLimit, tokenView } from './views.js';

/** Full-value search is an oracle on card numbers: only a key that may detokenize gets it (as deduplication). */
const actorOf = (req: FastifyRequest): TokenActor => ({ caller: callerOf(req), fullValue: allows(req.principal!.permissions, 'detokenization') });

export async function tokenKeyRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const service = app.vault.tokenService;

  app.patch('/tokens/:token', {
    config: { idempotent: true },
    onRequest: apiKeyGuard('tokenization'),
    schema: {
      tags: ['tokens'], summary: "Update a token's expiry (account updater), metadata or TTL; the number never changes",
      params: TokenParams, body: UpdateBody, response: { 200: Ok(TokenView), '4xx': ErrorBody },
    },
  }, async (req) => ({ success: true as const, data: tokenView(await service.update(contextOf(req), callerOf(req), req.params.token, req.body)) }));

  app.post('/tokens/search', {
    // Masked search shows what a tokenize answer shows; full value needs detokenization (in the service).
    onRequest: apiKeyGuard('tokenization'),
    preHandler: searchLimit(service.searchLimits),
    schema: {
      tags: ['tokens'], summary: "Search the key's project's tokens, masked, newest first",
      body: SearchBody, response: { 200: Page(TokenView), '4xx': ErrorBody },
    },
  }, async (req) => pageView(await service.search(contextOf(req), actorOf(req), req.body)));
}
