import { type Kysely, sql } from 'kysely';

// Issue 13 (access control):
// - the audit head gets a MAC under the chain key; heads that exist already are flagged legacy
//   and get their MAC on the next start (src/audit/chain.ts);
// - members join by invitation only: a pending invitation per (project, email) until the invitee
//   accepts or declines (src/members/invitations.ts).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE audit_heads ADD COLUMN mac text, ADD COLUMN legacy boolean NOT NULL DEFAULT false;
    UPDATE audit_heads SET legacy = true;

    CREATE TABLE project_invitations (
      id         text PRIMARY KEY,
      project_id text NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
      email      text NOT NULL, -- lower-cased
      role       text NOT NULL CHECK (role IN ('owner', 'admin', 'developer', 'viewer')),
      invited_by text REFERENCES users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      UNIQUE (project_id, email)
    );
    CREATE INDEX project_invitations_email ON project_invitations (email);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE project_invitations; ALTER TABLE audit_heads DROP COLUMN mac, DROP COLUMN legacy`.execute(db);
}
