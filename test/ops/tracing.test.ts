// OpenTelemetry tracing (issue 29 item 8): with OTEL_EXPORTER_OTLP_ENDPOINT set, a real OTLP/HTTP
// collector on loopback receives a server span per request, parented by the caller's W3C
// traceparent and named by the route pattern, and a client span for the proxy's call to the PSP,
// whose traceparent the PSP receives. The exports hold no card data, token or key. Spans still
// batched are exported when the vault stops (app.close, which SIGTERM's drain ends in; the last
// test sends SIGTERM to a real vault process).
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, startVault, type TestApp, type TestVault, VISA } from '../helpers.js';
import { type Psp, startPsp } from '../proxy/psp.js';
import { freePort, killTree, sleep, startVaultProcess, vaultEnv } from '../support/vault-process.js';

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: { key: string; value: { stringValue?: string; intValue?: number | string } }[];
}

interface Collector {
  url: string;
  /** Every export body as received (JSON text). */
  bodies: string[];
  spans(): OtlpSpan[];
  close(): Promise<void>;
}

// OTLP/JSON ids are hex; accept base64 too, so the test does not depend on the encoder's choice.
const hex = (id: string | undefined) => (id === undefined || id === '' || /^[0-9a-f]+$/.test(id) ? id : Buffer.from(id, 'base64').toString('hex'));

async function startCollector(): Promise<Collector> {
  const bodies: string[] = [];
  const paths: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      paths.push(`${req.method} ${req.url} ${req.headers['content-type']}`);
      bodies.push((req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8'));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    bodies,
    spans: () => {
      expect(paths.every((p) => p.startsWith('POST /v1/traces application/json'))).toBe(true);
      return bodies.flatMap((b) => (JSON.parse(b) as { resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[] }).resourceSpans)
        .flatMap((r) => r.scopeSpans.flatMap((s) => s.spans))
        .map((s) => ({ ...s, traceId: hex(s.traceId)!, spanId: hex(s.spanId)!, parentSpanId: hex(s.parentSpanId) }));
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

const attr = (s: OtlpSpan, key: string) => {
  const v = s.attributes.find((a) => a.key === key)?.value;
  return v?.stringValue ?? (v?.intValue === undefined ? undefined : Number(v.intValue));
};
const SERVER = 2;
const CLIENT = 3;
const newTrace = () => ({ traceId: randomBytes(16).toString('hex'), parentId: randomBytes(8).toString('hex') });
const traceparent = (t: { traceId: string; parentId: string }) => `00-${t.traceId}-${t.parentId}-01`;
const PAN = '4111111111111111';
const PSP_SECRET = 'sk_test_TracingPspSecret';

describe('OpenTelemetry tracing with OTEL_EXPORTER_OTLP_ENDPOINT', () => {
  let collector: Collector;
  let psp: Psp;
  let v: TestVault;
  let a: TestApp;
  const secrets: string[] = [PAN, VISA.cardNumber, PSP_SECRET];
  const t1 = newTrace();
  const t2 = newTrace();
  let spans: OtlpSpan[];
  let pspTraceparents: (string | undefined)[];
  let untracedServerSpanTraceId: string | undefined;

  beforeAll(async () => {
    collector = await startCollector();
    psp = await startPsp();
    v = await startVault({ otlpEndpoint: collector.url });
    a = await v.createApp();
    secrets.push(a.apiKey, a.pubKey);

    const tok = await v.app.inject({ method: 'POST', url: '/tokenize', headers: { ...a.headers, traceparent: traceparent(t1) }, payload: { type: 'card', data: VISA } });
    expect(tok.statusCode).toBe(201);
    const { token, cvc_session_id } = tok.json<{ token: string; cvc_session_id: string }>();
    secrets.push(token, cvc_session_id);
    const body = { token, cvc_session_id, proxy_url: `${psp.url}/charge`, http_headers: { authorization: `Bearer ${PSP_SECRET}` }, request_data: { n: '${cardNumber}', c: '${cvv}' } };
    const withParent = await v.app.inject({ method: 'POST', url: '/proxy/transaction', headers: { 'x-api-key': a.apiKey, traceparent: traceparent(t2) }, payload: body });
    expect(withParent.statusCode).toBe(200);
    expect(JSON.parse(psp.received[0].body).n).toBe(PAN);
    // No traceparent from the caller: the vault starts the trace, and the PSP still gets one.
    const fresh = await v.app.inject({ method: 'POST', url: '/proxy/transaction', headers: { 'x-api-key': a.apiKey }, payload: { ...body, cvc_session_id: undefined, request_data: { n: '${cardNumber}' } } });
    expect(fresh.statusCode).toBe(200);
    // A traceparent the caller forwards explicitly (different from its own) is sent as given.
    const own = traceparent(newTrace());
    const explicit = await v.app.inject({
      method: 'POST', url: '/proxy/transaction', headers: { 'x-api-key': a.apiKey, traceparent: traceparent(newTrace()) },
      payload: { token, proxy_url: `${psp.url}/charge`, http_headers: { traceparent: own }, request_data: {} },
    });
    expect(explicit.statusCode).toBe(200);
    expect(psp.received[2].headers.traceparent).toBe(own);
    expect((await v.app.inject({ method: 'GET', url: `/api/tokens/${token}`, headers: { 'x-api-key': a.apiKey } })).statusCode).toBeLessThan(500);
    pspTraceparents = psp.received.map((r) => r.headers.traceparent as string | undefined);

    // Stopping the vault exports what is still batched (the batch delay is 5 s: nothing has yet).
    await v.close();
    spans = collector.spans();
    untracedServerSpanTraceId = spans.find((s) => s.kind === SERVER && s.traceId !== t1.traceId && s.traceId !== t2.traceId && attr(s, 'http.route') === '/proxy/transaction')?.traceId;
  });
  afterAll(async () => {
    await psp.close();
    await collector.close();
  });

  it("a server span per request: the caller's trace and parent, the route pattern, the status", () => {
    const s = spans.find((x) => x.traceId === t1.traceId && x.kind === SERVER);
    expect(s).toBeDefined();
    expect(s!.parentSpanId).toBe(t1.parentId);
    expect(s!.name).toBe('POST /tokenize');
    expect(attr(s!, 'http.route')).toBe('/tokenize');
    expect(attr(s!, 'http.request.method')).toBe('POST');
    expect(attr(s!, 'http.response.status_code')).toBe(201);
    // The route pattern, never the path with its token.
    const get = spans.find((x) => x.kind === SERVER && attr(x, 'http.route') === '/api/tokens/:token');
    expect(get?.name).toBe('GET /api/tokens/:token');
    expect(collector.bodies.join('')).toContain('"open-vault"'); // service.name
  });

  it("the proxy's upstream call is a child span, and the PSP's traceparent names it", () => {
    const server = spans.find((x) => x.traceId === t2.traceId && x.kind === SERVER)!;
    const client = spans.find((x) => x.traceId === t2.traceId && x.kind === CLIENT)!;
    expect(server.parentSpanId).toBe(t2.parentId);
    expect(attr(server, 'http.route')).toBe('/proxy/transaction');
    expect(client.parentSpanId).toBe(server.spanId);
    expect(client.name).toBe('proxy upstream');
    expect(attr(client, 'http.response.status_code')).toBe(200);
    expect(attr(client, 'server.address')).toBe('127.0.0.1');
    expect(pspTraceparents[0]).toBe(`00-${t2.traceId}-${client.spanId}-01`);
    // The vault's own trace: the PSP's traceparent carries the server span's trace id.
    expect(untracedServerSpanTraceId).toBeDefined();
    expect(pspTraceparents[1]).toMatch(new RegExp(`^00-${untracedServerSpanTraceId}-[0-9a-f]{16}-01$`));
  });

  it('no card number, CVV session, token, key or header value in any export', () => {
    const all = collector.bodies.join('\n');
    expect(all.length).toBeGreaterThan(100);
    for (const s of secrets) expect(all).not.toContain(s);
    expect(all).not.toMatch(/4111[ -]?1111/);
  });
});

describe('without OTEL_EXPORTER_OTLP_ENDPOINT', () => {
  it('nothing is exported, and the PSP still gets the caller\'s trace with a new parent', async () => {
    const collector = await startCollector();
    const psp = await startPsp();
    const v = await startVault({});
    try {
      const a = await v.createApp();
      const t = newTrace();
      const tok = await v.app.inject({ method: 'POST', url: '/tokenize', headers: a.headers, payload: { type: 'card', data: VISA } });
      const res = await v.app.inject({
        method: 'POST', url: '/proxy/transaction', headers: { 'x-api-key': a.apiKey, traceparent: traceparent(t) },
        payload: { token: tok.json().token, proxy_url: `${psp.url}/charge`, request_data: {} },
      });
      expect(res.statusCode).toBe(200);
      expect(psp.received[0].headers.traceparent).toMatch(new RegExp(`^00-${t.traceId}-(?!${t.parentId})[0-9a-f]{16}-01$`));
    } finally {
      await v.close();
      await psp.close();
    }
    expect(collector.bodies).toEqual([]);
    await collector.close();
  });
});

describe('SIGTERM', () => {
  it('a real vault process exports its spans while draining', async () => {
    const collector = await startCollector();
    const env = vaultEnv(await freePort(), {
      DATABASE_URL: await freshDatabase(), VAULT_MASTER_KEYS: `k1:${randomBytes(32).toString('base64')}`,
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_SERVICE_NAME: 'vault-under-test',
    });
    const vault = await startVaultProcess(env);
    try {
      const t = newTrace();
      expect((await fetch(`${vault.url}/healthz`, { headers: { traceparent: traceparent(t) } })).status).toBe(200);
      await sleep(100);
      expect(collector.bodies).toEqual([]); // still batched
      vault.child.kill('SIGTERM');
      expect((await vault.exited).code).toBe(0);
      const s = collector.spans().find((x) => x.traceId === t.traceId);
      expect(s?.parentSpanId).toBe(t.parentId);
      expect(s && attr(s, 'http.route')).toBe('/healthz');
      expect(collector.bodies.join('')).toContain('"vault-under-test"');
    } finally {
      if (vault.child.exitCode === null) killTree(vault.child.pid!);
      await collector.close();
    }
  });
});
