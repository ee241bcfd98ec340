// Key files are replaced atomically: a process killed at any instant of a rotation leaves a key
// file that loads and still holds every key it held before (write to a temporary file, fsync,
// rename).
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOrCreateKeyFile, parseKeys } from '../../src/crypto/keyring.js';

async function killMidRotation(file: string, afterMs: number): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/crypto/fixtures/rotate-forever.ts', file], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`rotation loop exited early (${code})`)));
  });
  await new Promise((r) => setTimeout(r, afterMs));
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

describe('key file writes', () => {
  it('a rotation killed at random instants never leaves a torn or partial keyring', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vault-keyfile-'));
    const file = path.join(dir, 'master.key');
    const k1 = loadOrCreateKeyFile(file).keyring.primary.ids();
    expect(k1).toEqual(['k1']);
    let rotations = 0;
    for (let i = 0; i < 12; i++) {
      await killMidRotation(file, 30 + Math.floor(Math.random() * 150));
      // Loads (parse throws on a torn line), holds k1, is still 0600.
      const ids = parseKeys(readFileSync(file, 'utf8')).map((k) => k.id);
      expect(ids).toContain('k1');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      rotations += ids.length;
    }
    expect(rotations).toBeGreaterThan(12); // the loop did rotate between kills
    // Leftover temporary files of killed writers are cleaned by the next write.
    loadOrCreateKeyFile(file).keyring.primary.generate();
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 120_000);
});
