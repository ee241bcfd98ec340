import { type Kysely, sql } from 'kysely';

// Plain SQL on purpose: the schema is read by operators and auditors, not only by the code.
// PostgreSQL 14 features only.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE users (
      id            text PRIMARY KEY,
      email         text NOT NULL,
      name          text NOT NULL DEFAULT '',
      password_hash text,
      created_at    timestamptz NOT NULL DEFAULT now(),
      updated_at    timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX users_email_key ON users (lower(email));

    CREATE TABLE projects (
      id                  text PRIMARY KEY,
      name                text NOT NULL,
      environment         text NOT NULL CHECK (environment IN ('production', 'staging', 'development')),
      parent_id           text REFERENCES projects(id),
      require_mfa         boolean NOT NULL DEFAULT false,
      deduplicate         boolean NOT NULL DEFAULT false,
      proxy_allowed_hosts text[],
      created_at          timestamptz NOT NULL DEFAULT now(),
      updated_at          timestamptz NOT NULL DEFAULT now(),
      deleted_at          timestamptz
    );

    -- One AES-256 data key per project, stored only wrapped by a master key. Deleting the row
    -- is crypto-shredding: the project's ciphertexts become permanently unreadable.
    CREATE TABLE project_keys (
      project_id    text PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
      master_key_id text NOT NULL,
      wrapped       bytea NOT NULL,
      created_at    timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE project_members (
      project_id text NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
      user_id    text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      role       text NOT NULL CHECK (role IN ('owner', 'admin', 'developer', 'viewer')),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (project_id, user_id)
    );
    CREATE INDEX project_members_user ON project_members (user_id);

    CREATE TABLE applications (
      id           text PRIMARY KEY,
      project_id   text NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
      name         text NOT NULL,
      key_hash     bytea NOT NULL UNIQUE,
      key_prefix   text NOT NULL,
      pub_key      text NOT NULL UNIQUE,
      permissions  jsonb NOT NULL,
      created_by   text REFERENCES users(id) ON DELETE SET NULL,
      created_at   timestamptz NOT NULL DEFAULT now(),
      updated_at   timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz,
      deleted_at   timestamptz
    );
    CREATE UNIQUE INDEX applications_name_key ON applications (project_id, lower(name)) WHERE deleted_at IS NULL;

    CREATE TABLE tokens (
      project_id  text NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
      token       text NOT NULL,
      type        text NOT NULL CHECK (type IN ('card', 'bank', 'string')),
      format      text NOT NULL CHECK (format IN ('random', 'card_preserving')),
      ciphertext  bytea NOT NULL,
      fingerprint text NOT NULL,
      dedup       boolean NOT NULL DEFAULT false,
      display     jsonb NOT NULL,
      metadata    jsonb,
      test        boolean NOT NULL DEFAULT false,
      app_id      text,
      created_at  timestamptz NOT NULL DEFAULT now(),
      expires_at  timestamptz,
      PRIMARY KEY (project_id, token)
    );
    -- Deduplication finds the existing token through the keyed fingerprint, never by plaintext.
    CREATE UNIQUE INDEX tokens_dedup_key ON tokens (project_id, type, fingerprint) WHERE dedup;
    CREATE INDEX tokens_expiry ON tokens (expires_at) WHERE expires_at IS NOT NULL;
    CREATE INDEX tokens_listing ON tokens (project_id, created_at DESC, token);

    -- CVVs never live with the token: a short-lived session, deleted on first use or expiry.
    CREATE TABLE cvc_sessions (
      id         uuid PRIMARY KEY,
      project_id text NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
      token      text NOT NULL,
      ciphertext bytea NOT NULL,
      test       boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL
    );
    CREATE INDEX cvc_sessions_expiry ON cvc_sessions (expires_at);
    CREATE INDEX cvc_sessions_token ON cvc_sessions (project_id, token);

    -- Written in the same statement or transaction as the change it records. seq, hash and
    -- prev_hash are filled in by the sealer, which links entries in ingest order.
    -- ingest orders entries as they are written; the public id derives from it, so the one
    -- index every insert must maintain grows at its right edge instead of at random pages.
    CREATE TABLE audit_log (
      ingest        bigserial PRIMARY KEY,
      id            text GENERATED ALWAYS AS ('aud_' || lpad(to_hex(ingest), 16, '0')) STORED,
      project_id    text,
      seq           bigint,
      created_at    timestamptz NOT NULL DEFAULT now(),
      event_type    text NOT NULL,
      action        text NOT NULL,
      outcome       text NOT NULL DEFAULT 'success',
      resource_type text,
      resource_id   text,
      user_id       text,
      app_id        text,
      ip_address    text,
      request_id    text,
      details       jsonb NOT NULL DEFAULT '{}'::jsonb,
      hash          text,
      prev_hash     text
    );
    CREATE INDEX audit_log_project ON audit_log (project_id, created_at DESC);
    CREATE INDEX audit_log_unsealed ON audit_log (ingest) WHERE seq IS NULL;

    -- Aborts the statement it is used in (and so every data-modifying CTE of it): lets a
    -- single-statement write refuse a partial outcome and be retried whole.
    CREATE FUNCTION vault_assert(ok boolean, msg text) RETURNS boolean LANGUAGE plpgsql AS $$
    BEGIN
      IF NOT ok THEN RAISE EXCEPTION USING ERRCODE = 'VR001', MESSAGE = msg; END IF;
      RETURN true;
    END $$;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP FUNCTION vault_assert(boolean, text); DROP TABLE audit_log, cvc_sessions, tokens, applications, project_members, project_keys, projects, users`.execute(db);
}
