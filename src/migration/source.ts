// The bytes of an import file, decrypted when it is an OpenPGP message (armored or binary,
// detected from its first bytes), as a stream with bounded memory.
// Integrity: an AEAD message (SEIPDv2) is released chunk by chunk only after each chunk is
// authenticated, so it streams in one pass. An older MDC message (SEIPDv1, what GnuPG writes)
// is authenticated only at its very end: rather than hold a million cards in memory, or import
// rows before knowing the file is genuine, a first pass decrypts it to nowhere and checks the
// MDC; only a file that passed is imported (in a second pass, which checks the MDC again).
import { createReadStream, type ReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { ReadableStream as WebStream } from 'node:stream/web';
import * as openpgp from 'openpgp';

export type Encryption = 'none' | 'openpgp-aead' | 'openpgp-mdc';

export interface Source {
  encryption: Encryption;
  /** Size of the file on disk; with `bytesRead`, what the progress bar and its ETA count. */
  size: number;
  bytesRead(): number;
  chunks: AsyncIterable<Buffer>;
}

export class SourceError extends Error {}

async function head(path: string): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(64);
    const { bytesRead } = await fh.read(buf, 0, 64, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** What the first bytes say: an armored message, a binary packet (high bit set), or text. */
export function detect(first: Buffer): 'armored' | 'binary' | 'text' {
  if (first.toString('latin1').trimStart().startsWith('-----BEGIN PGP MESSAGE-----')) return 'armored';
  const bom = first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf;
  return !bom && first.length > 0 && (first[0] & 0x80) !== 0 ? 'binary' : 'text';
}

async function decrypt(file: ReadStream, armored: boolean, key: openpgp.PrivateKey) {
  const web = Readable.toWeb(file) as unknown as ReadableStream<Uint8Array>;
  let message: openpgp.Message<ReadableStream<Uint8Array>>;
  try {
    message = armored ? await openpgp.readMessage({ armoredMessage: web.pipeThrough(new TextDecoderStream() as unknown as ReadableWritablePair<string, Uint8Array>) }) : await openpgp.readMessage({ binaryMessage: web });
  } catch {
    throw new SourceError('the file is not a readable OpenPGP message');
  }
  const seipd = message.packets.filterByTag(openpgp.enums.packet.symEncryptedIntegrityProtectedData)[0] as { version?: number } | undefined;
  if (!seipd) throw new SourceError('the OpenPGP message is not integrity-protected (no SEIPD packet): refused');
  const aead = seipd.version === 2;
  try {
    const result = await openpgp.decrypt({
      message,
      decryptionKeys: key,
      format: 'binary',
      // Only for MDC messages, and only after (or during) the verification pass described above.
      config: { allowUnauthenticatedStream: !aead },
    });
    const data: unknown = result.data;
    return { aead, chunks: Readable.fromWeb(data as WebStream<Uint8Array>) as AsyncIterable<Buffer> };
  } catch {
    throw new SourceError("the file could not be decrypted with this project's import key (encrypted to another key?)");
  }
}

/** Reads an MDC-protected file through to its end; throws if it was altered or truncated. */
async function verifyMdc(path: string, armored: boolean, key: openpgp.PrivateKey, onBytes: (n: number) => void): Promise<void> {
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  const { chunks } = await decrypt(file, armored, key);
  try {
    for await (const _ of chunks) onBytes(file.bytesRead);
  } catch {
    throw new SourceError('the OpenPGP message failed its integrity check (altered or truncated): nothing was imported');
  }
}

/**
 * Opens `path`. `key` is needed only for an encrypted file (null: the project has no import key).
 * `onVerify` reports the verification pass of an MDC message (bytes read).
 */
export async function openSource(path: string, key: () => Promise<openpgp.PrivateKey | null>, onVerify: (n: number, size: number) => void): Promise<Source> {
  const size = (await stat(path)).size;
  const kind = detect(await head(path));
  if (kind === 'text') {
    const file = createReadStream(path, { highWaterMark: 1 << 20 });
    return { encryption: 'none', size, bytesRead: () => file.bytesRead, chunks: file };
  }
  const k = await key();
  if (!k) throw new SourceError('the file is OpenPGP-encrypted but this project has no import key: run `vault import-key --project ID` and have the file encrypted to it');
  const armored = kind === 'armored';
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  const first = await decrypt(file, armored, k);
  if (first.aead) return { encryption: 'openpgp-aead', size, bytesRead: () => file.bytesRead, chunks: guard(first.chunks) };
  file.destroy();
  await verifyMdc(path, armored, k, (n) => onVerify(n, size));
  const again = createReadStream(path, { highWaterMark: 1 << 20 });
  const second = await decrypt(again, armored, k);
  return { encryption: 'openpgp-mdc', size, bytesRead: () => again.bytesRead, chunks: guard(second.chunks) };
}

/** A decryption failure mid-stream becomes a SourceError (openpgp's own text could be anything). */
async function* guard(chunks: AsyncIterable<Buffer>): AsyncIterable<Buffer> {
  try {
    for await (const c of chunks) yield Buffer.isBuffer(c) ? c : Buffer.from(c);
  } catch {
    throw new SourceError('the OpenPGP message failed its integrity check (altered or truncated) part-way: rows before that point were imported');
  }
}
