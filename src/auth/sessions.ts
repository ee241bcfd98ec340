// Dashboard sessions and their JWTs (docs/api.md §2.2): one auth_sessions row per login, named by
// the JWT's `sid`. Every request reads the row, so a logout, password change or reset on any
// node refuses the token everywhere on the next request.
import type { Kysely, Transaction } from 'kysely';
import { writeAudit } from '../db/audit.js';
import { userEvent } from '../db/audit-events.js';
import type { DB } from '../db/schema.js';
import { VaultError } from '../http/errors.js';
import type { RequestContext } from '../lib/context.js';
import { newId } from '../lib/random.js';
import type { SigningKeys } from './jwt-keys.js';
import { endFailures } from './lockout.js';
import { mfaRequired, type UserRow, userById, userView } from './users.js';

const ACCESS_TOKEN_TTL_MS = 24 * 3600_000;
const COOKIE_TTL_MS = 15 * 60_000;
/** Lifetime of the vault_session cookie; the server enforces the same window per session. */
export const COOKIE_MAX_AGE_SECONDS = COOKIE_TTL_MS / 1000;
/** The cookie window is pushed forward at most once a minute per session. */
const COOKIE_SLIDE_AFTER_MS = 60_000;

/** The authenticated dashboard user, as `requireUser` puts it on `req.user`. */
export interface AuthUser {
  id: string;
  email: string;
  name: string;
  sessionId: string;
  sessionExpiresAt: Date;
  /** How the request authenticated; cookie writes are CSRF-checked, cookie use slides the window. */
  via: 'bearer' | 'cookie';
  /** The JWT the request carried (re-set in the cookie on activity). */
  token: string;
  mfaRequired: boolean;
  mfaEnabled: boolean;
  mfaPending: boolean;
  mfaVerified: boolean;
}

/** A signed-in session: what login, registration and MFA verification answer with. */
export interface Issued {
  token: string;
  expiresAt: Date;
  sessionId: string;
  user: UserRow;
  mfaVerified: boolean;
}

export function loginView(i: Issued) {
  return {
    token: i.token,
    expires_at: i.expiresAt.toISOString(),
    user: userView(i.user),
    mfa_required: i.user.mfa_required,
    mfa_enabled: i.user.mfa_enabled,
    mfa_verified: i.mfaVerified,
  };
}

export class Sessions {
  constructor(
    private db: Kysely<DB>,
    private keys: SigningKeys,
    private now: () => Date,
  ) {}

  /**
   * The one authentication check: JWT signature/kid/alg/expiry, then the session row (revoked or
   * expired → 401 on every node, since every request reads it). Cookie use must fall inside the
   * sliding 15-minute window, which it pushes forward.
   */
  async authenticate(token: string, via: 'bearer' | 'cookie'): Promise<AuthUser> {
    const now = this.now();
    const claims = await this.keys.verify(token, now);
    const s = await this.db
      .selectFrom('auth_sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .select(['s.id', 's.user_id', 's.expires_at', 's.cookie_expires_at', 's.mfa_verified', 's.revoked_at', 'u.email', 'u.name', 'u.mfa_enabled', 'u.mfa_pending'])
      .select((eb) => mfaRequired(eb))
      .where('s.id', '=', claims.sid)
      .executeTakeFirst();
    const dead = !s || s.user_id !== claims.sub || s.revoked_at !== null || s.expires_at <= now || (via === 'cookie' && s.cookie_expires_at <= now);
    if (dead) throw new VaultError('invalid_token');
    if (via === 'cookie' && s.cookie_expires_at.getTime() - now.getTime() < COOKIE_TTL_MS - COOKIE_SLIDE_AFTER_MS) {
      await this.db
        .updateTable('auth_sessions')
        .set({ cookie_expires_at: new Date(now.getTime() + COOKIE_TTL_MS) })
        .where('id', '=', s.id)
        .where('revoked_at', 'is', null)
        .execute();
    }
    return {
      id: s.user_id,
      email: s.email,
      name: s.name,
      sessionId: s.id,
      sessionExpiresAt: s.expires_at,
      via,
      token,
      mfaRequired: s.mfa_required,
      mfaEnabled: s.mfa_enabled,
      mfaPending: s.mfa_pending,
      mfaVerified: s.mfa_verified,
    };
  }

  /** A new session (MFA not yet verified) and its JWT. */
  async create(trx: Transaction<DB>, user: UserRow, ctx: RequestContext): Promise<Issued> {
    const now = this.now();
    return this.insert(trx, user, ctx, false, new Date(now.getTime() + ACCESS_TOKEN_TTL_MS));
  }

  /**
   * MFA completed: a new, verified session replaces the one that asked, which is revoked — so a
   * token or cookie known before the code was typed (fixation) is worth nothing after it. The new
   * session ends when the old one would have. The run of failures ends too. The old session must
   * still be live (else 401), so two codes racing on one session make one session.
   */
  async completeMfa(trx: Transaction<DB>, user: AuthUser, ctx: RequestContext): Promise<Issued> {
    const old = await trx
      .updateTable('auth_sessions')
      .set({ revoked_at: this.now() })
      .where('id', '=', user.sessionId)
      .where('revoked_at', 'is', null)
      .returning('expires_at')
      .executeTakeFirst();
    if (!old) throw new VaultError('invalid_token');
    await endFailures(trx, user.id);
    return this.insert(trx, await userById(trx, user.id), ctx, true, old.expires_at);
  }

  private async insert(trx: Transaction<DB>, user: UserRow, ctx: RequestContext, mfaVerified: boolean, expiresAt: Date): Promise<Issued> {
    const now = this.now();
    const id = newId('ses');
    await trx
      .insertInto('auth_sessions')
      .values({
        id, user_id: user.id, created_at: now, expires_at: expiresAt, cookie_expires_at: new Date(now.getTime() + COOKIE_TTL_MS), ip_address: ctx.ip, mfa_verified: mfaVerified,
      })
      .execute();
    const token = await this.sign(user, id, mfaVerified, now, expiresAt);
    return { token, expiresAt, sessionId: id, user, mfaVerified };
  }

  /** Revokes every live session of a user but `except` (the one asking, when it stays). */
  async revokeAll(trx: Transaction<DB>, userId: string, except: string | null) {
    await trx
      .updateTable('auth_sessions')
      .set({ revoked_at: this.now() })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .where('id', 'is distinct from', except)
      .execute();
  }

  async logout(user: AuthUser, ctx: RequestContext) {
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('auth_sessions').set({ revoked_at: this.now() }).where('id', '=', user.sessionId).where('revoked_at', 'is', null).execute();
      await writeAudit(trx, ctx, userEvent('logout', user.id, { session_id: user.sessionId }));
    });
  }

  private sign(user: UserRow, sid: string, mfaVerified: boolean, iat: Date, exp: Date) {
    return this.keys.sign(
      { sub: user.id, email: user.email, sid, mfa_required: user.mfa_required, mfa_enabled: user.mfa_enabled, mfa_verified: mfaVerified },
      iat,
      exp,
    );
  }
}
