// The row message is signed on every hot request, so it is built without the generic
// canonicalJson walk; it must stay byte for byte what canonicalJson of the whole array gives
// (verifiers and old rows depend on it).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, type MacFields, type MacScope, rowMessage } from '../../src/db/audit.js';

const text = fc.option(fc.string({ unit: 'binary' }), { nil: null });
const fields = fc.record({
  project_id: text, created: fc.string(), event_type: fc.string(), action: fc.string(), outcome: fc.string(),
  resource_type: text, resource_id: text, user_id: text, app_id: text, ip_address: text, request_id: text,
  details: fc.jsonValue(),
});

const oracle = (tag: string, scope: MacScope, f: MacFields) =>
  canonicalJson([
    'audit-row', tag, scope, f.project_id, f.created, f.event_type, f.action, f.resource_type, f.user_id, f.app_id,
    f.ip_address, f.request_id, scope === 'f' ? [f.outcome, f.resource_id, f.details] : null,
  ]);

describe('rowMessage', () => {
  it('equals canonicalJson of the row array, for both scopes and any text', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom<MacScope>('f', 'r'), fields, (tag, scope, f) => {
        expect(rowMessage(tag, scope, f)).toBe(oracle(tag, scope, f));
      }),
      { numRuns: 2000 },
    );
  });
});
