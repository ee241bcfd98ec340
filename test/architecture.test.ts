// The floors of docs/architecture.md, checked from the imports: a folder may import only from
// folders on lower floors. Also: no source file over 400 lines, no import cycle in the dashboard,
// and the closed vocabularies (audit events, …) spelled only in their catalogues.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_EVENTS } from '../src/db/audit-events.js';
import { ENVIRONMENTS } from '../src/lib/environments.js';
import { ROLES } from '../src/lib/roles.js';
import { TOKEN_FORMATS } from '../src/lib/token-formats.js';

const ROOT = join(import.meta.dirname, '..');

/** Lowest first. `app`, `environment`, `main` and `config` are the files src/<name>.ts. */
const FLOORS: string[][] = [
  ['lib'],
  ['db', 'mail'],
  ['crypto'],
  ['config'],
  ['http'],
  ['net'],
  ['plugins'],
  ['mfa'],
  ['auth'],
  ['members'],
  ['applications'],
  ['session-keys'],
  ['audit'],
  ['projects'],
  ['tokens'],
  ['proxy'],
  ['webhooks'],
  ['inbound'],
  ['idempotency'],
  ['elements'],
  ['ops'],
  ['migration'],
  ['app', 'environment'],
  ['main', 'cli'],
];
const floorOf = new Map(FLOORS.flatMap((names, i) => names.map((n) => [n, i] as const)));

const files = (dir: string, ext: RegExp) =>
  (readdirSync(join(ROOT, dir), { recursive: true }) as string[]).filter((f) => ext.test(f)).map((f) => join(ROOT, dir, f));

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'";]*?from\s+'(\.[^']+)'/g)].map((m) => resolve(dirname(file), m[1]));
}

const folderOf = (path: string) => {
  const [top] = relative(join(ROOT, 'src'), path).split('/');
  return top.replace(/\.(js|ts)$/, '');
};

describe('architecture', () => {
  it('every folder of src/ has a floor', () => {
    const folders = new Set(files('src', /\.ts$/).map(folderOf));
    expect([...folders].filter((f) => !floorOf.has(f))).toEqual([]);
  });

  it('no import points to a folder on the same or a higher floor', () => {
    const arrows = new Set<string>();
    for (const file of files('src', /\.ts$/)) {
      const from = folderOf(file);
      for (const target of imports(file)) {
        const to = folderOf(target);
        if (to !== from && !(floorOf.get(from)! > floorOf.get(to)!)) arrows.add(`${from} -> ${to}`);
      }
    }
    expect([...arrows].sort()).toEqual([]);
  });

  it('no source file is over 400 lines', () => {
    const long = [...files('src', /\.ts$/), ...files('web/src', /\.tsx?$/)]
      .map((f) => ({ f: relative(ROOT, f), n: readFileSync(f, 'utf8').split('\n').length }))
      .filter(({ n }) => n > 400)
      .map(({ f }) => f);
    expect(long).toEqual([]);
  });

  // A closed vocabulary lives in one place (issue 24.3): token types only in src/tokens/types/
  // (migrations, which are history, excepted). `'string'` counts only where it names a token type
  // (`.type === 'string'`, a Literal), not as a typeof or JSON-schema word.
  it('no token-type literal outside src/tokens/types/', () => {
    const TYPE_LITERAL = /['"`](card|bank)['"`]|\btype\s*[!=]==?\s*['"`]string['"`]|Literal\(\s*['"`]string['"`]\s*\)/;
    const found: string[] = [];
    for (const file of files('src', /\.ts$/)) {
      const rel = relative(ROOT, file);
      // src/http/openapi.ts speaks JSON Schema, whose `type: 'string'` is not a token type.
      if (rel.startsWith('src/tokens/types/') || rel.startsWith('src/db/migrations/') || rel === 'src/http/openapi.ts') continue;
      readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
        const m = TYPE_LITERAL.exec(line.replace(/typeof\s+[\w.$[\]'"]+\s*[!=]==?\s*['"]string['"]/g, ''));
        if (m) found.push(`${rel}:${i + 1}: ${m[0]}`);
      });
    }
    expect(found).toEqual([]);
  });

  it('the dashboard has no import cycle', () => {
    const graph = new Map(files('web/src', /\.tsx?$/).map((f) => [f.replace(/\.tsx?$/, ''), imports(f).map((t) => t.replace(/\.(js|tsx?)$/, ''))]));
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (node: string, path: string[]) => {
      if (state.get(node) === 'done') return;
      if (state.get(node) === 'open') return void cycles.push([...path.slice(path.indexOf(node)), node].map((p) => relative(ROOT, p)).join(' -> '));
      state.set(node, 'open');
      for (const next of graph.get(node) ?? []) if (graph.has(next)) visit(next, [...path, node]);
      state.set(node, 'done');
    };
    for (const node of graph.keys()) visit(node, []);
    expect(cycles).toEqual([]);
  });

  // Comments may name anything; code may not.
  const code = (file: string) => readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
  const srcFiles = () => files('src', /\.ts$/).map((f) => ({ f: relative(ROOT, f), text: code(f) }));
  const AUDIT_CATALOGUE = 'src/db/audit-events.ts';

  // One service style (issue 24.2, docs/architecture.md): a file that declares routes reaches the
  // database only through a service of app.vault. The readiness probe's job is to ask PostgreSQL.
  it('no route file holds the database', () => {
    const ROUTE = /\bapp\.(get|post|put|patch|delete|route)\(/;
    const PROBE = 'src/ops/routes.ts';
    const holding = srcFiles()
      .filter(({ text }) => ROUTE.test(text) && /\.database\b|\bKysely\b|\bpool\.query\(/.test(text))
      .map(({ f, text }) => (f === PROBE && !/\.database\.db\b/.test(text) ? null : f))
      .filter((f) => f !== null);
    expect(holding).toEqual([]);
  });

  it('audit rows are inserted only with the catalogue\'s column list', () => {
    const raw = srcFiles().filter(({ f, text }) => f !== AUDIT_CATALOGUE && /INSERT\s+INTO\s+audit_log/i.test(text)).map(({ f }) => f);
    expect(raw).toEqual([]);
  });

  it('no audit event is spelled outside its catalogue', () => {
    const events = Object.values(AUDIT_EVENTS);
    const words = new Set<string>([...events.map((e) => e.action), ...events.map((e) => e.eventType)]);
    const found: string[] = [];
    for (const { f, text } of srcFiles()) {
      if (f === AUDIT_CATALOGUE) continue;
      // An entry built inline: `{ eventType: 'token', action: '…', resourceType: '…' }`.
      for (const m of text.matchAll(/\b(eventType|event_type|resourceType|resource_type|action)\s*:\s*'([^']*)'/g)) {
        if (m[1] !== 'action' || words.has(m[2])) found.push(`${f}: ${m[0]}`);
      }
      // Raw SQL (template strings) naming an event: it must interpolate the catalogue's strings.
      for (const t of text.matchAll(/`[^`]*`/g)) for (const q of t[0].matchAll(/'([a-z_.]+)'/g)) if (words.has(q[1])) found.push(`${f}: SQL '${q[1]}'`);
      // A writer names its event: the compiler checks the name against AuditEventName.
      for (const m of text.matchAll(/\b(?:auditEvent|userEvent|macFields)\('([^']*)'/g)) if (!(m[1] in AUDIT_EVENTS)) found.push(`${f}: ${m[0]}`);
    }
    expect(found).toEqual([]);
  });

  // One file per closed vocabulary; anywhere else its words are spelled through it (ENV.production,
  // ROLE.owner, KEY_PROVIDER.pkcs11) so a new value is one line there and a typo a type error.
  const VOCABULARIES: { file: string; words: readonly string[] }[] = [
    { file: 'src/lib/environments.ts', words: ENVIRONMENTS },
    { file: 'src/lib/roles.ts', words: ROLES },
    // 'keyring' is also a NOTIFY kind and a config field: only the HSM word is checked.
    { file: 'src/lib/key-providers.ts', words: ['pkcs11'] },
    { file: 'src/lib/token-formats.ts', words: TOKEN_FORMATS },
  ];
  const VOCABULARY_ALLOWED: { file: string; word: string; why: string }[] = [
    { file: 'src/config.ts', word: 'production', why: "NODE_ENV=production, Node's convention, not a project environment" },
    { file: 'src/cli/vault.ts', word: 'owner', why: 'the name of the --owner option, not a role' },
    { file: 'src/auth/mfa-routes.ts', word: 'numeric', why: 'an HTML inputmode, not a token format' },
  ];

  it('no word of a closed vocabulary is a literal outside its catalogue', () => {
    const found: string[] = [];
    for (const { f, text } of srcFiles()) {
      // Migrations are history: their CHECK constraints stay as they were written.
      if (f.startsWith('src/db/migrations/')) continue;
      for (const { file, words } of VOCABULARIES) {
        if (f === file) continue;
        for (const m of text.matchAll(/['"]([a-z0-9_]+)['"]/g)) {
          if (words.includes(m[1]) && !VOCABULARY_ALLOWED.some((a) => a.file === f && a.word === m[1])) found.push(`${f}: ${m[0]}`);
        }
      }
    }
    expect(found).toEqual([]);
  });
});
