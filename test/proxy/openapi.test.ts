import { afterAll, beforeAll, expect, it } from 'vitest';
import { startVault, type TestVault } from '../helpers.js';

let v: TestVault;
beforeAll(async () => {
  v = await startVault();
});
afterAll(() => v.close());

it('the proxy routes are in /openapi.json with their JSON and raw body forms, and /docs renders', async () => {
  const res = await v.app.inject({ method: 'GET', url: '/openapi.json' });
  expect(res.statusCode).toBe(200);
  const spec = res.json();
  const post = spec.paths['/proxy/transaction'].post;
  expect(Object.keys(post.requestBody.content).sort()).toEqual(['application/json', 'application/x-www-form-urlencoded', 'application/xml', 'text/xml']);
  expect(post.requestBody.content['application/json'].schema.required).toEqual(expect.arrayContaining(['token', 'proxy_url']));
  expect(spec.paths['/proxy/delete-cvc-session/{id}'].delete).toBeTruthy();
  const docs = await v.app.inject({ method: 'GET', url: '/docs' });
  expect(docs.statusCode).toBe(200);
  expect(docs.body).toContain('/proxy/transaction');
});
