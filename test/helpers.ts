// The one way tests get a vault: a real app on a fresh PostgreSQL database cloned from the
// migrated template. Nothing is mocked.
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp } from '../src/app.js';
import { ALL_PERMISSIONS, type Permissions } from '../src/applications/permissions.js';
import { createApplication } from '../src/applications/service.js';
import { testConfig, type VaultConfig } from '../src/config.js';
import { DataKeys } from '../src/crypto/datakeys.js';
import { type Keyring, parseKeyring } from '../src/crypto/keyring.js';
import { withDatabase } from '../src/db/embedded.js';
import { createProject, type Environment } from '../src/projects/service.js';
import { catalogueProblem } from './support/catalogue.js';

export function testKeyring(): Keyring {
  return parseKeyring(`t1:${randomBytes(32).toString('base64')}`);
}

/** A fresh database cloned from the migrated template; returns its URL. */
export async function freshDatabase(): Promise<string> {
  const adminUrl = inject('pgAdminUrl');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE vault_template`);
  } finally {
    await admin.end();
  }
  return withDatabase(adminUrl, name);
}

/** Collects every log line the app writes, for redaction tests. */
export class LogCapture extends Writable {
  lines: string[] = [];
  override _write(chunk: Buffer, _enc: string, cb: () => void) {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    cb();
  }
  /** The log as text for secret searches; timings are blanked, since a 3-digit CVV may equal one by chance. */
  get text() {
    return this.lines.join('\n').replace(/"(responseTime|duration_ms)":[\d.]+/g, '"$1":0');
  }
}

export interface TestVault {
  app: FastifyInstance;
  config: VaultConfig;
  /** Base URL of the listening server (http://127.0.0.1:port). */
  url: string;
  /** Direct SQL on the vault's database, for setting up and inspecting state. */
  sql: pg.Pool;
  logs: LogCapture;
  createApp(opts?: { environment?: Environment; permissions?: Permissions; name?: string; deduplicate?: boolean }): Promise<TestApp>;
  close(): Promise<void>;
}

export interface TestApp {
  projectId: string;
  appId: string;
  apiKey: string;
  pubKey: string;
  headers: Record<string, string>;
}

/**
 * `port`: listen there instead of on a random port (browser tests pass a free port and
 * `publicUrl: http://127.0.0.1:<port>` so the browser's Origin passes the CSRF check).
 */
export async function startVault(options: Partial<VaultConfig> & { databaseUrl?: string; port?: number } = {}): Promise<TestVault> {
  const { port = 0, ...overrides } = options;
  const databaseUrl = overrides.databaseUrl ?? (await freshDatabase());
  const logs = new LogCapture();
  const config = testConfig({ databaseUrl, keyring: testKeyring(), logStream: logs, ...overrides });
  const app = await buildApp(config);
  const offCatalogue = checkErrorsAgainstCatalogue(app);
  const url = await app.listen({ port, host: '127.0.0.1' });
  const sql = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  const keys = new DataKeys(app.vault.database.db, config.keyring);
  let n = 0;
  return {
    app,
    config,
    url,
    sql,
    logs,
    async createApp(opts = {}) {
      const environment = opts.environment ?? 'development';
      const db = app.vault.database.db;
      return db.transaction().execute(async (trx) => {
        const project = await createProject(trx, keys, { name: `project ${++n}`, environment, deduplicate: opts.deduplicate });
        const created = await createApplication(trx, {
          projectId: project.id,
          environment,
          name: opts.name ?? `app ${n}`,
          permissions: opts.permissions ?? ALL_PERMISSIONS,
          region: config.region,
        });
        return {
          projectId: project.id,
          appId: created.id,
          apiKey: created.api_key,
          pubKey: created.pub_key,
          headers: { 'x-api-key': created.api_key, 'x-pub-key': created.pub_key },
        };
      });
    },
    async close() {
      await sql.end();
      await app.close();
      if (offCatalogue.length > 0) throw new Error(`error answers outside the catalogue: ${offCatalogue.join('; ')}`);
    },
  };
}

/** Records every error answer that is not a catalogue entry; `close()` then fails. */
function checkErrorsAgainstCatalogue(app: FastifyInstance): string[] {
  const problems: string[] = [];
  app.addHook('onSend', async (req, reply, payload) => {
    if (reply.statusCode < 400 || typeof payload !== 'string' || !payload.startsWith('{"success":false')) return payload;
    const problem = catalogueProblem(reply.statusCode, JSON.parse(payload) as { message?: unknown; error?: { code?: unknown } });
    if (problem) problems.push(`${req.method} ${req.routeOptions.url ?? '?'}: ${problem}`);
    return payload;
  });
  return problems;
}

export const VISA = { cardNumber: '4111 1111 1111 1111', expirationMonth: '12', expirationYear: '2030', cvv: '123', holderName: 'Ada Lovelace' };
