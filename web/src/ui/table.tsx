// The one way the dashboard shows rows: a table with a caption for screen readers and column
// headers (nothing at all when there are no rows), its pager, and how times look in it.
import type { ReactNode } from 'react';

/**
 * `actions`: a last column of buttons, whose header only screen readers hear. A wide table
 * scrolls inside its own box (focusable, so keyboard users can scroll it too), never the page.
 */
export function Table<T>({ caption, head, actions, rows, row }: { caption: string; head: string[]; actions?: boolean; rows: T[] | undefined; row: (item: T) => ReactNode }) {
  if (!rows || rows.length === 0) return null;
  return (
    <div className="table-box" role="region" aria-label={caption} tabIndex={0}>
      <table>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
            {actions && (
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>{rows.map(row)}</tbody>
      </table>
    </div>
  );
}

/** Previous / next over cursor pages: `cursors` is the trail of pages seen, the last one shown. */
export function Pager({ cursors, setCursors, next, busy }: { cursors: (string | null)[]; setCursors: (c: (string | null)[]) => void; next: string | null; busy: boolean }) {
  if (cursors.length === 1 && !next) return null;
  return (
    <nav className="pager" aria-label="Pages">
      <button type="button" className="secondary" disabled={busy || cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))}>
        Previous page
      </button>
      <span>Page {cursors.length}</span>
      <button type="button" className="secondary" disabled={busy || !next} onClick={() => setCursors([...cursors, next])}>
        Next page
      </button>
    </nav>
  );
}

/** The browser's time zone, which every time on screen is shown in (e.g. "Europe/Berlin"). */
export function timeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'your local time';
}

export function fmtTime(s: string) {
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? s : d.toLocaleString();
}
