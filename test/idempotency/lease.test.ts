// The lease and the owner id (docs/idempotency.md): a first attempt that outlived its lease is
// taken over, and can then neither overwrite nor release its successor's answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVault, type TestVault } from '../helpers.js';

let v: TestVault;
beforeAll(async () => {
  v = await startVault();
});
afterAll(() => v.close());

describe('IdempotencyStore', () => {
  it('a lapsed claim is taken over once; the old owner writes nothing', async () => {
    const store = v.app.idempotency;
    const c = { scope: 'usr:lease-test', key: 'k1', projectId: null };
    const mac = await store.requestMac(['POST', '/api/projects', '', 'json', '{}']);
    const first = await store.claim(c, mac);
    expect(first.kind).toBe('run');
    await v.sql.query("UPDATE idempotency_keys SET lease_until = now() - interval '1 second' WHERE scope = $1", [c.scope]);
    // Two retries race for the lapsed row: one runs, the other waits and then sees it running.
    const [x, y] = await Promise.all([store.claim(c, mac), store.claim(c, mac)]);
    expect([x.kind, y.kind].sort()).toEqual(['in_progress', 'run']);
    const second = x.kind === 'run' ? x : y;
    if (first.kind !== 'run' || second.kind !== 'run') throw new Error('unreachable');
    await store.store(c, first.owner, 201, Buffer.from('{"old":true}'));
    await store.release(c, first.owner);
    await store.store(c, second.owner, 201, Buffer.from('{"new":true}'));
    const replay = await store.claim(c, mac);
    expect(replay).toMatchObject({ kind: 'replay', status: 201 });
    if (replay.kind === 'replay') expect(replay.body.toString()).toBe('{"new":true}');
  });

  it('a released claim (a 5xx) is free at once; another request under the key is refused', async () => {
    const store = v.app.idempotency;
    const c = { scope: 'usr:lease-test', key: 'k2', projectId: null };
    const mac = await store.requestMac(['POST', '/x', '', 'json', '{"a":1}']);
    const first = await store.claim(c, mac);
    if (first.kind !== 'run') throw new Error('expected run');
    await store.release(c, first.owner);
    expect((await store.claim(c, mac)).kind).toBe('run');
    const other = await store.requestMac(['POST', '/x', '', 'json', '{"a":2}']);
    expect((await store.claim(c, other)).kind).toBe('reused');
  });
});
