// One field of the SDK (docs/api.md §2.4): an iframe served by the vault, placed in the merchant's page.
// It relays the frame's events (state, never the value) to the merchant's handlers.
import type { FieldState } from './card.js';
import { type ElementStyle, type ErrorType, type FieldConfig, type FieldType, type FromFrame, TAG } from './protocol.js';
import type { OzVault } from './index.js';

export interface ElementOptions {
  style?: ElementStyle;
  placeholder?: string;
  /** The field's accessible label (default: "Card number", …). */
  label?: string;
}

export interface ChangeEvent extends FieldState {
  elementType: FieldType;
}

export interface ElementEvents {
  ready: { elementType: FieldType };
  change: ChangeEvent;
  focus: { elementType: FieldType };
  blur: { elementType: FieldType };
  loaderror: { elementType: FieldType; error: VaultElementsError };
}

export class VaultElementsError extends Error {
  constructor(readonly type: ErrorType, message: string, readonly code?: string) {
    super(message);
    this.name = 'VaultElementsError';
  }
}

const TITLES: Record<FieldType, string> = {
  cardNumber: 'Secure card number input',
  expirationDate: 'Secure expiration date input',
  cvv: 'Secure security code input',
  accountNumber: 'Secure bank account number input',
  routingNumber: 'Secure routing number input',
};

export function randomId(): string {
  const b = new Uint8Array(12);
  crypto.getRandomValues(b);
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

type Handler<K extends keyof ElementEvents> = (e: ElementEvents[K]) => void;

export class OzElement {
  private iframe: HTMLIFrameElement | null = null;
  private handlers = new Map<keyof ElementEvents, Set<(e: never) => void>>();
  private ready = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** @internal */
  readonly frameId: string;

  /** @internal */
  constructor(private vault: OzVault, readonly elementType: FieldType, private options: ElementOptions) {
    this.frameId = `f${randomId()}`;
  }

  on<K extends keyof ElementEvents>(event: K, handler: Handler<K>): this {
    if (!this.handlers.has(event)) this.handlers.set(event, new Set());
    this.handlers.get(event)!.add(handler);
    return this;
  }

  off<K extends keyof ElementEvents>(event: K, handler: Handler<K>): this {
    this.handlers.get(event)?.delete(handler);
    return this;
  }

  mount(target: string | HTMLElement): this {
    const host = typeof target === 'string' ? document.querySelector<HTMLElement>(target) : target;
    if (!host) throw new VaultElementsError('validation', `mount: no element matches ${typeof target === 'string' ? target : 'the target'}`);
    this.unmount();
    const iframe = this.vault.frame('field', this.frameId, { type: this.elementType });
    iframe.title = TITLES[this.elementType];
    iframe.style.cssText = 'border:0;width:100%;height:44px;display:block;background:transparent';
    this.iframe = iframe;
    host.appendChild(iframe);
    this.timer = setTimeout(() => this.loadFailed(), this.vault.loadTimeoutMs);
    return this;
  }

  unmount(): this {
    if (this.timer) clearTimeout(this.timer);
    this.iframe?.remove();
    this.iframe = null;
    this.ready = false;
    return this;
  }

  destroy(): void {
    this.unmount();
    this.vault.forget(this);
  }

  update(options: ElementOptions): this {
    this.options = { ...this.options, ...options };
    if (this.ready) this.configure();
    return this;
  }

  focus(): void {
    this.post({ kind: 'focus' });
  }

  clear(): void {
    this.post({ kind: 'clear' });
  }

  /** @internal */
  get window(): Window | null {
    return this.iframe?.contentWindow ?? null;
  }

  /** @internal */
  receive(msg: FromFrame): void {
    if (msg.kind === 'ready') {
      if (this.timer) clearTimeout(this.timer);
      this.ready = true;
      this.configure();
      this.emit('ready', { elementType: this.elementType });
    } else if (msg.kind === 'change') {
      const s = msg.state;
      this.emit('change', { elementType: this.elementType, empty: !!s.empty, complete: !!s.complete, valid: !!s.valid, ...(s.brand ? { brand: s.brand } : {}) });
    } else if (msg.kind === 'focus' || msg.kind === 'blur') {
      this.emit(msg.kind, { elementType: this.elementType });
    }
  }

  /** @internal */
  loadFailed(): void {
    if (this.ready || !this.iframe) return;
    this.emit('loaderror', { elementType: this.elementType, error: new VaultElementsError('load', 'The field could not be loaded from the vault.') });
  }

  private configure() {
    const config: FieldConfig = { ...this.options, appearance: this.vault.appearance };
    this.post({ kind: 'configure', config });
  }

  private post(msg: object) {
    this.window?.postMessage({ tag: TAG, ...msg }, this.vault.origin);
  }

  private emit<K extends keyof ElementEvents>(event: K, e: ElementEvents[K]) {
    for (const h of this.handlers.get(event) ?? []) (h as Handler<K>)(e);
  }
}
