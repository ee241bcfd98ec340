// Kysely's view of the tables (see src/db/migrations). Hot paths use hand-written SQL instead.
import type { ColumnType, Generated } from 'kysely';
import type { Environment } from '../lib/environments.js';
import type { KeyProvider } from '../lib/key-providers.js';
import type { Role } from '../lib/roles.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string, string>;

export interface UsersTable {
  id: string;
  email: string;
  name: Generated<string>;
  password_hash: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  password_changed_at: Timestamp;
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
  mfa_enabled: Generated<boolean>;
  mfa_pending: Generated<boolean>;
  mfa_secret: Buffer | null;
  mfa_key_id: string | null;
  mfa_last_step: number | null;
}

/** Dashboard sessions (migration 0002): one row per login, named by every JWT's `sid`. */
export interface AuthSessionsTable {
  id: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  cookie_expires_at: Timestamp;
  mfa_verified: Generated<boolean>;
  revoked_at: Timestamp | null;
  ip_address: string | null;
}

/** Ed25519 JWT signing keys; the private key is sealed under a master key (migration 0002). */
export interface AuthSigningKeysTable {
  kid: string;
  alg: string;
  public_jwk: Json;
  private_key: Buffer;
  master_key_id: string;
  created_at: Timestamp;
  retired_at: Timestamp | null;
}

/** Single-use tokens (password reset, expired-password reset, email verification), by SHA-256. */
export interface AuthTokensTable {
  token_hash: Buffer;
  purpose: 'reset' | 'expired' | 'email';
  user_id: string | null;
  email: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

/** One live email verification code per address, HMAC'd under the master key. */
export interface AuthEmailCodesTable {
  email: string;
  code_hash: Buffer;
  attempts: Generated<number>;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface AuthBackupCodesTable {
  user_id: string;
  code_hash: Buffer;
  used_at: Timestamp | null;
}

/** rate-limiter-flexible's store (its own schema); only the sweep touches it through Kysely. */
export interface AuthRateLimitsTable {
  key: string;
  points: Generated<number>;
  /** Epoch milliseconds. */
  expire: number | null;
}

/** Failed logins of emails with no account, so they lock like real ones (migration 0004). */
export interface AuthUnknownFailuresTable {
  email: string;
  failures: Generated<number>;
  locked_until: Timestamp | null;
  updated_at: Timestamp;
}

export interface ProjectsTable {
  id: string;
  name: string;
  environment: Environment;
  parent_id: string | null;
  require_mfa: Generated<boolean>;
  deduplicate: Generated<boolean>;
  proxy_allowed_hosts: string[] | null;
  elements_origins: Generated<string[]>;
  /** A name of TOKEN_FORMATS: the default of items without `format` (migration 0018). */
  token_format: Generated<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: Timestamp | null;
}

export interface ProjectKeysTable {
  project_id: string;
  /** 0: the fingerprint key; 1…: data key versions, the highest encrypts (migration 0007). */
  version: Generated<number>;
  master_key_id: string;
  wrapped: Buffer;
  seals: Generated<number>;
  created_at: Timestamp;
  retired_at: Timestamp | null;
}

export interface DataKeyJobsTable {
  project_id: string;
  phase: Generated<'tokens' | 'cvc' | 'verify' | 'done'>;
  cursor: Generated<string>;
  reencrypted: Generated<number>;
  started_at: Timestamp;
  updated_at: Timestamp;
}

export interface VaultMasterKeysTable {
  id: string;
  provider: KeyProvider;
  state: 'active' | 'standby' | 'retired';
  created_at: Timestamp;
  activated_at: Timestamp | null;
  retired_at: Timestamp | null;
}

export interface ProjectMembersTable {
  project_id: string;
  user_id: string;
  role: Role;
  created_at: Timestamp;
}

export interface ProjectInvitationsTable {
  id: string;
  project_id: string;
  email: string;
  role: Role;
  invited_by: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface ApplicationsTable {
  id: string;
  project_id: string;
  name: string;
  key_hash: Buffer;
  key_prefix: string;
  pub_key: string;
  permissions: Json;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  last_used_at: Timestamp | null;
  deleted_at: Timestamp | null;
}

export interface TokensTable {
  project_id: string;
  token: string;
  /** A name of src/tokens/types/ (its closed vocabulary; the table's CHECK agrees). */
  type: string;
  /** A name of TOKEN_FORMATS (src/lib/token-formats.ts); the table's CHECK agrees. */
  format: string;
  ciphertext: Buffer;
  fingerprint: string;
  dedup: Generated<boolean>;
  display: Json;
  metadata: Json | null;
  test: Generated<boolean>;
  app_id: string | null;
  created_at: Timestamp;
  expires_at: Timestamp | null;
}

export interface CvcSessionsTable {
  id: string;
  project_id: string;
  token: string;
  ciphertext: Buffer;
  test: Generated<boolean>;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<string>;
  ingest: Generated<number>;
  project_id: string | null;
  seq: number | null;
  created_at: Timestamp;
  event_type: string;
  action: string;
  outcome: Generated<string>;
  resource_type: string | null;
  resource_id: string | null;
  user_id: string | null;
  app_id: string | null;
  ip_address: string | null;
  request_id: string | null;
  details: Json;
  hash: string | null;
  prev_hash: string | null;
  /** The writing transaction's id (migration 0010); NULL on rows from before it. */
  txid: Generated<number | null>;
  /** `<writer>-<n>.<scope>.<hex>`: the writer's HMAC over the row (db/audit.ts). */
  mac: string | null;
}

export interface AuditSealsTable {
  chain: string;
  n: number;
  kind: 'start' | 'legacy' | 'rows' | 'checkpoint';
  from_txid: number;
  to_txid: number;
  entries: number;
  digest: string;
  rejected: Generated<string[]>;
  prev_mac: string;
  mac: string | null;
  created_at: Generated<Timestamp>;
}

export interface VaultSecretsTable {
  name: string;
  master_key_id: string;
  wrapped: Buffer;
  created_at: Timestamp;
}

export interface AuditHeadsTable {
  chain: string;
  seq: number;
  hash: string;
  /** HMAC of (chain, seq, hash) under the chain key; NULL once a head failed its MAC. */
  mac: string | null;
  /** Written before heads were MAC'd; gets its MAC on the next start (migration 0006). */
  legacy: Generated<boolean>;
  updated_at: Timestamp;
}

export interface AuditCheckpointsTable {
  chain: string;
  seq: number;
  hash: string;
  pruned: number;
  mac: string;
  created_at: Timestamp;
}

/** Session keys for browser capture (migration 0009); hot statements are hand-written SQL. */
export interface ElementsSessionsTable {
  id: string;
  key_hash: Buffer;
  project_id: string;
  app_id: string;
  session_limit: number;
  uses: Generated<number>;
  created_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface ImportKeysTable {
  project_id: string;
  fingerprint: string;
  public_key: string;
  master_key_id: string;
  wrapped: Buffer;
  created_at: Generated<Timestamp>;
}

export interface WebhooksTable {
  id: string;
  project_id: string;
  url: string;
  events: string[];
  description: string | null;
  secret: Buffer;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: Timestamp | null;
}

export interface WebhookDeliveriesTable {
  id: string;
  webhook_id: string;
  project_id: string;
  audit_id: string;
  event_type: string;
  payload: string;
  status: Generated<'pending' | 'succeeded' | 'failed'>;
  attempts: Generated<number>;
  last_status: number | null;
  last_error: string | null;
  next_attempt_at: Timestamp;
  /** After this, a failing delivery is given up (24 h after it was created or manually retried). */
  give_up_at: Timestamp;
  created_at: Timestamp;
  delivered_at: Timestamp | null;
}

export interface WebhookCursorTable {
  id: number;
  txid: ColumnType<string, string | number, string | number>;
}

/** Inbound routes (migration 0017, docs/inbound.md); `fields` as written by inbound/service.ts. */
export interface InboundRoutesTable {
  id: string;
  project_id: string;
  name: string;
  upstream_url: string;
  content_type: 'json' | 'form';
  fields: Json;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DB {
  vault_secrets: VaultSecretsTable;
  audit_heads: AuditHeadsTable;
  audit_checkpoints: AuditCheckpointsTable;
  audit_seals: AuditSealsTable;
  users: UsersTable;
  projects: ProjectsTable;
  project_keys: ProjectKeysTable;
  data_key_jobs: DataKeyJobsTable;
  vault_master_keys: VaultMasterKeysTable;
  project_members: ProjectMembersTable;
  project_invitations: ProjectInvitationsTable;
  applications: ApplicationsTable;
  tokens: TokensTable;
  cvc_sessions: CvcSessionsTable;
  audit_log: AuditLogTable;
  auth_sessions: AuthSessionsTable;
  auth_signing_keys: AuthSigningKeysTable;
  auth_tokens: AuthTokensTable;
  auth_email_codes: AuthEmailCodesTable;
  auth_backup_codes: AuthBackupCodesTable;
  auth_rate_limits: AuthRateLimitsTable;
  auth_unknown_failures: AuthUnknownFailuresTable;
  elements_sessions: ElementsSessionsTable;
  import_keys: ImportKeysTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_cursor: WebhookCursorTable;
  inbound_routes: InboundRoutesTable;
}
