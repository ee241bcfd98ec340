// Regenerates the typed client's types from a vault's /openapi.json:
//   npx tsx packages/node/scripts/generate.ts http://127.0.0.1:8080
// writes packages/node/src/openapi.ts. test/node/client.test.ts fails when the committed file no
// longer matches what the vault serves (and `UPDATE_OPENAPI=1 npx vitest run test/node` rewrites it).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const HEADER = '// Generated from the vault\'s /openapi.json by scripts/generate.ts: do not edit.\n';

export const OPENAPI_TS = fileURLToPath(new URL('../src/openapi.ts', import.meta.url));

/** The TypeScript types openapi-typescript makes of `spec`. */
export async function render(spec: object): Promise<string> {
  return HEADER + astToString(await openapiTS(spec as never));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const url = process.argv[2] ?? 'http://127.0.0.1:8080';
  const spec = (await (await fetch(`${url.replace(/\/$/, '')}/openapi.json`)).json()) as object;
  writeFileSync(OPENAPI_TS, await render(spec));
  console.log(`wrote ${OPENAPI_TS}`);
}
