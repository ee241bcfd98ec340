// Versioned migrations, applied on start and by `npm run migrate`. Kysely's Migrator takes a
// PostgreSQL advisory lock, so two nodes starting at once apply each migration exactly once.
import { type Kysely, type Migration, Migrator } from 'kysely';
import * as m0001 from './migrations/0001_foundation.js';
import * as m0002 from './migrations/0002_auth.js';
import * as m0003 from './migrations/0003_audit_chain.js';
import * as m0004 from './migrations/0004_unknown_email_lockout.js';
import * as m0006 from './migrations/0006_access_control.js';
import * as m0007 from './migrations/0007_key_lifecycle.js';
import * as m0009 from './migrations/0009_elements_sessions.js';
import * as m0010 from './migrations/0010_audit_mac.js';
import * as m0011 from './migrations/0011_tenant_keys.js';
import * as m0012 from './migrations/0012_token_formats.js';
import * as m0013 from './migrations/0013_idempotency.js';
import * as m0014 from './migrations/0014_import.js';
import * as m0015 from './migrations/0015_token_search.js';
import * as m0016 from './migrations/0016_webhooks.js';
import * as m0017 from './migrations/0017_inbound_routes.js';
import * as m0018 from './migrations/0018_project_token_format.js';

// A static list rather than a folder scan: works the same from src/ (tsx, vitest) and dist/.
const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_auth': m0002,
  '0003_audit_chain': m0003,
  '0004_unknown_email_lockout': m0004,
  '0006_access_control': m0006,
  '0007_key_lifecycle': m0007,
  '0009_elements_sessions': m0009,
  '0010_audit_mac': m0010,
  '0011_tenant_keys': m0011,
  '0012_token_formats': m0012,
  '0013_idempotency': m0013,
  '0014_import': m0014,
  '0015_token_search': m0015,
  '0016_webhooks': m0016,
  '0017_inbound_routes': m0017,
  '0018_project_token_format': m0018,
};

export async function migrateToLatest<DB>(db: Kysely<DB>): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'vault_migrations',
    migrationLockTableName: 'vault_migrations_lock',
    // Domains add migrations independently; an older-numbered one arriving later still applies.
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error('migration failed', { cause: error });
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
