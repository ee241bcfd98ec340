// Compares two /openapi.json documents on what the wire is: paths, methods, parameters (name, place,
// required, type), request and response bodies (status codes and schema shapes). What only
// documents the wire is ignored: descriptions, examples, formats, operation ids, security, tags,
// headers, the limits and error answers the newer document adds, and a shape given to a value
// documented as any JSON before (listed, not failed).
// Usage: node scripts/openapi-diff.mjs before.json after.json  (exit 1 when a shape differs)
import { readFileSync } from 'node:fs';

const [before, after] = process.argv.slice(2).map((f) => JSON.parse(readFileSync(f, 'utf8')));
const DOC_ONLY = new Set(['description', 'summary', 'example', 'examples', 'format', 'operationId', 'security', 'tags', 'headers', 'title']);
const LIMITS = new Set(['maxLength', 'maxItems', 'maxProperties', 'minimum', 'maximum', 'pattern']);

function resolve(doc, node) {
  if (Array.isArray(node)) return node.map((n) => resolve(doc, n));
  if (!node || typeof node !== 'object') return node;
  if (typeof node.$ref === 'string') return resolve(doc, node.$ref.slice(2).split('/').reduce((o, k) => o[k], doc));
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, resolve(doc, v)]));
}

function shape(node, limitsToo) {
  if (Array.isArray(node)) return node.map((n) => shape(n, limitsToo));
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([k]) => !DOC_ONLY.has(k) && !(limitsToo && LIMITS.has(k)))
      .map(([k, v]) => [k, shape(v, limitsToo)]),
  );
}

/** `after` says the same as `before`, or gives a shape where `before` allowed any value (`{}`). */
function covers(before, after) {
  if (before && typeof before === 'object' && !Array.isArray(before) && Object.keys(before).length === 0) return true;
  if (typeof before !== typeof after || Array.isArray(before) !== Array.isArray(after)) return false;
  if (!before || typeof before !== 'object') return before === after;
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].every((k) => k in before && k in after && covers(before[k], after[k]));
}

const added = [];
const changed = [];
const a = resolve(after, after.paths);
const b = resolve(before, before.paths);
for (const path of new Set([...Object.keys(a), ...Object.keys(b)])) {
  for (const method of new Set([...Object.keys(a[path] ?? {}), ...Object.keys(b[path] ?? {})])) {
    const x = b[path]?.[method];
    const y = a[path]?.[method];
    const name = `${method.toUpperCase()} ${path}`;
    if (!x || !y) { changed.push(`${name}: ${x ? 'removed' : 'added'}`); continue; }
    for (const status of Object.keys(y.responses)) if (!x.responses[status]) added.push(`${name}: response ${status}`);
    for (const status of Object.keys(x.responses)) if (!y.responses[status]) changed.push(`${name}: response ${status} removed`);
    const strip = (op, limits) => shape({ parameters: op.parameters, requestBody: op.requestBody, responses: Object.fromEntries(Object.keys(x.responses).map((s) => [s, op.responses[s]])) }, limits);
    if (!covers(strip(x, true), strip(y, true))) changed.push(`${name}: parameters or bodies differ`);
    else if (JSON.stringify(strip(x, true)) !== JSON.stringify(strip(y, true))) added.push(`${name}: a schema for a value documented as any JSON before`);
    else if (JSON.stringify(strip(x, false)) !== JSON.stringify(strip(y, false))) added.push(`${name}: limits (maxLength, maxItems, minimum, maximum, pattern)`);
  }
}
console.log(`added (documentation only): ${added.length}`);
for (const line of added) console.log(`  + ${line}`);
console.log(`changed: ${changed.length}`);
for (const line of changed) console.log(`  ! ${line}`);
process.exit(changed.length ? 1 : 0);
