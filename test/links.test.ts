// The repository carries its own contract (docs/api.md): no tracked file may point outside it, so
// links hold in every clone. Relative Markdown links must name a file that exists.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const tracked = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' })
  .split('\n')
  .filter((f) => /\.(md|ts|tsx|mjs|js|json|ya?ml|html|css)$/.test(f) && f !== 'package-lock.json' && !f.startsWith('packages/node/src/openapi.ts'));
// Built from pieces so this file does not match itself.
const OUTSIDE = new RegExp(['\\.\\./', 'shared', '|', 'shared/', 'spec/'].join(''));

it('no tracked file refers to the contract outside the repository', () => {
  const offenders = tracked.filter((f) => OUTSIDE.test(readFileSync(join(ROOT, f), 'utf8')));
  expect(offenders).toEqual([]);
});

it('every relative link in a Markdown file names a file in the repository', () => {
  const broken: string[] = [];
  for (const file of tracked.filter((f) => f.endsWith('.md'))) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^([a-z]+:|#|\/)/i.test(target)) continue;
      const path = normalize(join(dirname(file), decodeURIComponent(target.split('#')[0])));
      if (path.startsWith('..') || !existsSync(join(ROOT, path))) broken.push(`${file}: ${target}`);
    }
  }
  expect(broken).toEqual([]);
});
