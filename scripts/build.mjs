// `npm run build`: builds only what changed since the last build. The server (tsc → dist/) is
// rebuilt when src/ or the TypeScript configuration changed, the dashboard (vite → dist/web/) when
// web/ changed, the packages (packages/elements, packages/node) when theirs did; each part keeps a hash of its inputs in dist/.build/. `npm start`, `npm run vault`,
// `npm test` and `npm run bench` call it, so an unchanged checkout starts without building, and an
// edited one still runs what was edited. `--force` rebuilds regardless; naming parts (`server`,
// `web`) builds only those.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const STAMPS = path.join(ROOT, 'dist/.build');
const bin = (name) => path.join(ROOT, 'node_modules/.bin', name);
const args = process.argv.slice(2);
const force = args.includes('--force');
const only = args.filter((a) => !a.startsWith('--'));

const PARTS = [
  {
    // The browser SDK and its frames (npm workspace), served by the vault at /elements/v1/.
    name: 'elements',
    what: 'the browser SDK and its frames → packages/elements/dist',
    inputs: ['packages/elements/src', 'packages/elements/build.mjs', 'packages/elements/tsconfig.json', 'package-lock.json'],
    output: 'packages/elements/dist/elements.js',
    build() {
      execFileSync(process.execPath, [path.join(ROOT, 'packages/elements/build.mjs')], { cwd: ROOT, stdio: 'inherit' });
    },
  },
  {
    name: 'node',
    what: 'the Node SDK → packages/node/dist',
    inputs: ['packages/node/src', 'packages/node/tsconfig.json', 'package-lock.json'],
    output: 'packages/node/dist/index.js',
    build() {
      rmSync(path.join(ROOT, 'packages/node/dist'), { recursive: true, force: true });
      execFileSync(bin('tsc'), ['-p', 'packages/node/tsconfig.json'], { cwd: ROOT, stdio: 'inherit' });
    },
  },
  {
    name: 'server',
    what: 'the server, TypeScript → dist/',
    inputs: ['src', 'tsconfig.json', 'package-lock.json'],
    output: 'dist/main.js',
    build() {
      // A renamed or deleted source must not linger as a stale .js: clear the server's output first.
      for (const entry of readdirSync(path.join(ROOT, 'dist'))) {
        if (entry !== 'web' && entry !== '.build') rmSync(path.join(ROOT, 'dist', entry), { recursive: true, force: true });
      }
      execFileSync(bin('tsc'), ['-p', 'tsconfig.json'], { cwd: ROOT, stdio: 'inherit' });
    },
  },
  {
    name: 'web',
    what: 'the dashboard, vite → dist/web',
    inputs: ['web', 'package-lock.json'],
    output: 'dist/web/index.html',
    build() {
      execFileSync(bin('vite'), ['build', 'web', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
    },
  },
];

/** Every file under the inputs, in a stable order. */
function files(rel) {
  const abs = path.join(ROOT, rel);
  if (!statSync(abs).isDirectory()) return [rel];
  return readdirSync(abs, { withFileTypes: true })
    .filter((e) => e.name !== 'node_modules')
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => files(path.join(rel, e.name)));
}

function inputHash(part) {
  const h = createHash('sha256');
  for (const file of part.inputs.flatMap(files)) h.update(file).update('\0').update(readFileSync(path.join(ROOT, file))).update('\0');
  return h.digest('hex');
}

mkdirSync(STAMPS, { recursive: true });
for (const part of PARTS.filter((p) => only.length === 0 || only.includes(p.name))) {
  const stamp = path.join(STAMPS, part.name);
  const hash = inputHash(part);
  const fresh = !force && existsSync(path.join(ROOT, part.output)) && existsSync(stamp) && readFileSync(stamp, 'utf8') === hash;
  if (fresh) continue;
  rmSync(stamp, { force: true });
  // Say what is being built and why: a first build takes a while, and silence looks like a hang.
  const why = existsSync(path.join(ROOT, part.output)) ? (force ? 'forced' : 'sources changed') : 'first build';
  const started = Date.now();
  process.stderr.write(`build: ${part.name} (${part.what}; ${why}) …\n`);
  part.build();
  writeFileSync(stamp, hash);
  process.stderr.write(`build: ${part.name} done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
