// GET /api/projects/:id/traffic: calls per hour counted by PostgreSQL from the audit log, with the
// meaning the dashboard's chart gave them (tokenize, batch and test tokens; detokenize; proxy).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hourlyTraffic } from '../../src/audit/counts.js';
import { writeAudit } from '../../src/db/audit.js';
import { LOOSE_LIMITS } from '../auth/helpers.js';
import { startVault, type TestApp, type TestVault, VISA } from '../helpers.js';
import { createUser, type TestUser } from '../users.js';

let v: TestVault;
let shop: TestApp;
const users = {} as Record<'developer' | 'viewer' | 'outsider', TestUser>;

beforeAll(async () => {
  v = await startVault({ rateLimits: LOOSE_LIMITS });
  shop = await v.createApp();
  for (const who of ['developer', 'viewer', 'outsider'] as const) users[who] = await createUser(v, who);
  for (const role of ['developer', 'viewer'] as const) {
    await v.sql.query('INSERT INTO project_members (project_id, user_id, role) VALUES ($1, $2, $3)', [shop.projectId, users[role].id, role]);
  }
});
afterAll(() => v.close());

const traffic = (query: string, who: TestUser | null = users.developer, projectId = shop.projectId) =>
  v.app.inject({ method: 'GET', url: `/api/projects/${projectId}/traffic${query}`, headers: who ? who.auth : {} });

/** Entries written at `at`, as if a request had happened then. */
const entriesAt = (projectId: string, at: string, ...entries: [eventType: string, action: string, outcome?: 'success' | 'failure'][]) =>
  writeAudit(v.app.vault.database.db, { ip: '127.0.0.1', requestId: 'req', at: new Date(at) }, entries.map(([eventType, action, outcome]) => ({ projectId, eventType, action, outcome })));

describe('hourly traffic', () => {
  it('counts per UTC hour, each call in one series, within the window; empty hours are zeros', async () => {
    const { projectId } = await v.createApp();
    const other = await v.createApp();
    await entriesAt(projectId, '2026-11-24T14:05:00Z', ['token', 'tokenize'], ['token', 'tokenize_batch'], ['token', 'test_token']);
    await entriesAt(projectId, '2026-11-24T13:59:59Z', ['token', 'detokenize'], ['token', 'detokenize', 'failure']);
    await entriesAt(projectId, '2026-11-24T02:00:00Z', ['proxy', 'proxy_transaction'], ['proxy', 'delete_cvc_session']);
    await entriesAt(projectId, '2026-11-23T14:59:59Z', ['token', 'tokenize']); // 24 h + ago: outside the window
    await entriesAt(projectId, '2026-11-24T15:00:00Z', ['token', 'tokenize']); // the next hour: not yet
    await entriesAt(projectId, '2026-11-24T14:10:00Z', ['project', 'project_update'], ['member', 'member_add'], ['token', 'token_delete'], ['session', 'session_use']); // not traffic
    await entriesAt(other.projectId, '2026-11-24T14:10:00Z', ['token', 'tokenize']); // another project

    const t = await hourlyTraffic(v.app.vault.database.db, projectId, 24, new Date('2026-11-24T14:30:00Z'));
    expect(t.from).toBe('2026-11-23T15:00:00.000Z');
    expect(t.to).toBe('2026-11-24T15:00:00.000Z');
    expect(t.buckets).toHaveLength(24);
    expect(t.buckets[0]).toEqual({ start: '2026-11-23T15:00:00.000Z', tokenize: 0, detokenize: 0, proxy: 0 });
    expect(t.buckets[23]).toEqual({ start: '2026-11-24T14:00:00.000Z', tokenize: 3, detokenize: 0, proxy: 0 });
    expect(t.buckets[22]).toEqual({ start: '2026-11-24T13:00:00.000Z', tokenize: 0, detokenize: 2, proxy: 0 });
    expect(t.buckets[11]).toEqual({ start: '2026-11-24T02:00:00.000Z', tokenize: 0, detokenize: 0, proxy: 2 });
    expect(t.buckets.reduce((n, b) => n + b.tokenize + b.detokenize + b.proxy, 0)).toBe(7);

    const short = await hourlyTraffic(v.app.vault.database.db, projectId, 2, new Date('2026-11-24T14:30:00Z'));
    expect(short.buckets.map((b) => [b.start, b.tokenize, b.detokenize])).toEqual([
      ['2026-11-24T13:00:00.000Z', 0, 2],
      ['2026-11-24T14:00:00.000Z', 3, 0],
    ]);
  });

  it('over HTTP: the last 24 hours by default, what the project just did, in the success envelope', async () => {
    const t = await v.app.inject({ method: 'POST', url: '/tokenize', headers: shop.headers, payload: { type: 'card', data: VISA } });
    await v.app.inject({ method: 'POST', url: '/tokenize', headers: shop.headers, payload: { items: [{ type: 'string', data: 'one' }, { type: 'string', data: 'two' }] } });
    await v.app.inject({ method: 'POST', url: '/detokenize', headers: shop.headers, payload: { token: t.json().token } });

    const res = await traffic('');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(['data', 'success']);
    expect(body.success).toBe(true);
    expect(body.data.buckets).toHaveLength(24);
    expect(body.data.buckets[23].start).toBe(new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000).toISOString());
    const sum = (s: 'tokenize' | 'detokenize' | 'proxy') => body.data.buckets.reduce((n: number, b: Record<string, number>) => n + b[s], 0);
    expect([sum('tokenize'), sum('detokenize'), sum('proxy')]).toEqual([2, 1, 0]);

    const week = (await traffic('?hours=168')).json();
    expect(week.data.buckets).toHaveLength(168);
    expect(Date.parse(week.data.to) - Date.parse(week.data.from)).toBe(168 * 3_600_000);
  });

  it('another tenant gets 404 exactly as for a missing project; a viewer 403; no session 401', async () => {
    const headers = { ...users.outsider.auth, 'x-request-id': 'same' };
    const real = await v.app.inject({ method: 'GET', url: `/api/projects/${shop.projectId}/traffic`, headers });
    const fake = await v.app.inject({ method: 'GET', url: '/api/projects/prj_doesnotexist0000/traffic', headers });
    expect(real.statusCode).toBe(404);
    expect(real.json().error.code).toBe('not_found');
    expect(real.body).toBe(fake.body);

    const viewer = await traffic('', users.viewer);
    expect(viewer.statusCode).toBe(403);
    expect(viewer.json().error.code).toBe('permission_denied');

    expect((await traffic('', null)).statusCode).toBe(401);
  });

  it('a bad hours is a 400 validation_error', async () => {
    for (const q of ['?hours=0', '?hours=169', '?hours=abc', '?hours=1.5', '?hours=-1']) {
      const res = await traffic(q);
      expect(res.statusCode, q).toBe(400);
      expect(res.json()).toMatchObject({ success: false, data: null, error: { code: 'validation_error' } });
    }
  });
});
