// Per-project data keys: random AES-256 keys stored only wrapped by the active master key, unwrapped
// once per process and kept in memory so the hot path never derives or unwraps per request.
// Data keys are versioned (docs/keys.md, "Data keys"): the highest version encrypts, every version
// still stored decrypts. Version 1 ciphertexts keep the original layout; later versions carry an
// 8-byte header (magic | version) in front of it, so a ciphertext names the key that opens it.
import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.js';
import { DecryptError, open, seal } from './aead.js';
import { FF1 } from './ff1.js';
import type { Keyring } from './keyring.js';
import { projectKeyAad } from './master.js';

const MAGIC = 0xf5766b01;
/** What a value sealed under a project's data key is bound to: a ciphertext moved elsewhere fails. */
export const tokenAad = (projectId: string, token: string) => `vault:token:${projectId}:${token}`;
export const cvcAad = (projectId: string, sessionId: string) => `vault:cvc:${projectId}:${sessionId}`;

export const HEADER = 8;

export function versionHeader(version: number): Buffer {
  const h = Buffer.allocUnsafe(HEADER);
  h.writeUInt32BE(MAGIC, 0);
  h.writeUInt32BE(version, 4);
  return h;
}

/** The version a ciphertext's header names, or null for the original (version 1) layout. */
export function headerVersion(sealed: Buffer): number | null {
  return sealed.length > HEADER && sealed.readUInt32BE(0) === MAGIC ? sealed.readUInt32BE(4) : null;
}

/** Encryptions under one data key version, counted in memory and persisted in batches. */
export interface SealCounter {
  projectId: string;
  version: number;
  pending: number;
}

export class ProjectKey {
  private header: Buffer | undefined;
  private ff1Cipher: FF1 | undefined;

  constructor(
    readonly projectId: string,
    /** The version new ciphertexts are sealed under. */
    readonly version: number,
    private deks: Map<number, Buffer>,
    /** HMAC key for fingerprints: never the encryption key itself, and stable across versions. */
    readonly fingerprintKey: Buffer,
    private counter: SealCounter,
    private onCount: (c: SealCounter) => void,
  ) {
    this.header = version === 1 ? undefined : versionHeader(version);
  }

  get versions(): number[] {
    return [...this.deks.keys()];
  }

  seal(plain: Buffer, aad: string): Buffer {
    this.counter.pending++;
    this.onCount(this.counter);
    return seal(this.deks.get(this.version)!, plain, aad, this.header);
  }

  open(sealed: Buffer, aad: string): Buffer {
    const v = headerVersion(sealed);
    const dek = v === null ? undefined : this.deks.get(v);
    if (dek) {
      try {
        return open(dek, sealed.subarray(HEADER), aad);
      } catch (e) {
        // 2^-32 chance that an original-layout nonce starts with the magic: try version 1 too.
        if (!this.deks.has(1)) throw e;
      }
    }
    const v1 = this.deks.get(1);
    if (!v1) throw new DecryptError();
    return open(v1, sealed, aad);
  }

  /**
   * The project's FF1 cipher for `fpe` tokens (radix 10). Its AES-256 key is derived from the
   * fingerprint key, which is stored wrapped by the master key and outlives data key rotations
   * (as fpe tokens must: the same card keeps its token). Made on first use only.
   */
  ff1(): FF1 {
    this.ff1Cipher ??= new FF1(Buffer.from(hkdfSync('sha256', this.fingerprintKey, Buffer.alloc(0), 'vault:ff1:v1', 32)), 10);
    return this.ff1Cipher;
  }

  /** Best effort: JS cannot guarantee memory is wiped, but we drop what we can. */
  wipe() {
    for (const k of this.deks.values()) k.fill(0);
    this.fingerprintKey.fill(0);
    this.ff1Cipher = undefined;
  }
}

export class ProjectKeyMissing extends Error {
  constructor() {
    super('project data key is gone');
  }
}

export interface DataKeyLimits {
  /** Flush a key's seal count as soon as this many are pending (besides the periodic flush). */
  flushAt: number;
}

export class DataKeys {
  private cache = new Map<string, Promise<ProjectKey>>();
  private counters = new Map<string, SealCounter>();
  private flushWanted: (() => void) | null = null;

  constructor(
    private db: Kysely<DB>,
    readonly keyring: Keyring,
    private limits: DataKeyLimits = { flushAt: 65_536 },
  ) {}

  /** A fresh wrapped data key row for a new project (insert it in the project's transaction). */
  newWrapped(projectId: string) {
    return this.wrapVersion(projectId, 1, randomBytes(32));
  }

  wrapVersion(projectId: string, version: number, dek: Buffer) {
    const { keyId, sealed } = this.keyring.seal(dek, projectKeyAad(projectId, version));
    return { project_id: projectId, version, master_key_id: keyId, wrapped: sealed };
  }

  get(projectId: string): Promise<ProjectKey> {
    let p = this.cache.get(projectId);
    if (!p) {
      p = this.load(projectId);
      this.cache.set(projectId, p);
      p.catch(() => this.cache.delete(projectId));
    }
    return p;
  }

  /** A deleted project: drop and wipe its keys. */
  forget(projectId: string): void {
    const p = this.cache.get(projectId);
    this.cache.delete(projectId);
    p?.then((k) => k.wipe()).catch(() => {});
  }

  /**
   * Re-reads a project's key versions after a rotation or destruction. The old object stays
   * valid for requests already holding it (no wipe); the swap happens once the new one is loaded.
   */
  async reload(projectId: string): Promise<ProjectKey | null> {
    try {
      const k = await this.load(projectId);
      this.cache.set(projectId, Promise.resolve(k));
      return k;
    } catch (err) {
      if (!(err instanceof ProjectKeyMissing)) throw err;
      this.forget(projectId);
      return null;
    }
  }

  /** Projects this node holds keys for, with the versions it holds. */
  async cached(): Promise<Map<string, number[]>> {
    const out = new Map<string, number[]>();
    for (const [id, p] of this.cache) {
      const k = await p.catch(() => null);
      if (k) out.set(id, k.versions);
    }
    return out;
  }

  onFlushWanted(fn: () => void) {
    this.flushWanted = fn;
  }

  /** Takes the pending seal counts (the caller persists them, or hands them back on failure). */
  takeCounts(): SealCounter[] {
    const out: SealCounter[] = [];
    for (const c of this.counters.values()) {
      if (c.pending > 0) {
        out.push({ ...c });
        c.pending = 0;
      }
    }
    return out;
  }

  returnCounts(counts: SealCounter[]) {
    for (const c of counts) this.counter(c.projectId, c.version).pending += c.pending;
  }

  private counter(projectId: string, version: number): SealCounter {
    const id = `${projectId}:${version}`;
    let c = this.counters.get(id);
    if (!c) {
      c = { projectId, version, pending: 0 };
      this.counters.set(id, c);
    }
    return c;
  }

  private readonly onCount = (c: SealCounter) => {
    if (c.pending >= this.limits.flushAt) this.flushWanted?.();
  };

  private async load(projectId: string): Promise<ProjectKey> {
    const rows = await this.db
      .selectFrom('project_keys')
      .select(['version', 'master_key_id', 'wrapped'])
      .where('project_id', '=', projectId)
      .orderBy('version')
      .execute();
    const deks = new Map<number, Buffer>();
    let fp: Buffer | null = null;
    for (const r of rows) {
      const plain = this.keyring.open(r.master_key_id, r.wrapped, projectKeyAad(projectId, r.version));
      if (r.version === 0) fp = plain;
      else deks.set(r.version, plain);
    }
    if (deks.size === 0) throw new ProjectKeyMissing();
    fp ??= fingerprintKeyOf(deks.get(1));
    const active = Math.max(...deks.keys());
    return new ProjectKey(projectId, active, deks, fp, this.counter(projectId, active), this.onCount);
  }
}

/** The fingerprint key of a project that has never rotated: derived from its first data key. */
export function fingerprintKeyOf(dek1: Buffer | undefined): Buffer {
  if (!dek1) throw new Error('project has neither a fingerprint key nor data key version 1');
  return Buffer.from(hkdfSync('sha256', dek1, Buffer.alloc(0), 'vault:fingerprint:v1', 32));
}

export function fingerprint(key: ProjectKey, type: string, canonical: string): string {
  return 'fp_' + createHmac('sha256', key.fingerprintKey).update(`${type}\0${canonical}`).digest('base64url');
}

/** Persists seal counts in one statement; returns the totals now stored. */
export async function persistCounts(db: Kysely<DB>, counts: SealCounter[]) {
  if (counts.length === 0) return [];
  const { rows } = await sql<{ project_id: string; version: number; seals: number }>`
    UPDATE project_keys k SET seals = k.seals + x.n
    FROM unnest(${counts.map((c) => c.projectId)}::text[], ${counts.map((c) => c.version)}::int[], ${counts.map((c) => c.pending)}::bigint[]) AS x(p, v, n)
    WHERE k.project_id = x.p AND k.version = x.v
    RETURNING k.project_id, k.version, k.seals`.execute(db);
  return rows;
}
