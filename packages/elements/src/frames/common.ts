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

const ID = /^[A-Za-z0-9_-]{1,64}$/;

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
  if (window.parent === window || !ID.test(instance) || !ID.test(frame) || parentOrigin !== origin) return null;
  return { pubKey, instance, frame, parentOrigin, search };
}

/** Events for the merchant page: only to the parent, only at the origin it said it has. */
export function toParent(p: FrameParams, msg: Untagged<FromFrame>) {
  window.parent.postMessage({ tag: TAG, ...msg }, p.parentOrigin);
}

/** To every frame of the parent page, delivered only to those on the vault's own origin. */
export function toSiblings(msg: Untagged<Hello>) {
  const frames = window.parent.frames;
  for (let i = 0; i < frames.length; i++) {
    if (frames[i] !== window) frames[i].postMessage({ tag: TAG, ...msg }, location.origin);
  }
}

/** From the page that embeds this frame (the merchant's). */
export const fromParent = (p: FrameParams, e: MessageEvent) => e.source === window.parent && e.origin === p.parentOrigin;

/** From another frame of the vault's origin (never the merchant page: its origin differs). */
export const fromVault = (e: MessageEvent) => e.origin === location.origin && e.source !== window.parent;
