// `vault import`: a file of cards (or bank accounts, or strings) into a project, with their own
// token ids (API.md §6.4, §6.2). Streaming with bounded memory: rows are parsed, validated with
// the API's own rules (tokens/prepare.ts), encrypted under the project's data key and written in
// batches of a few thousand rows per statement, while the next batch is being prepared.
// Idempotent and resumable: each batch commits in its own transaction with its audit entry, and
// ON CONFLICT DO NOTHING skips what is already there — by token id for rows that bring one, by
// the keyed fingerprint deduplication uses for rows that do not (they are stored deduplicated).
// So a run killed half-way, started again, finishes with every row exactly once.
import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { type Kysely, sql } from 'kysely';
import { DataKeys, fingerprint, persistCounts, type ProjectKey, tokenAad } from '../crypto/datakeys.js';
import type { Keyring } from '../crypto/keyring.js';
import { auditSlot, writeAudit } from '../db/audit.js';
import { auditEvent } from '../db/audit-events.js';
import type { DB } from '../db/schema.js';
import { VaultError } from '../http/errors.js';
import type { TokenFormat } from '../lib/token-formats.js';
import { drawToken } from '../tokens/format.js';
import { API_DEFAULTS, type ItemDefaults, prepareItem } from '../tokens/prepare.js';
import { type Row, writeRows } from './batch.js';
import { loadImportKey } from './import-key.js';
import { progress } from './progress.js';
import { columnsOf, rows, toItem } from './rows.js';
import { type Encryption, openSource } from './source.js';

export interface ImportOptions {
  db: Kysely<DB>;
  keyring: Keyring;
  projectId: string;
  file: string;
  /** Rows per statement and transaction. */
  batchSize?: number;
  /**
   * The format of the tokens drawn for rows without a token id (API.md §6.2), as if each row
   * named it. Without it, rows get the project's token_format where it fits, as tokenize items
   * without `format` do.
   */
  format?: TokenFormat;
  /** Batches written concurrently while the next one is prepared. */
  inflight?: number;
  progressStream?: NodeJS.WriteStream;
}

export interface RowFailure {
  line: number;
  code: string;
  message: string;
  details?: { path: string; message: string }[];
}

export interface ImportReport {
  import_id: string;
  project_id: string;
  file: string;
  encryption: Encryption;
  format: 'csv' | 'jsonl' | null;
  ignored_columns: string[];
  rows: number;
  imported: number;
  already_present: number;
  failed: number;
  failures: RowFailure[];
  /** More failed rows than listed (the list is capped so the report stays small). */
  failures_truncated: boolean;
  seconds: number;
  rows_per_second: number;
  /** CPU time of this process: rows per CPU second is what a loaded machine cannot distort. */
  cpu_seconds: number;
}

export class ImportError extends Error {}

const MAX_LISTED = 100_000;
const RETRIES = 3;

const failureOf = (line: number, e: VaultError): RowFailure => ({
  line, code: e.code, message: e.message, ...(e.options.details ? { details: e.options.details.map((d) => ({ path: d.path, message: d.message })) } : {}),
});

export async function importFile(opts: ImportOptions): Promise<ImportReport> {
  const { db, keyring, projectId } = opts;
  const batchSize = opts.batchSize ?? 4000;
  const started = Date.now();
  const cpu0 = process.cpuUsage();
  const project = await db.selectFrom('projects').select(['id', 'token_format']).where('id', '=', projectId).executeTakeFirst();
  if (!project) throw new ImportError(`no project ${projectId}`);
  const keys = new DataKeys(db, keyring);
  const key = await keys.get(projectId);
  // Loaded now: inside the batches' transactions it would need a connection they all hold.
  await auditSlot(db).ready();
  const report = emptyReport(projectId, opts.file);
  const source = await openVerified(opts);
  report.encryption = source.encryption;
  const bar = progress('importing', source.size, opts.progressStream);
  const writer = batchWriter(db, keys, key, report, opts.inflight ?? 2);

  const now = new Date();
  const defaults: ItemDefaults = { deduplicate: false, format: project.token_format };
  let batch: Row[] = [];
  let outcome: 'success' | 'failure' = 'failure';
  try {
    for await (const p of rows(source.chunks, { format: (f) => (report.format = f), header: (names) => (report.ignored_columns = columnsOf(names).ignored) })) {
      writer.check();
      report.rows++;
      if ((report.rows & 1023) === 0) bar.update(source.bytesRead(), report.rows);
      const row = 'error' in p ? p.error : prepare(key, projectId, p.line, p.record, now, opts.format, defaults);
      if (row instanceof VaultError) failed(report, failureOf(p.line, row));
      else if (batch.push(row) >= batchSize) {
        await writer.submit(batch);
        batch = [];
      }
    }
    if (batch.length > 0) await writer.submit(batch);
    await writer.drain();
    // Search's plans go by the table's statistics, stale after a bulk load until autovacuum's next
    // pass; refreshing them costs ~0.4 s at 1 M tokens. Only an optimisation: never fails the import.
    if (report.imported > 0) await sql`ANALYZE tokens`.execute(db).catch(() => {});
    outcome = 'success';
  } finally {
    await writer.settle();
    bar.update(source.bytesRead(), report.rows);
    bar.stop();
    finish(report, started, cpu0);
    // The one entry of the whole import, with its counts, also when it stopped part-way.
    await writeAudit(db, null, auditEvent('import', {
      projectId, outcome, resourceId: projectId,
      details: {
        import_id: report.import_id, source: 'cli', file: report.file, encryption: report.encryption, format: report.format,
        rows: report.rows, imported: report.imported, already_present: report.already_present, failed: report.failed,
      },
    })).catch(() => {});
  }
  return report;
}

const emptyReport = (projectId: string, file: string): ImportReport => ({
  import_id: `imp_${randomUUID()}`, project_id: projectId, file: basename(file), encryption: 'none', format: null, ignored_columns: [],
  rows: 0, imported: 0, already_present: 0, failed: 0, failures: [], failures_truncated: false, seconds: 0, rows_per_second: 0, cpu_seconds: 0,
});

function failed(report: ImportReport, f: RowFailure) {
  report.failed++;
  if (report.failures.length < MAX_LISTED) report.failures.push(f);
  else report.failures_truncated = true;
}

/** The report's order and timings, once the rows are through. */
function finish(report: ImportReport, started: number, cpu0: NodeJS.CpuUsage) {
  report.failures.sort((a, b) => a.line - b.line);
  report.seconds = Math.round((Date.now() - started) / 100) / 10;
  report.rows_per_second = Math.round(report.rows / Math.max(0.001, (Date.now() - started) / 1000));
  const cpu = process.cpuUsage(cpu0);
  report.cpu_seconds = Math.round((cpu.user + cpu.system) / 1e5) / 10;
}

/** The file, decrypted and its signature checked first when it is OpenPGP (with its own progress bar). */
async function openVerified({ db, keyring, projectId, file, progressStream }: ImportOptions) {
  let verify: ReturnType<typeof progress> | null = null;
  const source = await openSource(file, async () => (await loadImportKey(db, keyring, projectId))?.privateKey ?? null, (n, size) => {
    verify ??= progress('verifying', size, progressStream);
    verify.update(n, 0);
  });
  (verify as ReturnType<typeof progress> | null)?.stop();
  return source;
}

/**
 * Writes batches, `inflight` at a time while the next is prepared, each in its own transaction
 * with the data-key use counts it spent; a deadlock between two batches is retried.
 */
function batchWriter(db: Kysely<DB>, keys: DataKeys, key: ProjectKey, report: ImportReport, inflight: number) {
  const pending: Promise<void>[] = [];
  let broken: Error | null = null;
  const write = async (batch: Row[]) => {
    for (let attempt = 1; ; attempt++) {
      const counts = keys.takeCounts();
      try {
        const out = await db.transaction().execute(async (trx) => {
          const res = await writeRows(trx, key, report.project_id, report.import_id, batch);
          await persistCounts(trx, counts);
          return res;
        });
        report.imported += out.imported;
        report.already_present += out.present;
        for (const f of out.failed) failed(report, failureOf(f.line, f.error));
        return;
      } catch (err) {
        keys.returnCounts(counts);
        // Two batches holding the same rows in opposite order can deadlock each other: retry.
        const code = (err as { code?: string }).code;
        if ((code !== '40P01' && code !== '40001') || attempt >= RETRIES) throw err;
      }
    }
  };
  return {
    /** Throws the first batch's failure: the import stops there. */
    check() {
      if (broken) throw broken;
    },
    async submit(batch: Row[]) {
      const p = write(batch);
      p.catch((e: unknown) => (broken ??= e instanceof Error ? e : new Error(String(e))));
      pending.push(p);
      if (pending.length >= inflight) await pending.shift()!.catch(() => {});
    },
    async drain() {
      await Promise.all(pending);
      this.check();
    },
    settle: () => Promise.allSettled(pending),
  };
}

/**
 * One row, validated and encrypted, or the error it alone fails with. A row without its own id
 * gets a token in `format` (undefined: the project's default), drawn as /tokenize draws it.
 */
function prepare(
  key: ProjectKey, projectId: string, line: number, record: Record<string, unknown>, now: Date, format: TokenFormat | undefined, defaults: ItemDefaults,
): Row | VaultError {
  try {
    const { item: raw, token, expiresAt } = toItem(record, now);
    // The API's rules decide: prepareItem checks the format against the type and the value.
    // A row's own id takes no format: the project's default is for drawn tokens only.
    const item = token === null ? prepareItem(format !== undefined ? { ...raw, format } : raw, defaults, now) : prepareItem(raw, API_DEFAULTS, now);
    const own = token !== null;
    const t = token ?? drawToken(item, () => key.ff1(), projectId);
    if (t === null) return new VaultError('token_space_exhausted');
    return { line, own, token: t, item, fp: fingerprint(key, item.type, item.canonical), ct: key.seal(item.plaintext, tokenAad(projectId, t)), expiresAt };
  } catch (e) {
    if (e instanceof VaultError) return e;
    throw e;
  }
}
