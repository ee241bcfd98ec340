// Session keys of docs/api.md §2.4: a merchant's server mints one with its API key, the vault's
// browser frames spend it on /tokenize. The key is shown once; the table keeps its SHA-256.
// A use is claimed atomically before tokenizing (so concurrent requests can never spend more
// than `session_limit`) and given back if the tokenization then fails: one use per success.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type pg from 'pg';
import { type AppPrincipal, PRINCIPAL_COLUMNS, principalFromRow } from '../applications/principal.js';
import { auditSlot, createdText, writeAudit } from '../db/audit.js';
import { AUDIT_EVENTS, macFields, auditEvent, INSERT_AUDIT, sqlText } from '../db/audit-events.js';
import type { DB } from '../db/schema.js';
import type { RequestContext } from '../lib/context.js';
import { newId, randomString } from '../lib/random.js';
import { VaultError } from '../http/errors.js';

export const SESSION_KEY_RE = /^sess_[A-Za-z0-9]{43}$/;
export const DEFAULT_SESSION_LIMIT = 3;
export const DEFAULT_SESSION_TTL_SECONDS = 900;

export const hashSessionKey = (key: string) => createHash('sha256').update(key).digest();

export interface SessionUse {
  id: string;
  principal: AppPrincipal;
}

const USE = AUDIT_EVENTS.session_use;
const USE_EVENT = `${sqlText(USE.eventType)}, ${sqlText(USE.action)}`;
const USE_RESOURCE = sqlText(USE.resourceType);

const CLAIM_SQL = `
WITH s AS (
  UPDATE elements_sessions SET uses = uses + 1
  WHERE id = $1 AND revoked_at IS NULL AND expires_at > $2 AND uses < session_limit
  RETURNING id, project_id, app_id, uses, session_limit
), aud AS (
  ${INSERT_AUDIT}
  SELECT project_id, $2, ${USE_EVENT}, 'success', ${USE_RESOURCE}, id, app_id, NULL, $3, $4,
         jsonb_build_object('use', uses, 'session_limit', session_limit), $5
  FROM s
)
SELECT uses FROM s`;

const RELEASE_SQL = `
WITH s AS (
  UPDATE elements_sessions SET uses = uses - 1 WHERE id = $1 AND uses > 0 RETURNING id, project_id, app_id
)
${INSERT_AUDIT}
SELECT project_id, $2, ${USE_EVENT}, 'failure', ${USE_RESOURCE}, id, app_id, NULL, $3, $4, '{"released": true}'::jsonb, $5 FROM s`;

export class SessionStore {
  constructor(
    private db: Kysely<DB>,
    private pool: pg.Pool,
    private now: () => Date,
  ) {}

  async mint(ctx: RequestContext, principal: AppPrincipal, limit: number, ttlSeconds: number) {
    const key = `sess_${randomString(43)}`;
    const id = newId('ses');
    const at = this.now();
    const expiresAt = new Date(at.getTime() + ttlSeconds * 1000);
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('elements_sessions')
        .values({ id, key_hash: hashSessionKey(key), project_id: principal.project.id, app_id: principal.id, session_limit: limit, created_at: at, expires_at: expiresAt })
        .execute();
      await writeAudit(trx, ctx, auditEvent('session_create', {
        projectId: principal.project.id, resourceId: id,
        appId: principal.id, details: { session_limit: limit, ttl_seconds: ttlSeconds },
      }));
    });
    return { key, limit, expiresAt };
  }

  /** Revokes a key of this application; false when it is unknown or another application's. */
  async revoke(ctx: RequestContext, principal: AppPrincipal, key: string): Promise<boolean> {
    if (!SESSION_KEY_RE.test(key)) return false;
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('elements_sessions')
        .set({ revoked_at: this.now() })
        .where('key_hash', '=', hashSessionKey(key))
        .where('app_id', '=', principal.id)
        .returning('id')
        .executeTakeFirst();
      if (!row) return false;
      await writeAudit(trx, ctx, auditEvent('session_revoke', {
        projectId: principal.project.id, resourceId: row.id, appId: principal.id,
      }));
      return true;
    });
  }

  /**
   * The application behind a live session key whose pub key matches. Every refusal is the same
   * 401, so the answer never tells a spent key from a key that never existed.
   */
  async authenticate(ctx: RequestContext, key: string, pubKey: string): Promise<SessionUse> {
    if (!SESSION_KEY_RE.test(key)) throw new VaultError('session_expired');
    const row = await this.db
      .selectFrom('elements_sessions as s')
      .innerJoin('applications as a', 'a.id', 's.app_id')
      .innerJoin('projects as p', 'p.id', 's.project_id')
      .select(PRINCIPAL_COLUMNS)
      .select(['s.id as session_id', 's.project_id as session_project', 's.app_id as session_app', 's.uses', 's.session_limit', 's.expires_at', 's.revoked_at'])
      .where('s.key_hash', '=', hashSessionKey(key))
      .where('a.deleted_at', 'is', null)
      .where('p.deleted_at', 'is', null)
      .executeTakeFirst();
    if (!row) throw new VaultError('session_expired');
    const refused =
      row.pub_key !== pubKey ? 'pub_key_mismatch' : row.revoked_at ? 'revoked' : row.expires_at <= this.now() ? 'expired' : row.uses >= row.session_limit ? 'spent' : null;
    if (refused) {
      // A real key that was refused (replayed, stolen with another pub key) is worth an entry.
      await writeAudit(this.db, ctx, auditEvent('session_use', {
        projectId: row.session_project, outcome: 'failure', resourceId: row.session_id, appId: row.session_app, details: { reason: refused },
      }));
      throw new VaultError('session_expired');
    }
    return { id: row.session_id, principal: principalFromRow(row) };
  }

  /** Claims one use, runs `work`, and gives the use back if `work` fails. */
  async spend<T>(ctx: RequestContext, session: SessionUse, work: () => Promise<T>): Promise<T> {
    const at = this.now();
    const claimed = await this.pool.query(CLAIM_SQL, [session.id, at, ctx.ip, ctx.requestId, await this.useMac(ctx, session, at)]);
    if (claimed.rowCount === 0) throw new VaultError('session_expired');
    try {
      return await work();
    } catch (e) {
      const back = this.now();
      await this.pool.query(RELEASE_SQL, [session.id, back, ctx.ip, ctx.requestId, await this.useMac(ctx, session, back)]);
      throw e;
    }
  }

  /** The writer MAC of a session_use row; its outcome and details are the statement's (scope `r`). */
  private async useMac(ctx: RequestContext, session: SessionUse, at: Date): Promise<string> {
    const slot = auditSlot(this.pool);
    await slot.ready();
    return slot.sign('r', macFields('session_use', {
      project_id: session.principal.project.id, created: createdText(at), outcome: '', resource_id: null, user_id: null, app_id: session.principal.id, ip_address: ctx.ip, request_id: ctx.requestId, details: null,
    }));
  }

  /** Deletes keys a day after they expired (called by the app's sweeper). */
  async sweep(): Promise<void> {
    await this.db.deleteFrom('elements_sessions').where('expires_at', '<', new Date(this.now().getTime() - 86_400_000)).execute();
  }
}
