// Query strings and path parameters arrive as text, and ajv's coercion reads text with Number():
// `0x10` became 16, `1e3` 1000, ` 7` 7, and `1e309` Infinity, which its range checks skip. Every
// integer parameter is therefore checked as text first — optional sign, decimal digits, no more
// than 15 of them (a safe integer) — and only then handed to the schema's own checks.
import ValidatorSelector, { type BuildCompilerFromPool, type ErrorObject } from '@fastify/ajv-compiler';

type Schema = { type?: unknown; properties?: Record<string, Schema>; anyOf?: Schema[] };
type Validate = ReturnType<ReturnType<BuildCompilerFromPool>>;

const DECIMAL_INTEGER = /^-?(0|[1-9]\d{0,14})$/;

const isInteger = (s: Schema): boolean => s.type === 'integer' || (s.anyOf?.some(isInteger) ?? false);

function integerNames(schema: Schema): string[] {
  return Object.entries(schema.properties ?? {}).filter(([, s]) => isInteger(s)).map(([name]) => name);
}

function wrap(validate: Validate, names: string[]): Validate {
  const strict = ((data: unknown) => {
    const values = (data ?? {}) as Record<string, unknown>;
    for (const name of names) {
      const v = values[name];
      if (typeof v === 'string' && !DECIMAL_INTEGER.test(v)) {
        const error: ErrorObject = {
          keyword: 'type', instancePath: `/${name}`, schemaPath: `#/properties/${name}/type`, params: { type: 'integer' }, message: 'must be a decimal integer',
        };
        strict.errors = [error];
        return false;
      }
    }
    const ok = validate(data);
    strict.errors = validate.errors;
    return ok;
  }) as Validate;
  return strict;
}

/** Fastify's default ajv compiler, with the text check in front of integer query and path parameters. */
export function strictParameterValidators(): BuildCompilerFromPool {
  const selector = ValidatorSelector();
  return (...args) => {
    const compile = selector(...args);
    return (route) => {
      const validate = compile(route);
      const part = route.httpPart;
      const names = part === 'querystring' || part === 'params' ? integerNames(route.schema as Schema) : [];
      return names.length === 0 ? validate : wrap(validate, names);
    };
  };
}
