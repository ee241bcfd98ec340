// .env.example lists every variable the vault reads, and only those (issue 29 item 7): the list
// in src/config/variables.ts, and every `env.NAME` read anywhere under src/ (a read of a name
// the list lacks would also be reported as a misspelling when set).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { VARIABLES } from '../../src/config.js';

const ROOT = path.join(import.meta.dirname, '../..');
const example = readFileSync(path.join(ROOT, '.env.example'), 'utf8');
// `NAME=value` or `#NAME=default`: a variable line, set or shown with its default.
const listed = [...example.matchAll(/^#?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]);
// The operating system's, read by the CLI to find tools: not the vault's.
const NOT_OURS = new Set(['PATH']);

function readsUnderSrc(): Set<string> {
  const names = new Set<string>();
  const dir = path.join(ROOT, 'src');
  for (const f of readdirSync(dir, { recursive: true }) as string[]) {
    if (!f.endsWith('.ts')) continue;
    for (const m of readFileSync(path.join(dir, f), 'utf8').matchAll(/\benv\.([A-Z][A-Z0-9_]+)\b/g)) if (!NOT_OURS.has(m[1])) names.add(m[1]);
  }
  return names;
}

describe('.env.example', () => {
  it('lists every variable of the config, each once', () => {
    expect([...VARIABLES].filter((v) => !listed.includes(v))).toEqual([]);
    expect(listed.filter((v, i) => listed.indexOf(v) !== i)).toEqual([]);
  });

  it('lists nothing the vault does not read', () => {
    expect(listed.filter((v) => !(VARIABLES as readonly string[]).includes(v))).toEqual([]);
  });

  it('every variable read under src/ is in the config list (and so in .env.example)', () => {
    const reads = readsUnderSrc();
    expect(reads.size).toBeGreaterThan(20); // the scan itself works
    expect([...reads].filter((v) => !(VARIABLES as readonly string[]).includes(v))).toEqual([]);
  });

  it('every listed variable has a comment above it', () => {
    const lines = example.split('\n');
    const bare = lines.flatMap((l, i) => (/^#?[A-Z][A-Z0-9_]+=/.test(l) && !lines.slice(0, i).reverse().find((p) => !/^#?[A-Z][A-Z0-9_]+=/.test(p))?.startsWith('# ') ? [l] : []));
    expect(bare).toEqual([]);
  });

  // docs/operations.md's production checklist names only variables that exist (a renamed one would
  // otherwise send an operator after a setting the vault ignores).
  it('every variable the Production section of docs/operations.md names is a vault variable', () => {
    const doc = readFileSync(path.join(ROOT, 'docs/operations.md'), 'utf8');
    const section = doc.slice(doc.indexOf('## Production'), doc.indexOf('\n## ', doc.indexOf('## Production') + 1));
    const named = new Set([...section.matchAll(/`([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)[=`]/g)].map((m) => m[1]));
    expect(named.size).toBeGreaterThan(10);
    expect([...named].filter((v) => !(VARIABLES as readonly string[]).includes(v))).toEqual([]);
  });
});
