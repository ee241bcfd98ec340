import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Static } from 'typebox';
import { allows } from '../applications/permissions.js';
import { apiKeyGuard, jwtProjectGuard } from '../applications/guard.js';
import { callerOf, contextOf } from '../http/context.js';
import { ErrorBody } from '../http/schemas.js';
import { invalidFields, VaultError } from '../http/errors.js';
import { type ItemDefaults, type PreparedItem, prepareItem, prepareTestCard, publicView } from './prepare.js';
import {
  DetokenizeBatchResult, DetokenizeBody, DetokenizeResult, TestTokenBody, TestTokenResult, TokenizeBatchResult, TokenizeBody,
  TokenizeResult,
} from './schemas.js';
import { storedType, tokenType } from './types/index.js';
import type { TokenizeItemResult, TokenizeOutcome } from './store.js';
import { orSessionKey } from '../session-keys/guard.js';
import { FORMAT } from '../lib/token-formats.js';

/**
 * Deduplication answers "this number is already stored" (the old token, `deduplicated: true`, a
 * shared fingerprint): an oracle that confirms a guessed card number among the few candidates a
 * BIN and last 4 leave. Only a caller who may detokenize — and so learns nothing new — gets it;
 * for everyone else (tokenize-only keys, JWT callers) it does not apply (docs/security.md).
 */
export function mayDeduplicate(req: FastifyRequest): boolean {
  return req.principal !== null && allows(req.principal.permissions, 'detokenization');
}

function withDedupRight(item: PreparedItem, allowed: boolean): PreparedItem {
  return allowed || !item.dedup ? item : { ...item, dedup: false };
}

function tokenizeView(o: TokenizeOutcome, item: PreparedItem) {
  const view = publicView(o.type, o.display, item.masking);
  return {
    success: true as const,
    token: o.token,
    type: o.type,
    ...view,
    // As Ozura: a CVC session only when a CVV was sent, a fingerprint only where deduplication applied.
    ...(o.cvcSessionId ? { cvc_session_id: o.cvcSessionId } : {}),
    ...(item.dedup ? { fingerprint: o.fingerprint } : {}),
    deduplicated: o.deduplicated,
    created_at: o.createdAt.toISOString(),
    expires_at: o.expiresAt ? o.expiresAt.toISOString() : null,
    metadata: o.metadata,
  };
}

function itemError(e: VaultError) {
  return { success: false as const, message: e.message, error: { code: e.code, ...(e.options.details ? { details: e.options.details } : {}) } };
}

/** A single-item call: the item's own failure is the request's. */
function only(r: TokenizeItemResult): TokenizeOutcome {
  if (r instanceof VaultError) throw r;
  return r;
}

const SESSION_ITEMS_ONLY = () =>
  invalidFields([{ path: '/type', message: 'must be card or bank with a session key' }]);
const SESSION_NO_DEDUP = () =>
  invalidFields([{ path: '/deduplicate', message: 'must not be true with a session key' }]);
const SESSION_NO_FPE = () =>
  invalidFields([{ path: '/format', message: 'must not be fpe with a session key' }]);

/** The project's defaults for items that do not say (docs/tokens.md "Formats", "Deduplication"). */
const defaultsOf = (req: FastifyRequest): ItemDefaults => ({ deduplicate: req.project!.deduplicate, format: req.project!.tokenFormat });

type Vault = FastifyInstance['vault'];

/** A batch: each item prepared and answered on its own, so one bad item fails alone. */
async function tokenizeBatch({ tokens }: Vault, req: FastifyRequest, items: NonNullable<Static<typeof TokenizeBody>['items']>, at: Date) {
  if (req.elementsSession) throw SESSION_ITEMS_ONLY();
  const defaults = defaultsOf(req);
  const dedupAllowed = mayDeduplicate(req);
  const prepared = items.map((raw) => {
    try {
      return withDedupRight(prepareItem(raw, defaults, at), dedupAllowed);
    } catch (e) {
      if (e instanceof VaultError) return e;
      throw e;
    }
  });
  const good = prepared.filter((p): p is PreparedItem => !(p instanceof VaultError));
  const outcomes = good.length > 0 ? await tokens.tokenize(callerOf(req), 'tokenize_batch', good, at) : [];
  let k = 0;
  return {
    success: true as const,
    items: prepared.map((p) => {
      if (p instanceof VaultError) return itemError(p);
      const r = outcomes[k++];
      return r instanceof VaultError ? itemError(r) : tokenizeView(r, p);
    }),
  };
}

/** One item; from a browser (a session key) one card or bank account, never deduplicated. */
async function tokenizeOne({ tokens, sessions }: Vault, req: FastifyRequest, single: Omit<Static<typeof TokenizeBody>, 'items' | 'project_id'>, at: Date) {
  const session = req.elementsSession;
  if (session) {
    // No deduplication, and no fpe, whose token is the card's own: either answer would tell a
    // page whether a card number is already in the project (fpe: which stored token it is).
    if (!tokenType(single.type)?.browserCapture) throw SESSION_ITEMS_ONLY();
    if (single.deduplicate) throw SESSION_NO_DEDUP();
    if (single.format === FORMAT.fpe) throw SESSION_NO_FPE();
    const project = defaultsOf(req);
    const item = prepareItem(single, { deduplicate: false, format: project.format === FORMAT.fpe ? FORMAT.random : project.format }, at);
    // only() throws the item's failure inside spend(), which then gives the use back.
    const outcome = await sessions.spend(contextOf(req), session, async () => only((await tokens.tokenize(callerOf(req), 'tokenize', [item], at))[0]));
    return tokenizeView(outcome, item);
  }
  const item = withDedupRight(prepareItem(single, defaultsOf(req), at), mayDeduplicate(req));
  const [outcome] = await tokens.tokenize(callerOf(req), 'tokenize', [item], at);
  return tokenizeView(only(outcome), item);
}

async function detokenize({ tokens, now }: Vault, req: FastifyRequest, body: Static<typeof DetokenizeBody>) {
  const { token, tokens: many } = body;
  if ((token === undefined) === (many === undefined)) {
    throw invalidFields([{ path: '/token', message: 'exactly one of token, tokens is required' }]);
  }
  if (token !== undefined) {
    const [o] = await tokens.detokenize(callerOf(req), 'detokenize', [token], now());
    if ('missing' in o) throw new VaultError('token_not_found');
    return { success: true as const, token: o.token, type: o.type, data: o.data as Record<string, string>, ...storedType(o.type).extra?.(o.data), metadata: o.metadata };
  }
  const unique = [...new Set(many)];
  const found = new Map((await tokens.detokenize(callerOf(req), 'detokenize_batch', unique, now())).map((o) => [o.token, o]));
  return {
    success: true as const,
    items: many!.map((t) => {
      const o = found.get(t)!;
      return 'missing' in o ? { token: t, error: { code: 'token_not_found' } } : { token: t, data: o.data as Record<string, string>, ...storedType(o.type).extra?.(o.data) };
    }),
  };
}

async function testToken({ tokens, now }: Vault, req: FastifyRequest, body: Static<typeof TestTokenBody>) {
  const item = prepareTestCard(body, now());
  const o = only((await tokens.tokenize(callerOf(req), 'test_token', [item], now()))[0]);
  return {
    success: true as const,
    token: o.token,
    cvc_session_id: o.cvcSessionId!,
    mask: { card_number: o.display.card_number },
    bin: o.display.bin,
    test_mode: true as const,
    expires_in: '1 year (test session)',
  };
}

export async function tokenRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const vault = app.vault;

  app.post('/tokenize', {
    // Each batch item is checked on its own (prepareItem), so that one bad item fails alone.
    config: { itemsCheckedAlone: true, idempotent: true, operation: 'tokenize' },
    onRequest: orSessionKey(apiKeyGuard('tokenization', 'required', { allowJwt: true })),
    preHandler: jwtProjectGuard,
    schema: {
      tags: ['tokens'],
      summary: 'Tokenize a card, bank account or string (or a batch of up to 1000)',
      headers: { type: 'object', properties: { 'x-api-key': { type: 'string' }, 'x-pub-key': { type: 'string' }, 'x-session-key': { type: 'string' } } },
      body: TokenizeBody,
      response: { 201: TokenizeResult, 200: TokenizeBatchResult, '4xx': ErrorBody },
    },
  }, async (req, reply) => {
    const at = vault.now();
    const { items, project_id: _ignored, ...single } = req.body;
    if (items) return reply.code(200).send(await tokenizeBatch(vault, req, items, at));
    return reply.code(201).send(await tokenizeOne(vault, req, single, at));
  });

  app.post('/detokenize', {
    config: { operation: 'detokenize' },
    onRequest: apiKeyGuard('detokenization'),
    schema: {
      tags: ['tokens'],
      summary: 'Return the data behind a token (never the CVV), or up to 1000 tokens',
      body: DetokenizeBody,
      response: { 200: { anyOf: [DetokenizeResult, DetokenizeBatchResult] }, '4xx': ErrorBody },
    },
  }, async (req, reply) => reply.send(await detokenize(vault, req, req.body)));

  app.post('/test-tokens', {
    config: { idempotent: true },
    onRequest: apiKeyGuard('tokenization', 'in_production', { allowJwt: true }),
    preHandler: jwtProjectGuard,
    schema: {
      tags: ['tokens'],
      summary: 'Tokenize a published test card with a CVC session that lives one year',
      body: TestTokenBody,
      response: { 201: TestTokenResult, '4xx': ErrorBody },
    },
  }, async (req, reply) => reply.code(201).send(await testToken(vault, req, req.body)));
}
