// SSRF defence for every request the vault sends out (today /proxy/transaction, docs/api.md §3.4).
// Two layers:
//  1. `checkDestination` (before anything is read or sent): scheme, allowed hosts, and IP-literal hosts.
//  2. `guardedLookup` (inside the undici connector): every address a hostname resolves to is
//     checked, and the socket connects to exactly the address that was checked, so an answer that
//     changes between a check and the connect (DNS rebinding) cannot slip through.
import dns from 'node:dns';
import net from 'node:net';
import { VaultError } from '../http/errors.js';

/** Thrown from inside the connector; recognised in the error mapping by its code. */
export class ForbiddenAddress extends Error {
  readonly code = 'VAULT_DESTINATION_FORBIDDEN';
  constructor() {
    super('destination address is not allowed');
  }
}

type Range = [bigint, number]; // network, prefix length

function v4(a: string): bigint | null {
  const parts = a.split('.');
  if (parts.length !== 4) return null;
  let n = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return null;
    n = (n << 8n) | BigInt(Number(p));
  }
  return n;
}

/** Parses a textual IPv6 address (with optional embedded IPv4 tail and zone id) into 128 bits. */
export function parseIPv6(input: string): bigint | null {
  let a = input.replace(/^\[|\]$/g, '');
  const zone = a.indexOf('%');
  if (zone >= 0) a = a.slice(0, zone);
  if (net.isIPv6(a) === false) return null;
  const lastColon = a.lastIndexOf(':');
  if (a.slice(lastColon + 1).includes('.')) {
    const tail = v4(a.slice(lastColon + 1));
    if (tail === null) return null;
    a = a.slice(0, lastColon + 1) + (tail >> 16n).toString(16) + ':' + (tail & 0xffffn).toString(16);
  }
  const halves = a.split('::');
  const parse = (s: string) => (s === '' ? [] : s.split(':').map((h) => parseInt(h, 16)));
  const head = parse(halves[0]);
  const rest = halves.length > 1 ? parse(halves[1]) : [];
  const groups = halves.length > 1 ? [...head, ...new Array<number>(8 - head.length - rest.length).fill(0), ...rest] : head;
  if (groups.length !== 8) return null;
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n);
}

const cidr4 = (s: string): Range => {
  const [a, p] = s.split('/');
  return [v4(a)!, Number(p)];
};
const cidr6 = (s: string): Range => {
  const [a, p] = s.split('/');
  return [parseIPv6(a)!, Number(p)];
};

// IANA IPv4 Special-Purpose Address Registry: every block not globally reachable, plus cloud
// metadata addresses. Its globally reachable entries (AS112, AMT, 192.0.0.9/10) are not PSPs;
// they sit in 192.0.0.0/24 or are left reachable.
const FORBIDDEN_V4: Range[] = [
  '0.0.0.0/8', // "this network", unspecified
  '10.0.0.0/8', // private
  '100.64.0.0/10', // CGNAT (also Alibaba's metadata 100.100.100.200)
  '127.0.0.0/8', // loopback
  '169.254.0.0/16', // link-local, cloud metadata 169.254.169.254
  '172.16.0.0/12', // private
  '192.0.0.0/24', // IETF protocol assignments (DS-Lite, NAT64 discovery, PCP/TURN anycast)
  '192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24', // documentation
  '192.88.99.0/24', // 6to4 relay anycast
  '192.168.0.0/16', // private
  '198.18.0.0/15', // benchmarking
  '224.0.0.0/4', // multicast
  '240.0.0.0/4', // reserved, broadcast
  '168.63.129.16/32', // Azure wire server / metadata
].map(cidr4);

// IANA IPv6 Special-Purpose Address Registry, blocks not globally reachable. Those outside
// 2000::/3 are refused by GLOBAL_UNICAST anyway and stay listed to keep the check against the
// registry readable.
const FORBIDDEN_V6: Range[] = [
  '::/128', // unspecified
  '::1/128', // loopback
  '::/96', // IPv4-compatible (deprecated)
  '::ffff:0:0:0/96', // IPv4-translated (RFC 2765/6145): a SIIT translator turns it into the IPv4 address
  '64:ff9b:1::/48', // local-use NAT64
  '100::/64', // discard
  '100:0:0:1::/64', // dummy prefix (RFC 9780)
  // IETF protocol assignments (RFC 2928): Teredo (hides an IPv4 address), benchmarking, ORCHID,
  // and a few global anycast services (PCP, TURN, AMT, AS112, DETs) that are never a PSP.
  '2001::/23',
  '2001:db8::/32', // documentation
  '3fff::/20', // documentation (RFC 9637)
  '5f00::/16', // SRv6 segment identifiers (RFC 9602)
  'fc00::/7', // unique local (private), incl. AWS metadata fd00:ec2::254
  'fe80::/10', // link-local
  'fec0::/10', // site-local (deprecated)
  'ff00::/8', // multicast
].map(cidr6);

// The only IPv6 space IANA allocates for the internet (RFC 4291); the rest is reserved.
const GLOBAL_UNICAST = cidr6('2000::/3');
const NAT64 = parseIPv6('64:ff9b::')! >> 32n;

const inRange = (addr: bigint, [netw, prefix]: Range, bits: number) => {
  const shift = BigInt(bits - prefix);
  return addr >> shift === netw >> shift;
};

/** True when the address may be connected to. Anything that does not parse is refused. */
export function isPublicAddress(address: string): boolean {
  const family = net.isIP(address.replace(/^\[|\]$/g, '').replace(/%.*$/, ''));
  if (family === 4) {
    const n = v4(address);
    return n !== null && isPublicV4(n);
  }
  if (family === 6) {
    const n = parseIPv6(address);
    if (n === null) return false;
    // IPv4-mapped (::ffff:0:0/96), NAT64 (64:ff9b::/96) and 6to4 (2002::/16) carry an IPv4
    // address that is what is really reached: judge that one.
    if (n >> 32n === 0xffffn || n >> 32n === NAT64) return isPublicV4(n & 0xffffffffn);
    if (n >> 112n === 0x2002n) return isPublicV4((n >> 80n) & 0xffffffffn);
    return inRange(n, GLOBAL_UNICAST, 128) && !FORBIDDEN_V6.some((r) => inRange(n, r, 128));
  }
  return false;
}

function isPublicV4(n: bigint): boolean {
  return !FORBIDDEN_V4.some((r) => inRange(n, r, 32));
}

/**
 * A `lookup` for net/tls.connect: resolves every address, refuses the whole name if any of them
 * is not public (a name that also points inside is not a payment processor), and hands back the
 * checked addresses, so the socket connects to one of exactly those.
 */
export function guardedLookup(
  hostname: string,
  options: dns.LookupOptions | number | undefined,
  callback: (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void,
): void {
  checkedLookup(isPublicAddress, hostname, options, callback);
}

/** 127.0.0.0/8 and ::1 (and IPv4-mapped loopback). */
export function isLoopbackAddress(address: string): boolean {
  const a = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (net.isIP(a) === 4) return a.startsWith('127.');
  const n = net.isIP(a) === 6 ? parseIPv6(a) : null;
  return n === 1n || (n !== null && n >> 32n === 0xffffn && (n & 0xffffffffn) >> 24n === 127n);
}

/**
 * guardedLookup that also lets loopback through: for the test and dev mode in which webhooks may
 * call a receiver on 127.0.0.1 (PROXY_ALLOW_PRIVATE_NETWORKS), while every other private,
 * link-local or metadata address stays refused.
 */
export function loopbackLookup(
  hostname: string,
  options: dns.LookupOptions | number | undefined,
  callback: (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void,
): void {
  checkedLookup((a) => isPublicAddress(a) || isLoopbackAddress(a), hostname, options, callback);
}

function checkedLookup(
  accept: (address: string) => boolean,
  hostname: string,
  options: dns.LookupOptions | number | undefined,
  callback: (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void,
): void {
  const opts: dns.LookupOptions = typeof options === 'number' ? { family: options } : { ...(options ?? {}) };
  // "name." is the same name as "name"; /etc/hosts only knows the latter.
  dns.lookup(hostname.replace(/\.$/, ''), { ...opts, all: true }, (err, addresses) => {
    if (err) return callback(err, '');
    const list = addresses;
    if (list.length === 0 || list.some((a) => !accept(a.address))) return callback(new ForbiddenAddress(), '');
    if (opts.all) return callback(null, list);
    callback(null, list[0].address, list[0].family);
  });
}

export interface Destination {
  url: URL;
  /** Host name as matched against allowed hosts: lower case, no brackets, no trailing dot. */
  host: string;
}


/** An allowed-hosts entry is an exact host name, or `*.example.com` for any subdomain of it. */
export function hostAllowed(host: string, allowed: string[]): boolean {
  return allowed.some((entry) => {
    const e = entry.trim().toLowerCase().replace(/\.$/, '');
    if (e.startsWith('*.')) return host.endsWith(e.slice(1)) && host.length > e.length - 1;
    return host === e;
  });
}

/** The project's rule: its `proxy_allowed_hosts`, which a production project must have. */
export interface DestinationPolicy {
  allowedHosts: string[] | null;
  /** Production: card data goes only to listed hosts, so an empty list refuses everything. */
  requireAllowList: boolean;
}

/**
 * Everything that can be decided from the URL alone. The WHATWG parser already turns decimal,
 * octal and hex IPv4 spellings (2130706433, 0177.0.0.1, 0x7f000001) into dotted form.
 */
export function checkDestination(raw: string, allowPrivate: boolean, policy: DestinationPolicy): Destination {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new VaultError('invalid_proxy_url');
  }
  const schemeOk = url.protocol === 'https:' || (allowPrivate && url.protocol === 'http:');
  if (!schemeOk || url.username !== '' || url.password !== '' || url.hostname === '') throw new VaultError('invalid_proxy_url');
  url.hash = '';
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  const allowed = policy.allowedHosts ?? [];
  if (allowed.length === 0 && policy.requireAllowList) {
    throw new VaultError('no_allowed_hosts');
  }
  if (allowed.length > 0 && !hostAllowed(host, allowed)) throw new VaultError('destination_forbidden');
  if (!allowPrivate && net.isIP(host) !== 0 && !isPublicAddress(host)) throw new VaultError('destination_forbidden');
  return { url, host };
}
