// Cursor pagination of API.md §0: `?limit=` (1–200, default 50) and an opaque `?cursor=`
// → `{success, data: [...], next_cursor}`. The cursor is the sort key of the last row returned.
import { Type } from 'typebox';
import { VaultError } from '../plugins/errors.js';

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
};

export const Page = <T extends Parameters<typeof Type.Array>[0]>(item: T) =>
  Type.Object({ success: Type.Literal(true), data: Type.Array(item), next_cursor: Type.Union([Type.String(), Type.Null()]) });

export function encodeCursor(parts: (string | number)[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, arity: number): (string | number)[] | null {
  if (!cursor) return null;
  try {
    const parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(parts) && parts.length === arity && parts.every((p) => typeof p === 'string' || typeof p === 'number')) return parts;
  } catch {
    // fall through
  }
  throw new VaultError('validation_error', 'The cursor is not valid.', { details: [{ path: '/cursor', message: 'is not a cursor from this API' }] });
}

/** Fetch limit+1 rows; this trims and produces next_cursor from the last row kept. */
export function pageOf<R>(rows: R[], limit: number, key: (r: R) => (string | number)[]) {
  const more = rows.length > limit;
  const data = more ? rows.slice(0, limit) : rows;
  return { data, next_cursor: more ? encodeCursor(key(data[data.length - 1])) : null };
}
