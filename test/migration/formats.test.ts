// Rows without a token id get a token in the import's format (API.md §6.2), drawn exactly as
// /tokenize draws it: digit formats of the value's length failing Luhn, card_preserving keeping
// BIN and last 4, fpe the card's own deterministic token. The same file again imports nothing
// (found by the keyed fingerprint), also where a small digit space makes drawn tokens collide.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { DataKeys } from '../../src/crypto/datakeys.js';
import { importFile } from '../../src/migration/import.js';
import type { TokenFormat } from '../../src/lib/token-formats.js';
import { fpeToken } from '../../src/tokens/format.js';
import { luhnValid } from '../../src/tokens/validate.js';
import { cards, cli, jsonl, type Vault, vaultWithProject, writeLines } from './support.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'vault-import-formats-'));
const vaults: Vault[] = [];
afterAll(async () => {
  await Promise.all(vaults.map((v) => v.close()));
  rmSync(tmp, { recursive: true, force: true });
});

async function imported(v: Vault, file: string, format?: TokenFormat, batchSize?: number) {
  return importFile({ db: v.database.db, keyring: v.keyring, projectId: v.projectId, file, ...(format ? { format } : {}), ...(batchSize ? { batchSize } : {}) });
}

async function stored(v: Vault) {
  return new Map((await v.sql('SELECT token, format FROM tokens WHERE project_id = $1', [v.projectId])).map((r) => [r.token, r.format]));
}

test.each([
  ['default (the API default, random)', undefined, (t: string) => /^tok_[A-Za-z0-9]{24}$/.test(t)],
  ['uuid', 'uuid', (t: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(t)],
  ['numeric', 'numeric', (t: string, pan: string) => /^\d+$/.test(t) && t.length === pan.length && !luhnValid(t) && t !== pan],
  ['card_preserving', 'card_preserving', (t: string, pan: string) => t.length === pan.length && t.slice(0, 6) === pan.slice(0, 6) && t.slice(-4) === pan.slice(-4) && !luhnValid(t) && t !== pan],
  ['last4_preserving', 'last4_preserving', (t: string, pan: string) => t.length === pan.length && t.slice(-4) === pan.slice(-4) && !luhnValid(t) && t !== pan],
] as const)('rows without an id get %s tokens; own ids are kept; the same file again imports nothing', async (_, format, shaped) => {
  const v = await vaultWithProject();
  vaults.push(v);
  const list = cards(2000, 0.25);
  const file = path.join(tmp, `cards-${format ?? 'default'}.jsonl`);
  await writeLines(file, jsonl(list));

  const first = await imported(v, file, format, 500);
  expect(first).toMatchObject({ rows: 2000, imported: 2000, already_present: 0, failed: 0 });
  const values = await v.values();
  const formats = await stored(v);
  expect(values.size).toBe(2000);
  const byPan = new Map([...values].map(([token, x]) => [x.data.cardNumber as string, token]));
  for (const c of list) {
    const token = byPan.get(c.cardNumber)!;
    if (c.token) {
      expect(token).toBe(c.token);
      expect(formats.get(token)).toBe('random');
    } else {
      expect(shaped(token, c.cardNumber)).toBe(true);
      expect(formats.get(token)).toBe(format ?? 'random');
    }
  }

  const again = await imported(v, file, format, 500);
  expect(again).toMatchObject({ rows: 2000, imported: 0, already_present: 2000, failed: 0 });
  expect(await v.count()).toBe(2000);
});

test("fpe: each card gets its own deterministic token (FF1 under the project's key), a duplicate row is present, not imported twice", async () => {
  const v = await vaultWithProject();
  vaults.push(v);
  const list = cards(1000, 0);
  const file = path.join(tmp, 'cards-fpe.jsonl');
  // The first 10 cards twice, the second time in another batch and in the same one.
  await writeLines(file, jsonl([...list, ...list.slice(0, 10)]));
  const first = await imported(v, file, 'fpe', 300);
  expect(first).toMatchObject({ rows: 1010, imported: 1000, already_present: 10, failed: 0 });
  const key = await new DataKeys(v.database.db, v.keyring).get(v.projectId);
  const values = await v.values();
  const formats = await stored(v);
  for (const [token, x] of values) {
    expect(token).toBe(fpeToken(key.ff1(), v.projectId, x.data.cardNumber as string, false));
    expect(formats.get(token)).toBe('fpe');
  }
  expect(await imported(v, file, 'fpe', 300)).toMatchObject({ imported: 0, already_present: 1010, failed: 0 });
});

test('a small card_preserving space: drawn tokens that collide across batches are drawn again, never share a token, and a re-run finds every row', async () => {
  const v = await vaultWithProject();
  vaults.push(v);
  // Every Luhn-valid 13-digit number 411111 ___ 1234: 3 drawn digits, about 900 failing tokens for ~100 cards.
  const pans: string[] = [];
  for (let m = 0; m < 1000; m++) {
    const pan = `411111${String(m).padStart(3, '0')}1234`;
    if (luhnValid(pan)) pans.push(pan);
  }
  const file = path.join(tmp, 'cards-small.jsonl');
  await writeLines(file, pans.map((p) => JSON.stringify({ cardNumber: p, expirationMonth: '01', expirationYear: '2031' }) + '\n'));
  // Batches of 5: each batch draws without seeing the others' tokens, so collisions happen.
  const first = await imported(v, file, 'card_preserving', 5);
  expect(first).toMatchObject({ rows: pans.length, imported: pans.length, failed: 0 });
  const values = await v.values();
  expect(values.size).toBe(pans.length);
  expect(new Set([...values.values()].map((x) => x.data.cardNumber)).size).toBe(pans.length);
  for (const [token, x] of values) {
    const pan = x.data.cardNumber as string;
    expect(token.slice(0, 6) + token.slice(-4)).toBe('4111111234');
    expect(luhnValid(token)).toBe(false);
    expect(token).not.toBe(pan);
  }
  expect(await imported(v, file, 'card_preserving', 5)).toMatchObject({ imported: 0, already_present: pans.length, failed: 0 });
});

test('a format the type cannot have fails the row alone, with the API\'s reason', async () => {
  const v = await vaultWithProject();
  vaults.push(v);
  const file = path.join(tmp, 'strings.jsonl');
  await writeLines(file, [JSON.stringify({ type: 'string', value: 'a secret' }) + '\n', JSON.stringify({ token: 'str_own_1', type: 'string', value: 'another' }) + '\n']);
  const report = await imported(v, file, 'card_preserving');
  expect(report).toMatchObject({ rows: 2, imported: 1, failed: 1 });
  expect(report.failures[0]).toMatchObject({ line: 1, code: 'validation_error', details: [{ path: '/format', message: 'card_preserving is only for card tokens' }] });
});

test('the CLI: --format draws that format for rows without an id; an unknown format is a usage error', async () => {
  const v = await vaultWithProject();
  vaults.push(v);
  const list = cards(50, 0);
  const file = path.join(tmp, 'cards-cli.jsonl');
  await writeLines(file, jsonl(list));
  const bad = await cli(v, ['import', '--project', v.projectId, '--format', 'luhn', file]);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('--format must be one of random, uuid, numeric, card_preserving, last4_preserving, fpe');
  const ok = await cli(v, ['import', '--project', v.projectId, '--format', 'last4_preserving', file]);
  expect(ok.code).toBe(0);
  expect(JSON.parse(ok.stdout)).toMatchObject({ rows: 50, imported: 50, failed: 0 });
  expect([...(await stored(v)).values()]).toEqual(Array(50).fill('last4_preserving'));
});

test("a drawn token never takes an own id of the same batch: the row without an id draws again", async () => {
  const v = await vaultWithProject();
  vaults.push(v);
  // Own ids: all but 5 of the tokens card_preserving can draw for 411111 ___ 1234 (3 drawn digits).
  const shape: string[] = [];
  for (let m = 0; m < 1000; m++) {
    const t = `411111${String(m).padStart(3, '0')}1234`;
    if (!luhnValid(t)) shape.push(t);
  }
  const free = new Set(shape.slice(0, 5));
  const owned = shape.slice(5);
  const pan = ['4111110001234', '4111110011234', '4111110021234', '4111110031234', '4111110041234', '4111110051234', '4111110061234', '4111110071234', '4111110081234', '4111110091234'].find((p) => luhnValid(p))!;
  const others = cards(owned.length, 0);
  const file = path.join(tmp, 'cards-own-digits.jsonl');
  await writeLines(file, [
    JSON.stringify({ cardNumber: pan, expirationMonth: '01', expirationYear: '2031' }) + '\n',
    ...owned.map((token, i) => JSON.stringify({ token, cardNumber: others[i].cardNumber, expirationMonth: '01', expirationYear: '2031' }) + '\n'),
  ]);
  const report = await imported(v, file, 'card_preserving', 2000);
  expect(report).toMatchObject({ rows: owned.length + 1, imported: owned.length + 1, failed: 0 });
  const byPan = new Map([...(await v.values())].map(([token, x]) => [x.data.cardNumber as string, token]));
  expect(free.has(byPan.get(pan)!)).toBe(true);
  for (const [i, token] of owned.entries()) expect(byPan.get(others[i].cardNumber)).toBe(token);
});
