// An import file's rows (API.md §6.4): CSV with a header row or JSONL, told apart by the first
// character, each row with its line number, mapped to the tokenize item the API would receive.
// A row that cannot be read fails alone; its reason is a catalogue entry (paths and rules,
// never the value), like the API's per-item errors.
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { invalidFields, VaultError } from '../http/errors.js';
import { luhnValid } from '../tokens/validate.js';
import { TOKEN_TYPES } from '../tokens/types/index.js';

/** The §6.4 columns. Anything else (a vendor's extra columns, a CVV above all) is ignored. */
export const COLUMNS = [
  'token', 'type', 'cardNumber', 'expirationMonth', 'expirationYear', 'holderName', 'accountNumber', 'routingNumber',
  'firstName', 'lastName', 'value', 'metadata', 'expires_at',
] as const;
const KNOWN = new Set<string>(COLUMNS);

export type RawRecord = Record<string, unknown>;
export type Parsed = { line: number; record: RawRecord } | { line: number; error: VaultError };

/** What a row becomes: the API's tokenize item, plus what only an import carries. */
export interface RowItem {
  item: Record<string, unknown>;
  token: string | null;
  expiresAt: Date | null;
}

/**
 * Each type's columns, from its data schema (first: the one whose presence names the type when a
 * row has no `type`); null for a type whose data is the `value` column. A CVV is never imported.
 */
const TYPE_COLUMNS: [string, string[] | null][] = TOKEN_TYPES.map((t) => {
  const props = (t.data as { properties?: Record<string, unknown> }).properties;
  return [t.name, props ? Object.keys(props).filter((k) => k !== 'cvv' && k !== 'cvc') : null];
});

const OWN_TOKEN = /^[A-Za-z0-9._:-]{3,128}$/;
/** A row longer than this fails alone instead of growing the buffer that holds it. */
export const MAX_ROW_BYTES = 64 * 1024;

/** §6.2 own ids. A digit string that passes Luhn could be a card number, whatever separates its digits. */
export function ownTokenProblem(token: string): string | null {
  if (!OWN_TOKEN.test(token)) return 'must be 3 to 128 characters of A-Z, a-z, 0-9, ".", "_", ":" and "-"';
  const digits = token.replace(/[-._:]/g, '');
  if (/^\d+$/.test(digits) && luhnValid(digits)) return 'must not be a Luhn-valid digit string (it could be a card number)';
  return null;
}

const text = (v: unknown): string | undefined => (v === undefined || v === null || v === '' ? undefined : typeof v === 'number' ? String(v) : (v as string));

/** A row as the tokenize item of API.md §3.1; throws the VaultError the row fails with. */
export function toItem(rec: RawRecord, now: Date): RowItem {
  const get = (k: string) => text(rec[k]);
  const token = get('token') ?? null;
  if (token !== null) {
    if (typeof token !== 'string') throw invalidFields([{ path: '/token', message: 'must be string' }]);
    const problem = ownTokenProblem(token);
    if (problem) throw invalidFields([{ path: '/token', message: problem }]);
  }
  // A vendor export seldom names the type: the columns present say it.
  const type = get('type') ?? TYPE_COLUMNS.find(([, cols]) => (cols ? get(cols[0]) : get('value')) !== undefined)?.[0];
  let metadata: unknown = rec.metadata;
  if (typeof metadata === 'string') {
    if (metadata === '') metadata = undefined;
    else {
      try {
        metadata = JSON.parse(metadata);
      } catch {
        throw invalidFields([{ path: '/metadata', message: 'must be a JSON object' }]);
      }
    }
  }
  let expiresAt: Date | null = null;
  const exp = get('expires_at');
  if (exp !== undefined) {
    const t = typeof exp === 'string' && /^\d{4}-\d\d-\d\d/.test(exp) ? Date.parse(exp) : NaN;
    if (Number.isNaN(t)) throw invalidFields([{ path: '/expires_at', message: 'must be an ISO 8601 date-time' }]);
    if (t <= now.getTime()) throw invalidFields([{ path: '/expires_at', message: 'must be in the future' }]);
    expiresAt = new Date(t);
  }
  const pick = (keys: string[]) => Object.fromEntries(keys.map((k): [string, unknown] => [k, rec[k] === '' ? undefined : rec[k]]).filter(([, v]) => v !== undefined && v !== null));
  const cols = TYPE_COLUMNS.find(([name]) => name === type)?.[1];
  const data = cols ? pick(cols) : rec.value;
  const item: Record<string, unknown> = { type, data };
  if (metadata !== undefined && metadata !== null) item.metadata = metadata;
  return { item, token, expiresAt };
}

/** The §6.4 columns a CSV header or first JSON row lacks and the ones it has that are ignored. */
export function columnsOf(names: string[]): { ignored: string[] } {
  return { ignored: names.filter((n) => !KNOWN.has(n)) };
}

async function* jsonl(chunks: AsyncIterable<Buffer>, first: Buffer): AsyncGenerator<Parsed> {
  let line = 0;
  let rest: Buffer = Buffer.alloc(0);
  const one = (bytes: Buffer): Parsed | null => {
    line++;
    const s = bytes.toString('utf8').trim();
    if (s === '') return null;
    try {
      const record = JSON.parse(s) as unknown;
      if (typeof record !== 'object' || record === null || Array.isArray(record)) return { line, error: invalidFields([{ path: '/', message: 'must be a JSON object' }]) };
      return { line, record: record as RawRecord };
    } catch {
      return { line, error: new VaultError('invalid_json') };
    }
  };
  let skipping = false;
  const tooLong = (): Parsed => ({ line: ++line, error: invalidFields([{ path: '/', message: `must be at most ${MAX_ROW_BYTES} bytes` }]) });
  const feed = function* (chunk: Buffer) {
    let buf = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
    let at: number;
    while ((at = buf.indexOf(10)) >= 0) {
      if (skipping) skipping = false; // the end of an over-long line, already reported
      else if (at > MAX_ROW_BYTES) yield tooLong();
      else {
        const p = one(buf.subarray(0, at));
        if (p) yield p;
      }
      buf = buf.subarray(at + 1);
    }
    if (!skipping && buf.length > MAX_ROW_BYTES) {
      skipping = true;
      yield tooLong();
    }
    // A copy, so the (up to 1 MiB) chunk it came from is not kept alive by its tail.
    rest = skipping ? Buffer.alloc(0) : Buffer.from(buf);
  };
  yield* feed(first);
  for await (const chunk of chunks) yield* feed(chunk);
  if (rest.length > 0) {
    const p = one(rest);
    if (p) yield p;
  }
}

async function* csv(chunks: AsyncIterable<Buffer>, first: Buffer, onHeader: (names: string[]) => void): AsyncGenerator<Parsed> {
  const skipped: Parsed[] = [];
  const parser = parse({
    bom: true, info: true, skip_empty_lines: true, relax_column_count: true, skip_records_with_error: true, max_record_size: MAX_ROW_BYTES,
    columns: (header: string[]) => {
      onHeader(header);
      return header.map((h) => h.trim());
    },
  });
  // A record csv-parse cannot read (a stray quote): its line only, never csv-parse's message,
  // which quotes the input.
  parser.on('skip', (err: { lines?: number }) => skipped.push({ line: err.lines ?? 0, error: invalidFields([{ path: '/', message: 'is not a well-formed CSV record' }]) }));
  const input = Readable.from((async function* () {
    yield first;
    yield* chunks;
  })());
  input.on('error', (e) => parser.destroy(e));
  input.pipe(parser);
  for await (const { record, info } of parser as AsyncIterable<{ record: RawRecord; info: { lines: number } }>) {
    while (skipped.length > 0) yield skipped.shift()!;
    yield { line: info.lines, record };
  }
  while (skipped.length > 0) yield skipped.shift()!;
}

/** Every row of the (decrypted) file; `format` is known once the first bytes have been seen. */
export async function* rows(chunks: AsyncIterable<Buffer>, on: { format(f: 'csv' | 'jsonl'): void; header(names: string[]): void }): AsyncGenerator<Parsed> {
  const it = chunks[Symbol.asyncIterator]();
  let first: Buffer = Buffer.alloc(0);
  // The first non-blank byte decides: JSONL starts with `{`, CSV with its header.
  while (first.toString('utf8').replace(/^\uFEFF/, '').trim() === '') {
    const n = await it.next();
    if (n.done) return;
    first = Buffer.concat([first, n.value]);
  }
  const rest = { [Symbol.asyncIterator]: () => it };
  if (first.toString('utf8').replace(/^\uFEFF/, '').trimStart().startsWith('{')) {
    on.format('jsonl');
    let sawFirst = false;
    for await (const p of jsonl(rest, first.subarray(first[0] === 0xef ? 3 : 0))) {
      if (!sawFirst && 'record' in p) {
        sawFirst = true;
        on.header(Object.keys(p.record));
      }
      yield p;
    }
    return;
  }
  on.format('csv');
  yield* csv(rest, first, (names) => on.header(names));
}
