// Bad rows fail alone (API.md §6.4): each with its line number and the API's reason, never its
// value — neither in the report nor on the terminal — while every good row is imported.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, test } from 'vitest';
import { MAX_ROW_BYTES, ownTokenProblem, type Parsed, rows } from '../../src/migration/rows.js';
import { randomPan } from '../support/load.js';
import { cards, cli, csvOf, type Vault, vaultWithProject, writeLines } from './support.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'vault-rows-'));
let vault: Vault;

beforeAll(async () => {
  vault = await vaultWithProject();
});
afterAll(async () => {
  await vault?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('own token ids (§6.2)', () => {
  it('takes 3–128 of [A-Za-z0-9._:-] and never a Luhn-valid digit string', () => {
    for (const ok of ['abc', 'tok_3kTnq', 'card:1.2-3_4', 'a'.repeat(128), '4111111111111112', 'btok_9f8e']) expect(ownTokenProblem(ok), ok).toBeNull();
    for (const bad of ['ab', 'a'.repeat(129), 'has space', 'é', '4111111111111111', '4111-1111-1111-1111', '4111.1111.1111.1111', '']) expect(ownTokenProblem(bad), bad).not.toBeNull();
  });
});

async function parse(...chunks: string[]) {
  const out: Parsed[] = [];
  const seen: string[] = [];
  for await (const p of rows((async function* () { for (const c of chunks) yield Buffer.from(c); })(), { format: (f) => seen.push(f), header: () => {} })) out.push(p);
  out.sort((a, b) => a.line - b.line);
  return { format: seen[0], rows: out.map((p) => ('record' in p ? { line: p.line, token: p.record.token } : { line: p.line, error: p.error.code })) };
}

describe('reading rows', () => {
  it('JSONL split anywhere, with a BOM, CRLF and blank lines; an over-long line fails alone, by its line', async () => {
    const long = JSON.stringify({ token: 'x', value: 'v'.repeat(MAX_ROW_BYTES + 10) });
    const text = `\uFEFF{"token":"a1"}\r\n\n{"token":"a2"}\n${long}\nnot json\n{"token":"a3"}`;
    const cut = [text.slice(0, 5), text.slice(5, 30), text.slice(30, 40000), text.slice(40000)];
    expect(await parse(...cut)).toEqual({
      format: 'jsonl',
      rows: [{ line: 1, token: 'a1' }, { line: 3, token: 'a2' }, { line: 4, error: 'validation_error' }, { line: 5, error: 'invalid_json' }, { line: 6, token: 'a3' }],
    });
  });

  it('CSV with quoted fields across chunks; a malformed record fails alone, by its line', async () => {
    expect(await parse('token,value\nb1,"a, b"\nb2,"multi', '\nline"\nb"3,x\nb4,y\n')).toEqual({
      format: 'csv',
      rows: [{ line: 2, token: 'b1' }, { line: 4, token: 'b2' }, { line: 5, error: 'validation_error' }, { line: 6, token: 'b4' }],
    });
  });
});

test('ten bad rows among good ones: each reported by line and reason, no value anywhere', async () => {
  const good = cards(50, 0.5);
  const secretToken = randomPan(); // a card number sent as a token id by mistake
  const lines = csvOf(good).slice(1);
  const header = 'token,type,cardNumber,expirationMonth,expirationYear,holderName,accountNumber,routingNumber,metadata,expires_at\n';
  const row = (cells: Record<string, string>) =>
    header.trim().split(',').map((c) => cells[c] ?? '').join(',') + '\n';
  const bad: [string, string][] = [
    [row({ type: 'card', cardNumber: '4111111111111112', expirationMonth: '12', expirationYear: '2031' }), 'invalid_card_number'],
    [row({ type: 'card', cardNumber: randomPan(), expirationMonth: '12', expirationYear: '2019' }), 'invalid_expiry'],
    [row({ token: secretToken, type: 'card', cardNumber: randomPan(), expirationMonth: '01', expirationYear: '2032' }), 'validation_error'],
    [row({ token: 'no spaces allowed', type: 'card', cardNumber: randomPan(), expirationMonth: '01', expirationYear: '2032' }), 'validation_error'],
    [row({ type: 'card', cardNumber: randomPan(), expirationMonth: '01', expirationYear: '2032', metadata: '{not json' }), 'validation_error'],
    [row({ type: 'card', cardNumber: randomPan(), expirationMonth: '01', expirationYear: '2032', expires_at: '2001-01-01T00:00:00Z' }), 'validation_error'],
    [row({ type: 'bank', accountNumber: '000123456789', routingNumber: '110000001' }), 'invalid_routing_number'],
    [row({ token: good[0].token!, type: 'card', cardNumber: randomPan(), expirationMonth: '01', expirationYear: '2032' }), 'token_exists'],
    [row({ type: 'card', expirationMonth: '01', expirationYear: '2032' }), 'validation_error'],
    [`x"y,card,${randomPan()},01,2032,,,,,\n`, 'validation_error'],
  ];
  // Good and bad rows interleaved; the line of each bad row is what the report must name.
  const out = [header];
  const want: { line: number; code: string }[] = [];
  lines.forEach((l, i) => {
    out.push(l.trimEnd() + ',,,,\n');
    if (i % 5 === 4 && bad.length > 0) {
      const [text, code] = bad.shift()!;
      out.push(text);
      want.push({ line: out.length, code });
    }
  });
  const file = path.join(tmp, 'mixed.csv');
  await writeLines(file, out);
  const reportFile = path.join(tmp, 'report.json');

  const { code, stdout, stderr } = await cli(vault, ['import', '--project', vault.projectId, file, '--report', reportFile]);
  expect(code, stderr).toBe(4);
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as { imported: number; failed: number; failures: { line: number; code: string; message: string }[] };
  expect(report.failures.map((f) => ({ line: f.line, code: f.code }))).toEqual(want);
  expect(report.imported).toBe(50);
  expect(report.failed).toBe(10);
  expect(report.failures.map((f) => ({ line: f.line, code: f.code }))).toEqual(want);
  expect(await vault.count()).toBe(50);

  // Not one value of the file in what the import wrote or printed: card numbers, the card number
  // used as a token id, account numbers, names.
  const said = readFileSync(reportFile, 'utf8') + stdout + stderr;
  const values = out.slice(1).join('').split(/[\n,"]/).filter((v) => v.length >= 6 && !/^(card|bank|\d\d|20\d\d)$/.test(v) && !v.startsWith('card_'));
  expect(values.length).toBeGreaterThan(60);
  for (const v of values) expect(said.includes(v), `the output names ${v.slice(0, 4)}…`).toBe(false);
  expect(said).not.toContain(secretToken);
  const audit = await vault.sql(`SELECT details::text AS d FROM audit_log WHERE project_id = $1`, [vault.projectId]);
  for (const r of audit) expect(values.some((v) => r.d.includes(v))).toBe(false);
}, 120_000);
