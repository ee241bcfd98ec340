// Where a webhook may point: the proxy's SSRF rules (net/ssrf.ts), checked at creation and again
// before every delivery; the connector checks the resolved address at connect time (DNS
// rebinding). https only, except that the test/dev mode that lets the proxy reach private
// networks (PROXY_ALLOW_PRIVATE_NETWORKS) lets webhooks reach loopback only, http included.
import { promisify } from 'node:util';
import net from 'node:net';
import { VaultError } from '../http/errors.js';
import { checkDestination, guardedLookup, isLoopbackAddress, isPublicAddress, loopbackLookup } from '../net/ssrf.js';

const isLoopbackHost = (host: string) => host === 'localhost' || isLoopbackAddress(host);

/** The URL's own rules (no DNS): scheme, credentials, IP-literal hosts. */
export function webhookUrl(raw: string, loopbackOk: boolean): URL {
  let url: URL;
  try {
    url = checkDestination(raw, true, { allowedHosts: null, requireAllowList: false }).url;
  } catch {
    throw new VaultError('invalid_webhook_url');
  }
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  const loopback = loopbackOk && isLoopbackHost(host);
  if (net.isIP(host) !== 0 && !isPublicAddress(host) && !loopback) throw new VaultError('webhook_destination_forbidden');
  if (url.protocol !== 'https:' && !loopback) throw new VaultError('invalid_webhook_url');
  if (!loopbackOk && host === 'localhost') throw new VaultError('webhook_destination_forbidden');
  return url;
}

/**
 * At creation: the URL's rules, then the name resolved once, so a hook pointing inside is refused
 * at once. A name that does not resolve yet is accepted: every delivery checks it again.
 */
export async function checkWebhookUrl(raw: string, loopbackOk: boolean): Promise<URL> {
  const url = webhookUrl(raw, loopbackOk);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(host) !== 0) return url;
  const lookup = promisify(loopbackOk ? loopbackLookup : guardedLookup) as (h: string, o: object) => Promise<unknown>;
  try {
    await lookup(host, { all: true });
  } catch (err) {
    if ((err as { code?: string }).code === 'VAULT_DESTINATION_FORBIDDEN') throw new VaultError('webhook_destination_forbidden');
  }
  return url;
}
