import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { startEmbedded, withDatabase } from '../../src/db/embedded.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { freshDatabase, startVault, type TestApp, type TestVault, VISA } from '../helpers.js';

let v: TestVault;
let a: TestApp;

const METRICS_TOKEN = 'metrics-token-for-tests-0123456789';

beforeAll(async () => {
  v = await startVault({ metricsToken: METRICS_TOKEN });
  a = await v.createApp();
});
afterAll(() => v.close());

describe('operations endpoints', () => {
  it('GET /healthz and /readyz', async () => {
    expect((await v.app.inject('/healthz')).json()).toEqual({ success: true, data: { status: 'ok' } });
    expect((await v.app.inject('/readyz')).json()).toEqual({ success: true, data: { status: 'ready' } });
  });

  it('GET /metrics counts requests and latency by route', async () => {
    await v.app.inject({ method: 'POST', url: '/tokenize', headers: a.headers, payload: { type: 'card', data: VISA } });
    const m = (await v.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).body;
    expect(m).toMatch(/vault_http_requests_total\{method="POST",route="\/tokenize",status="201"\} \d+/);
    expect(m).toContain('vault_http_request_duration_seconds_bucket{le="0.005",method="POST",route="/tokenize"}');
  });

  it('GET /openapi.json is generated from the route schemas and covers the API', async () => {
    const doc = (await v.app.inject('/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const p of [
      '/tokenize', '/detokenize', '/test-tokens', '/api/applications/key', '/healthz', '/readyz', '/internal/provision',
      '/api/projects', '/api/projects/{id}', '/api/projects/{id}/members', '/api/projects/{id}/members/{user_id}',
      '/api/applications', '/api/applications/{id}', '/api/tokens', '/api/tokens/{token}', '/api/audit-logs', '/api/audit-logs/verify',
    ]) expect(doc.paths, p).toHaveProperty(p);
    expect(Object.keys(doc.paths['/api/projects/{id}']).sort()).toEqual(['delete', 'get', 'put']);
    expect(doc.paths['/tokenize'].post.requestBody.content['application/json'].schema.properties).toHaveProperty('items');
    const html = await v.app.inject('/docs');
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body).toContain('/tokenize');
  });

  it('every response has X-Request-Id, echoing a safe client value only', async () => {
    expect((await v.app.inject({ url: '/healthz', headers: { 'x-request-id': 'abc-123' } })).headers['x-request-id']).toBe('abc-123');
    const unsafe = await v.app.inject({ url: '/healthz', headers: { 'x-request-id': '<script>' + 'x'.repeat(80) } });
    expect(unsafe.headers['x-request-id']).toMatch(/^req_/);
    const err = await v.app.inject({ url: '/nope' });
    expect(err.statusCode).toBe(404);
    expect(err.json()).toEqual({ success: false, message: expect.any(String), data: null, error: { code: 'not_found', request_id: err.headers['x-request-id'] } });
  });

  it('413 over 1 MiB, 415 for non-JSON, 400 for broken JSON — never echoing the body', async () => {
    const big = await v.app.inject({ method: 'POST', url: '/tokenize', headers: { ...a.headers, 'content-type': 'application/json' }, payload: JSON.stringify({ type: 'string', data: 'x'.repeat(1024 * 1024) }) });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('payload_too_large');
    const text = await v.app.inject({ method: 'POST', url: '/tokenize', headers: { ...a.headers, 'content-type': 'text/plain' }, payload: 'hello' });
    expect(text.statusCode).toBe(415);
    expect(text.json().error.code).toBe('unsupported_media_type');
    const broken = await v.app.inject({ method: 'POST', url: '/tokenize', headers: { ...a.headers, 'content-type': 'application/json' }, payload: '{"cardNumber": "4111111111111111",' });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.code).toBe('invalid_json');
    expect(broken.body).not.toContain('4111');
  });

  it('security headers are set', async () => {
    const res = await v.app.inject('/healthz');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('migrations', () => {
  it('two nodes migrating one empty database at once apply each migration exactly once', async () => {
    const adminUrl = (await freshDatabase()).replace(/\/t_[a-f0-9]+$/, '/postgres');
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query('CREATE DATABASE empty_migrate_race');
    await admin.end();
    const url = withDatabase(adminUrl, 'empty_migrate_race');
    const [d1, d2] = [openDatabase(url, 2), openDatabase(url, 2)];
    const [r1, r2] = await Promise.all([migrateToLatest(d1.db), migrateToLatest(d2.db)]);
    const all = [...r1, ...r2].sort();
    expect(all[0]).toBe('0001_foundation');
    expect(new Set(all).size).toBe(all.length); // each applied once, by one of the two
    const rows = await d1.pool.query('SELECT name FROM vault_migrations');
    expect(rows.rowCount).toBe(all.length);
    expect(await migrateToLatest(d1.db)).toEqual([]);
    await d1.close();
    await d2.close();
  });
});

describe('/readyz follows the database', () => {
  it('answers 503 while PostgreSQL is down and recovers by itself when it returns', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vault-ready-'));
    let pgServer = await startEmbedded({ dataDir: dir });
    const port = pgServer.port;
    const admin = new pg.Client({ connectionString: pgServer.adminUrl });
    await admin.connect();
    await admin.query('CREATE DATABASE vault');
    await admin.end();
    const url = withDatabase(pgServer.adminUrl, 'vault');
    const m = openDatabase(url, 1);
    await migrateToLatest(m.db);
    await m.close();
    const own = await startVault({ databaseUrl: url });
    try {
      expect((await own.app.inject('/readyz')).statusCode).toBe(200);
      await own.sql.end().catch(() => {});
      await pgServer.stop();
      const down = await own.app.inject('/readyz');
      expect(down.statusCode).toBe(503);
      expect(down.json().error.code).toBe('service_unavailable');
      const tok = await own.app.inject({ method: 'POST', url: '/tokenize', headers: { 'x-api-key': 'key_x_us_pvt_' + 'a'.repeat(40), 'x-pub-key': 'x' }, payload: { type: 'string', data: 'x' } });
      expect(tok.statusCode).toBe(503);
      pgServer = await startEmbedded({ dataDir: dir, port });
      let status = 0;
      for (let i = 0; i < 50 && status !== 200; i++) {
        status = (await own.app.inject('/readyz')).statusCode;
        if (status !== 200) await new Promise((r) => setTimeout(r, 100));
      }
      expect(status).toBe(200);
    } finally {
      own.sql.end = async () => {};
      await own.close();
      await pgServer.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
