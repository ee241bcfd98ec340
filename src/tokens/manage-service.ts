// Tokens outside the hot path: the dashboard's list, show and delete (§4.2), and update and
// search (§6.3) for API keys and dashboard users alike. Masked values and metadata only, never
// data. Built once in app.ts; routes call it and never touch the database. The hot
// tokenize/detokenize statements are store.ts's.
import { type Kysely, sql } from 'kysely';
import type pg from 'pg';
import { DEFAULT_SEARCH_RATE_LIMITS, type RateLimitRule } from '../config.js';
import type { DataKeys } from '../crypto/datakeys.js';
import { writeAudit } from '../db/audit.js';
import { auditEvent } from '../db/audit-events.js';
import type { DB } from '../db/schema.js';
import { VaultError } from '../http/errors.js';
import { pageOf } from '../http/pagination.js';
import { RateLimits } from '../http/ratelimit.js';
import type { Caller, RequestContext } from '../lib/context.js';
import { type Action, authorize, visibleProjects } from '../members/access.js';
import type { SearchQuery, UpdateBody } from './manage-schemas.js';
import { type Page, TOKEN_COLUMNS, type TokenRow } from './rows.js';
import { searchTokens } from './search.js';
import type { TokenType } from './types/index.js';
import { updateToken } from './update.js';

export { type Page, type TokenRow } from './rows.js';

export type SearchLimit = keyof typeof DEFAULT_SEARCH_RATE_LIMITS;

/** Who searches or updates: an API key (with its rights) or a dashboard user (by role). */
export interface TokenActor {
  caller: Caller;
  /** May this caller use full-value search (the detokenize right)? */
  fullValue: boolean;
}

export class TokenService {
  /** Search budgets per caller, shared by every node (http/ratelimit.ts). */
  readonly searchLimits: RateLimits<SearchLimit>;

  constructor(
    private db: Kysely<DB>,
    private keys: DataKeys,
    pool: pg.Pool,
    overrides: Partial<Record<string, RateLimitRule>> = {},
  ) {
    this.searchLimits = new RateLimits(pool, DEFAULT_SEARCH_RATE_LIMITS, overrides, 'tokens:');
  }

  /** A project's live tokens, newest first, optionally of one type; `after` from the cursor. */
  async list(ctx: RequestContext, userId: string, projectId: string, type: TokenType | undefined, limit: number, after: (string | number)[] | null): Promise<Page<TokenRow>> {
    await authorize(this.db, userId, projectId, 'tokens.read');
    let q = this.db
      .selectFrom('tokens')
      .select(TOKEN_COLUMNS)
      .where('project_id', '=', projectId)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', ctx.at)]));
    if (type) q = q.where('type', '=', type);
    if (after) q = q.where(sql<boolean>`(created_at, token) < (${after[0]}::timestamptz, ${after[1]})`);
    const rows = await q.orderBy('created_at', 'desc').orderBy('token', 'desc').limit(limit + 1).execute();
    return pageOf(rows, limit, (r) => [r.created_at.toISOString(), r.token]);
  }

  /**
   * A token the user may see. Card-preserving tokens are unique per project only, so
   * `projectId` picks one; without it the newest match among the user's projects is used.
   */
  async find(ctx: RequestContext, userId: string, token: string, projectId: string | undefined, action: Action = 'tokens.read'): Promise<TokenRow> {
    let q = this.db
      .selectFrom('tokens as t')
      .innerJoin(visibleProjects(userId).as('m'), 'm.project_id', 't.project_id')
      .innerJoin('projects as p', 'p.id', 't.project_id')
      .select(TOKEN_COLUMNS.map((c) => `t.${c}` as const))
      .where('t.token', '=', token)
      .where('p.deleted_at', 'is', null)
      .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', ctx.at)]));
    if (projectId) q = q.where('t.project_id', '=', projectId);
    const row = await q.orderBy('t.created_at', 'desc').executeTakeFirst();
    if (!row) throw new VaultError('token_not_found');
    await authorize(this.db, userId, row.project_id, action);
    return row;
  }

  /** Deletes a token and its CVC sessions (developers and above). */
  async delete(ctx: RequestContext, userId: string, token: string, projectId: string | undefined) {
    const row = await this.find(ctx, userId, token, projectId, 'tokens.delete');
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('tokens').where('project_id', '=', row.project_id).where('token', '=', row.token).execute();
      await trx.deleteFrom('cvc_sessions').where('project_id', '=', row.project_id).where('token', '=', row.token).execute();
      await writeAudit(trx, ctx, auditEvent('token_delete', { projectId: row.project_id, resourceId: row.token, userId, details: { type: row.type } }));
    });
  }

  /** PATCH /tokens/:token: the API key's project. */
  update(ctx: RequestContext, caller: Caller, token: string, body: UpdateBody): Promise<TokenRow> {
    return updateToken(this.db, this.keys, ctx, caller, token, body);
  }

  /** PATCH /api/tokens/:token: a developer or above of the token's project. */
  async updateAsUser(ctx: RequestContext, userId: string, token: string, projectId: string | undefined, body: UpdateBody): Promise<TokenRow> {
    const row = await this.find(ctx, userId, token, projectId, 'tokens.update');
    const caller: Caller = { projectId: row.project_id, appId: null, userId, ip: ctx.ip, requestId: ctx.requestId };
    return updateToken(this.db, this.keys, ctx, caller, row.token, body);
  }

  /** POST /tokens/search: the API key's project; full-value search only with the detokenize right. */
  search(ctx: RequestContext, actor: TokenActor, q: SearchQuery): Promise<Page<TokenRow>> {
    return searchTokens(this.db, this.keys, ctx, actor, q);
  }

  /** POST /api/tokens/search: developers and above; never by full value (docs/tokens.md). */
  async searchAsUser(ctx: RequestContext, userId: string, projectId: string, q: SearchQuery): Promise<Page<TokenRow>> {
    await authorize(this.db, userId, projectId, 'tokens.search');
    const caller: Caller = { projectId, appId: null, userId, ip: ctx.ip, requestId: ctx.requestId };
    return searchTokens(this.db, this.keys, ctx, { caller, fullValue: false }, q);
  }
}
