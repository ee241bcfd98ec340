// `npm run example`: the whole checkout on this machine, in one process —
//   the vault on http://127.0.0.1:8787 (embedded PostgreSQL under .vault-example/),
//   a PSP double on http://127.0.0.1:8789, and the shop on http://localhost:8788 (another origin).
// The first run creates a development project whose elements_origins allow http://localhost:*
// and keeps its application's keys in .vault-example/example.json. `npm run example` builds the
// SDK first (the vault serves its frames from packages/elements/dist).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../../src/app.js';
import { ALL_PERMISSIONS } from '../../src/applications/permissions.js';
import { createApplication } from '../../src/applications/service.js';
import { openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { openFromEnvironment } from '../../src/environment.js';
import { createProject } from '../../src/projects/service.js';
import { startPspDouble, startShop } from './shop.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const VAULT_PORT = 8787;
const SHOP_PORT = 8788;
const PSP_PORT = 8789;
const dataDir = path.join(ROOT, '.vault-example');

const env = await openFromEnvironment({
  ...process.env, DATA_DIR: dataDir, PORT: String(VAULT_PORT), HOST: '127.0.0.1', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  // The PSP double listens on loopback over plain http.
  PROXY_ALLOW_PRIVATE_NETWORKS: 'true',
});
const migrations = openDatabase(env.config.databaseUrl, 1);
await migrateToLatest(migrations.db);
await migrations.close();
const vault = await buildApp(env.config);
const vaultUrl = await vault.listen({ port: VAULT_PORT, host: '127.0.0.1' });

const keysFile = path.join(dataDir, 'example.json');
if (!existsSync(keysFile)) {
  const { database, keys } = vault.vault;
  const created = await database.db.transaction().execute(async (trx) => {
    const project = await createProject(trx, keys, { name: 'Checkout example', environment: 'development' });
    await trx.updateTable('projects').set({ elements_origins: ['http://localhost:*'] }).where('id', '=', project.id).execute();
    const app = await createApplication(trx, { projectId: project.id, environment: 'development', name: 'shop', permissions: ALL_PERMISSIONS, region: env.config.region });
    return { apiKey: app.api_key, pubKey: app.pub_key };
  });
  writeFileSync(keysFile, JSON.stringify(created, null, 2), { mode: 0o600 });
}
const { apiKey, pubKey } = JSON.parse(readFileSync(keysFile, 'utf8')) as { apiKey: string; pubKey: string };

const psp = await startPspDouble(PSP_PORT);
const shop = await startShop({ vaultUrl, apiKey, pubKey, pspUrl: psp.url, port: SHOP_PORT });
console.log(`vault ${vaultUrl} · PSP double ${psp.url}\ncheckout: ${shop.url}  (test card 4242 4242 4242 4242, any future date, any CVV; Ctrl-C stops)`);

let stopping = false;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    if (stopping) return;
    stopping = true;
    void (async () => {
      await shop.close();
      await psp.close();
      await vault.close();
      await env.embedded?.stop();
      process.exit(0);
    })();
  });
}
