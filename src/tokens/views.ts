// What the management routes answer: a stored row as GET shows it, and the search rate limit.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { documentGuard } from '../http/openapi.js';
import type { RateLimits } from '../http/ratelimit.js';
import { DEFAULT_SEARCH_RATE_LIMITS } from '../config.js';
import { publicView } from './prepare.js';
import type { Page, TokenRow } from './rows.js';
import type { SearchLimit } from './manage-service.js';

export function tokenView(r: TokenRow) {
  return {
    token: r.token, project_id: r.project_id, type: r.type, format: r.format,
    ...publicView(r.type, r.display as Record<string, string>),
    test: r.test, metadata: r.metadata as Record<string, unknown> | null, app_id: r.app_id,
    created_at: r.created_at.toISOString(), expires_at: r.expires_at?.toISOString() ?? null,
  };
}

export const pageView = (page: Page<TokenRow>) => ({ success: true as const, data: page.data.map(tokenView), next_cursor: page.next_cursor });

const { token_search: all, token_search_full: full } = DEFAULT_SEARCH_RATE_LIMITS;

/**
 * Search is rate-limited per caller (the application, or the signed-in user), and a full-value
 * search spends from a second, smaller budget too.
 */
export const searchLimit = (limits: RateLimits<SearchLimit>) =>
  documentGuard(async (req: FastifyRequest, reply: FastifyReply) => {
    const who = req.principal ? `app:${req.principal.id}` : `usr:${req.user!.id}`;
    await limits.spend('token_search', who, reply);
    const body = req.body as { card_number?: unknown; account_number?: unknown };
    if (body.card_number !== undefined || body.account_number !== undefined) await limits.spend('token_search_full', who, reply);
  }, {
    errors: [429], rateLimit: true,
    says: `Rate-limited per caller: ${all.points} searches per ${all.durationSeconds} s (\`token_search\`), of which ${full.points} by full value (\`token_search_full\`).`,
  });
