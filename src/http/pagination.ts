// Cursor pagination of docs/api.md §0: `?limit=` (1–200, default 50) and an opaque `?cursor=`
// → `{success, data: [...], next_cursor}`. The cursor is the sort key of the last row returned.
import { Type } from 'typebox';
import { invalidFields } from './errors.js';

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
};

export const Page = <T extends Parameters<typeof Type.Array>[0]>(item: T) =>
  Type.Object({ success: Type.Literal(true), data: Type.Array(item), next_cursor: Type.Union([Type.String(), Type.Null()]) });

export function encodeCursor(parts: (string | number)[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

/** What a cursor element must be: an ISO timestamp, an id, or a non-negative integer. */
export type CursorPart = 'date' | 'id' | 'int';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const ID = /^[A-Za-z0-9_.:-]{1,200}$/;

function partOk(kind: CursorPart, v: unknown): boolean {
  if (kind === 'int') return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
  if (typeof v !== 'string') return false;
  // A date that parses and prints back the same: no "2024-02-31", nothing PostgreSQL would refuse.
  if (kind === 'date') return ISO.test(v) && !Number.isNaN(Date.parse(v)) && new Date(v).toISOString().slice(0, 19) === v.slice(0, 19);
  return ID.test(v);
}

/**
 * The sort key a cursor from `pageOf` carries, checked element by element: whatever a client
 * makes of a cursor is a 400, never a statement the database refuses.
 */
export function decodeCursor(cursor: string | undefined, kinds: CursorPart[]): (string | number)[] | null {
  if (!cursor) return null;
  try {
    const parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(parts) && parts.length === kinds.length && kinds.every((k, i) => partOk(k, parts[i]))) return parts as (string | number)[];
  } catch {
    // fall through
  }
  throw invalidFields([{ path: '/cursor', message: 'is not a cursor from this API' }]);
}

/** `?limit=` and `?cursor=` of a list; the schema bounded the limit (http/validation.ts reads it as text first). */
export function pageParams(query: { limit?: number; cursor?: string }, kinds: CursorPart[]) {
  return { limit: query.limit ?? 50, after: decodeCursor(query.cursor, kinds) };
}

/** Fetch limit+1 rows; this trims and produces next_cursor from the last row kept. */
export function pageOf<R>(rows: R[], limit: number, key: (r: R) => (string | number)[]) {
  const more = rows.length > limit;
  const data = more ? rows.slice(0, limit) : rows;
  return { data, next_cursor: more ? encodeCursor(key(data[data.length - 1])) : null };
}
