// One version everywhere (issue 29 item 1): the server's VERSION, every package.json, the API's
// info.version in /openapi.json and the newest CHANGELOG.md release; a licence in every package.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERSION } from '../src/lib/version.js';
import { startVault, type TestVault } from './helpers.js';

const read = (file: string) => readFileSync(new URL(`../${file}`, import.meta.url), 'utf8');
const PACKAGES = ['package.json', 'packages/node/package.json', 'packages/elements/package.json'];

let v: TestVault;
beforeAll(async () => {
  v = await startVault();
});
afterAll(() => v.close());

describe('version and licence', () => {
  it('VERSION is semver', () => {
    expect(VERSION).toMatch(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/);
  });

  it.each(PACKAGES)('%s has the version and the Apache-2.0 licence', (file) => {
    const pkg = JSON.parse(read(file)) as { version: string; license: string };
    expect(pkg.version).toBe(VERSION);
    expect(pkg.license).toBe('Apache-2.0');
  });

  it('the lockfile names the same versions (npm ci stays quiet)', () => {
    const lock = JSON.parse(read('package-lock.json')) as { version: string; packages: Record<string, { version?: string }> };
    expect([lock.version, ...['', 'packages/node', 'packages/elements'].map((k) => lock.packages[k].version)]).toEqual(Array(4).fill(VERSION));
  });

  it('/openapi.json info.version is the same version', async () => {
    const res = await v.app.inject({ url: '/openapi.json' });
    expect(res.json().info.version).toBe(VERSION);
  });

  it('CHANGELOG.md has a section for it, newest first, and LICENSE is the Apache License 2.0', () => {
    const releases = [...read('CHANGELOG.md').matchAll(/^## \[(\d[^\]]*)\]/gm)].map((m) => m[1]);
    expect(releases[0]).toBe(VERSION);
    const licence = read('LICENSE');
    expect(licence).toContain('Apache License\n                           Version 2.0, January 2004');
    expect(licence).toContain('END OF TERMS AND CONDITIONS');
  });
});
