// The group-commit coalescer against a real PostgreSQL: one job the database refuses, merged with
// good jobs, fails alone (the shape of the tokenize, detokenize and proxy audit statements).
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Coalescer } from '../../src/db/coalescer.js';
import { freshDatabase } from '../helpers.js';

let pool: pg.Pool;
const logged: string[] = [];
const log = { error: (_obj: object, msg: string) => void logged.push(msg) };

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: await freshDatabase(), max: 2 });
  await pool.query('CREATE TABLE rows (job text NOT NULL, value text NOT NULL)');
});
afterAll(() => pool.end());

interface Job { size: number; id: string; values: string[] }

/** One statement for all merged jobs, as the vault's hot paths do. */
function coalescer(statements: number[]) {
  return new Coalescer<Job, number>(async (jobs) => {
    statements.push(jobs.length);
    await pool.query('INSERT INTO rows (job, value) SELECT * FROM unnest($1::text[], $2::text[])', [
      jobs.flatMap((j) => j.values.map(() => j.id)), jobs.flatMap((j) => j.values),
    ]);
    return jobs.map((j) => j.values.length);
  }, 1000, 1, log, 'test');
}

describe('Coalescer', () => {
  it('merges concurrent jobs into one statement', async () => {
    const statements: number[] = [];
    const c = coalescer(statements);
    expect(await Promise.all(['m1', 'm2', 'm3'].map((id) => c.submit({ size: 1, id, values: ['x'] })))).toEqual([1, 1, 1]);
    expect(statements).toEqual([3]);
    expect(logged).toEqual([]);
  });

  it('a job the database refuses fails alone; the jobs merged with it succeed and are stored once', async () => {
    const statements: number[] = [];
    const c = coalescer(statements);
    const settled = await Promise.allSettled([
      c.submit({ size: 2, id: 'g1', values: ['a', 'b'] }),
      c.submit({ size: 1, id: 'bad', values: ['nul \u0000 here'] }),
      c.submit({ size: 1, id: 'g2', values: ['c'] }),
    ]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(statements).toEqual([3, 1, 1, 1]);
    const { rows } = await pool.query("SELECT job, value FROM rows WHERE job IN ('g1', 'g2', 'bad') ORDER BY job, value");
    expect(rows).toEqual([{ job: 'g1', value: 'a' }, { job: 'g1', value: 'b' }, { job: 'g2', value: 'c' }]);
    expect(logged).toEqual(['merged statement failed; retrying each job alone (bug)', 'job failed on its own (bug)']);
  });
});
