// Finding 1 of issue 13: BIN + last 4 + the keyed fingerprint in a listing let a caller without the
// detokenization right find the full number by tokenizing every Luhn-valid candidate. Here the
// attack is played as a developer member (JWT) and as a tokenize-only key; the real number must
// not stand out among the candidates in any answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { luhnValid } from '../../src/tokens/validate.js';
import { LOOSE_LIMITS } from '../auth/helpers.js';
import { startVault, type TestApp, type TestVault } from '../helpers.js';
import { createUser, type TestUser } from '../users.js';

// A 13-digit Visa: BIN 422222 and last 4 2222 leave 3 unknown digits, 1000 numbers, ~100 Luhn-valid.
const REAL = '4222222222222';
let v: TestVault;
let full: TestApp;
let tokenizeOnly: TestApp;
let dev: TestUser;
let realToken: string;

beforeAll(async () => {
  v = await startVault({ rateLimits: LOOSE_LIMITS });
  full = await v.createApp({ deduplicate: true });
  dev = await createUser(v, 'dev');
  await v.sql.query(`INSERT INTO project_members (project_id, user_id, role) VALUES ($1, $2, 'developer')`, [full.projectId, dev.id]);
  const res = await v.app.inject({
    method: 'POST', url: '/tokenize', headers: full.headers,
    payload: { type: 'card', data: { cardNumber: REAL, expirationMonth: '12', expirationYear: '2030' }, metadata: { customer: 'c-42' } },
  });
  realToken = res.json().token;
  expect(res.json().deduplicated).toBe(false);
  // A second application of the same project that may tokenize but not detokenize.
  const created = await v.app.inject({
    method: 'POST', url: '/api/applications', headers: (await ownerOf(full.projectId)).auth,
    payload: { project_id: full.projectId, name: 'checkout', permissions: { tokenization: { allowed: true }, detokenization: { allowed: false } } },
  });
  expect(created.statusCode).toBe(201);
  const { id, api_key, pub_key } = created.json().data;
  tokenizeOnly = { projectId: full.projectId, appId: id, apiKey: api_key, pubKey: pub_key, headers: { 'x-api-key': api_key, 'x-pub-key': pub_key } };
});
afterAll(() => v.close());

async function ownerOf(projectId: string) {
  const owner = await createUser(v, 'owner');
  await v.sql.query(`INSERT INTO project_members (project_id, user_id, role) VALUES ($1, $2, 'owner')`, [projectId, owner.id]);
  return owner;
}

function candidates(bin: string, last4: string, length: number): string[] {
  const middle = length - 10;
  const out: string[] = [];
  for (let i = 0; i < 10 ** middle; i++) {
    const pan = bin + String(i).padStart(middle, '0') + last4;
    if (luhnValid(pan)) out.push(pan);
  }
  return out;
}

type Item = { token: string; fingerprint?: string; deduplicated: boolean; metadata: unknown; created_at: string };

/** Everything an item answer says that could single out one candidate. */
function standsOut(item: Item, listed: { token: string; fingerprint?: string }) {
  return item.deduplicated || item.token === listed.token || item.metadata !== null || (item.fingerprint !== undefined && item.fingerprint === listed.fingerprint);
}

describe('the BIN + last4 + fingerprint attack (finding 1)', () => {
  it('the listing carries no fingerprint, only BIN and last 4', async () => {
    const list = await v.app.inject({ method: 'GET', url: `/api/tokens?project_id=${full.projectId}`, headers: dev.auth });
    expect(list.statusCode).toBe(200);
    const listed = list.json().data.find((t: { token: string }) => t.token === realToken);
    expect(listed).toMatchObject({ bin: '422222', last4: '2222' });
    expect(listed).not.toHaveProperty('fingerprint');
    const one = await v.app.inject({ method: 'GET', url: `/api/tokens/${realToken}`, headers: dev.auth });
    expect(one.json().data).not.toHaveProperty('fingerprint');
  });

  for (const who of ['developer member (JWT)', 'tokenize-only key'] as const) {
    it(`a ${who} tokenizing every candidate with deduplicate: true cannot tell which one is stored`, async () => {
      const listed = (await v.app.inject({ method: 'GET', url: `/api/tokens/${realToken}`, headers: dev.auth })).json().data;
      const pans = candidates(listed.bin, listed.last4, 13);
      expect(pans).toContain(REAL);
      const items = pans.map((cardNumber) => ({ type: 'card', deduplicate: true, data: { cardNumber, expirationMonth: '12', expirationYear: '2030' } }));
      const res = who === 'tokenize-only key'
        ? await v.app.inject({ method: 'POST', url: '/tokenize', headers: tokenizeOnly.headers, payload: { items } })
        : await v.app.inject({ method: 'POST', url: '/tokenize', headers: dev.auth, payload: { items, project_id: full.projectId } });
      expect(res.statusCode).toBe(200);
      const answers: Item[] = res.json().items;
      expect(answers.filter((a) => standsOut(a, listed))).toEqual([]);
      // No fingerprint at all: deduplication did not apply for this caller.
      expect(answers.every((a) => a.fingerprint === undefined)).toBe(true);
      // Same for single calls: the real number answers like any other candidate.
      const single = await v.app.inject({
        method: 'POST', url: '/tokenize',
        headers: who === 'tokenize-only key' ? tokenizeOnly.headers : dev.auth,
        payload: { ...items[pans.indexOf(REAL)], ...(who === 'tokenize-only key' ? {} : { project_id: full.projectId }) },
      });
      expect(single.statusCode).toBe(201);
      expect(standsOut(single.json(), listed)).toBe(false);
    });
  }

  it('a key that may detokenize still deduplicates (it could read the number anyway), with the fingerprint', async () => {
    const again = await v.app.inject({
      method: 'POST', url: '/tokenize', headers: full.headers,
      payload: { type: 'card', data: { cardNumber: REAL, expirationMonth: '12', expirationYear: '2030' } },
    });
    expect(again.json()).toMatchObject({ token: realToken, deduplicated: true });
    expect(again.json().fingerprint).toMatch(/^fp_/);
  });

  it('without deduplication the answer has no fingerprint', async () => {
    const other = await v.createApp();
    const res = await v.app.inject({
      method: 'POST', url: '/tokenize', headers: other.headers,
      payload: { type: 'card', data: { cardNumber: REAL, expirationMonth: '12', expirationYear: '2030' } },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).not.toHaveProperty('fingerprint');
  });
});
