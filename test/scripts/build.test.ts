// `npm start` builds only what changed: an unchanged checkout starts without compiling, and an
// edited source is compiled before the server runs. Exercised on a small project laid out like
// this one (its build script, configuration and lock file, a two-file src/).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'vault-build-'));
for (const entry of ['scripts', 'package.json', 'tsconfig.json', 'package-lock.json']) cpSync(path.join(ROOT, entry), path.join(dir, entry), { recursive: true });
mkdirSync(path.join(dir, 'src'));
writeFileSync(path.join(dir, 'src/config.ts'), "export const PORT = 8080;\n");
writeFileSync(path.join(dir, 'src/main.ts'), "import { PORT } from './config.js';\nconsole.log(PORT);\n");
symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
/** Runs the build; what it said on stderr. */
const build = () => {
  const r = spawnSync(process.execPath, [path.join(dir, 'scripts/build.mjs'), 'server'], { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
  return r.stderr;
};
const mtime = (rel: string) => statSync(path.join(dir, rel)).mtimeMs;

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('incremental build', () => {
  it('compiles once, skips an unchanged tree, and recompiles after an edit', { timeout: 60_000 }, () => {
    // The first `npm start` says what it builds instead of a silent wait; an unchanged tree says nothing.
    expect(build()).toMatch(/^build: server \(the server, TypeScript → dist\/; first build\) …\nbuild: server done in \d+\.\d s\n$/);
    const first = mtime('dist/main.js');

    expect(build()).toBe('');
    expect(mtime('dist/main.js')).toBe(first);

    const config = path.join(dir, 'src/config.ts');
    writeFileSync(config, `${readFileSync(config, 'utf8')}\nexport const EDITED = 'edited-marker';\n`);
    expect(build()).toContain('build: server (the server, TypeScript → dist/; sources changed) …');
    expect(readFileSync(path.join(dir, 'dist/config.js'), 'utf8')).toContain('edited-marker');
  });

  it('removes the output of a deleted source', { timeout: 60_000 }, () => {
    writeFileSync(path.join(dir, 'src/obsolete.ts'), 'export const gone = 1;\n');
    build();
    expect(statSync(path.join(dir, 'dist/obsolete.js')).isFile()).toBe(true);
    rmSync(path.join(dir, 'src/obsolete.ts'));
    build();
    expect(() => statSync(path.join(dir, 'dist/obsolete.js'))).toThrow();
  });
});
