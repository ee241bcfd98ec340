// Checks an error answer against the catalogue: its code, status and sentence must be one entry
// (a `%s` matches any text). Every test vault and the fuzzer run every error answer through it,
// so an error thrown outside the catalogue fails the suite.
import { ERRORS } from '../../src/http/errors.js';

const ENTRIES = Object.entries(ERRORS).map(([name, e]) => ({
  code: 'code' in e ? e.code : name,
  status: e.status,
  message: new RegExp(`^${e.message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%s/g, '[^]*')}$`),
}));

/** Why an error answer is not in the catalogue, or null when it is. */
export function catalogueProblem(status: number, body: { message?: unknown; error?: { code?: unknown } }): string | null {
  const { message } = body;
  const code = body.error?.code;
  const same = ENTRIES.filter((e) => e.code === code && typeof message === 'string' && e.message.test(message));
  if (same.length === 0) return `${String(code)} "${String(message)}" is not in the catalogue`;
  // A framework 4xx the catalogue does not name keeps its own status as invalid_request.
  if (!same.some((e) => e.status === status) && !(code === 'invalid_request' && status > 400 && status < 500)) {
    return `${String(code)} answered with status ${status}`;
  }
  return null;
}
