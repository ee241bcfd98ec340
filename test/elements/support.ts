// What the Elements browser tests share: the SDK built into a temporary directory, and a
// merchant's server on its own origin that mints session keys with its API key.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

let built: Promise<string> | null = null;
/** `node packages/elements/build.mjs DIR`, once per test file. */
export function buildElements(): Promise<string> {
  built ??= (async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'vault-elements-'));
    await promisify(execFile)(process.execPath, [path.join(ROOT, 'packages/elements/build.mjs'), out]);
    return out;
  })();
  return built;
}

export interface MerchantRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface Merchant {
  /** http://localhost:<port>: another origin than the vault's http://127.0.0.1:<port>. */
  origin: string;
  /** Every request the merchant's server received. */
  received: MerchantRequest[];
  sessionHits: number;
  sessionDown: boolean;
  lastSessionKey: string | null;
  close(): Promise<void>;
}

/**
 * A merchant: `/` is `page` (HTML), `/app.js` is `script`, and POST `/session` mints a session
 * key from the vault with the merchant's API key, answering `{"sessionKey"}` (503 while down).
 */
export async function startMerchant(opts: { vaultUrl: string; apiKey: string; sessionLimit: number; page: string; script: string }): Promise<Merchant> {
  const m: Merchant = { origin: '', received: [], sessionHits: 0, sessionDown: false, lastSessionKey: null, close: async () => {} };
  const server: Server = createServer((req, res) => void handle(req, res));
  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    m.received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'POST' && url.pathname === '/session') {
      m.sessionHits++;
      if (m.sessionDown) return void res.writeHead(503).end();
      const minted = await fetch(`${opts.vaultUrl}/sessions`, {
        method: 'POST',
        headers: { 'x-api-key': opts.apiKey, 'content-type': 'application/json' },
        body: JSON.stringify({ session_limit: opts.sessionLimit }),
      });
      const key = (await minted.json()).data.session_key as string;
      m.lastSessionKey = key;
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ sessionKey: key }));
    }
    if (url.pathname === '/') return void res.writeHead(200, { 'content-type': 'text/html' }).end(opts.page);
    if (url.pathname === '/app.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(opts.script);
    res.writeHead(404).end();
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  m.origin = `http://localhost:${port}`;
  m.close = () => new Promise((resolve) => server.close(() => resolve()));
  return m;
}
