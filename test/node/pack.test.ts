// The packages as a user installs them (issue 29 item 3): `npm pack` each one (its prepack builds
// it), install the tarball into a scratch project under os.tmpdir() without a network (openapi-fetch
// and its one dependency are packed from the repo's node_modules), then run the Node README's
// five-minute example against a booted vault, typecheck a consumer against the shipped .d.ts, and
// import the Elements ES module and check its exports.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERSION } from '../../src/lib/version.js';
import { startVault, type TestApp, type TestVault } from '../helpers.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const NPM = { env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' }, maxBuffer: 16 << 20 };

let v: TestVault;
let shop: TestApp;
let scratch: string;
let tarballs: string;

beforeAll(async () => {
  v = await startVault();
  shop = await v.createApp();
  scratch = mkdtempSync(path.join(tmpdir(), 'vault-pack-'));
  tarballs = mkdtempSync(path.join(tmpdir(), 'vault-tgz-'));
  writeFileSync(path.join(scratch, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
}, 300_000);
afterAll(async () => {
  await v.close();
  rmSync(scratch, { recursive: true, force: true });
  rmSync(tarballs, { recursive: true, force: true });
});

/** `npm pack DIR` into the tarball folder; the tarball's path. */
async function pack(dir: string, ours = true): Promise<string> {
  const { stdout } = await run('npm', ['pack', dir, '--pack-destination', tarballs, '--json'], { ...NPM, cwd: ROOT });
  const [{ filename, files }] = JSON.parse(stdout.slice(stdout.indexOf('['))) as { filename: string; files: { path: string }[] }[];
  // Our packages ship what they build and their README, not their sources or configuration.
  if (ours) expect(files.map((f) => f.path)).not.toContainEqual(expect.stringMatching(/^src\/|\.test\.|tsconfig/));
  return path.join(tarballs, filename);
}

const install = (...tgz: string[]) => run('npm', ['install', '--offline', ...tgz], { ...NPM, cwd: scratch });

/** The first ```js block of a README. */
const firstJsBlock = (md: string) => /```js\n([\s\S]*?)```/.exec(md)![1];

describe('npm pack → npm install → use', () => {
  it('@open-vault/node: the README example runs against a vault; the shipped types refuse a cardNumbr typo', async () => {
    const sdk = await pack('./packages/node');
    expect(path.basename(sdk)).toBe(`open-vault-node-${VERSION}.tgz`);
    const deps = await Promise.all(['openapi-fetch', 'openapi-typescript-helpers'].map((d) => pack(`./node_modules/${d}`, false)));
    await install(sdk, ...deps);
    const installed = JSON.parse(readFileSync(path.join(scratch, 'node_modules/@open-vault/node/package.json'), 'utf8')) as { version: string; license: string };
    expect(installed).toMatchObject({ version: VERSION, license: 'Apache-2.0' });

    writeFileSync(path.join(scratch, 'example.mjs'), firstJsBlock(readFileSync(path.join(ROOT, 'packages/node/README.md'), 'utf8')));
    const { stdout, stderr } = await run(process.execPath, ['example.mjs'], {
      cwd: scratch, env: { ...process.env, VAULT_URL: v.url, VAULT_API_KEY: shop.apiKey, VAULT_PUB_KEY: shop.pubKey },
    });
    expect(stderr).toBe('');
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^token tok_\w+ visa 1111 cvc session [0-9a-f-]{36}$/);
    expect(lines.slice(1)).toEqual([expect.stringMatching(/^batch tok_\w+ invalid_card_number$/), 'detokenized 12/2030', 'error token_not_found 404 with request id']);

    writeFileSync(path.join(scratch, 'consumer.ts'), [
      "import { createVaultClient, type TokenizeResponse } from '@open-vault/node';",
      "const vault = createVaultClient({ vaultUrl: 'http://127.0.0.1:1' });",
      "export const ok: Promise<TokenizeResponse> = vault.tokenize({ type: 'card', data: { cardNumber: '4111111111111111', expirationMonth: '12', expirationYear: '2030' } });",
      "export const bad = vault.tokenize({ type: 'card', data: { cardNumbr: '4111111111111111', expirationMonth: '12', expirationYear: '2030' } });",
    ].join('\n'));
    const tsc = [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022',
      '--skipLibCheck', '--typeRoots', path.join(ROOT, 'node_modules/@types'), '--types', 'node', 'consumer.ts'];
    const failed = await run(process.execPath, tsc, { cwd: scratch }).then(() => null, (e: { stdout: string }) => e.stdout);
    // Exactly one error, the typo, on line 4: the installed package's types resolve and are strict.
    expect(failed?.split('\n').filter((l) => l.startsWith('consumer.ts('))).toEqual([expect.stringMatching(/^consumer\.ts\(4,/)]);
    expect(failed).toContain("'cardNumbr' does not exist in type 'CardData");
  }, 300_000);

  it('@open-vault/elements: the installed ES module loads in Node and exports the SDK; ./react resolves', async () => {
    const tgz = await pack('./packages/elements');
    await install(tgz);
    writeFileSync(path.join(scratch, 'elements.mjs'), [
      "const m = await import('@open-vault/elements');",
      "console.log(JSON.stringify({ keys: Object.keys(m).sort(), create: typeof m.create, vault: typeof m.OzVault, def: Object.keys(m.default).sort(),",
      "  react: import.meta.resolve('@open-vault/elements/react').endsWith('/node_modules/@open-vault/elements/dist/react.js') }));",
    ].join('\n'));
    const { stdout } = await run(process.execPath, ['elements.mjs'], { cwd: scratch });
    expect(JSON.parse(stdout)).toEqual({ keys: ['OzElement', 'OzVault', 'VaultElementsError', 'create', 'default'], create: 'function', vault: 'function', def: ['OzVault', 'create'], react: true });
    const types = readFileSync(path.join(scratch, 'node_modules/@open-vault/elements/dist/types/index.d.ts'), 'utf8');
    expect(types).toContain('export declare function create(options: VaultOptions): OzVault;');
  }, 300_000);
});
