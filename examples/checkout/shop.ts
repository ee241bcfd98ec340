// The merchant's server: serves the checkout page (bundled with esbuild at start), mints session
// keys for the browser (createSessionMiddleware) and charges a token through the vault's proxy.
// It never receives a card number: the page posts only the token and the CVC session id.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { createSessionMiddleware, createVaultClient } from '../../packages/node/src/index.js';

export interface ShopOptions {
  vaultUrl: string;
  apiKey: string;
  pubKey: string;
  /** Where the PSP (double) takes charges. */
  pspUrl: string;
  port: number;
  sessionLimit?: number;
}

export interface Shop {
  url: string;
  /** Every request body the shop received, for the tests. */
  received: string[];
  close(): Promise<void>;
}

const CSS = `
body { margin: 0; font: 16px/1.5 system-ui, sans-serif; background: #f4f5fb; color: #1a1f36; }
main { display: flex; justify-content: center; padding: 48px 16px; }
.checkout { background: #fff; padding: 32px; border-radius: 12px; box-shadow: 0 4px 24px rgba(26,31,54,.12); width: 380px; }
h1 { margin: 0 0 8px; font-size: 24px; }
.total { display: flex; justify-content: space-between; border-bottom: 1px solid #e3e6ef; padding-bottom: 16px; }
label, .label { display: block; margin: 16px 0 6px; font-weight: 600; font-size: 14px; }
#name { box-sizing: border-box; width: 100%; height: 44px; padding: 0 12px; border: 1px solid #8a94a6; border-radius: 6px; font-size: 16px; }
.row { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
.brand { float: right; text-transform: uppercase; font-size: 12px; color: #2f5bea; }
button { margin-top: 24px; width: 100%; height: 48px; border: 0; border-radius: 6px; background: #2f5bea; color: #fff; font-size: 16px; font-weight: 600; cursor: pointer; }
button:disabled { background: #5c6b8a; cursor: not-allowed; }
.status.paid { color: #0a6b2f; } .status.error { color: #b3261e; }
.note { font-size: 13px; color: #4a5568; }`;

async function bundle(): Promise<string> {
  const out = await build({
    entryPoints: [fileURLToPath(new URL('./app.tsx', import.meta.url))],
    bundle: true, format: 'esm', minify: true, write: false, jsx: 'automatic', logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  return out.outputFiles[0].text;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

export async function startShop(o: ShopOptions): Promise<Shop> {
  const script = await bundle();
  const config = JSON.stringify({ vaultUrl: o.vaultUrl, pubKey: o.pubKey, sessionLimit: o.sessionLimit ?? 3 }).replace(/</g, '\\u003c');
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Checkout — Open Vault example</title><style>${CSS}</style></head><body><div id="root"></div>
<script id="config" type="application/json">${config}</script><script type="module" src="/app.js"></script></body></html>`;
  const session = createSessionMiddleware({ vaultUrl: o.vaultUrl, apiKey: o.apiKey, sessionLimit: o.sessionLimit ?? 3 });
  const vault = createVaultClient({ vaultUrl: o.vaultUrl, apiKey: o.apiKey });
  const received: string[] = [];

  const server: Server = createServer((req, res) => void handle(req, res));
  async function handle(req: IncomingMessage, res: ServerResponse) {
    const path = (req.url ?? '/').split('?')[0];
    const json = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    try {
      if (req.method === 'GET' && path === '/') return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
      if (req.method === 'GET' && path === '/app.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
      if (req.method === 'POST' && path === '/api/session') return void (await session(req, res));
      if (req.method === 'POST' && path === '/api/pay') {
        const body = await readJson(req);
        received.push(JSON.stringify(body));
        if (typeof body.token !== 'string' || typeof body.cvcSession !== 'string') return json(400, { error: 'token and cvcSession are required' });
        // The vault puts the card into the PSP's request; the shop only names the token. One CVC
        // session is one checkout attempt: as the idempotency key, a second click (or a retry
        // after a lost answer) replays the first charge instead of charging again.
        const charged = await vault.proxy({
          token: body.token, cvc_session_id: body.cvcSession, proxy_url: `${o.pspUrl}/v1/charges`, http_method: 'POST',
          http_headers: { authorization: 'Bearer sk_test_example' },
          request_data: { amount: 2000, currency: 'usd', source: { number: '${cardNumber}', exp_month: '${expirationMonth}', exp_year: '${expirationYear}', cvc: '${cvv}' } },
        }, { idempotencyKey: `pay-${body.cvcSession}` });
        const psp = charged.proxy_response;
        const charge = (typeof psp.body === 'string' ? JSON.parse(psp.body) : psp.body) as { id?: string; status?: string };
        if (psp.status_code !== 200 || charge.status !== 'succeeded') return json(402, { error: 'the card was declined' });
        return json(200, { charge: charge.id, status: charge.status });
      }
      json(404, { error: 'not found' });
    } catch (err) {
      json(502, { error: (err as Error).name === 'VaultApiError' ? (err as Error).message : 'payment failed' });
    }
  }
  await new Promise<void>((resolve) => server.listen(o.port, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://localhost:${port}`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export interface PspDouble {
  url: string;
  charges: { authorization?: string; body: { amount: number; source: { number: string; exp_month: string; exp_year: string; cvc: string } } }[];
  close(): Promise<void>;
}

/** A stand-in for a card processor: approves every Luhn-valid card and remembers the request. */
export async function startPspDouble(port: number): Promise<PspDouble> {
  const charges: PspDouble['charges'] = [];
  const server = createServer((req, res) => {
    void readJson(req).then((json) => {
      const body = json as PspDouble['charges'][number]['body'];
      charges.push({ authorization: req.headers.authorization, body });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `ch_${randomBytes(8).toString('hex')}`, status: 'succeeded', amount: body.amount }));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const actual = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${actual}`, charges, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
