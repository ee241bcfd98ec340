// Request generation for the API fuzzer: fast-check arbitraries built from the vault's own
// /openapi.json (every operation, its parameters and its JSON body schema), then mutated the way
// an attacker would: wrong types, missing and extra fields, NUL and lone surrogates, huge strings,
// deep nesting, 10 000-element arrays, __proto__ keys, bad cursors and path ids, every auth variant.
import fc from 'fast-check';

export interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  nullable?: boolean;
  format?: string;
}

export interface Operation {
  method: string;
  path: string; // OpenAPI template: /api/projects/{id}
  params: { name: string; in: 'path' | 'query' | 'header'; schema: Schema }[];
  body: Schema | null;
  rawTypes: string[]; // non-JSON content types the operation takes (proxy header mode)
  /** Signed-in user (JWT) rather than API key. */
  jwt: boolean;
}

export interface FuzzRequest {
  op: string;
  method: string;
  path: string; // already URL-encoded
  headers: Record<string, string>;
  body?: string;
}

/** Known-good values by field or parameter name, so that requests reach past the first check. */
export type Dictionary = Record<string, unknown[]>;

export const MARKER_PAN = '4012888888881881'; // a published test card: it must never come back in an error

export const HOSTILE_STRINGS = [
  '', ' ', '\u0000', 'a\u0000b', '\ud800', 'x\udfffy', '\ud800A-17', '\udbff\udbff', '%00', '%zz', '../../etc/passwd', '${cardNumber}',
  '<script>alert(1)</script>', "' OR 1=1 --", '\r\nX-Injected: 1', '☃ snow', '\u202e\u0301', MARKER_PAN, `${MARKER_PAN.slice(0, 4)} ${MARKER_PAN.slice(4)}`,
  'null', '__proto__', 'constructor', '1e309', 'Infinity', '-1', '9'.repeat(400), 'tok_' + 'A'.repeat(24), '2024-02-31T00:00:00Z',
];

/** Percent-encoding that never throws (encodeURIComponent does on a lone surrogate). */
export const pct = (s: string) =>
  [...Buffer.from(s, 'utf8')].map((c) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(c)) ? String.fromCharCode(c) : `%${c.toString(16).toUpperCase().padStart(2, '0')}`)).join('');

const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
export const BAD_CURSORS = [
  'x', '!!', b64('nope'), b64([]), b64({}), b64(['2024-02-31T00:00:00.000Z', 'x']), b64([1e308 * 10]), b64(['\u0000']), b64([-1]), b64([1.5]),
  b64(['2024-01-01T00:00:00.000Z', 'a\u0000b']), b64(['99999-01-01T00:00:00Z', 'x']), b64([true, null]), 'A'.repeat(199),
];
export const BAD_LIMITS = ['0', '-1', '201', '1e309', 'Infinity', '-Infinity', 'NaN', '1.5', 'abc', '', '9'.repeat(30)];
export const BAD_PATH_IDS = ['%00', '%zz', '%', '%ED%A0%80', '..', '%2F', 'a'.repeat(400), '%ED%B0%80', MARKER_PAN, '%20', 'x%00y', '%C0%AF'];

const hostileString = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 1, arbitrary: fc.constant('x'.repeat(100_000)) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
);

/** Any JSON value, hostile ones included. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, 2 ** 53 + 1, 1e308, '', [], {}),
  hostileString,
  fc.jsonValue({ maxDepth: 3 }),
);

/** A value nested `depth` levels deep, built without recursion. */
function nested(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

/** Values for a schema, mostly valid, sometimes good values by name, sometimes hostile. */
export function valueFor(schema: Schema, name: string | undefined, dict: Dictionary, depth = 0): fc.Arbitrary<unknown> {
  const good = name !== undefined && dict[name]?.length ? [{ weight: 6, arbitrary: fc.constantFrom(...dict[name]) }] : [];
  const hostile = [{ weight: 2, arbitrary: anyValue }];
  return fc.oneof(...good, { weight: 6, arbitrary: valid(schema, dict, depth) }, ...hostile);
}

function valid(schema: Schema, dict: Dictionary, depth: number): fc.Arbitrary<unknown> {
  if (depth > 4) return fc.constant(null);
  const alts = schema.anyOf ?? schema.oneOf;
  if (alts) return fc.oneof(...alts.map((s) => valid(s, dict, depth + 1)));
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const base = (() => {
    switch (schema.type) {
      case 'string':
        return schema.format === 'date-time'
          ? fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString())
          : fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 60) });
      case 'integer':
        return fc.integer({ min: schema.minimum ?? -1000, max: Math.min(schema.maximum ?? 1000, 2 ** 31) });
      case 'number':
        return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true });
      case 'boolean':
        return fc.boolean();
      case 'array':
        return fc.array(schema.items ? valueFor(schema.items, undefined, dict, depth + 1) : anyValue, {
          minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 5, 5),
        });
      case 'object': {
        const props = schema.properties ?? {};
        const required = new Set(schema.required ?? []);
        const record: Record<string, fc.Arbitrary<unknown>> = {};
        for (const [k, s] of Object.entries(props)) record[k] = valueFor(s, k, dict, depth + 1);
        const known = fc.record(record, { requiredKeys: [...required].filter((k) => k in props) });
        return schema.additionalProperties && typeof schema.additionalProperties === 'object' && Object.keys(props).length === 0
          ? fc.dictionary(fc.string({ maxLength: 10 }), anyValue, { maxKeys: 4 })
          : known;
      }
      default:
        return anyValue;
    }
  })();
  return schema.nullable ? fc.oneof(base, fc.constant(null)) : base;
}

/** Object-level mutations: missing required fields, extra and prototype keys, wrong types. */
function mutateObject(obj: unknown): fc.Arbitrary<unknown> {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return fc.constant(obj);
  const o = obj as Record<string, unknown>;
  const keys = Object.keys(o);
  return fc.oneof(
    fc.constant(o),
    keys.length ? fc.constantFrom(...keys).map((k) => Object.fromEntries(Object.entries(o).filter(([x]) => x !== k))) : fc.constant(o),
    fc.tuple(fc.constantFrom('extra', '__proto__', 'constructor', 'prototype', '\u0000', 'a'.repeat(300)), anyValue)
      .map(([k, v]) => JSON.parse(JSON.stringify({ ...o, [k === '__proto__' ? 'PROTO_KEY' : k]: v }).replace('"PROTO_KEY"', '"__proto__"'))),
    keys.length ? fc.tuple(fc.constantFrom(...keys), anyValue).map(([k, v]) => ({ ...o, [k]: v })) : fc.constant(o),
    keys.length ? fc.tuple(fc.constantFrom(...keys), fc.constantFrom(60, 200, 1000)).map(([k, d]) => ({ ...o, [k]: nested(d) })) : fc.constant(o),
    keys.length ? fc.constantFrom(...keys).map((k) => ({ ...o, [k]: Array.from({ length: 10_000 }, (_, i) => (typeof o[k] === 'string' && o[k].length < 64 ? o[k] : i)) })) : fc.constant(o),
  );
}

/** A JSON body as text, or raw text no JSON parser should accept. */
export function bodyFor(schema: Schema, dict: Dictionary): fc.Arbitrary<{ text: string | undefined; type: string | undefined }> {
  const json = valid(schema, dict, 0).chain(mutateObject).map((v) => ({ text: JSON.stringify(v), type: 'application/json' }));
  const raw = fc.constantFrom(
    '{', '{"a":', 'nul', '[]', '"string"', '123', 'null', '{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"polluted":1}}}',
    '['.repeat(100_000) + ']'.repeat(100_000), '{"a":'.repeat(5000) + '1' + '}'.repeat(5000), `{"x":"${'y'.repeat(1_100_000)}"}`,
    '{"items":[' + Array.from({ length: 10_000 }, () => '{}').join(',') + ']}', '\u0000', '{"a":"\\ud800"}', '{"a":"\\u0000"}',
  ).map((text) => ({ text, type: 'application/json' }));
  const wrongType = fc.tuple(json, fc.constantFrom(undefined, 'text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/json; charset=latin1'))
    .map(([b, type]) => ({ text: b.text, type }));
  const none = fc.constant({ text: undefined, type: undefined });
  return fc.oneof({ weight: 12, arbitrary: json }, { weight: 3, arbitrary: raw }, { weight: 2, arbitrary: wrongType }, { weight: 1, arbitrary: none });
}

const encode = (v: unknown) => pct(typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));

/** Every request of one operation: path, query, auth variant, body. */
export function requestFor(op: Operation, dict: Dictionary, auth: Record<string, string>[]): fc.Arbitrary<FuzzRequest> {
  const pathParams = op.params.filter((p) => p.in === 'path');
  const queryParams = op.params.filter((p) => p.in === 'query');
  const pathArb = fc.tuple(...pathParams.map((p) => fc.oneof(
    { weight: 5, arbitrary: valueFor(p.schema, p.name, dict).map(encode) },
    { weight: 3, arbitrary: fc.constantFrom(...BAD_PATH_IDS) },
  ))).map((values) => pathParams.reduce((path, p, i) => path.replace(`{${p.name}}`, values[i]), op.path));
  const queryArb = fc.tuple(
    ...queryParams.map((p) => fc.option(
      p.name === 'cursor' ? fc.oneof(fc.constantFrom(...BAD_CURSORS), ...(dict.cursor ? [fc.constantFrom(...dict.cursor.map(String))] : []))
      : p.name === 'limit' ? fc.oneof(fc.constantFrom(...BAD_LIMITS), fc.integer({ min: 1, max: 200 }).map(String))
      : valueFor(p.schema, p.name, dict).map((v) => (typeof v === 'string' ? v : JSON.stringify(v) ?? '')),
      { freq: 3 },
    ).map((v) => (v === null ? null : `${p.name}=${pct(v)}`))),
    fc.option(fc.constantFrom('extra=1', 'limit=5&limit=6', '__proto__[x]=1', 'a=%00', 'b=%ED%A0%80', 'c=%zz'), { freq: 5 }),
  ).map((parts) => parts.filter((x): x is string => x !== null).join('&'));
  const headerParams = op.params.filter((p) => p.in === 'header' && p.name.startsWith('x-') && !['x-api-key', 'x-pub-key'].includes(p.name));
  const headerArb = fc.tuple(...headerParams.map((p) => fc.option(valueFor(p.schema, p.name, dict).map((v) => [p.name, String(v)] as const), { freq: 2 })))
    .map((pairs) => Object.fromEntries(pairs.filter((x): x is readonly [string, string] => x !== null)));
  const bodyArb = op.body
    ? bodyFor(op.body, dict)
    : fc.oneof({ weight: 6, arbitrary: fc.constant({ text: undefined as string | undefined, type: undefined as string | undefined }) }, { weight: 1, arbitrary: bodyFor({ type: 'object' }, dict) });
  const rawBody = op.rawTypes.length
    ? fc.tuple(fc.constantFrom(...op.rawTypes), fc.oneof(fc.constant('amount=1&card=${cardNumber}'), hostileString)).map(([type, text]) => ({ text, type: type }))
    : null;
  return fc.record({
    path: pathArb,
    query: queryArb,
    auth: fc.constantFrom(...auth),
    headers: headerArb,
    body: rawBody ? fc.oneof({ weight: 4, arbitrary: bodyArb }, { weight: 1, arbitrary: rawBody }) : bodyArb,
  }).map((r) => ({
    op: `${op.method} ${op.path}`,
    method: op.method,
    path: r.query ? `${r.path}?${r.query}` : r.path,
    headers: { ...r.auth, ...r.headers, ...(r.body.type ? { 'content-type': r.body.type } : {}) },
    ...(r.body.text !== undefined && op.method !== 'GET' ? { body: r.body.text } : {}),
  }));
}

/** The operations of an OpenAPI document. */
export function operationsOf(doc: { paths: Record<string, Record<string, Record<string, unknown>>> }): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, o] of Object.entries(methods)) {
      const content = (o.requestBody as { content?: Record<string, { schema?: Schema }> } | undefined)?.content ?? {};
      ops.push({
        method: method.toUpperCase(),
        path,
        params: ((o.parameters as Operation['params'] | undefined) ?? []).map((p) => ({ name: p.name, in: p.in, schema: p.schema ?? {} })),
        body: content['application/json']?.schema ?? null,
        rawTypes: Object.keys(content).filter((t) => t !== 'application/json'),
        // A JWT operation: the bearer scheme and no API key (tokenize also takes a JWT, but as an alternative).
        jwt: (JSON.stringify(o.security ?? []).includes('bearer') && !JSON.stringify(o.security ?? []).includes('apiKey')) || (path.startsWith('/api/') && path !== '/api/applications/key'),
      });
    }
  }
  return ops;
}
