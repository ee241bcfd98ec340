// Chunked AES-256-GCM (the backup format): round trips at every size around a chunk boundary, and
// every way of damaging a sealed stream is refused: a flipped bit, an edited header, chunks
// dropped, swapped or duplicated, a cut anywhere (also exactly at a chunk boundary), bytes appended.
import { randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { CHUNK, decryptStream, encryptStream } from '../../src/crypto/stream.js';

const HEADER = 'OPEN-VAULT-BACKUP 2\n{"x":1}\n';
const RECORD = 5 + 16;

async function through(t: NodeJS.ReadWriteStream, input: Buffer, piece = 7777): Promise<Buffer> {
  const parts: Buffer[] = [];
  const pieces = Array.from({ length: Math.ceil(input.length / piece) }, (_, i) => input.subarray(i * piece, (i + 1) * piece));
  await pipeline(Readable.from(pieces), t, new Writable({ write: (c: Buffer, _e, cb) => { parts.push(c); cb(); } }));
  return Buffer.concat(parts);
}

const seal = (key: Buffer, plain: Buffer) => through(encryptStream(key, HEADER), plain);
const open = (key: Buffer, sealed: Buffer, header = HEADER) => through(decryptStream(key, header), sealed);

describe('chunked AES-256-GCM stream', () => {
  const key = randomBytes(32);

  it('round-trips empty, small and chunk-boundary sizes', async () => {
    for (const n of [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 3 * CHUNK + 5]) {
      const plain = randomBytes(n);
      const sealed = await seal(key, plain);
      expect(sealed.length).toBe(n + RECORD * Math.max(1, Math.ceil(n / CHUNK)));
      expect((await open(key, sealed)).equals(plain)).toBe(true);
    }
  });

  it('refuses a flipped bit, another header, another key', async () => {
    const sealed = await seal(key, randomBytes(2 * CHUNK + 100));
    const flipped = Buffer.from(sealed);
    flipped[CHUNK + RECORD + 10] ^= 1;
    await expect(open(key, flipped)).rejects.toThrow(/chunk 1 failed authentication/);
    await expect(open(key, sealed, HEADER.replace('1', '2'))).rejects.toThrow(/chunk 0 failed authentication/);
    await expect(open(randomBytes(32), sealed)).rejects.toThrow(/failed authentication/);
  });

  it('refuses dropped, swapped and duplicated chunks, cuts and appended bytes', async () => {
    const sealed = await seal(key, randomBytes(3 * CHUNK + 100));
    const rec = CHUNK + RECORD;
    const c = [0, 1, 2].map((i) => sealed.subarray(i * rec, (i + 1) * rec));
    const last = sealed.subarray(3 * rec);
    await expect(open(key, Buffer.concat([c[0], c[2], last]))).rejects.toThrow(/failed authentication/);
    await expect(open(key, Buffer.concat([c[1], c[0], c[2], last]))).rejects.toThrow(/failed authentication/);
    await expect(open(key, Buffer.concat([c[0], c[0], c[1], c[2], last]))).rejects.toThrow(/failed authentication/);
    // Cut exactly after a whole chunk: every tag is fine, but the last chunk never came.
    await expect(open(key, Buffer.concat(c))).rejects.toThrow(/truncated after chunk 3/);
    await expect(open(key, sealed.subarray(0, sealed.length - 1))).rejects.toThrow(/truncated/);
    await expect(open(key, Buffer.concat([sealed, Buffer.from([0])]))).rejects.toThrow(/data after the last chunk/);
    await expect(open(key, Buffer.concat([sealed, last]))).rejects.toThrow(/data after the last chunk/);
  });
});
