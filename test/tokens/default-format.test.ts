// A project's default token format (docs/tokens.md "Formats"): items and imported rows that name
// no format get the project's token_format where it fits their type and value, and random
// elsewhere; an item's own format or token id wins; a browser session never gets fpe (its token
// would tell the page which stored card it holds).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../src/migration/import.js';
import { luhnValid } from '../../src/tokens/validate.js';
import { LOOSE_LIMITS } from '../auth/helpers.js';
import { startVault, type TestVault, VISA } from '../helpers.js';
import { cards, jsonl, vaultWithProject, writeLines } from '../migration/support.js';
import { createUser, type TestUser } from '../users.js';

let v: TestVault;
let alice: TestUser;
let project: { id: string };
let headers: Record<string, string>;
const tmp = mkdtempSync(path.join(tmpdir(), 'vault-default-format-'));

beforeAll(async () => {
  v = await startVault({ rateLimits: LOOSE_LIMITS });
  alice = await createUser(v, 'alice');
  project = (await put('POST', '/api/projects', { name: 'shop', environment: 'development', token_format: 'numeric' })).json().data;
  const app = (await put('POST', '/api/applications', { project_id: project.id, name: 'backend', permissions: { tokenization: { allowed: true } } })).json().data;
  headers = { 'x-api-key': app.api_key, 'x-pub-key': app.pub_key };
});
afterAll(async () => {
  await v.close();
  rmSync(tmp, { recursive: true, force: true });
});

function put(method: 'POST' | 'PUT', url: string, payload: object) {
  return v.app.inject({ method, url, headers: alice.auth, payload });
}
const tokenize = async (payload: object, h = headers) => {
  const r = await v.app.inject({ method: 'POST', url: '/tokenize', headers: h, payload });
  return { status: r.statusCode, body: r.json() };
};
const card = { type: 'card', data: VISA };

describe('token_format', () => {
  it('is set at creation, shown, and given to items that name no format', async () => {
    expect((await v.app.inject({ method: 'GET', url: `/api/projects/${project.id}`, headers: alice.auth })).json().data.token_format).toBe('numeric');
    const t = await tokenize(card);
    expect(t.status).toBe(201);
    expect(t.body.token).toMatch(/^\d{16}$/);
    expect(t.body.token).not.toBe(VISA.cardNumber);
    expect(luhnValid(t.body.token)).toBe(false);
    const { rows } = await v.sql.query('SELECT format FROM tokens WHERE token = $1', [t.body.token]);
    expect(rows[0].format).toBe('numeric');
  });

  it("an item's own format or token id wins; a type or value the format does not fit gets random", async () => {
    expect((await tokenize({ ...card, format: 'uuid' })).body.token).toMatch(/^[0-9a-f-]{36}$/);
    expect((await tokenize({ ...card, token: 'legacy_card_1' })).body.token).toBe('legacy_card_1');
    // numeric is no format of string tokens.
    const s = await tokenize({ type: 'string', data: 'hello' });
    expect(s.status).toBe(201);
    expect(s.body.token).not.toMatch(/^\d+$/);
    const { rows } = await v.sql.query('SELECT format FROM tokens WHERE token = $1', [s.body.token]);
    expect(rows[0].format).toBe('random');
    // A batch: each item by the same rule.
    const batch = await tokenize({ items: [card, { type: 'string', data: 'x' }, { ...card, format: 'random' }] });
    expect(batch.body.items.map((i: { token: string }) => /^\d{16}$/.test(i.token))).toEqual([true, false, false]);
  });

  it('changes by PUT (audited, reaching API-key callers at once); an unknown format is 400 and changes nothing', async () => {
    const bad = await put('PUT', `/api/projects/${project.id}`, { token_format: 'luhn' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation_error');
    expect((await put('PUT', `/api/projects/${project.id}`, { token_format: 'last4_preserving' })).json().data.token_format).toBe('last4_preserving');
    await new Promise((r) => setTimeout(r, 100));
    const t = await tokenize(card);
    expect(t.body.token).toMatch(/^\d{12}1111$/);
    // A 5-digit account keeping its last 4 leaves one digit to draw: too few, so random.
    const short = await tokenize({ type: 'bank', data: { accountNumber: '12345', routingNumber: '110000000' } });
    expect(short.status).toBe(201);
    expect((await v.sql.query('SELECT format FROM tokens WHERE token = $1', [short.body.token])).rows[0].format).toBe('random');
    const { rows } = await v.sql.query("SELECT details FROM audit_log WHERE project_id = $1 AND action = 'project_update' ORDER BY ingest DESC LIMIT 1", [project.id]);
    expect(rows[0].details.fields).toEqual(['token_format']);
  });

  it('a browser session never gets fpe: not as the default (random instead), not asked for (400)', async () => {
    await put('PUT', `/api/projects/${project.id}`, { token_format: 'fpe' });
    await new Promise((r) => setTimeout(r, 100));
    const server = await tokenize(card);
    expect(server.body.token).toMatch(/^\d{12}1111$/);
    const mint = await v.app.inject({ method: 'POST', url: '/sessions', headers: { 'x-api-key': headers['x-api-key'] }, payload: { session_limit: 5 } });
    expect(mint.statusCode, mint.body).toBe(201);
    const session = { 'x-pub-key': headers['x-pub-key'], 'x-session-key': mint.json().data.session_key };
    const browser = await tokenize(card, session);
    expect(browser.status).toBe(201);
    expect(browser.body.token).not.toBe(server.body.token);
    expect(browser.body.token).not.toMatch(/^\d+$/);
    const asked = await tokenize({ ...card, format: 'fpe' }, session);
    expect(asked.status).toBe(400);
    expect(asked.body.error.details).toEqual([{ path: '/format', message: 'must not be fpe with a session key' }]);
  });
});

describe('import', () => {
  it("rows without an id get the project's format unless --format names one", async () => {
    const w = await vaultWithProject();
    try {
      await w.sql("UPDATE projects SET token_format = 'numeric' WHERE id = $1", [w.projectId]);
      const file = path.join(tmp, 'cards.jsonl');
      await writeLines(file, jsonl([...cards(10, 0), ...cards(10, 1)]));
      const report = await importFile({ db: w.database.db, keyring: w.keyring, projectId: w.projectId, file });
      expect(report).toMatchObject({ imported: 20, failed: 0 });
      const rows = await w.sql('SELECT token, format FROM tokens WHERE project_id = $1', [w.projectId]);
      const formats = rows.map((r) => r.format).sort();
      expect(formats).toEqual([...Array(10).fill('numeric'), ...Array(10).fill('random')]);
      for (const r of rows) if (r.format === 'numeric') expect(r.token).toMatch(/^\d{16}$/);
    } finally {
      await w.close();
    }
  });
});
