// What both frame scripts need: their parameters, and the two ways they talk.
import { type FromFrame, type Hello, TAG } from '../protocol.js';

export interface FrameParams {
  pubKey: string;
  instance: string;
  frame: string;
  parentOrigin: string;
  search: URLSearchParams;
}

type Untagged<T> = T extends unknown ? Omit<T, 'tag'> : never;

/** What an instance, a frame id or a nonce may be. */
export const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The frame's query, or null when it is not one the SDK builds (then the frame stays inert). */
export function frameParams(): FrameParams | null {
  const search = new URLSearchParams(location.search);
  const pubKey = search.get('pk') ?? '';
  const instance = search.get('instance') ?? '';
  const frame = search.get('frame') ?? '';
  const origin = search.get('origin') ?? '';
  let parentOrigin: string;
  try {
    parentOrigin = new URL(origin).origin;
  } catch {
    return null;
  }
  if (window.parent === window || pubKey === '' || pubKey.length > 128 || !ID.test(instance) || !ID.test(frame) || parentOrigin !== origin) return null;
  return { pubKey, instance, frame, parentOrigin, search };
}

/** Events for the merchant page: only to the parent, only at the origin it said it has. */
export function toParent(p: FrameParams, msg: Untagged<FromFrame>) {
  window.parent.postMessage({ tag: TAG, ...msg }, p.parentOrigin);
}

type HelloBody = Untagged<Hello>;

/** To every frame of the parent page, delivered only to those on the vault's own origin. */
export function toSiblings(msg: HelloBody) {
  const frames = window.parent.frames;
  for (let i = 0; i < frames.length; i++) {
    if (frames[i] !== window) frames[i].postMessage({ tag: TAG, ...msg }, location.origin);
  }
}

/** To one vault frame; targetOrigin is the vault's, so a window navigated elsewhere gets nothing. */
export function toVaultFrame(w: Window, msg: HelloBody, transfer: Transferable[] = []) {
  w.postMessage({ tag: TAG, ...msg }, location.origin, transfer);
}

/** From the page that embeds this frame (the merchant's). */
export const fromParent = (p: FrameParams, e: MessageEvent) => e.source === window.parent && e.origin === p.parentOrigin;

/**
 * From another frame of the vault's origin beside this one on the same page: never the merchant
 * page (its origin differs, and the page cannot post with the vault's origin), never this frame.
 */
export function fromVault(e: MessageEvent): e is MessageEvent & { source: Window } {
  if (e.origin !== location.origin || !e.source || e.source === window || e.source === window.parent) return false;
  const frames = window.parent.frames;
  for (let i = 0; i < frames.length; i++) if (frames[i] === e.source) return true;
  return false;
}

/** The message names this frame's own pub key and instance (so: its SDK's frames, its project). */
export const ours = (p: FrameParams, d: { pk?: unknown; instance?: unknown }) => d.pk === p.pubKey && d.instance === p.instance;

/** A random hex string, made inside the vault's origin. */
export function nonce(): string {
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}
