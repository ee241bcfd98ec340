// An import killed half-way (SIGKILL of the CLI process, batches committed and one in flight) and
// started again finishes with every row exactly once: rows with their own token id by that id,
// rows without one by the keyed fingerprint.
import { mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { cards, cli, jsonl, spawnCli, type Vault, vaultWithProject, writeLines } from './support.js';

const ROWS = 60_000;
const tmp = mkdtempSync(path.join(tmpdir(), 'vault-resume-'));
let vault: Vault;

beforeAll(async () => {
  vault = await vaultWithProject();
});
afterAll(async () => {
  await vault?.close();
  rmSync(tmp, { recursive: true, force: true });
});

test(`killed half-way and started again: all ${ROWS} rows, each exactly once`, async () => {
  const list = cards(ROWS, 0.5);
  const file = path.join(tmp, 'cards.jsonl');
  await writeLines(file, jsonl(list));

  const child = spawnCli(vault, ['import', '--project', vault.projectId, file]);
  const exited = once(child, 'exit');
  for (;;) {
    if ((await vault.count()) >= 8000 || child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  const [, signal] = await exited;
  expect(signal, 'the import finished before it could be killed').toBe('SIGKILL');
  const afterKill = await vault.count();
  expect(afterKill).toBeGreaterThan(0);
  expect(afterKill).toBeLessThan(ROWS);

  const { code, stdout } = await cli(vault, ['import', '--project', vault.projectId, file]);
  expect(code).toBe(0);
  const report = JSON.parse(stdout) as { imported: number; already_present: number; failed: number; rows: number };
  expect(report).toMatchObject({ rows: ROWS, failed: 0, already_present: afterKill, imported: ROWS - afterKill });

  const values = await vault.values();
  expect(values.size).toBe(ROWS);
  const pans = [...values.values()].map((v) => v.data.cardNumber as string);
  expect(new Set(pans).size).toBe(ROWS);
  expect(new Set(pans)).toEqual(new Set(list.map((c) => c.cardNumber)));
  for (const c of list) if (c.token) expect(values.get(c.token)?.data.cardNumber).toBe(c.cardNumber);
  console.log(`killed at ${afterKill} of ${ROWS} rows; the second run imported ${report.imported}`);
}, 240_000);
