// One check on every request before its schema: path parameters, query values and the JSON body
// hold no text PostgreSQL cannot store and no nesting deeper than MAX_DEPTH (src/lib/text.ts),
// and an integer query or path parameter is spelled as a plain decimal integer.
// A route whose body carries batch items (`config.itemsCheckedAlone`) leaves `items` to its
// handler, so that one bad item fails alone.
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { findBadText } from '../lib/text.js';
import { type ErrorDetail, invalidFields } from './errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    itemsCheckedAlone?: boolean;
  }
}

// ajv's coerceTypes turns '0x10' into 16, '1e2' into 100 and '1e309' into Infinity (which then
// passes minimum/maximum, since they skip non-finite numbers): only digits, at most 15 of them
// (inside Number.MAX_SAFE_INTEGER), no sign but '-', no leading zero, reach the schema.
const DECIMAL_INTEGER = /^(0|-?[1-9]\d{0,14})$/;
type Props = { properties?: Record<string, { type?: unknown; anyOf?: { type?: unknown }[] }> };
const integerNames = new WeakMap<object, string[]>();

function integersOf(schema: unknown): string[] {
  if (!schema || typeof schema !== 'object') return [];
  let names = integerNames.get(schema);
  if (!names) {
    const props = (schema as Props).properties ?? {};
    names = Object.keys(props).filter((k) => props[k].type === 'integer' || (props[k].anyOf ?? []).some((s) => s.type === 'integer'));
    integerNames.set(schema, names);
  }
  return names;
}

function badInteger(values: unknown, schema: unknown, where: string): ErrorDetail | null {
  if (!values || typeof values !== 'object') return null;
  for (const name of integersOf(schema)) {
    const v = (values as Record<string, unknown>)[name];
    if (v === undefined) continue;
    for (const one of Array.isArray(v) ? v : [v]) {
      if (typeof one !== 'string' || !DECIMAL_INTEGER.test(one)) return { path: `/${name}`, message: `must be a decimal integer (${where})` };
    }
  }
  return null;
}

function check(req: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction) {
  const schema = req.routeOptions.schema;
  const bad =
    findBadText(req.params) ??
    findBadText(req.query) ??
    badInteger(req.params, schema?.params, 'path') ??
    badInteger(req.query, schema?.querystring, 'query') ??
    (Buffer.isBuffer(req.body) ? null : findBadText(req.body, '', req.routeOptions.config.itemsCheckedAlone ? 'items' : undefined));
  done(bad ? invalidFields([bad]) : undefined);
}

export function registerInputChecks(app: FastifyInstance) {
  app.addHook('preValidation', check);
}
