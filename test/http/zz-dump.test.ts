import { writeFileSync } from 'node:fs';
import { it } from 'vitest';
import { startVault } from '../helpers.js';
it('dump', async () => {
  const v = await startVault();
  const spec = (await v.app.inject({ method: 'GET', url: '/openapi.json' })).json();
  writeFileSync(process.env.DUMP ?? '/tmp/oa/before.json', JSON.stringify(spec, null, 2));
  await v.close();
});
