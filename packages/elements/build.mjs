// Builds what the vault serves at /elements/v1/ and what the npm package exports: the ES module,
// the script-tag build (window.VaultElements), the two frame scripts, the React wrapper and the
// type declarations. esbuild bundles; tsc writes only the .d.ts files.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = fileURLToPath(new URL('.', import.meta.url));
// `node build.mjs DIR` builds elsewhere (tests build into a temporary directory of their own).
const out = process.argv[2] ? path.resolve(process.argv[2]) : `${here}dist`;
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const common = { bundle: true, minify: true, target: 'es2020', legalComments: 'none', logLevel: 'warning', absWorkingDir: here };
await Promise.all([
  build({ ...common, entryPoints: ['src/index.ts'], format: 'esm', outfile: `${out}/elements.js` }),
  // No import.meta in a classic script: the SDK finds the vault from document.currentScript there.
  build({ ...common, entryPoints: ['src/global.ts'], format: 'iife', outfile: `${out}/elements.global.js`, define: { 'import.meta.url': 'undefined' } }),
  build({ ...common, entryPoints: ['src/frames/field.ts'], format: 'iife', outfile: `${out}/field.js` }),
  build({ ...common, entryPoints: ['src/frames/tokenizer.ts'], format: 'iife', outfile: `${out}/tokenizer.js` }),
  build({
    ...common, entryPoints: ['src/react.tsx'], format: 'esm', outfile: `${out}/react.js`, jsx: 'automatic', external: ['react', 'react/jsx-runtime'],
    // The wrapper shares the SDK module (dist/elements.js) instead of bundling a second copy.
    plugins: [{ name: 'sdk', setup: (b) => b.onResolve({ filter: /^\.\/index\.js$/ }, () => ({ path: './elements.js', external: true })) }],
  }),
]);
copyFileSync(`${here}src/frames/field.css`, `${out}/field.css`);
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', `${here}tsconfig.json`, '--outDir', `${out}/types`], { stdio: 'inherit' });
