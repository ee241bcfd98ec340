import { type Kysely, sql } from 'kysely';

// Key lifecycle (docs/keys.md): an inventory of master keys with the one the vault wraps under,
// and versioned project data keys with a usage counter, rotated online by a resumable job.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Master keys the vault has used. The key material is never here (a key file, the
    -- environment, or an HSM holds it); this is the inventory and the one key every node wraps
    -- new secrets under ('active'). 'retired' keys wrap nothing any more and were removed.
    CREATE TABLE vault_master_keys (
      id           text PRIMARY KEY,
      provider     text NOT NULL CHECK (provider IN ('keyring', 'pkcs11')),
      state        text NOT NULL CHECK (state IN ('active', 'standby', 'retired')),
      created_at   timestamptz NOT NULL DEFAULT now(),
      activated_at timestamptz,
      retired_at   timestamptz
    );
    CREATE UNIQUE INDEX vault_master_keys_one_active ON vault_master_keys ((true)) WHERE state = 'active';

    -- Data keys become versioned: version 1 is the key every project has had; the highest
    -- version encrypts new data, older ones only decrypt until the re-encryption job has moved
    -- every ciphertext off them, then they are deleted (destroyed). Version 0, when present, is
    -- the project's fingerprint (HMAC) key, kept so fingerprints survive the data key's rotation.
    -- seals counts AES-GCM encryptions under the key (persisted in batches, see docs/keys.md).
    ALTER TABLE project_keys
      ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 0),
      ADD COLUMN seals bigint NOT NULL DEFAULT 0,
      ADD COLUMN retired_at timestamptz;
    ALTER TABLE project_keys DROP CONSTRAINT project_keys_pkey;
    ALTER TABLE project_keys ADD PRIMARY KEY (project_id, version);

    -- One re-encryption job per project after a rotation: where it is (phase, cursor) so any
    -- node can resume it after a crash or restart.
    CREATE TABLE data_key_jobs (
      project_id  text PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
      phase       text NOT NULL DEFAULT 'tokens' CHECK (phase IN ('tokens', 'cvc', 'verify', 'done')),
      cursor      text NOT NULL DEFAULT '',
      reencrypted bigint NOT NULL DEFAULT 0,
      started_at  timestamptz NOT NULL DEFAULT now(),
      updated_at  timestamptz NOT NULL DEFAULT now()
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE data_key_jobs;
    DELETE FROM project_keys WHERE version <> 1;
    ALTER TABLE project_keys DROP CONSTRAINT project_keys_pkey;
    ALTER TABLE project_keys ADD PRIMARY KEY (project_id);
    ALTER TABLE project_keys DROP COLUMN version, DROP COLUMN seals, DROP COLUMN retired_at;
    DROP TABLE vault_master_keys;
  `.execute(db);
}
