// Text PostgreSQL cannot store: NUL (in text and jsonb) and unpaired UTF-16 surrogates (jsonb
// refuses their \u escapes; text would silently turn them into U+FFFD). Such input is refused at
// validation, before it can reach a statement that other requests share. Nesting is bounded too:
// deep values overflow the stack of whatever recurses over them later (JSON.stringify, masking).

declare global {
  interface String {
    isWellFormed(): boolean; // ES2024, in Node ≥ 20
  }
}

export const MAX_DEPTH = 64;

export const storable = (s: string) => s.isWellFormed() && !s.includes('\0');

const SAFE_KEY = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;
/** A detail path that names a field only when the name is harmless: paths never quote input. */
export const fieldPath = (prefix: string, key: string | undefined) => (key !== undefined && SAFE_KEY.test(key) ? `${prefix}/${key}` : prefix || '/');

/**
 * The first problem in a parsed JSON value (or query/params object), or null. `skip` names a
 * top-level key left to its handler (batch items, which fail one by one). Iterative: the value
 * itself may be nested deeper than the stack allows.
 */
export function findBadText(value: unknown, prefix = '', skip?: string): { path: string; message: string } | null {
  const stack: [unknown, number, string | undefined][] = [[value, 0, undefined]];
  while (stack.length > 0) {
    const [v, depth, top] = stack.pop()!;
    if (typeof v === 'string') {
      if (!storable(v)) return { path: fieldPath(prefix, top), message: 'must not contain NUL characters or unpaired surrogates' };
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= MAX_DEPTH) return { path: fieldPath(prefix, top), message: `must not be nested more than ${MAX_DEPTH} levels deep` };
    if (Array.isArray(v)) {
      for (const x of v) stack.push([x, depth + 1, top]);
      continue;
    }
    for (const k of Object.keys(v)) {
      if (depth === 0 && k === skip) continue;
      const at = depth === 0 ? k : top;
      if (!storable(k)) return { path: fieldPath(prefix, at), message: 'must not contain NUL characters or unpaired surrogates' };
      stack.push([(v as Record<string, unknown>)[k], depth + 1, at]);
    }
  }
  return null;
}

/** Optimal string alignment distance: edits, with a swap of neighbours (PROT/PORT) as one. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The candidate closest to `name`, and its distance (for "did you mean …?"). */
export function nearest(name: string, candidates: readonly string[]): [string, number] {
  let best = candidates[0];
  let bestD = Infinity;
  for (const c of candidates) {
    const d = distance(name, c);
    if (d < bestD) [best, bestD] = [c, d];
  }
  return [best, bestD];
}
