// POST /tokens/search and /api/tokens/search (§6.3): masked tokens, newest first. Each filter
// is one indexed expression of migration 0015 (over values every row keeps in clear: the BIN,
// last 4, brand and expiry in `display`, and `metadata`); full-value search compares the keyed
// fingerprint deduplication uses, so no card number is ever compared, stored or logged in clear.
import { type Kysely, sql } from 'kysely';
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

export async function searchTokens(db: Kysely<DB>, keys: DataKeys, ctx: RequestContext, actor: TokenActor, q: SearchQuery): Promise<Page<TokenRow>> {
  const { at } = ctx;
  const full = isFullValue(q);
  if (q.metadata !== undefined && Buffer.byteLength(JSON.stringify(q.metadata)) > 1024) throw invalidFields([{ path: '/metadata', message: 'must be at most 1 KiB of JSON' }]);
  // First, before anything that depends on the value: a caller without the right learns nothing,
  // not even from how long the answer takes.
  if (full && !actor.fullValue) throw new VaultError('full_value_search_denied');
  const after = decodeCursor(q.cursor, ['date', 'id']);
  const limit = q.limit ?? 50;
  const { projectId } = actor.caller;
  let s = db
    .selectFrom('tokens')
    .select(TOKEN_COLUMNS)
    .where('project_id', '=', projectId)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', at)]));
  if (q.type) s = s.where('type', '=', q.type);
  // Card-only fields: the type as a literal, so the planner can use 0015's partial indexes.
  if (q.brand !== undefined || q.bin !== undefined || q.expiration_month !== undefined || q.expiration_year !== undefined) {
    s = s.where(sql<boolean>`type = ${sql.lit(cardType.name)}`);
  }
  if (q.bin !== undefined) s = s.where(sql<boolean>`display->>'bin' = ${q.bin.slice(0, 6)}`);
  if (q.last4 !== undefined) s = s.where(sql<boolean>`display->>'last4' = ${q.last4}`);
  if (q.brand !== undefined) s = s.where(sql<boolean>`display->>'brand' = ${ozuraBrand(q.brand)}`);
  if (q.expiration_year !== undefined) s = s.where(sql<boolean>`vault_card_year(display->>'expirationYear') = ${String(q.expiration_year)}`);
  if (q.expiration_month !== undefined) s = s.where(sql<boolean>`display->>'expirationMonth' = ${String(q.expiration_month).padStart(2, '0')}`);
  if (q.metadata !== undefined && Object.keys(q.metadata).length > 0) s = s.where(sql<boolean>`metadata @> ${JSON.stringify(q.metadata)}::jsonb`);
  if (q.created_from !== undefined) s = s.where('created_at', '>=', new Date(q.created_from));
  if (q.created_to !== undefined) s = s.where('created_at', '<', new Date(q.created_to));
  if (after) s = s.where(sql<boolean>`(created_at, token) < (${after[0]}::timestamptz, ${after[1]})`);
  if (full) {
    const { type, canonical } = fullValueOf(q);
    s = s.where('type', '=', type.name).where('fingerprint', '=', fingerprint(await keys.get(projectId), type.name, canonical));
  }
  const rows = await s.orderBy('created_at', 'desc').orderBy('token', 'desc').limit(limit + 1).execute();
  const page = pageOf(rows, limit, (r) => [r.created_at.toISOString(), r.token]);
  if (full) {
    // A lookup by card number is on the record (who, how many found), never the number.
    await writeAudit(db, ctx, auditEvent('token_search', {
      projectId, appId: actor.caller.appId, userId: actor.caller.userId, details: { full_value: true, found: page.data.length },
    }));
  }
  return page;
}
