// Master keys in a PKCS#11 token (an HSM; SoftHSM2 in the tests), through pkcs11js. Each key is a
// token object: AES-256, sensitive, non-extractable, labelled with its id. Wrapping is AES-256-GCM
// computed inside the token (C_Encrypt with CKM_AES_GCM, our random 96-bit IV and the AAD), so the
// key never enters the vault's memory. The ciphertext layout is the software keyring's:
// iv(12) | ct | tag(16). Calls are synchronous and rare: data keys are unwrapped once per process.
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import type * as P from 'pkcs11js';
import { DecryptError } from './aead.js';
import { type KeySource, MasterKeyUnknown } from './keyring.js';
import { KEY_PROVIDER } from '../lib/key-providers.js';

// pkcs11js is CommonJS with a native addon built by node-gyp at install (an optional dependency,
// so machines without a compiler still install the vault): load it only when an HSM is configured.
function load(): typeof P {
  try {
    return createRequire(import.meta.url)('pkcs11js') as typeof P;
  } catch {
    throw new Error('VAULT_KEK_PROVIDER=pkcs11 needs the pkcs11js package, which did not install (building it needs make, g++ and python3): install those and run npm ci again');
  }
}

export interface Pkcs11Options {
  module: string;
  tokenLabel: string;
  pin: string;
  /** Master key labels, the default active one first (PKCS11_KEY_LABELS). */
  labels: string[];
  /** Generate the first label's key when the token has none of the labels (set-up and tests). */
  createMissing?: boolean;
}

// One initialised library per module path and process: two vault nodes in one process (the tests)
// share it, each with its own session. C_Initialize twice would fail.
const libs = new Map<string, { lib: P.PKCS11; refs: number }>();

function acquire(p: typeof P, module: string): P.PKCS11 {
  let l = libs.get(module);
  if (!l) {
    const lib = new p.PKCS11();
    lib.load(module);
    lib.C_Initialize();
    l = { lib, refs: 0 };
    libs.set(module, l);
  }
  l.refs++;
  return l.lib;
}

function release(module: string) {
  const l = libs.get(module);
  if (!l || --l.refs > 0) return;
  libs.delete(module);
  try {
    l.lib.C_Finalize();
  } catch {
    /* already finalized */
  }
}

const NONCE = 12;
const TAG = 16;
const LABEL = /^[A-Za-z0-9_-]{1,32}$/;

export class Pkcs11KeySource implements KeySource {
  readonly provider = KEY_PROVIDER.pkcs11;
  readonly mutable = true;
  private p: typeof P;
  private lib: P.PKCS11;
  private session!: Buffer;
  private handles = new Map<string, Buffer>();
  private order: string[];

  constructor(private opts: Pkcs11Options) {
    if (opts.labels.length === 0 || !opts.labels.every((l) => LABEL.test(l))) {
      throw new Error('PKCS11_KEY_LABELS: a comma list of labels (letters, digits, _ and -, at most 32)');
    }
    this.order = [...opts.labels];
    this.p = load();
    this.lib = acquire(this.p, opts.module);
    let session: Buffer | null = null;
    try {
      const slot = this.lib.C_GetSlotList(true).find((s) => this.lib.C_GetTokenInfo(s).label.trim() === opts.tokenLabel);
      if (!slot) throw new Error(`PKCS11_TOKEN_LABEL: no token labelled "${opts.tokenLabel}"`);
      session = this.lib.C_OpenSession(slot, this.p.CKF_RW_SESSION | this.p.CKF_SERIAL_SESSION);
      this.session = session;
      try {
        this.lib.C_Login(session, this.p.CKU_USER, opts.pin);
      } catch (e) {
        // Another session of this process logged in already: the login is per token and process.
        if (!/CKR_USER_ALREADY_LOGGED_IN/.test((e as Error).message)) {
          // The message names the PKCS#11 return code, never the PIN.
          throw new Error(`PKCS11_PIN: login to token "${opts.tokenLabel}" failed (${/CKR_\w+/.exec((e as Error).message)?.[0] ?? 'error'})`, { cause: e });
        }
      }
      if (opts.createMissing && !opts.labels.some((l) => this.find(l))) this.create(opts.labels[0]);
      for (const l of opts.labels) {
        if (!this.find(l)) throw new Error(`PKCS11_KEY_LABELS: the token has no AES key labelled "${l}"`);
      }
    } catch (e) {
      if (session) this.lib.C_CloseSession(session);
      release(opts.module);
      throw e;
    }
  }

  private find(label: string): Buffer | null {
    const cached = this.handles.get(label);
    if (cached) return cached;
    const { p } = this;
    this.lib.C_FindObjectsInit(this.session, [
      { type: p.CKA_CLASS, value: p.CKO_SECRET_KEY },
      { type: p.CKA_KEY_TYPE, value: p.CKK_AES },
      { type: p.CKA_LABEL, value: label },
    ]);
    const found = this.lib.C_FindObjects(this.session, 2);
    this.lib.C_FindObjectsFinal(this.session);
    if (found.length > 1) throw new Error(`PKCS11: more than one key labelled "${label}" in the token`);
    if (found.length === 0) return null;
    this.handles.set(label, found[0]);
    return found[0];
  }

  private create(label: string): Buffer {
    const { p } = this;
    const h = this.lib.C_GenerateKey(this.session, { mechanism: p.CKM_AES_KEY_GEN }, [
      { type: p.CKA_CLASS, value: p.CKO_SECRET_KEY },
      { type: p.CKA_KEY_TYPE, value: p.CKK_AES },
      { type: p.CKA_VALUE_LEN, value: 32 },
      { type: p.CKA_LABEL, value: label },
      { type: p.CKA_TOKEN, value: true },
      { type: p.CKA_PRIVATE, value: true },
      // Never readable, never exportable, not even wrapped under another key.
      { type: p.CKA_SENSITIVE, value: true },
      { type: p.CKA_EXTRACTABLE, value: false },
      { type: p.CKA_ENCRYPT, value: true },
      { type: p.CKA_DECRYPT, value: true },
      { type: p.CKA_SIGN, value: true },
      { type: p.CKA_VERIFY, value: true },
      { type: p.CKA_WRAP, value: false },
      { type: p.CKA_UNWRAP, value: false },
    ]);
    this.handles.set(label, h);
    return h;
  }

  private handle(id: string): Buffer {
    const h = this.find(id);
    if (!h) throw new MasterKeyUnknown(id);
    return h;
  }

  ids() {
    return [...this.order];
  }

  /** Any AES key in the token with that label: keys created by `keys rotate` elsewhere count. */
  has(id: string) {
    if (!LABEL.test(id)) return false;
    if (this.order.includes(id) || this.handles.has(id)) return true;
    if (!this.find(id)) return false;
    this.order.push(id);
    return true;
  }

  private gcm(iv: Buffer, aad: string): P.Mechanism {
    return { mechanism: this.p.CKM_AES_GCM, parameter: { type: this.p.CK_PARAMS_AES_GCM, iv, ivBits: 96, aad: Buffer.from(aad, 'utf8'), tagBits: 128 } as P.GcmParams };
  }

  seal(id: string, plain: Buffer, aad: string): Buffer {
    const iv = randomBytes(NONCE);
    this.lib.C_EncryptInit(this.session, this.gcm(iv, aad), this.handle(id));
    const out = this.lib.C_Encrypt(this.session, plain, Buffer.alloc(plain.length + TAG));
    return Buffer.concat([iv, out]);
  }

  open(id: string, sealed: Buffer, aad: string): Buffer {
    if (sealed.length < NONCE + TAG) throw new DecryptError();
    const h = this.handle(id);
    try {
      this.lib.C_DecryptInit(this.session, this.gcm(sealed.subarray(0, NONCE), aad), h);
      return Buffer.from(this.lib.C_Decrypt(this.session, sealed.subarray(NONCE), Buffer.alloc(sealed.length)));
    } catch {
      throw new DecryptError();
    }
  }

  /** AES-CMAC inside the token over a fixed label: a MAC key that is a function of the master key. */
  macKey(id: string): Buffer {
    const h = this.handle(id);
    const out: Buffer[] = [];
    for (const block of [1, 2]) {
      this.lib.C_SignInit(this.session, { mechanism: this.p.CKM_AES_CMAC }, h);
      out.push(Buffer.from(this.lib.C_Sign(this.session, Buffer.from(`vault:email-code-key:${block}`), Buffer.alloc(16))));
    }
    return Buffer.concat(out);
  }

  reload(): boolean {
    // Handles stay valid for the session; keys are looked up by label on first use (`has`).
    const before = this.order.length;
    this.handles.clear();
    this.order = this.order.filter((l) => this.find(l) !== null);
    return this.order.length !== before;
  }

  generate(): string {
    let n = 1;
    while (this.find(`hsm${n}`)) n++;
    const id = `hsm${n}`;
    this.create(id);
    this.order.unshift(id);
    return id;
  }

  remove(id: string): void {
    this.lib.C_DestroyObject(this.session, this.handle(id));
    this.handles.delete(id);
    this.order = this.order.filter((l) => l !== id);
  }

  close() {
    try {
      this.lib.C_CloseSession(this.session);
    } catch {
      /* already closed */
    }
    release(this.opts.module);
  }
}
