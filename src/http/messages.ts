// ajv's sentences ("must NOT have fewer than 1 characters", "boolean schema is false") in words a
// person reads: each detail is a predicate of its field ("must not be empty", "is not a known
// field"), so a form shows "Name must not be empty" and an API user sees what to change. The
// predicates stay free of request data: they quote only the schema's own limits and names.
import type { FastifySchemaValidationError } from 'fastify/types/schema.js';

type V = FastifySchemaValidationError & { params: Record<string, unknown> };

const TYPES: Record<string, string> = { string: 'text', integer: 'a whole number', number: 'a number', boolean: 'true or false', object: 'an object', array: 'a list', null: 'null' };

export function humanMessage(v: FastifySchemaValidationError): string {
  const p = (v as V).params ?? {};
  switch (v.keyword) {
    case 'required':
      return 'is required';
    case 'minLength':
      return p.limit === 1 ? 'must not be empty' : `must be at least ${p.limit as number} characters`;
    case 'maxLength':
      return `must be at most ${p.limit as number} characters`;
    case 'minItems':
      return p.limit === 1 ? 'must not be an empty list' : `must have at least ${p.limit as number} items`;
    case 'maxItems':
      return `must have at most ${p.limit as number} items`;
    case 'minimum':
      return `must be ${p.limit as number} or more`;
    case 'maximum':
      return `must be ${p.limit as number} or less`;
    case 'type': {
      const types = String(p.type).split(',').map((t) => TYPES[t] ?? t);
      return `must be ${types.join(' or ')}`;
    }
    case 'enum':
      return Array.isArray(p.allowedValues) ? `must be one of: ${p.allowedValues.join(', ')}` : 'is not one of the allowed values';
    case 'const':
      return `must be ${JSON.stringify(p.allowedValue)}`;
    case 'additionalProperties':
      return 'has a field this endpoint does not accept'; // the field's name is request data: not quoted
    case 'false schema':
      return 'is not allowed here';
    case 'pattern':
      return 'is not in the expected format';
    case 'format':
      return p.format === 'email' ? 'must be an email address' : `must be a valid ${String(p.format)}`;
    case 'anyOf':
    case 'oneOf':
      return 'does not match any of the accepted forms';
    default:
      return v.message ?? 'is invalid';
  }
}

/**
 * A union of literals (TypeBox's `Union([Literal…])`) fails as one `const` per alternative and an
 * `anyOf`: said once, as the choice it is ("must be one of: development, staging, production").
 */
export function humanDetails(errors: FastifySchemaValidationError[]): { path: string; message: string }[] {
  const pathOf = (v: FastifySchemaValidationError) => {
    const p = (v as V).params ?? {};
    return typeof p.missingProperty === 'string' ? `${v.instancePath}/${p.missingProperty}` : v.instancePath || '/';
  };
  const choices = new Map<string, unknown[]>();
  for (const v of errors) if (v.keyword === 'const') choices.set(v.instancePath, [...(choices.get(v.instancePath) ?? []), (v as V).params.allowedValue]);
  const out: { path: string; message: string }[] = [];
  for (const v of errors) {
    const alts = choices.get(v.instancePath);
    if (alts && alts.length > 1 && (v.keyword === 'const' || v.keyword === 'anyOf')) {
      if (v.keyword === 'anyOf') out.push({ path: pathOf(v), message: `must be one of: ${alts.join(', ')}` });
      continue;
    }
    out.push({ path: pathOf(v), message: humanMessage(v) });
  }
  return out;
}
