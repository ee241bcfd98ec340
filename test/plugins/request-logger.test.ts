// Request loggers are made lazily (src/plugins/request-logger.ts): the lines they do write must
// still carry the request id, at the configured level and no other.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { requestLoggerFactory } from '../../src/plugins/request-logger.js';
import { LogCapture, startVault, type TestVault } from '../helpers.js';

const lines = (v: TestVault) => v.logs.lines.map((l) => JSON.parse(l) as Record<string, any>);

describe('request logging', () => {
  let info: TestVault;
  let debug: TestVault;
  beforeAll(async () => {
    [info, debug] = await Promise.all([startVault({ logLevel: 'info' }), startVault({ logLevel: 'debug' })]);
  });
  afterAll(async () => {
    await Promise.all([info?.close(), debug?.close()]);
  });

  it('logs a failed request at info with its request id', async () => {
    const res = await fetch(`${info.url}/no/such/route`, { headers: { 'x-request-id': 'trace-me-1' } });
    expect(res.status).toBe(404);
    const line = lines(info).find((l) => l.reqId === 'trace-me-1');
    expect(line).toMatchObject({ level: 30, msg: 'request completed', res: { statusCode: 404 } });
  });

  it('writes nothing for a successful request at info, and a debug line at debug', async () => {
    await fetch(`${info.url}/healthz`, { headers: { 'x-request-id': 'quiet-1' } });
    await fetch(`${debug.url}/healthz`, { headers: { 'x-request-id': 'loud-1' } });
    expect(lines(info).some((l) => l.reqId === 'quiet-1')).toBe(false);
    expect(lines(debug).find((l) => l.reqId === 'loud-1')).toMatchObject({ level: 20, msg: 'request completed', res: { statusCode: 200 } });
  });

  it('gives child loggers the request id, and honours the level', () => {
    const out = new LogCapture();
    const log = requestLoggerFactory(pino({ level: 'info' }, out), { reqId: 'r-1' }, {});
    log.debug('not written');
    log.child({ part: 'inner' }).warn('from a child');
    log.info({ n: 1 }, 'direct');
    expect(out.lines.map((l) => JSON.parse(l))).toEqual([
      expect.objectContaining({ level: 40, reqId: 'r-1', part: 'inner', msg: 'from a child' }),
      expect.objectContaining({ level: 30, reqId: 'r-1', n: 1, msg: 'direct' }),
    ]);
    expect(log.level).toBe('info');
    log.level = 'debug';
    log.debug('now written');
    expect(JSON.parse(out.lines[2])).toMatchObject({ level: 20, reqId: 'r-1', msg: 'now written' });
  });
});
