// Issue 22, item 5: inviting mailed anyone, without limit, a message from the vault's own address
// holding text the inviter wrote (the project name) — a spam and phishing relay for anyone with an
// account. Invitations now have a budget per invited address (whoever invites, from whichever
// project) and per inviter, like email codes and reset mails; the answer is the same 429 for any
// address, so the limit reveals nothing about who has an account.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RATE_LIMITS } from '../../src/config.js';
import { LOOSE_LIMITS } from '../auth/helpers.js';
import { startVault, type TestVault } from '../helpers.js';
import { MailSink } from '../mail/smtp.js';
import { createUser, type TestUser } from '../users.js';

let v: TestVault;
let mail: MailSink;

beforeAll(async () => {
  mail = new MailSink();
  // Every other limit wide open (the suite logs many users in from one IP); these two at their defaults.
  const { invite_email, invite_inviter } = DEFAULT_RATE_LIMITS;
  v = await startVault({ smtpUrl: await mail.start(), rateLimits: { ...LOOSE_LIMITS, invite_email, invite_inviter } });
});
afterAll(async () => {
  await v.close();
  await mail.close();
});

async function project(owner: TestUser, name: string) {
  const res = await v.app.inject({ method: 'POST', url: '/api/projects', headers: owner.auth, payload: { name, environment: 'development' } });
  expect(res.statusCode).toBe(201);
  return res.json().data.id as string;
}
const invite = (by: TestUser, projectId: string, email: string) =>
  v.app.inject({ method: 'POST', url: `/api/projects/${projectId}/members`, headers: by.auth, payload: { email, role: 'viewer' } });
const mailsTo = (email: string) => mail.messages.filter((m) => m.to.includes(email.toLowerCase())).length;
const settle = () => new Promise((r) => setTimeout(r, 300)); // invitation mail leaves in the background

describe('invitation budgets (issue 22 item 5)', () => {
  it('one address gets at most 3 invitations an hour, from any inviters and projects, registered or not', async () => {
    const victim = await createUser(v, 'victim');
    for (const target of [victim.email, 'no-account-yet@example.test']) {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) {
        const spammer = await createUser(v, `spammer${i}`);
        const id = await project(spammer, `Urgent: verify your account at evil.example ${i}`);
        codes.push((await invite(spammer, id, i % 2 ? target.toUpperCase() : target)).statusCode);
      }
      expect(codes).toEqual([202, 202, 202, 429, 429]);
    }
    await settle();
    expect(mailsTo(victim.email)).toBe(3);
    expect(mailsTo('no-account-yet@example.test')).toBe(3);
  });

  it('one inviter sends at most 20 invitations an hour', async () => {
    const spammer = await createUser(v, 'bulk');
    const id = await project(spammer, 'bulk');
    const codes: number[] = [];
    for (let i = 0; i < 22; i++) codes.push((await invite(spammer, id, `target${i}@example.test`)).statusCode);
    expect(codes.slice(0, 20).every((c) => c === 202)).toBe(true);
    expect(codes.slice(20)).toEqual([429, 429]);
    const over = await invite(spammer, id, 'one-more@example.test');
    expect(over.json()).toMatchObject({ error: { code: 'rate_limited' }, retry_after_seconds: expect.any(Number) });
    expect(over.headers['ratelimit-policy']).toBe('20;w=3600');
    // Someone else in the same project still has their own budget.
    const colleague = await createUser(v, 'colleague');
    await v.sql.query("INSERT INTO project_members (project_id, user_id, role) VALUES ($1, $2, 'admin')", [id, colleague.id]);
    expect((await invite(colleague, id, 'welcome@example.test')).statusCode).toBe(202);
  });
});
