// A PSP double: a real HTTP server on 127.0.0.1 that records exactly what it received.
import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startVault, type TestApp, type TestVault } from '../helpers.js';

export interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  rawHeaders: string[];
  body: string;
}

export type Handler = (req: Received, res: http.ServerResponse) => void;

export interface Psp {
  url: string;
  port: number;
  received: Received[];
  handler: Handler;
  close(): Promise<void>;
}

export const jsonOk: Handler = (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'set-cookie': 'psp_session=abc; HttpOnly' });
  res.end(JSON.stringify({ id: 'ch_1', status: 'succeeded' }));
};

export async function startPsp(handler: Handler = jsonOk): Promise<Psp> {
  const received: Received[] = [];
  const psp: Psp = { url: '', port: 0, received, handler, close: async () => {} };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = { method: req.method!, url: req.url!, headers: req.headers, rawHeaders: req.rawHeaders, body: Buffer.concat(chunks).toString('utf8') };
      received.push(r);
      psp.handler(r, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  psp.port = (server.address() as net.AddressInfo).port;
  psp.url = `http://127.0.0.1:${psp.port}`;
  psp.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return psp;
}

/** A bare TCP listener that only counts connections: proves that nothing was even attempted. */
export async function startTrap(): Promise<{ port: number; connections: () => number; close(): Promise<void> }> {
  let n = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    n++;
    sockets.add(s);
    s.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    connections: () => n,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface ProxyWorld {
  v: TestVault;
  a: TestApp;
  psp: Psp;
}

/**
 * The usual proxy-test world, started once per file: a vault with one application and a PSP
 * double. Before each test the PSP forgets what it received and answers with `jsonOk` again.
 * `set` hands the world to the file's own variables.
 */
export function proxyWorld(set: (world: ProxyWorld) => void): void {
  let world: ProxyWorld;
  beforeAll(async () => {
    const v = await startVault();
    world = { v, a: await v.createApp(), psp: await startPsp() };
    set(world);
  });
  afterAll(async () => {
    await world.psp.close();
    await world.v.close();
  });
  beforeEach(() => {
    world.psp.received.length = 0;
    world.psp.handler = jsonOk;
  });
}
