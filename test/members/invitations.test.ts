// Finding 4 of issue 13: adding a member answered differently for registered and unknown emails
// (enumeration), and made anyone a member of any project without consent — a require_mfa project
// then locked the victim out with 403 mfa_required. Members now join by invitation only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOOSE_LIMITS } from '../auth/helpers.js';
import { startVault, type TestVault } from '../helpers.js';
import { MailSink } from '../mail/smtp.js';
import { createUser, type TestUser } from '../users.js';

let v: TestVault;
let mail: MailSink;
let owner: TestUser;
let victim: TestUser;

beforeAll(async () => {
  mail = new MailSink();
  const smtpUrl = await mail.start();
  v = await startVault({ smtpUrl, rateLimits: LOOSE_LIMITS });
  owner = await createUser(v, 'owner');
  victim = await createUser(v, 'victim');
});
afterAll(async () => {
  await v.close();
  await mail.close();
});

const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, user: TestUser, payload?: object) =>
  v.app.inject({ method, url, headers: user.auth, ...(payload ? { payload } : {}) });

async function project(by = owner) {
  const res = await call('POST', '/api/projects', by, { name: 'trap', environment: 'production' });
  expect(res.statusCode).toBe(201);
  return res.json().data.id as string;
}

/** The answer without what differs per request. */
const shape = (r: { statusCode: number; json(): { data: { email: string } } }) => ({ status: r.statusCode, body: { ...r.json(), data: { ...r.json().data, email: '…' } } });

describe('members join by invitation only (finding 4)', () => {
  it('one answer for registered, unknown and already-member emails', async () => {
    const id = await project();
    const registered = await call('POST', `/api/projects/${id}/members`, owner, { email: victim.email, role: 'viewer' });
    const unknown = await call('POST', `/api/projects/${id}/members`, owner, { email: 'no-account@example.test', role: 'viewer' });
    const member = await call('POST', `/api/projects/${id}/members`, owner, { email: owner.email, role: 'viewer' });
    expect(registered.statusCode).toBe(202);
    expect(shape(unknown)).toEqual(shape(registered));
    expect(shape(member)).toEqual(shape(registered));
    // Both invitees get a mail (the unknown one is asked to register).
    const text = async (to: string) => (await mail.next(to)).replace(/=\r?\n/g, '');
    expect(await text(victim.email)).toContain('invited you to the vault project "trap" as viewer');
    expect(await text('no-account@example.test')).toContain('create an account with this email address');
  });

  it('a require_mfa project cannot lock a user out without consent; accepting is what makes them a member', async () => {
    // The project's owner turns require_mfa on (here in SQL: the owner's own MFA is beside the point).
    const mfaOwner = await createUser(v, 'mfa-owner');
    const id = await project(mfaOwner);
    expect((await call('POST', `/api/projects/${id}/members`, mfaOwner, { email: victim.email, role: 'developer' })).statusCode).toBe(202);
    const pending = (await call('GET', `/api/projects/${id}/invitations`, mfaOwner)).json().data;
    await v.sql.query('UPDATE projects SET require_mfa = true WHERE id = $1', [id]);
    // Not a member, not locked out, the project invisible.
    expect((await call('GET', '/api/projects', victim)).statusCode).toBe(200);
    expect((await call('GET', `/api/projects/${id}`, victim)).statusCode).toBe(404);
    const relogin = await v.app.inject({ method: 'POST', url: '/auth/login', payload: { email: victim.email, password: victim.password } });
    expect(relogin.json().data.mfa_required).toBe(false);

    const invitations = (await call('GET', '/api/user/invitations', victim)).json().data;
    const inv = invitations.find((i: { project_id: string }) => i.project_id === id);
    expect(inv).toMatchObject({ project_name: 'trap', role: 'developer', invited_by: mfaOwner.email });
    expect(pending.map((i: { id: string }) => i.id)).toEqual([inv.id]);
    // Nobody else can take it.
    const stranger = await createUser(v, 'stranger');
    expect((await call('POST', `/api/user/invitations/${inv.id}/accept`, stranger)).statusCode).toBe(404);

    expect((await call('POST', `/api/user/invitations/${inv.id}/accept`, victim)).json().data).toEqual({ project_id: id, role: 'developer' });
    const { rows } = await v.sql.query('SELECT role FROM project_members WHERE project_id = $1 AND user_id = $2', [id, victim.id]);
    expect(rows).toEqual([{ role: 'developer' }]);
    // Now, by consent, the project's MFA rule applies to them.
    expect((await call('GET', '/api/projects', victim)).statusCode).toBe(403);
    expect((await v.sql.query('SELECT 1 FROM project_invitations WHERE id = $1', [inv.id])).rowCount).toBe(0);
  });

  it('decline, withdraw and expiry leave no membership', async () => {
    const dev = await createUser(v, 'dev');
    const id = await project();
    await call('POST', `/api/projects/${id}/members`, owner, { email: dev.email, role: 'viewer' });
    let [inv] = (await call('GET', '/api/user/invitations', dev)).json().data;
    expect((await call('POST', `/api/user/invitations/${inv.id}/decline`, dev)).statusCode).toBe(200);
    expect((await call('GET', `/api/projects/${id}`, dev)).statusCode).toBe(404);

    await call('POST', `/api/projects/${id}/members`, owner, { email: dev.email, role: 'viewer' });
    [inv] = (await call('GET', '/api/user/invitations', dev)).json().data;
    expect((await call('DELETE', `/api/projects/${id}/invitations/${inv.id}`, owner)).statusCode).toBe(200);
    expect((await call('POST', `/api/user/invitations/${inv.id}/accept`, dev)).statusCode).toBe(404);

    await call('POST', `/api/projects/${id}/members`, owner, { email: dev.email, role: 'viewer' });
    [inv] = (await call('GET', '/api/user/invitations', dev)).json().data;
    await v.sql.query("UPDATE project_invitations SET expires_at = now() - interval '1 second' WHERE id = $1", [inv.id]);
    expect((await call('GET', '/api/user/invitations', dev)).json().data).toEqual([]);
    expect((await call('POST', `/api/user/invitations/${inv.id}/accept`, dev)).statusCode).toBe(404);
    const { rows } = await v.sql.query(`SELECT action FROM audit_log WHERE project_id = $1 AND event_type = 'member' ORDER BY ingest`, [id]);
    expect(rows.map((r) => r.action)).toEqual(['member_invite', 'member_invite_decline', 'member_invite', 'member_invite_withdraw', 'member_invite']);
  });
});
