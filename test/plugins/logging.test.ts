// In a terminal the vault logs through pino-pretty (main.ts sets logPretty when stdout is a TTY);
// elsewhere it logs JSON lines. Either way redaction runs first: the pretty transport only
// formats what pino already redacted.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';

const LOGGING = fileURLToPath(new URL('../../dist/plugins/logging.js', import.meta.url));
const PAN = '4111111111111111';

/** Logs one line in a child process (the transport is a worker thread writing to fd 1). */
function logOnce(pretty: boolean): string {
  const script = `
    import pino from 'pino';
    const { loggerOptions } = await import(${JSON.stringify(LOGGING)});
    const log = pino(loggerOptions('info', undefined, ${pretty}));
    log.info({ cardNumber: ${JSON.stringify(PAN)}, project_id: 'proj_1' }, 'tokenized');
  `;
  return stripVTControlCharacters(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }));
}

describe('log format', () => {
  it('is one JSON object per line when not in a terminal', () => {
    const line = JSON.parse(logOnce(false).trim());
    expect(line).toMatchObject({ level: 30, msg: 'tokenized', project_id: 'proj_1', cardNumber: '[redacted]' });
  });

  it('is one human-readable line in a terminal, and still redacted', () => {
    const out = logOnce(true);
    expect(() => JSON.parse(out.trim())).toThrow();
    expect(out.trim().split('\n')).toHaveLength(1);
    expect(out).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: tokenized/);
    expect(out).toContain('"project_id":"proj_1"');
    expect(out).toContain('[redacted]');
    expect(out).not.toContain(PAN);
  });
});
