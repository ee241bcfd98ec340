// Two vault instances on one database (as test/auth/cluster.test.ts): the claim is PostgreSQL's,
// so the same key sent to both nodes at once runs once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, startVault, testKeyring, type TestApp, type TestVault, VISA } from '../helpers.js';

let a: TestVault;
let b: TestVault;
let app: TestApp;

beforeAll(async () => {
  const databaseUrl = await freshDatabase();
  const keyring = testKeyring();
  [a, b] = await Promise.all([startVault({ databaseUrl, keyring }), startVault({ databaseUrl, keyring })]);
  app = await a.createApp();
});
afterAll(async () => {
  await a.close();
  await b.close();
});

const tokens = async () => (await a.sql.query('SELECT count(*)::int AS n FROM tokens WHERE project_id = $1', [app.projectId])).rows[0].n as number;

describe('idempotency across two nodes', () => {
  it('the same tokenize with the same key on both nodes at once: one token, equal answers', async () => {
    for (let round = 0; round < 5; round++) {
      const before = await tokens();
      const headers = { ...app.headers, 'idempotency-key': `both-nodes-${round}` };
      const send = (node: TestVault) => fetch(`${node.url}/tokenize`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ type: 'card', data: VISA }) });
      const answers = await Promise.all([send(a), send(b), send(a), send(b)]);
      const bodies = await Promise.all(answers.map((r) => r.text()));
      expect(answers.map((r) => r.status)).toEqual([201, 201, 201, 201]);
      expect(new Set(bodies).size).toBe(1);
      expect(answers.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(3);
      expect(await tokens()).toBe(before + 1);
    }
  });

  it('an answer stored by one node is replayed by the other (the sealed body opens on both)', async () => {
    const headers = { ...app.headers, 'idempotency-key': 'node-a-first' };
    const first = await a.app.inject({ method: 'POST', url: '/tokenize', headers, payload: { type: 'card', data: VISA } });
    const second = await b.app.inject({ method: 'POST', url: '/tokenize', headers, payload: { type: 'card', data: VISA } });
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.body).toBe(first.body);
    // The JWT-less vault key too: a session minted on A, replayed by B.
    const s = { 'x-api-key': app.apiKey, 'idempotency-key': 'session-a' };
    const s1 = await a.app.inject({ method: 'POST', url: '/sessions', headers: s, payload: {} });
    const s2 = await b.app.inject({ method: 'POST', url: '/sessions', headers: s, payload: {} });
    expect(s2.json()).toEqual(s1.json());
  });
});
