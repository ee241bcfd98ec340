// The value parsers of loadConfig (src/config.ts): each names the variable and what it accepts
// when a value is refused, so a bad start says what to fix.
import net from 'node:net';

/**
 * How long a client may take, in ms: to send its headers; to send the whole request (headers and
 * body); and to send the next request on an idle keep-alive connection. A phase that overruns is
 * answered 408 `request_timeout` (or the idle connection closed), so a half-sent request cannot
 * hold a socket. Node checks them every `checkIntervalMs`.
 */
export interface HttpTimeouts {
  headersMs: number;
  requestMs: number;
  keepAliveMs: number;
  checkIntervalMs: number;
}

export type TrustProxy = false | number | string[];

// proxy-addr's names for whole ranges, as Fastify accepts them.
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrCidr(entry: string): boolean {
  if (RANGE_NAMES.has(entry)) return true;
  const [addr, prefix, ...rest] = entry.split('/');
  const family = net.isIP(addr);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * `TRUST_PROXY` (docs/api.md §1): `false` (default), a hop count, or a comma list of addresses/CIDRs.
 * `true` would let every client pick its own IP (rate-limit bucket, audited address) with an
 * X-Forwarded-For header, so it is refused rather than guessed at.
 */
export function parseTrustProxy(v: string | undefined): TrustProxy {
  const s = (v ?? '').trim();
  if (s === '' || /^(false|no|off|0)$/i.test(s)) return false;
  if (/^(true|yes|on)$/i.test(s)) {
    throw new Error(
      'TRUST_PROXY=true would trust every hop, so any client could choose its own IP with X-Forwarded-For. ' +
        'Set the number of proxies in front of the vault (TRUST_PROXY=1) or their addresses (TRUST_PROXY=10.0.0.0/8,192.0.2.7).',
    );
  }
  if (/^\d+$/.test(s)) return Number(s);
  const entries = s.split(',').map((e) => e.trim()).filter(Boolean);
  const bad = entries.filter((e) => !isAddressOrCidr(e));
  if (bad.length > 0) throw new Error(`TRUST_PROXY: "${bad[0]}" is not an IP address or CIDR (expected false, a hop count, or a comma list of addresses/CIDRs)`);
  return entries;
}

export function bool(v: string | undefined, dflt: boolean): boolean {
  if (v === undefined || v === '') return dflt;
  return /^(1|true|yes|on)$/i.test(v);
}

export function portNumber(name: string, v: string | undefined, dflt: number, min = 1): number {
  const n = v === undefined || v === '' ? dflt : Number(v);
  if (!Number.isInteger(n) || n < min || n > 65535) throw new Error(`${name} must be a port number, ${min}–65535 (got "${v}")`);
  return n;
}

export function int(name: string, v: string | undefined, dflt: number): number {
  if (v === undefined || v === '') return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer`);
  return n;
}
