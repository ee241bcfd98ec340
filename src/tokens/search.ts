// POST /tokens/search and /api/tokens/search (§6.3): masked tokens, newest first. The filters
// are terms of migration 0015's one GIN index (over values every row keeps in clear: the BIN,
// last 4, brand and expiry in `display`) and its metadata index; full-value search compares the keyed
// fingerprint deduplication uses, so no card number is ever compared, stored or logged in clear.
import { type Kysely, type RawBuilder, type SelectQueryBuilder, sql } from 'kysely';
import { type DataKeys, fingerprint } from '../crypto/datakeys.js';
import { writeAudit } from '../db/audit.js';
import { auditEvent } from '../db/audit-events.js';
import type { DB } from '../db/schema.js';
import { invalidFields, VaultError } from '../http/errors.js';
import { decodeCursor, pageOf } from '../http/pagination.js';
import { ozuraBrand } from './brand.js';
import type { RequestContext } from '../lib/context.js';
import type { SearchQuery } from './manage-schemas.js';
import type { TokenActor } from './manage-service.js';
import { type Page, TOKEN_COLUMNS, type TokenRow } from './rows.js';
import { cardType, TOKEN_TYPES, type TokenTypeDescriptor } from './types/index.js';

const isFullValue = (q: SearchQuery) => q.card_number !== undefined || q.account_number !== undefined;

/** The type and canonical value a full-value search names (its fingerprint is compared). */
function fullValueOf(q: SearchQuery): { type: TokenTypeDescriptor; canonical: string } {
  if (q.card_number !== undefined && q.account_number !== undefined) throw new VaultError('one_full_value');
  if (q.account_number !== undefined && q.routing_number === undefined) throw new VaultError('account_needs_routing');
  for (const t of TOKEN_TYPES as readonly TokenTypeDescriptor[]) {
    const canonical = t.searchCanonical?.(q) ?? null;
    if (canonical !== null) return { type: t, canonical };
  }
  throw new VaultError('validation_error');
}

type Filter = RawBuilder<boolean>;
const and = (fs: Filter[]) => sql<boolean>`(${sql.join(fs, sql` AND `)})`;

/** How many of the newest tokens are looked at first: a common term's page lies among them. */
const RECENT = 2000;
/** At most this many matches are sorted after the index look-up; more are read off the list index. */
const SORTED_AT_MOST = 5000;

/**
 * The page of the tokens matching `filters` (column names alone, so they apply to the table and
 * to a CTE of its rows), newest first, in up to three steps. PostgreSQL's element statistics keep
 * only frequent terms and estimate every rare one (a BIN, a last 4) at 0.5 % of the rows, so left
 * to itself it may read the whole project off the list index to find a dozen tokens. Instead:
 * 1. the newest RECENT tokens, filtered: a common term (a brand) fills its page from them;
 * 2. the matches through the GIN index (a materialized CTE: no ordering pushed into it), sorted,
 *    when there are at most SORTED_AT_MOST (every rare term);
 * 3. else the list index newest first with the filters, where matches lie dense enough.
 */
async function newestMatching(db: Kysely<DB>, projectId: string, filters: Filter[], after: Filter | null, limit: number): Promise<TokenRow[]> {
  const recent = await newestFirst(db
    .with((cte) => cte('recent').materialized(), (d) => newestFirst(own(d.selectFrom('tokens').select([...TOKEN_COLUMNS, 'fingerprint']), projectId, after), RECENT - 1))
    .selectFrom('recent').select(TOKEN_COLUMNS).where(and(filters)), limit).execute();
  if (recent.length > limit) return recent;
  const few = await newestFirst(db
    .with((cte) => cte('m').materialized(), (d) => own(d.selectFrom('tokens').select(TOKEN_COLUMNS), projectId, after).where(and(filters)).limit(SORTED_AT_MOST + 1))
    .selectFrom('m').selectAll().select(sql<string>`count(*) OVER ()`.as('matches')), limit).execute();
  if (few.length === 0 || Number(few[0].matches) <= SORTED_AT_MOST) return few.map(({ matches: _, ...r }) => r);
  return newestFirst(own(db.selectFrom('tokens').select(TOKEN_COLUMNS), projectId, after).where(and(filters)), limit).execute();
}

/** The project's tokens after the cursor. */
function own<O>(q: SelectQueryBuilder<DB, 'tokens', O>, projectId: string, after: Filter | null) {
  const mine = q.where('project_id', '=', projectId);
  return after ? mine.where(after) : mine;
}

/** The first `limit + 1` in the list's order (one more: whether a next page exists). */
const newestFirst = <Q extends { orderBy(c: 'created_at' | 'token', d: 'desc'): Q; limit(n: number): Q }>(q: Q, limit: number) =>
  q.orderBy('created_at', 'desc').orderBy('token', 'desc').limit(limit + 1);

export async function searchTokens(db: Kysely<DB>, keys: DataKeys, ctx: RequestContext, actor: TokenActor, q: SearchQuery): Promise<Page<TokenRow>> {
  const { at } = ctx;
  const full = isFullValue(q);
  if (q.metadata !== undefined && Buffer.byteLength(JSON.stringify(q.metadata)) > 1024) throw invalidFields([{ path: '/metadata', message: 'must be at most 1 KiB of JSON' }]);
  // First, before anything that depends on the value: a caller without the right learns nothing,
  // not even from how long the answer takes.
  if (full && !actor.fullValue) throw new VaultError('full_value_search_denied');
  const cursor = decodeCursor(q.cursor, ['date', 'id']);
  const limit = q.limit ?? 50;
  const { projectId } = actor.caller;
  const filters: Filter[] = [sql<boolean>`(expires_at IS NULL OR expires_at > ${at})`];
  if (q.type) filters.push(sql<boolean>`type = ${q.type}`);
  // The exact-value filters are terms of 0015's one GIN index, all matched by one containment.
  const terms: string[] = [];
  const term = (name: string, value: string) => terms.push(`${projectId} ${name} ${value}`);
  if (q.bin !== undefined) term('bin', q.bin.slice(0, 6));
  if (q.last4 !== undefined) term('last4', q.last4);
  if (q.brand !== undefined) term('brand', ozuraBrand(q.brand));
  const month = q.expiration_month === undefined ? undefined : String(q.expiration_month).padStart(2, '0');
  if (q.expiration_year !== undefined && month !== undefined) term('expiry', `${q.expiration_year}-${month}`);
  else if (q.expiration_year !== undefined) term('year', String(q.expiration_year));
  else if (month !== undefined) term('month', month);
  // Card-only fields name cards only, whatever another type's display may hold.
  if (q.brand !== undefined || q.bin !== undefined || q.expiration_month !== undefined || q.expiration_year !== undefined) {
    filters.push(sql<boolean>`type = ${cardType.name}`);
  }
  if (full) {
    const { type, canonical } = fullValueOf(q);
    filters.push(sql<boolean>`type = ${type.name}`);
    term('fp', fingerprint(await keys.get(projectId), type.name, canonical));
  }
  if (terms.length > 0) filters.push(sql<boolean>`vault_token_terms(project_id, display, fingerprint) @> ${terms}::text[]`);
  if (q.metadata !== undefined && Object.keys(q.metadata).length > 0) filters.push(sql<boolean>`metadata @> ${JSON.stringify(q.metadata)}::jsonb`);
  if (q.created_from !== undefined) filters.push(sql<boolean>`created_at >= ${new Date(q.created_from)}`);
  if (q.created_to !== undefined) filters.push(sql<boolean>`created_at < ${new Date(q.created_to)}`);
  const after = cursor ? sql<boolean>`(created_at, token) < (${cursor[0]}::timestamptz, ${cursor[1]})` : null;
  // Without terms or metadata the filters are ranges the list index serves in order.
  const rows = terms.length > 0 || q.metadata !== undefined
    ? await newestMatching(db, projectId, filters, after, limit)
    : await newestFirst(own(db.selectFrom('tokens').select(TOKEN_COLUMNS), projectId, after).where(and(filters)), limit).execute();
  const page = pageOf(rows, limit, (r) => [r.created_at.toISOString(), r.token]);
  if (full) {
    // A lookup by card number is on the record (who, how many found), never the number.
    await writeAudit(db, ctx, auditEvent('token_search', {
      projectId, appId: actor.caller.appId, userId: actor.caller.userId, details: { full_value: true, found: page.data.length },
    }));
  }
  return page;
}
