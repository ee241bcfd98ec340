import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVault, type TestApp, type TestVault, VISA } from '../helpers.js';

let v: TestVault;
let parent: TestApp;

beforeAll(async () => {
  v = await startVault();
  parent = await v.createApp({ environment: 'staging' });
});
afterAll(() => v.close());

const provision = (headers: Record<string, string>, payload: object) => v.app.inject({ method: 'POST', url: '/internal/provision', headers, payload });

describe('POST /internal/provision', () => {
  it('creates an isolated sub-project with its applications; the parent cannot read its tokens', async () => {
    const res = await provision({ 'x-api-key': parent.apiKey }, {
      name: 'merchant 42',
      applications: [{ name: 'checkout', permissions: { tokenization: { allowed: true }, detokenization: { allowed: true } } }],
    });
    expect(res.statusCode).toBe(201);
    const { project, applications } = res.json().data;
    expect(project).toMatchObject({ name: 'merchant 42', environment: 'staging', parent_id: parent.projectId });
    expect(project.id).toMatch(/^proj_[a-z0-9]{16}$/);
    expect(applications).toHaveLength(1);
    expect(applications[0]).toMatchObject({ name: 'checkout', permissions: { tokenization: { allowed: true } } });
    expect(applications[0].api_key).toMatch(/^key_checkout_us_pvt_/);
    const child = { 'x-api-key': applications[0].api_key, 'x-pub-key': applications[0].pub_key };

    const t = (await v.app.inject({ method: 'POST', url: '/tokenize', headers: child, payload: { type: 'card', data: VISA } })).json();
    expect(t.token).toMatch(/^tok_/);
    const byParent = await v.app.inject({ method: 'POST', url: '/detokenize', headers: { 'x-api-key': parent.apiKey }, payload: { token: t.token } });
    expect(byParent.statusCode).toBe(404);
    const byChild = await v.app.inject({ method: 'POST', url: '/detokenize', headers: child, payload: { token: t.token } });
    expect(byChild.statusCode).toBe(200);
    // Its own data key.
    const keys = await v.sql.query('SELECT count(DISTINCT wrapped)::int n FROM project_keys WHERE project_id = ANY($1)', [[parent.projectId, project.id]]);
    expect(keys.rows[0].n).toBe(2);
    // Audited in both chains, with no key material.
    const audit = await v.sql.query(`SELECT project_id, details::text FROM audit_log WHERE action = 'provision'`);
    expect(audit.rows.map((r) => r.project_id).sort()).toEqual([parent.projectId, project.id].sort());
    expect(JSON.stringify(audit.rows)).not.toContain(applications[0].api_key);
  });

  it('without applications, creates one default tokenize/detokenize application', async () => {
    const res = await provision({ 'x-api-key': parent.apiKey }, { name: 'defaults', environment: 'production' });
    expect(res.statusCode).toBe(201);
    const { project, applications } = res.json().data;
    expect(project.environment).toBe('production');
    expect(applications[0].pub_key).toMatch(/^pk_prod_/);
    expect(applications[0].permissions.provisioning.allowed).toBe(false);
  });

  it('needs the provisioning permission', async () => {
    const weak = await v.createApp({ permissions: { tokenization: { allowed: true } } });
    const res = await provision({ 'x-api-key': weak.apiKey }, { name: 'nope' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('permission_denied');
    const count = await v.sql.query(`SELECT count(*)::int n FROM projects WHERE name = 'nope'`);
    expect(count.rows[0].n).toBe(0);
  });

  it('validates the body and refuses duplicate application names, creating nothing', async () => {
    const before = (await v.sql.query('SELECT count(*)::int n FROM projects')).rows[0].n;
    const bad = await provision({ 'x-api-key': parent.apiKey }, { name: '', environment: 'moon' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation_error');
    const dup = await provision({ 'x-api-key': parent.apiKey }, { name: 'dups', applications: [{ name: 'same', permissions: {} }, { name: 'SAME', permissions: {} }] });
    expect(dup.statusCode).toBe(409);
    expect((await v.sql.query('SELECT count(*)::int n FROM projects')).rows[0].n).toBe(before);
  });
});
