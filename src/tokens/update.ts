// PATCH /tokens/:token (§6.3): a card's new expiry from an account updater, metadata, TTL —
// the same token; the number never changes (that is a new token). New data is sealed again
// under the project's current data key, bound to the token as at tokenize.
import type { Kysely } from 'kysely';
import type { DataKeys } from '../crypto/datakeys.js';
import { tokenAad } from '../crypto/datakeys.js';
import { writeAudit } from '../db/audit.js';
import { auditEvent } from '../db/audit-events.js';
import type { DB } from '../db/schema.js';
import { VaultError } from '../http/errors.js';
import type { Caller, RequestContext } from '../lib/context.js';
import type { UpdateBody } from './manage-schemas.js';
import { TOKEN_COLUMNS, type TokenRow } from './rows.js';
import { checkMetadata } from './prepare.js';
import { storedType } from './types/index.js';

/** The new expires_at: undefined = unchanged, null = never. Checked before any I/O. */
function newExpiry(body: UpdateBody, at: Date): Date | null | undefined {
  if (body.ttl_seconds !== undefined && body.expires_at !== undefined) throw new VaultError('ttl_and_expires_at');
  if (body.ttl_seconds !== undefined) return new Date(at.getTime() + body.ttl_seconds * 1000);
  if (body.expires_at === undefined) return undefined;
  if (body.expires_at === null) return null;
  const when = new Date(body.expires_at);
  if (!(when.getTime() > at.getTime())) throw new VaultError('expires_at_past');
  return when;
}

export async function updateToken(db: Kysely<DB>, keys: DataKeys, ctx: RequestContext, caller: Caller, token: string, body: UpdateBody): Promise<TokenRow> {
  const { at } = ctx;
  if (body.data && 'cardNumber' in body.data) throw new VaultError('card_number_unchangeable');
  const expiresAt = newExpiry(body, at);
  const metadata = body.metadata === undefined ? undefined : checkMetadata(body.metadata);
  const { projectId } = caller;
  // The data key only when data changes: a metadata or TTL change costs no key look-up.
  const key = body.data ? await keys.get(projectId) : null;
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('tokens')
      .select([...TOKEN_COLUMNS, 'ciphertext'])
      .where('project_id', '=', projectId)
      .where('token', '=', token)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', at)]))
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new VaultError('token_not_found');
    const set: { display?: string; ciphertext?: Buffer; metadata?: string | null; expires_at?: Date | null } = {};
    const fields: string[] = [];
    if (body.data && key) {
      const t = storedType(row.type);
      if (!t.update) throw new VaultError('token_data_unchangeable');
      const aad = tokenAad(projectId, row.token);
      const stored = JSON.parse(key.open(row.ciphertext, aad).toString('utf8')) as unknown;
      const next = t.update(stored, row.display as Record<string, string>, body.data, at);
      set.ciphertext = key.seal(Buffer.from(JSON.stringify(next.stored)), aad);
      set.display = JSON.stringify(next.display);
      fields.push(...Object.keys(body.data));
    }
    if (metadata !== undefined) {
      set.metadata = metadata === null ? null : JSON.stringify(metadata);
      fields.push('metadata');
    }
    if (expiresAt !== undefined) {
      set.expires_at = expiresAt;
      fields.push('expires_at');
    }
    const updated = fields.length === 0
      ? row
      : await trx.updateTable('tokens').set(set).where('project_id', '=', projectId).where('token', '=', row.token)
        .returning(TOKEN_COLUMNS).executeTakeFirstOrThrow();
    // Which fields changed, never their values (an expiry is card data).
    await writeAudit(trx, ctx, auditEvent('token_update', {
      projectId, resourceId: row.token, appId: caller.appId, userId: caller.userId, details: { type: row.type, fields },
    }));
    const { ciphertext: _sealed, ...view } = updated as TokenRow & { ciphertext?: Buffer };
    return view;
  });
}
