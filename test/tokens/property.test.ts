// Random JSON thrown at the API-key endpoints: only 2xx or 4xx in the one error shape, never a 5xx.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVault, type TestApp, type TestVault } from '../helpers.js';

let v: TestVault;
let a: TestApp;

beforeAll(async () => {
  v = await startVault({ logLevel: 'silent' });
  a = await v.createApp();
});
afterAll(() => v.close());

function assertShape(status: number, body: string) {
  expect(status).toBeLessThan(500);
  if (status >= 400) {
    const j = JSON.parse(body);
    expect(j.success).toBe(false);
    expect(j.data).toBeNull();
    expect(typeof j.message).toBe('string');
    expect(j.error.code).toMatch(/^[a-z_]+$/);
    expect(typeof j.error.request_id).toBe('string');
  }
}

// Values shaped like the real thing as well as arbitrary JSON, so the search reaches deep paths.
const cardish = fc.record(
  {
    cardNumber: fc.oneof(fc.string(), fc.constantFrom('4111111111111111', '4111 1111 1111 1111', '378282246310005', ''), fc.integer()),
    expirationMonth: fc.oneof(fc.string({ maxLength: 3 }), fc.integer({ min: -5, max: 20 })),
    expirationYear: fc.oneof(fc.string({ maxLength: 5 }), fc.integer({ min: -1, max: 99999 })),
    cvv: fc.oneof(fc.string({ maxLength: 5 }), fc.integer()),
    holderName: fc.string(),
  },
  { requiredKeys: [] },
);
const item = fc.oneof(
  fc.record({ type: fc.constantFrom('card', 'bank', 'string', 'other'), data: fc.oneof(cardish, fc.jsonValue()), format: fc.oneof(fc.string(), fc.constantFrom('random', 'card_preserving')), ttl_seconds: fc.jsonValue(), metadata: fc.jsonValue(), deduplicate: fc.jsonValue() }, { requiredKeys: [] }),
  fc.jsonValue(),
);
const tokenizeBody = fc.oneof(item, fc.record({ items: fc.oneof(fc.array(item, { maxLength: 5 }), fc.jsonValue()) }));
const detokenizeBody = fc.oneof(fc.record({ token: fc.jsonValue(), tokens: fc.jsonValue() }, { requiredKeys: [] }), fc.jsonValue());

describe('property: no input produces a 5xx', () => {
  it('POST /tokenize', async () => {
    await fc.assert(
      fc.asyncProperty(tokenizeBody, async (body) => {
        const res = await v.app.inject({ method: 'POST', url: '/tokenize', headers: { ...a.headers, 'content-type': 'application/json' }, payload: JSON.stringify(body) });
        assertShape(res.statusCode, res.body);
      }),
      { numRuns: 400 },
    );
  });

  it('POST /detokenize', async () => {
    await fc.assert(
      fc.asyncProperty(detokenizeBody, async (body) => {
        const res = await v.app.inject({ method: 'POST', url: '/detokenize', headers: { 'x-api-key': a.apiKey, 'content-type': 'application/json' }, payload: JSON.stringify(body) });
        assertShape(res.statusCode, res.body);
      }),
      { numRuns: 300 },
    );
  });

  it('raw bytes as a JSON body', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary' }), async (raw) => {
        const res = await v.app.inject({ method: 'POST', url: '/tokenize', headers: { ...a.headers, 'content-type': 'application/json' }, payload: raw });
        assertShape(res.statusCode, res.body);
      }),
      { numRuns: 200 },
    );
  });
});
