// Which failures mean "the database is unreachable or read-only right now" (answered 503 and
// never retried job by job), as opposed to one statement's own error. The two timeouts are the
// pool's own (src/db/database.ts): no connection, or no answer, within the bound.
// 25006 (read-only transaction): the server reached is a standby, e.g. one Patroni is promoting
// (its /primary check turns 200 a moment before PostgreSQL accepts writes) or a demoted primary.
// 53100 (disk_full), 53000 (insufficient_resources): the data volume is full; nothing of that
// statement was committed, and the same statement succeeds once space returns.
const PG_UNAVAILABLE = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', '57P01', '57P02', '57P03', '08000', '08003', '08006', '25006', '53000', '53100',
]);

export function isDatabaseDown(e: unknown): boolean {
  const err = (e ?? {}) as { code?: string; message?: string };
  return (
    (err.code !== undefined && PG_UNAVAILABLE.has(err.code)) ||
    /Connection terminated|connection timeout|Client has encountered a connection error|Query read timeout|timeout exceeded when trying to connect/i.test(err.message ?? '')
  );
}
