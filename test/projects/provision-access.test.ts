// Finding 5 of issue 13: a provisioning-only key created a child application with tokenization,
// detokenization and provisioning; the parent's owner could not see the child; after the parent
// was deleted the child's key still tokenized; children inherited neither require_mfa nor
// proxy_allowed_hosts. Each is played here against POST /internal/provision.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PROJECT_DEPTH } from '../../src/members/access.js';
import { MAX_CHILDREN } from '../../src/projects/provision.js';
import { LOOSE_LIMITS } from '../auth/helpers.js';
import { startVault, type TestVault, VISA } from '../helpers.js';
import { createUser, type TestUser } from '../users.js';

let v: TestVault;
let owner: TestUser;
let admin: TestUser;
let developer: TestUser;

beforeAll(async () => {
  v = await startVault({ rateLimits: LOOSE_LIMITS });
  owner = await createUser(v, 'owner');
  admin = await createUser(v, 'admin');
  developer = await createUser(v, 'developer');
});
afterAll(() => v.close());

const ALL = { tokenization: { allowed: true }, detokenization: { allowed: true }, provisioning: { allowed: true } };
const PROVISION_ONLY = { tokenization: { allowed: false }, detokenization: { allowed: false }, provisioning: { allowed: true } };

/** A parent project made by `owner` through the API, with admin and developer members and a key. */
async function parentProject(permissions: object, settings: object = {}, by = owner) {
  const p = await v.app.inject({ method: 'POST', url: '/api/projects', headers: by.auth, payload: { name: 'platform', environment: 'staging', ...settings } });
  const projectId = p.json().data.id as string;
  for (const [u, role] of [[admin, 'admin'], [developer, 'developer']] as const) {
    await v.sql.query('INSERT INTO project_members (project_id, user_id, role) VALUES ($1, $2, $3)', [projectId, u.id, role]);
  }
  const a = await v.app.inject({ method: 'POST', url: '/api/applications', headers: by.auth, payload: { project_id: projectId, name: 'provisioner', permissions } });
  return { projectId, key: a.json().data.api_key as string };
}
const provision = (key: string, payload: object) => v.app.inject({ method: 'POST', url: '/internal/provision', headers: { 'x-api-key': key }, payload });

describe('provisioned children (finding 5)', () => {
  it('a provisioning-only key cannot give a child any right it lacks; by default the child gets only the key\'s rights', async () => {
    const { key } = await parentProject(PROVISION_ONLY);
    const res = await provision(key, { name: 'escalate', applications: [{ name: 'powerful', permissions: ALL }] });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('permission_denied');
    expect((await v.sql.query(`SELECT 1 FROM projects WHERE name = 'escalate'`)).rowCount).toBe(0);
    // "detokenization absent" follows tokenization: still a right the key lacks.
    expect((await provision(key, { name: 'implicit', applications: [{ name: 'tok', permissions: { tokenization: { allowed: true } } }] })).statusCode).toBe(403);
    const dflt = await provision(key, { name: 'plain' });
    expect(dflt.statusCode).toBe(201);
    expect(dflt.json().data.applications[0].permissions).toEqual({ tokenization: { allowed: false }, detokenization: { allowed: false }, provisioning: { allowed: false } });
  });

  it("the parent's owners and admins see the child; its developers do not", async () => {
    const { key } = await parentProject(ALL);
    const child = (await provision(key, { name: 'merchant' })).json().data.project.id;
    for (const [u, role] of [[owner, 'owner'], [admin, 'admin']] as const) {
      const list = (await v.app.inject({ url: '/api/projects', headers: u.auth })).json().data;
      expect(list.find((p: { id: string }) => p.id === child)).toMatchObject({ parent_id: expect.any(String), role });
      expect((await v.app.inject({ url: `/api/projects/${child}`, headers: u.auth })).json().data.role).toBe(role);
      expect((await v.app.inject({ url: `/api/tokens?project_id=${child}`, headers: u.auth })).statusCode).toBe(200);
    }
    expect((await v.app.inject({ url: `/api/projects/${child}`, headers: developer.auth })).statusCode).toBe(404);
    expect((await v.app.inject({ url: '/api/projects', headers: developer.auth })).json().data.map((p: { id: string }) => p.id)).not.toContain(child);
  });

  it("deleting the parent deletes and crypto-shreds the child: the child's key stops working", async () => {
    const { projectId, key } = await parentProject(ALL);
    const { project, applications } = (await provision(key, { name: 'doomed' })).json().data;
    const grand = (await provision(applications[0].api_key, { name: 'grandchild' })).statusCode;
    expect(grand).toBe(403); // the default child app has no provisioning right
    const childHeaders = { 'x-api-key': applications[0].api_key, 'x-pub-key': applications[0].pub_key };
    expect((await v.app.inject({ method: 'POST', url: '/tokenize', headers: childHeaders, payload: { type: 'card', data: VISA } })).statusCode).toBe(201);
    expect((await v.app.inject({ method: 'DELETE', url: `/api/projects/${projectId}`, headers: owner.auth })).statusCode).toBe(200);
    await new Promise((r) => setTimeout(r, 100));
    expect((await v.app.inject({ method: 'POST', url: '/tokenize', headers: childHeaders, payload: { type: 'card', data: VISA } })).statusCode).toBe(401);
    const keys = await v.sql.query('SELECT count(*)::int n FROM project_keys WHERE project_id = $1', [project.id]);
    expect(keys.rows[0].n).toBe(0);
    const tokens = await v.sql.query('SELECT count(*)::int n FROM tokens WHERE project_id = $1', [project.id]);
    expect(tokens.rows[0].n).toBe(0);
    const audit = await v.sql.query(`SELECT details FROM audit_log WHERE project_id = $1 AND action = 'project_delete'`, [project.id]);
    expect(audit.rows[0].details).toMatchObject({ data_key_destroyed: true, with_parent: projectId });
  });

  it('children inherit require_mfa and proxy_allowed_hosts', async () => {
    // Its own owner: require_mfa (set here in SQL) would otherwise lock the shared one out.
    const { projectId, key } = await parentProject(ALL, { proxy_allowed_hosts: ['api.psp.example'] }, await createUser(v, 'strict-owner'));
    await v.sql.query('UPDATE projects SET require_mfa = true WHERE id = $1', [projectId]);
    const child = (await provision(key, { name: 'strict' })).json().data.project;
    expect(child).toMatchObject({ require_mfa: true, proxy_allowed_hosts: ['api.psp.example'] });
  });

  it(`depth is limited to ${MAX_PROJECT_DEPTH} levels and the number of live children to ${MAX_CHILDREN}`, async () => {
    let { key } = await parentProject(ALL);
    for (let level = 1; level <= MAX_PROJECT_DEPTH; level++) {
      const res = await provision(key, { name: `level ${level}`, applications: [{ name: 'next', permissions: ALL }] });
      expect(res.statusCode, `level ${level}`).toBe(201);
      key = res.json().data.applications[0].api_key;
    }
    const tooDeep = await provision(key, { name: 'too deep' });
    expect(tooDeep.statusCode).toBe(409);

    const wide = await parentProject(ALL);
    await v.sql.query(
      `INSERT INTO projects (id, name, environment, parent_id) SELECT 'prj_fill' || g || substr(md5(random()::text), 1, 8), 'fill', 'staging', $1 FROM generate_series(1, $2) g`,
      [wide.projectId, MAX_CHILDREN - 1],
    );
    expect((await provision(wide.key, { name: 'last one' })).statusCode).toBe(201);
    expect((await provision(wide.key, { name: 'one too many' })).statusCode).toBe(409);
  });
});
