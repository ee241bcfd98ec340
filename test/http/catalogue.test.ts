// The error catalogue is the one place messages are written: docs/errors.md is generated from it
// (UPDATE_DOCS=1 rewrites it), every entry is used, and no handler builds a message by hand.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ErrorName, ERRORS, VaultError } from '../../src/http/errors.js';
import { catalogueProblem } from '../support/catalogue.js';

const ROOT = join(import.meta.dirname, '../..');
const sources = (readdirSync(join(ROOT, 'src'), { recursive: true }) as string[])
  .filter((f) => f.endsWith('.ts'))
  .map((f) => ({ file: `src/${f}`, text: readFileSync(join(ROOT, 'src', f), 'utf8') }));

function render(): string {
  const rows = Object.entries(ERRORS).map(([name, e]) => {
    const code = 'code' in e ? e.code : name;
    const message = 'note' in e ? `${e.message.replace(/%s/g, '…')} (${e.note})` : e.message.replace(/%s/g, '…');
    return `| ${e.status} | \`${code}\` | ${code === name ? '' : `\`${name}\``} | ${message.replace(/\|/g, '\\|')} |`;
  });
  return [
    '# Errors',
    '',
    'Generated from `src/http/catalogue.ts` by `UPDATE_DOCS=1 npx vitest run test/http/catalogue.test.ts`; do not edit by hand.',
    '',
    'Every failure answers in the one shape of [api.md §0](api.md): `{"success": false, "message", "data": null, "error": {"code", "request_id", "details"?}}`.',
    'Clients should match on `error.code` (the wire code). Where Ozura documents a message, the message is Ozura\'s words exactly.',
    'A *variant* is a more precise sentence for the same wire code; `…` stands for a fixed value of ours (a limit, a role or field name) or a fixed sentence from a library, never request data.',
    '',
    '| status | code | variant | message |',
    '|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

describe('error catalogue', () => {
  it('docs/errors.md is generated from it', () => {
    const path = join(ROOT, 'docs/errors.md');
    if (process.env.UPDATE_DOCS) writeFileSync(path, render());
    expect(readFileSync(path, 'utf8')).toBe(render());
  });

  it('every entry is thrown somewhere, by name', () => {
    const all = sources.map((s) => s.text).join('\n');
    const unused = (Object.keys(ERRORS) as ErrorName[]).filter((name) => !all.includes(`'${name}'`) && !all.includes(`"${name}"`));
    expect(unused).toEqual([]);
  });

  it('no source builds an error message by hand', () => {
    const handMade = sources.flatMap(({ file, text }) =>
      [...text.matchAll(/new VaultError\(([^)]*)/g)].filter((m) => /^\s*['"`][^'"`]*['"`]\s*,\s*['"`]/.test(m[1])).map((m) => `${file}: ${m[0]}`),
    );
    expect(handMade).toEqual([]);
  });

  it('a message with %s is filled in order, and the check refuses what is not an entry', () => {
    const e = new VaultError('role_too_low', { args: ['viewer', 'admin'] });
    expect([e.code, e.status, e.message]).toEqual(['permission_denied', 403, 'Your role (viewer) does not allow this; it needs admin or above.']);
    expect(catalogueProblem(403, { message: e.message, error: { code: e.code } })).toBeNull();
    expect(catalogueProblem(403, { message: 'Your role is wrong.', error: { code: 'permission_denied' } })).toMatch(/not in the catalogue/);
    expect(catalogueProblem(404, { message: 'Project not found.', error: { code: 'not_found' } })).toBeNull();
    expect(catalogueProblem(401, { message: 'Project not found.', error: { code: 'not_found' } })).toMatch(/status 401/);
  });
});
