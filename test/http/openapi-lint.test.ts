// The document a booted vault serves at /openapi.json, judged by two external linters with the
// rulesets checked into the repository: Redocly's `recommended` (redocly.yaml) and Spectral's
// `spectral:oas` plus the OWASP API Security ruleset (.spectral.yaml, where every finding not
// fixed is answered with its reason). Any finding fails. No network: the linters run from
// node_modules, telemetry and update checks off.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVault, type TestVault } from '../helpers.js';

const ROOT = join(import.meta.dirname, '../..');
const run = promisify(execFile);

type Operation = { operationId?: string; description?: string; security?: unknown[]; responses: Record<string, unknown> };
type OpenApi = { paths: Record<string, Record<string, Operation>> };

let v: TestVault;
let spec: OpenApi;
let dir: string;
beforeAll(async () => {
  v = await startVault();
  spec = (await v.app.inject({ method: 'GET', url: '/openapi.json' })).json();
  dir = mkdtempSync(join(tmpdir(), 'openapi-lint-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await v.close();
});

/**
 * Spectral's findings. Its overrides name the document `openapi.json` beside .spectral.yaml, so it is
 * written there (git-ignored; where `curl …/openapi.json > openapi.json` puts it by hand).
 */
async function spectral(doc: object): Promise<string[]> {
  const file = join(ROOT, 'openapi.json');
  writeFileSync(file, JSON.stringify(doc, null, 2));
  try {
    const args = ['lint', 'openapi.json', '--ruleset', '.spectral.yaml', '--format', 'json', '--quiet', '--fail-severity', 'hint'];
    const out = await run(join(ROOT, 'node_modules/.bin/spectral'), args, { cwd: ROOT, maxBuffer: 64 << 20 }).catch((e: { stdout?: string }) => ({ stdout: e.stdout ?? '' }));
    const results = JSON.parse(out.stdout) as { code: string; path: string[]; message: string }[];
    return results.map((r) => `${r.code} ${r.path.join('/')}: ${r.message}`);
  } finally {
    rmSync(file, { force: true });
  }
}

/** Redocly's findings, from its CLI (it exits 1 on errors: the JSON report is read either way). */
async function redocly(doc: object): Promise<string[]> {
  const file = join(dir, 'openapi.json');
  writeFileSync(file, JSON.stringify(doc));
  const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };
  const args = ['lint', file, '--config', join(ROOT, 'redocly.yaml'), '--format', 'json', '--max-problems', '10000'];
  const out = await run(join(ROOT, 'node_modules/.bin/redocly'), args, { env, cwd: ROOT, maxBuffer: 64 << 20 }).catch((e: { stdout?: string }) => ({ stdout: e.stdout ?? '' }));
  const report = JSON.parse(out.stdout) as { problems: { ruleId: string; message: string; location: { pointer: string }[] }[] };
  return report.problems.map((p) => `${p.ruleId} ${p.location[0]?.pointer}: ${p.message}`);
}

describe('/openapi.json under external linters', { timeout: 120_000 }, () => {
  it('Redocly recommended: no error, no warning', async () => {
    expect(await redocly(spec)).toEqual([]);
  });

  it('Spectral (spectral:oas + OWASP): every finding fixed or answered in .spectral.yaml', async () => {
    expect(await spectral(spec)).toEqual([]);
  });

  it('the judges can fail: an operation stripped of its security, id and errors is caught by both', async () => {
    const broken = structuredClone(spec);
    const op = broken.paths['/detokenize'].post;
    delete op.security;
    delete op.operationId;
    for (const status of Object.keys(op.responses)) if (!status.startsWith('2')) delete op.responses[status];
    const found = [...(await redocly(broken)), ...(await spectral(broken))].join('\n');
    for (const rule of ['security-defined', 'operation-operationId', 'operation-4xx-response', 'owasp:api2:2023-write-restricted', 'owasp:api8:2023-define-error-responses-401']) {
      expect(found).toContain(rule);
    }
  });

  it('every operation: an operationId, a description, its security, the error answers its guard gives', () => {
    const ops = Object.entries(spec.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ name: `${method} ${path}`, op })));
    expect(ops.length).toBeGreaterThan(50);
    const ids = new Set(ops.map((o) => o.op.operationId));
    expect(ids.size).toBe(ops.length);
    for (const { name, op } of ops) {
      expect(op.description, name).toBeTruthy();
      expect(op.security, name).toBeDefined();
      expect(Object.keys(op.responses), name).toEqual(expect.arrayContaining(['400', '500']));
      if (op.security!.length > 0) expect(Object.keys(op.responses), name).toContain('401');
    }
    const protectedOps = ops.filter((o) => o.op.security!.length > 0).map((o) => o.name);
    expect(protectedOps).toEqual(expect.arrayContaining(['post /tokenize', 'post /detokenize', 'get /api/projects', 'post /proxy/transaction', 'get /api/audit-logs']));
    expect(spec.paths['/auth/login'].post.responses['429']).toMatchObject({ headers: { 'Retry-After': expect.anything() } });
  });
});
