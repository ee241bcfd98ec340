import { type Kysely, sql } from 'kysely';

// Accounts and dashboard authentication (issue 3). Plain SQL, PostgreSQL 14 features only.
// Every secret below is stored hashed (tokens, codes) or sealed under the master key (TOTP
// secrets, JWT signing keys); nothing here can be replayed from a database dump.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE users
      ADD COLUMN password_changed_at timestamptz NOT NULL DEFAULT now(),
      ADD COLUMN failed_logins       integer NOT NULL DEFAULT 0,
      ADD COLUMN locked_until        timestamptz,
      ADD COLUMN mfa_enabled         boolean NOT NULL DEFAULT false,
      ADD COLUMN mfa_pending         boolean NOT NULL DEFAULT false,
      -- TOTP secret sealed with AES-256-GCM under mfa_key_id (AAD 'totp:<user id>').
      ADD COLUMN mfa_secret          bytea,
      ADD COLUMN mfa_key_id          text,
      -- The last accepted TOTP time step: a code is never accepted twice.
      ADD COLUMN mfa_last_step       bigint;

    -- Ed25519 JWT signing keys. The private key (PKCS#8 DER) is sealed under master key
    -- master_key_id with AAD 'jwt-signing-key:<kid>'. The newest unretired key signs; all verify.
    CREATE TABLE auth_signing_keys (
      kid           text PRIMARY KEY,
      alg           text NOT NULL,
      public_jwk    jsonb NOT NULL,
      private_key   bytea NOT NULL,
      master_key_id text NOT NULL,
      created_at    timestamptz NOT NULL DEFAULT now(),
      retired_at    timestamptz
    );

    -- One row per login. Every JWT names its session (sid); a revoked or expired row refuses the
    -- token on every node because each request reads the row.
    CREATE TABLE auth_sessions (
      id                 text PRIMARY KEY,
      user_id            text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      created_at         timestamptz NOT NULL,
      expires_at         timestamptz NOT NULL,
      -- The sliding 15-minute window of the vault_session cookie, enforced server side.
      cookie_expires_at  timestamptz NOT NULL,
      mfa_verified       boolean NOT NULL DEFAULT false,
      revoked_at         timestamptz,
      ip_address         text
    );
    CREATE INDEX auth_sessions_user ON auth_sessions (user_id) WHERE revoked_at IS NULL;

    -- Single-use tokens (password reset, expired-password reset, email verification), by SHA-256.
    CREATE TABLE auth_tokens (
      token_hash bytea PRIMARY KEY,
      purpose    text NOT NULL CHECK (purpose IN ('reset', 'expired', 'email')),
      user_id    text REFERENCES users(id) ON DELETE CASCADE,
      email      text NOT NULL,
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      used_at    timestamptz
    );

    -- Email verification codes: one live code per address, HMAC'd, 5 tries.
    CREATE TABLE auth_email_codes (
      email      text PRIMARY KEY,
      code_hash  bytea NOT NULL,
      attempts   integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL
    );

    CREATE TABLE auth_backup_codes (
      user_id   text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      code_hash bytea NOT NULL,
      used_at   timestamptz,
      PRIMARY KEY (user_id, code_hash)
    );

    -- rate-limiter-flexible's RateLimiterPostgres store, created here (same schema as the
    -- library's own CREATE TABLE) so nodes never race to create it.
    CREATE TABLE auth_rate_limits (
      key    varchar(255) PRIMARY KEY,
      points integer NOT NULL DEFAULT 0,
      expire bigint
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE auth_rate_limits, auth_backup_codes, auth_email_codes, auth_tokens, auth_sessions, auth_signing_keys;
    ALTER TABLE users DROP COLUMN password_changed_at, DROP COLUMN failed_logins, DROP COLUMN locked_until,
      DROP COLUMN mfa_enabled, DROP COLUMN mfa_pending, DROP COLUMN mfa_secret, DROP COLUMN mfa_key_id, DROP COLUMN mfa_last_step;
  `.execute(db);
}
