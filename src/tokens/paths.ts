// Card data at configured places of a body that is not a /tokenize call: an inbound route's
// fields (docs/inbound.md) and the proxy's tokenize_response (docs/proxy.md). Places are found by
// JSONPath (jsonpath-plus, script filters off) or by form field name; each value goes through the
// same prepareItem as /tokenize and the same TokenStore statement, then is replaced by its token.
import { JSONPath } from 'jsonpath-plus';
import { type Static, Type } from 'typebox';
import { invalidFields, VaultError } from '../http/errors.js';
import type { Caller } from '../lib/context.js';
import { tokenFormatSchema } from '../lib/token-formats.js';
import { API_DEFAULTS, type PreparedItem, prepareItem } from './prepare.js';
import type { TokenAction, TokenizeItemResult, TokenizeOutcome, TokenStore } from './store.js';
import { tokenType, TokenTypeSchema } from './types/index.js';

const PATH_SAYS = 'JSONPath of the value ($.card.number, $.cards[*]); for a form route, the field name (card_number, card)';
const common = {
  path: Type.String({ minLength: 2, maxLength: 256, pattern: '^\\$[.[][^()]*$', description: PATH_SAYS }),
  type: TokenTypeSchema({ description: 'What the value is tokenized as, checked as /tokenize checks it' }),
  format: Type.Optional(tokenFormatSchema('Token format; default random')),
  data_fields: Type.Optional(Type.Record(Type.String({ maxLength: 64 }), Type.String({ minLength: 1, maxLength: 128 }), {
    maxProperties: 16,
    description: "For an object value: which of its properties holds each of the type's data fields, e.g. {\"cardNumber\": \"number\", \"expirationMonth\": \"exp_month\"}",
  })),
};

/** One place of a PSP answer to tokenize (tokenize_response): absent places are skipped. */
export const ResponseField = Type.Object(common, { additionalProperties: false });
export type ResponseField = Static<typeof ResponseField>;

/** One field of an inbound route; `required` (default true): absent → 400, nothing forwarded. */
export const RouteField = Type.Object(
  { ...common, path: Type.String({ minLength: 1, maxLength: 256, description: PATH_SAYS }), required: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export type RouteField = Static<typeof RouteField>;

/** A JSONPath the vault evaluates: `$` then a selector, no script filter (`?(…)`, `(…)`). */
export function checkJsonPath(path: string, at: string) {
  if (!/^\$[.[]/.test(path) || /[()]/.test(path)) throw invalidFields([{ path: at, message: 'must be a JSONPath below $ without script filters' }]);
}

/** `data_fields` names only fields of the type's data object (and only for an object type). */
export function checkDataFields(field: ResponseField, at: string) {
  if (!field.data_fields) return;
  const props = (tokenType(field.type)?.data as { properties?: Record<string, unknown> }).properties;
  const bad = Object.keys(field.data_fields).find((k) => !props || !Object.hasOwn(props, k));
  if (bad !== undefined) throw invalidFields([{ path: `${at}/data_fields`, message: 'names a field the type does not have' }]);
}

export interface Found {
  field: ResponseField;
  /** JSON Pointer of the place (JSON bodies), or the form field name. */
  at: string;
  /** What prepareItem takes as `data`. */
  data: unknown;
  /** The properties the token replaces (an object value), or null: the whole value is replaced. */
  replaces: string[] | null;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The value of one place as data, and which of its properties the token will replace. */
function dataOf(field: ResponseField, value: unknown): Pick<Found, 'data' | 'replaces'> {
  if (!isObject(value)) return { data: value, replaces: null };
  if (!field.data_fields) return { data: value, replaces: Object.keys(value) };
  const data: Record<string, unknown> = {};
  for (const [key, prop] of Object.entries(field.data_fields)) if (Object.hasOwn(value, prop)) data[key] = value[prop];
  return { data, replaces: Object.values(field.data_fields) };
}

/** Every place of `fields` in a JSON value; `missing`: the fields that matched nothing. */
export function findInJson(root: unknown, fields: ResponseField[]): { found: Found[]; missing: ResponseField[] } {
  const found: Found[] = [];
  const missing: ResponseField[] = [];
  for (const field of fields) {
    const hits = root === null || typeof root !== 'object'
      ? []
      : JSONPath<{ pointer: string; parent: unknown; value: unknown }[]>({ path: field.path, json: root, resultType: 'all', eval: false, wrap: true })
        .filter((h) => h.parent !== null && h.value !== undefined);
    if (hits.length === 0) missing.push(field);
    for (const h of hits) found.push({ field, at: h.pointer, ...dataOf(field, h.value) });
  }
  return { found, missing };
}

const unescape = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');

/** Replaces the value at a JSON Pointer (as an own property: a `__proto__` key stays data). */
function setAt(root: unknown, pointer: string, make: (current: unknown) => unknown) {
  const keys = pointer.split('/').slice(1).map(unescape);
  let node = root as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, k)) return;
    node = node[k] as Record<string, unknown>;
  }
  const last = keys[keys.length - 1];
  if (node === null || typeof node !== 'object' || !Object.hasOwn(node, last)) return;
  Object.defineProperty(node, last, { value: make(node[last]), writable: true, enumerable: true, configurable: true });
}

/** An object value keeps its other properties and gains `token` (and `cvc_session_id`); any other value becomes the token. */
function replacement(current: unknown, replaces: string[] | null, o: TokenizeOutcome): unknown {
  if (replaces === null || !isObject(current)) return o.token;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(current)) if (!replaces.includes(k)) Object.defineProperty(out, k, { value: v, writable: true, enumerable: true, configurable: true });
  out.token = o.token;
  if (o.cvcSessionId) out.cvc_session_id = o.cvcSessionId;
  return out;
}

/** Writes each outcome into `root` at its place (`root` may be a masked copy of what was read). */
export function replaceInJson(root: unknown, found: Found[], outcomes: TokenizeItemResult[]) {
  found.forEach((f, i) => {
    const o = outcomes[i];
    if (!(o instanceof VaultError)) setAt(root, f.at, (current) => replacement(current, f.replaces, o));
  });
}

// A form field of an object type is spread over `name[prop]` fields (the Stripe/Rails convention).
function wantsObject(field: ResponseField): boolean {
  const schema: object | undefined = tokenType(field.type)?.data;
  return schema !== undefined && Reflect.get(schema, 'type') === 'object';
}

/** Every place of `fields` in a form body. */
export function findInForm(form: URLSearchParams, fields: ResponseField[]): { found: Found[]; missing: ResponseField[] } {
  const found: Found[] = [];
  const missing: ResponseField[] = [];
  for (const field of fields) {
    const name = field.path;
    if (!wantsObject(field)) {
      if (form.has(name)) found.push({ field, at: name, data: form.get(name), replaces: null });
      else missing.push(field);
      continue;
    }
    const value: Record<string, string> = {};
    for (const [k, v] of form) if (k.startsWith(`${name}[`) && k.endsWith(']')) value[k.slice(name.length + 1, -1)] = v;
    if (Object.keys(value).length === 0) missing.push(field);
    else found.push({ field, at: name, ...dataOf(field, value) });
  }
  return { found, missing };
}

export function replaceInForm(form: URLSearchParams, found: Found[], outcomes: TokenizeItemResult[]) {
  found.forEach((f, i) => {
    const o = outcomes[i];
    if (o instanceof VaultError) return;
    if (f.replaces === null) {
      form.set(f.at, o.token);
      return;
    }
    for (const prop of f.replaces) form.delete(`${f.at}[${prop}]`);
    form.set(`${f.at}[token]`, o.token);
    if (o.cvcSessionId) form.set(`${f.at}[cvc_session_id]`, o.cvcSessionId);
  });
}

/**
 * Validates every found value as a /tokenize item and stores the valid ones in one statement
 * (one audit entry naming the tokens). Answers per place: the outcome or that value's error.
 * `strict`: the first invalid value is thrown before anything is stored.
 */
export async function tokenizeFound(
  store: TokenStore, caller: Caller, action: TokenAction, found: Found[], opts: { deduplicate: boolean; strict: boolean }, now: Date,
): Promise<TokenizeItemResult[]> {
  const { deduplicate } = opts;
  const prepared = found.map((f): PreparedItem | VaultError => {
    try {
      return prepareItem({ type: f.field.type, data: f.data, deduplicate, ...(f.field.format ? { format: f.field.format } : {}) }, API_DEFAULTS, now);
    } catch (e) {
      if (e instanceof VaultError) return e;
      throw e;
    }
  });
  const bad = prepared.find((p) => p instanceof VaultError);
  if (opts.strict && bad) throw bad;
  const good = prepared.filter((p): p is PreparedItem => !(p instanceof VaultError));
  const stored = good.length > 0 ? await store.tokenize(caller, action, good, now) : [];
  let k = 0;
  return prepared.map((p) => (p instanceof VaultError ? p : stored[k++]));
}
