// What the tests need from Debian (Chromium, SoftHSM2, Patroni, …) is installed by the tests
// themselves, so `npm ci && npm test` is the whole set-up on a fresh machine. Without root or
// apt, the test stops with one sentence naming what to install: never a silent skip.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface DebianNeed {
  /** A file whose presence means the package is installed, e.g. `/usr/bin/chromium`. */
  file: string;
  /** The Debian package that provides it. */
  pkg: string;
}

let updated = false;

/** Installs every missing package with apt-get (as root), or throws saying what to install. */
export function ensureDebianPackages(needs: DebianNeed[]): void {
  const missing = needs.filter((n) => !existsSync(n.file));
  if (missing.length === 0) return;
  const pkgs = [...new Set(missing.map((n) => n.pkg))];
  const canInstall = process.getuid?.() === 0 && spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!canInstall) {
    throw new Error(`These tests need Debian's ${pkgs.join(', ')}: run \`sudo apt-get install -y ${pkgs.join(' ')}\` and try again.`);
  }
  // Another process (a parallel test file, a package install) may hold dpkg's lock: wait for it.
  const lock = ['-o', 'DPkg::Lock::Timeout=600'];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  process.stderr.write(`Installing Debian packages the tests need: ${pkgs.join(' ')}\n`);
  try {
    if (!updated) execFileSync('apt-get', [...lock, 'update', '-q'], { stdio: 'ignore', env });
    updated = true;
    execFileSync('apt-get', [...lock, 'install', '-y', '-q', ...pkgs], { stdio: ['ignore', 'ignore', 'inherit'], env });
  } catch (err) {
    throw new Error(`Installing ${pkgs.join(' ')} with apt-get failed (${(err as Error).message}); install them by hand and try again.`, { cause: err });
  }
  const still = missing.filter((n) => !existsSync(n.file));
  if (still.length > 0) throw new Error(`apt-get installed ${pkgs.join(' ')} but ${still.map((n) => n.file).join(', ')} is still missing.`);
}
