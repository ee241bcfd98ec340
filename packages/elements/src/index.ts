// The merchant-side SDK (docs/api.md §2.4), with Ozura's OzVault names: it only places iframes served
// by the vault and relays events. Card data is typed into those frames, goes from them to the
// vault, and never passes through this code: what comes back here is state and the token.
import type { Brand, FieldState } from './card.js';
import {
  type Appearance, BANK_FIELDS, type BankFieldType, CARD_FIELDS, type CardFieldType, type ElementStyle, type ErrorType,
  type FieldType, type FromFrame, isTagged, TAG,
} from './protocol.js';

export type { Appearance, BankFieldType, Brand, CardFieldType, ElementStyle, ErrorType, FieldState, FieldType };
import { type ElementOptions, OzElement, randomId, VaultElementsError } from './element.js';

export { OzElement, VaultElementsError };
export type { ChangeEvent, ElementEvents, ElementOptions } from './element.js';

export interface VaultOptions {
  /** The application's pub key (`pk_…`): not secret, names the project. */
  pubKey: string;
  /** The vault's base URL; default: where this script was loaded from (required from npm). */
  vaultUrl?: string;
  /** Ozura's name for `vaultUrl`. */
  frameBaseUrl?: string;
  /** The merchant's endpoint that mints a session key: POST `{"sessionId"}` → `{"sessionKey": "sess_…"}`. */
  sessionUrl?: string;
  /** Or a function that returns a fresh session key (given this vault's id, as Ozura's). */
  getSessionKey?: (sessionId: string) => Promise<string>;
  /**
   * Tokenizations per session key (the `session_limit` the merchant's server asks for); default 3.
   * `null`: no count, a new key only when the vault answers `session_expired`.
   */
  sessionLimit?: number | null;
  appearance?: Appearance;
  /** Called once the tokenizer frame is ready. */
  onReady?: () => void;
  /** Called when the tokenizer frame could not be loaded (elements also emit `loaderror`). */
  onLoadError?: () => void;
  /** Called whenever a key replaces a spent or expired one. */
  onSessionRefresh?: () => void;
  /** How long a frame may take to load before `loaderror` (ms); default 10 000. */
  loadTimeoutMs?: number;
}

export interface CardTokenResult {
  token: string;
  cvcSession: string | null;
  card: { brand: Brand; last4: string; bin: string; expirationMonth: string; expirationYear: string };
  billing: unknown;
}

export interface BankTokenResult {
  token: string;
  bank: { last4: string; routingNumber: string };
}

const SCRIPT_URL: string | undefined =
  typeof document !== 'undefined' && document.currentScript instanceof HTMLScriptElement ? document.currentScript.src : (import.meta as { url?: string }).url;


export class OzVault {
  /** @internal */ readonly origin: string;
  /** @internal */ readonly appearance?: Appearance;
  /** @internal */ readonly loadTimeoutMs: number;
  private readonly base: string;
  private readonly instance = `v${randomId()}`;
  private readonly elements = new Set<OzElement>();
  private readonly tokenizer: HTMLIFrameElement;
  private readonly tokenizerReady: Promise<void>;
  private tokenizerState: 'loading' | 'ready' | 'failed' = 'loading';
  private sessionKey: string | null = null;
  private hadKey = false;
  private uses = 0;
  private rid = 0;
  private pending = new Map<number, (m: Extract<FromFrame, { kind: 'result' }>) => void>();
  private readonly listener = (e: MessageEvent) => this.onMessage(e);

  /**
   * Ozura's factory: resolves once the first session key is in hand (rejects with an `auth` error
   * when the session endpoint does not give one). `create()` below is the synchronous form, which
   * fetches the key on the first tokenization.
   */
  static async create(options: VaultOptions, signal?: AbortSignal): Promise<OzVault> {
    const vault = new OzVault(options);
    const abort = () => vault.destroy();
    signal?.addEventListener('abort', abort, { once: true });
    try {
      if (signal?.aborted) throw new VaultElementsError('load', 'Aborted.');
      await vault.freshSessionKey();
      if (signal?.aborted) throw new VaultElementsError('load', 'Aborted.');
      return vault;
    } catch (e) {
      vault.destroy();
      throw e;
    } finally {
      signal?.removeEventListener('abort', abort);
    }
  }

  /** This instance's id (sent to the session endpoint as `sessionId`). */
  get vaultId(): string {
    return this.instance;
  }

  /** True once the tokenizer frame has loaded. */
  get isReady(): boolean {
    return this.tokenizerState === 'ready';
  }

  constructor(private readonly options: VaultOptions) {
    if (typeof options?.pubKey !== 'string' || options.pubKey === '') throw new VaultElementsError('validation', 'create: pubKey is required.');
    if (!options.sessionUrl && !options.getSessionKey) throw new VaultElementsError('validation', 'create: sessionUrl or getSessionKey is required.');
    const base = options.vaultUrl ?? options.frameBaseUrl ?? (SCRIPT_URL ? new URL(SCRIPT_URL).origin : undefined);
    if (!base) throw new VaultElementsError('validation', 'create: vaultUrl is required.');
    this.base = base.replace(/\/+$/, '');
    this.origin = new URL(this.base).origin;
    this.appearance = options.appearance;
    this.loadTimeoutMs = options.loadTimeoutMs ?? 10_000;
    window.addEventListener('message', this.listener);
    this.tokenizer = this.frame('tokenizer', 'tokenizer', {});
    this.tokenizer.title = 'Vault tokenizer';
    this.tokenizer.setAttribute('aria-hidden', 'true');
    this.tokenizer.tabIndex = -1;
    this.tokenizer.style.cssText = 'display:none';
    this.tokenizerReady = new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        if (this.tokenizerState !== 'loading') return;
        this.tokenizerState = 'failed';
        reject(new VaultElementsError('load', 'The vault tokenizer could not be loaded.'));
        options.onLoadError?.();
      }, this.loadTimeoutMs);
      this.onTokenizerReady = () => {
        clearTimeout(timer);
        this.tokenizerState = 'ready';
        resolve();
        options.onReady?.();
      };
    });
    this.tokenizerReady.catch(() => {});
    document.body.appendChild(this.tokenizer);
  }

  private onTokenizerReady: () => void = () => {};

  createElement(type: CardFieldType, options: ElementOptions = {}): OzElement {
    if (!(CARD_FIELDS as readonly string[]).includes(type)) throw new VaultElementsError('validation', `createElement: unknown type ${String(type)}`);
    return this.add(new OzElement(this, type, options));
  }

  createBankElement(type: BankFieldType, options: ElementOptions = {}): OzElement {
    if (!(BANK_FIELDS as readonly string[]).includes(type)) throw new VaultElementsError('validation', `createBankElement: unknown type ${String(type)}`);
    return this.add(new OzElement(this, type, options));
  }

  /** The element of that type, or null. */
  getElement(type: CardFieldType): OzElement | null {
    return [...this.elements].find((el) => el.elementType === type) ?? null;
  }

  getBankElement(type: BankFieldType): OzElement | null {
    return [...this.elements].find((el) => el.elementType === type) ?? null;
  }

  /** Tokenizes the card typed into this vault's card elements. */
  createToken(options: { billing?: Record<string, unknown> } = {}): Promise<CardTokenResult> {
    const b = options.billing as { name?: unknown; firstName?: unknown; lastName?: unknown } | undefined;
    const name = typeof b?.name === 'string' ? b.name : [b?.firstName, b?.lastName].filter((x) => typeof x === 'string' && x).join(' ');
    return this.tokenize('card', { billing: options.billing ?? null, holderName: name || undefined }) as Promise<CardTokenResult>;
  }

  /** Tokenizes the bank account typed into this vault's bank elements. */
  createBankToken(options: { firstName: string; lastName: string }): Promise<BankTokenResult> {
    const name = [options?.firstName, options?.lastName].filter(Boolean).join(' ');
    return this.tokenize('bank', { holderName: name || undefined }) as Promise<BankTokenResult>;
  }

  /** Empties every field. */
  reset(): void {
    for (const el of this.elements) el.clear();
  }

  /** Removes every frame and listener; the instance cannot be used afterwards. */
  destroy(): void {
    for (const el of [...this.elements]) el.destroy();
    this.tokenizer.remove();
    window.removeEventListener('message', this.listener);
    for (const [rid, done] of this.pending) done({ tag: TAG, kind: 'result', rid, ok: false, error: { type: 'load', message: 'The vault was destroyed.' } });
    this.pending.clear();
  }

  /** @internal */
  frame(kind: 'field' | 'tokenizer', frameId: string, extra: Record<string, string>): HTMLIFrameElement {
    const q = new URLSearchParams({ pk: this.options.pubKey, instance: this.instance, frame: frameId, origin: location.origin, ...extra });
    const iframe = document.createElement('iframe');
    iframe.src = `${this.base}/elements/v1/${kind}.html?${q}`;
    iframe.setAttribute('allowtransparency', 'true');
    return iframe;
  }

  /** @internal */
  forget(el: OzElement): void {
    this.elements.delete(el);
    this.tokenizer.contentWindow?.postMessage({ tag: TAG, kind: 'unlink', frame: el.frameId }, this.origin);
  }

  private add(el: OzElement): OzElement {
    this.elements.add(el);
    if (this.tokenizerState === 'failed') queueMicrotask(() => el.loadFailed());
    return el;
  }

  private onMessage(e: MessageEvent) {
    if (e.origin !== this.origin || !isTagged(e.data)) return;
    const msg = e.data as FromFrame;
    if (e.source === this.tokenizer.contentWindow) {
      if (msg.kind === 'ready') this.onTokenizerReady();
      else if (msg.kind === 'result') this.pending.get(msg.rid)?.(msg);
      return;
    }
    for (const el of this.elements) {
      if (el.window && e.source === el.window) return el.receive(msg);
    }
  }

  private async freshSessionKey(): Promise<string> {
    let key: unknown;
    try {
      if (this.options.getSessionKey) key = await this.options.getSessionKey(this.instance);
      else {
        const res = await fetch(this.options.sessionUrl!, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { accept: 'application/json', 'content-type': 'application/json' },
          body: JSON.stringify({ sessionId: this.instance }),
        });
        if (!res.ok) throw new Error(String(res.status));
        const body = (await res.json()) as { sessionKey?: unknown; session_key?: unknown } | null;
        key = body?.sessionKey ?? body?.session_key;
      }
    } catch {
      throw new VaultElementsError('auth', 'A session key could not be obtained from the session endpoint.');
    }
    if (typeof key !== 'string' || key === '') throw new VaultElementsError('auth', 'The session endpoint did not answer a session key.');
    if (this.hadKey) this.options.onSessionRefresh?.();
    this.hadKey = true;
    this.sessionKey = key;
    this.uses = 0;
    return key;
  }

  private send(what: 'card' | 'bank', sessionKey: string, extra: object) {
    const rid = ++this.rid;
    return new Promise<Extract<FromFrame, { kind: 'result' }>>((resolve) => {
      this.pending.set(rid, (m) => {
        this.pending.delete(rid);
        resolve(m);
      });
      this.tokenizer.contentWindow?.postMessage({ tag: TAG, kind: 'tokenize', rid, what, sessionKey, ...extra }, this.origin);
    });
  }

  private async tokenize(what: 'card' | 'bank', extra: object): Promise<unknown> {
    await this.tokenizerReady;
    const limit = this.options.sessionLimit === undefined ? 3 : this.options.sessionLimit;
    let key = this.sessionKey && (limit === null || this.uses < limit) ? this.sessionKey : await this.freshSessionKey();
    let res = await this.send(what, key, extra);
    // A spent, expired or revoked key is replaced once, and the tokenization retried.
    if (!res.ok && res.error.code === 'session_expired') {
      this.sessionKey = null;
      key = await this.freshSessionKey();
      res = await this.send(what, key, extra);
    }
    if (!res.ok) {
      if (res.error.code === 'session_expired') this.sessionKey = null;
      throw new VaultElementsError(res.error.type, res.error.message, res.error.code);
    }
    this.uses++;
    return res.result;
  }
}

/** docs/api.md's entry point: `create({pubKey, sessionUrl, …})`, synchronous (see `OzVault.create` for Ozura's). */
export function create(options: VaultOptions): OzVault {
  return new OzVault(options);
}

export default { create, OzVault };
