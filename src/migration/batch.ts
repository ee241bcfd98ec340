// One batch of `vault import`: one transaction that inserts its rows, tells which were already
// there, and writes its audit entry (docs/migration.md "Idempotent and resumable").
// A row with its own id is found again by that id; a row without one by the keyed fingerprint
// (it is stored deduplicated). A row without an id whose drawn token turns out to be taken (a
// digit format's small space, or another row's own id) is drawn again, as /tokenize does.
import { sql, type Transaction } from 'kysely';
import { type ProjectKey, tokenAad } from '../crypto/datakeys.js';
import { writeAudit } from '../db/audit.js';
import { auditEvent } from '../db/audit-events.js';
import type { DB } from '../db/schema.js';
import { VaultError } from '../http/errors.js';
import { digitPattern, drawToken, freeDigits } from '../tokens/format.js';
import type { PreparedItem } from '../tokens/prepare.js';
import { FORMAT } from '../lib/token-formats.js';

export interface Row {
  line: number;
  own: boolean;
  token: string;
  item: PreparedItem;
  fp: string;
  ct: Buffer;
  expiresAt: Date | null;
}

export interface BatchOutcome {
  imported: number;
  present: number;
  failed: { line: number; error: VaultError }[];
}

/** Times a row without an id is drawn again before it fails (token_space_exhausted). */
const REDRAWS = 4;

const INSERT = (projectId: string, now: Date, b: Row[]) => sql<{ token: string; type: string; fingerprint: string }>`
  INSERT INTO tokens (project_id, token, type, format, ciphertext, fingerprint, dedup, display, metadata, test, app_id, created_at, expires_at)
  SELECT ${projectId}, t.token, t.type, t.format, t.ct, t.fp, t.dedup, t.display, t.meta, false, NULL, ${now}, t.exp
  FROM unnest(${b.map((r) => r.token)}::text[], ${b.map((r) => r.item.type)}::text[], ${b.map((r) => r.item.format)}::text[], ${b.map((r) => r.ct)}::bytea[],
              ${b.map((r) => r.fp)}::text[], ${b.map((r) => !r.own)}::bool[], ${b.map((r) => JSON.stringify(r.item.display))}::jsonb[],
              ${b.map((r) => (r.item.metadata === null ? null : JSON.stringify(r.item.metadata)))}::jsonb[], ${b.map((r) => r.expiresAt)}::timestamptz[])
    AS t(token, type, format, ct, fp, dedup, display, meta, exp)
  ON CONFLICT DO NOTHING
  RETURNING token, type, fingerprint`;

const valueOf = (r: Row) => `${r.item.type}\0${r.fp}`;

/** Which of these rows' values (type and fingerprint) are stored deduplicated in the project. */
async function storedValues(trx: Transaction<DB>, projectId: string, rows: Row[]): Promise<Set<string>> {
  const found = await sql<{ type: string; fingerprint: string }>`
    SELECT t.type, t.fingerprint FROM tokens t
    JOIN unnest(${rows.map((r) => r.item.type)}::text[], ${rows.map((r) => r.fp)}::text[]) AS x(type, fp)
      ON t.project_id = ${projectId} AND t.type = x.type AND t.fingerprint = x.fp AND t.dedup`.execute(trx);
  return new Set(found.rows.map((r) => `${r.type}\0${r.fingerprint}`));
}

/**
 * New tokens for rows whose drawn token was taken: for a digit format, first learn which tokens
 * of that shape are in use (as the API's retry does), so the next draw avoids them.
 */
async function redraw(trx: Transaction<DB>, key: ProjectKey, projectId: string, rows: Row[], taken: Set<string>): Promise<{ again: Row[]; exhausted: Row[] }> {
  const patterns = new Set(rows.filter((r) => freeDigits(r.item.format, 0) !== null).map((r) => digitPattern(r.item.format, r.item.pan!)));
  for (const pattern of patterns) {
    // The API's query (tokens/sql.ts), in this transaction.
    const { rows: found } = await sql<{ token: string }>`SELECT token FROM tokens WHERE project_id = ${projectId} AND token LIKE ${pattern}`.execute(trx);
    for (const f of found) taken.add(f.token);
  }
  const again: Row[] = [];
  const exhausted: Row[] = [];
  for (const r of rows) {
    const t = drawToken(r.item, () => key.ff1(), projectId, (c) => taken.has(c));
    if (t === null) exhausted.push(r);
    else {
      taken.add(t);
      again.push({ ...r, token: t, ct: key.seal(r.item.plaintext, tokenAad(projectId, t)) });
    }
  }
  return { again, exhausted };
}

/** Writes one batch in `trx`; the caller commits it with its seal counts. */
export async function writeRows(trx: Transaction<DB>, key: ProjectKey, projectId: string, importId: string, rows: Row[]): Promise<BatchOutcome> {
  const now = new Date();
  // A drawn token that is another row's own id in this batch yields to it, as /tokenize's
  // `taken` set makes it (an fpe token is its card's: the first row asking for it wins).
  const ownIds = new Set(rows.filter((r) => r.own).map((r) => r.token));
  const taken = new Set(rows.map((r) => r.token));
  const batch = rows.map((r) => {
    if (r.own || r.item.format === FORMAT.fpe || !ownIds.has(r.token)) return r;
    const t = drawToken(r.item, () => key.ff1(), projectId, (c) => taken.has(c));
    if (t === null) return r; // the space is used up: left as drawn
    taken.add(t);
    return { ...r, token: t, ct: key.seal(r.item.plaintext, tokenAad(projectId, t)) };
  });
  const out: BatchOutcome = { imported: 0, present: 0, failed: [] };
  // Which value each inserted token holds: two rows of a batch may carry the same own id.
  const inserted = new Map<string, string>();
  const insert = async (rows: Row[]) => {
    for (const r of (await INSERT(projectId, now, rows).execute(trx)).rows) inserted.set(r.token, `${r.type}\0${r.fingerprint}`);
  };
  await insert(batch);

  // Own ids: one not inserted is already present when it holds the same value; otherwise the
  // id is another card's in this project.
  const own = batch.filter((r) => r.own);
  const missing = own.filter((r) => inserted.get(r.token) !== valueOf(r)).map((r) => r.token);
  const existing = new Map<string, string>();
  if (missing.length > 0) {
    const found = await sql<{ token: string; type: string; fingerprint: string }>`
      SELECT token, type, fingerprint FROM tokens WHERE project_id = ${projectId} AND token = ANY(${missing}::text[])`.execute(trx);
    for (const r of found.rows) existing.set(r.token, `${r.type}\0${r.fingerprint}`);
  }
  const claimed = new Set<string>();
  for (const r of own) {
    if (inserted.get(r.token) === valueOf(r) && !claimed.has(r.token)) {
      claimed.add(r.token);
      out.imported++;
    } else if ((inserted.get(r.token) ?? existing.get(r.token)) === valueOf(r)) out.present++;
    else out.failed.push({ line: r.line, error: new VaultError('token_exists') });
  }

  // Rows without an id: inserted, or their value is stored (by an earlier run or an earlier row
  // of this batch), or their drawn token was taken and they are drawn again.
  let open = batch.filter((r) => !r.own);
  for (let round = 0; open.length > 0; round++) {
    const lost: Row[] = [];
    for (const r of open) {
      // Two fpe rows of one card carry the same token: the first is imported, the second present.
      if (inserted.get(r.token) === valueOf(r) && !claimed.has(r.token)) {
        claimed.add(r.token);
        out.imported++;
      } else lost.push(r);
    }
    if (lost.length === 0) break;
    const stored = await storedValues(trx, projectId, lost);
    const retry: Row[] = [];
    for (const r of lost) {
      if (stored.has(valueOf(r))) out.present++;
      // An fpe token is its card's: taken by another row's own id, it cannot be drawn again.
      else if (r.item.format === FORMAT.fpe) out.failed.push({ line: r.line, error: new VaultError('token_exists') });
      else if (round >= REDRAWS) out.failed.push({ line: r.line, error: new VaultError('token_space_exhausted') });
      else retry.push(r);
    }
    const { again, exhausted } = await redraw(trx, key, projectId, retry, taken);
    for (const r of exhausted) out.failed.push({ line: r.line, error: new VaultError('token_space_exhausted') });
    open = again;
    if (open.length > 0) await insert(open);
  }

  await writeAudit(trx, null, auditEvent('import_batch', {
    projectId,
    details: {
      import_id: importId, first_line: batch[0].line, last_line: batch.at(-1)!.line,
      imported: out.imported, already_present: out.present, failed: out.failed.length, tokens: [...inserted.keys()],
    },
  }));
  return out;
}
