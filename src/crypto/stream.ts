// Streaming AES-256-GCM for files too large to hold in memory (backups). The stream is cut into
// chunks of at most CHUNK bytes, each sealed on its own. Record: flag(1) | length(4, BE) |
// ciphertext | tag(16). The nonce is the chunk index (the key is fresh per stream, so a counter
// never repeats under one key) and the AAD binds each chunk to the stream's header, its index
// and whether it is the last one: reordered, dropped, duplicated or edited chunks, a cut at a
// chunk boundary and bytes after the last chunk all fail. Plaintext only ever leaves a chunk
// after its tag checked.
import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

export const CHUNK = 64 * 1024;
const TAG = 16;
const HEAD = 5;
const FINAL = 1;

export class StreamAuthError extends Error {}

function nonceAndAad(headerDigest: Buffer, index: number, final: boolean): { nonce: Buffer; aad: Buffer } {
  const nonce = Buffer.alloc(12);
  nonce.writeBigUInt64BE(BigInt(index), 4);
  const aad = Buffer.alloc(headerDigest.length + 9);
  headerDigest.copy(aad);
  aad.writeBigUInt64BE(BigInt(index), headerDigest.length);
  aad[headerDigest.length + 8] = final ? FINAL : 0;
  return { nonce, aad };
}

/** What every chunk's AAD starts with: SHA-256 of the stream's (cleartext) header bytes. */
export const headerDigest = (header: Buffer | string) => createHash('sha256').update(header).digest();

/** Encrypts everything written into it; `header` is authenticated, not encrypted. */
export function encryptStream(key: Buffer, header: Buffer | string): Transform {
  if (key.length !== 32) throw new Error('stream key must be 32 bytes');
  const digest = headerDigest(header);
  let pending: Buffer[] = [];
  let size = 0;
  let index = 0;
  const record = (plain: Buffer, final: boolean): Buffer => {
    const { nonce, aad } = nonceAndAad(digest, index++, final);
    const c = createCipheriv('aes-256-gcm', key, nonce);
    c.setAAD(aad);
    const head = Buffer.alloc(HEAD);
    head[0] = final ? FINAL : 0;
    head.writeUInt32BE(plain.length, 1);
    const body = Buffer.concat([c.update(plain), c.final()]);
    return Buffer.concat([head, body, c.getAuthTag()]);
  };
  return new Transform({
    transform(data: Buffer, _enc, cb: TransformCallback) {
      pending.push(data);
      size += data.length;
      // Keep at least one byte back: only flush() knows which chunk is the last.
      if (size > CHUNK) {
        let all = Buffer.concat(pending);
        while (all.length > CHUNK) {
          this.push(record(all.subarray(0, CHUNK), false));
          all = all.subarray(CHUNK);
        }
        pending = [all];
        size = all.length;
      }
      cb();
    },
    flush(cb: TransformCallback) {
      this.push(record(Buffer.concat(pending), true));
      pending = [];
      cb();
    },
  });
}

/** Decrypts what `encryptStream` wrote; errors (StreamAuthError) on anything it did not write. */
export function decryptStream(key: Buffer, header: Buffer | string): Transform {
  const digest = headerDigest(header);
  let buf: Buffer = Buffer.alloc(0);
  let index = 0;
  let done = false;
  return new Transform({
    transform(data: Buffer, _enc, cb: TransformCallback) {
      buf = buf.length ? Buffer.concat([buf, data]) : data;
      try {
        while (buf.length >= HEAD) {
          if (done) throw new StreamAuthError('data after the last chunk');
          const flag = buf[0];
          const len = buf.readUInt32BE(1);
          if ((flag !== 0 && flag !== FINAL) || len > CHUNK) throw new StreamAuthError(`chunk ${index} is malformed`);
          if (buf.length < HEAD + len + TAG) break;
          const final = flag === FINAL;
          const { nonce, aad } = nonceAndAad(digest, index, final);
          const d = createDecipheriv('aes-256-gcm', key, nonce);
          d.setAAD(aad);
          d.setAuthTag(buf.subarray(HEAD + len, HEAD + len + TAG));
          let plain: Buffer;
          try {
            plain = Buffer.concat([d.update(buf.subarray(HEAD, HEAD + len)), d.final()]);
          } catch {
            throw new StreamAuthError(`chunk ${index} failed authentication (edited, reordered or under another key)`);
          }
          buf = buf.subarray(HEAD + len + TAG);
          index++;
          done = final;
          if (plain.length) this.push(plain);
        }
        cb();
      } catch (e) {
        cb(e as Error);
      }
    },
    flush(cb: TransformCallback) {
      if (!done || buf.length > 0) cb(new StreamAuthError(done ? 'data after the last chunk' : `truncated after chunk ${index}: the last chunk is missing`));
      else cb();
    },
  });
}
