// The fetch under the typed client: a timeout per attempt, errors as VaultError, and retries of
// the calls that are safe to repeat — GET, HEAD, DELETE, and the POST/PATCH routes the vault makes
// idempotent with an `Idempotency-Key` (docs/api.md §6.1), for which one key (UUID v4) is generated per
// call and sent with every attempt, so a retried tokenize or charge happens once. Retries back off
// exponentially with jitter and honour `Retry-After`.
import { randomUUID } from 'node:crypto';
import { VaultError } from './errors.js';

export interface RetryOptions {
  /** Retries after the first attempt (default 2; 0 turns retries off). */
  maxRetries?: number;
  /** First backoff in ms, doubled per retry, with full jitter (default 200). */
  baseDelayMs?: number;
  /** Longest wait before a retry, ms; a longer `Retry-After` is not waited for (default 10 000). */
  maxDelayMs?: number;
}

export interface TransportOptions {
  /** Per attempt, ms (default 30 000). */
  timeoutMs?: number;
  retry?: RetryOptions;
  fetch?: typeof fetch;
  /** For tests: how to wait. */
  sleep?: (ms: number) => Promise<void>;
}

/** POST/PATCH routes the vault deduplicates by `Idempotency-Key` (§6.1), and read-only POSTs. */
const IDEMPOTENT_WRITES = [
  /^POST \/tokenize$/, /^POST \/detokenize$/, /^POST \/proxy\/transaction$/, /^POST \/sessions$/, /^POST \/test-tokens$/,
  /^POST \/internal\/provision$/, /^POST \/api\/projects$/, /^POST \/api\/applications$/, /^PATCH \/(api\/)?tokens\/[^/]+$/,
];
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS', 'DELETE']);
/** Answers after which the same call may succeed; 502/504 only for safe calls (a PSP may have acted). */
const RETRY_ANY = new Set([408, 425, 429, 503]);
const RETRY_SAFE = new Set([502, 504]);

/** True when `method path` may be sent again; `path` relative to the vault's base URL. */
export function retriable(method: string, path: string): 'safe' | 'keyed' | false {
  if (SAFE.has(method)) return 'safe';
  return IDEMPOTENT_WRITES.some((re) => re.test(`${method} ${path}`)) ? 'keyed' : false;
}

/** `Retry-After` in ms: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

const causeCode = (err: unknown): string | undefined => {
  const c = (err as { cause?: { code?: unknown } })?.cause?.code ?? (err as { code?: unknown })?.code;
  return typeof c === 'string' ? c : undefined;
};

export function createTransport(baseUrl: string, options: TransportOptions = {}): typeof fetch {
  const inner = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxRetries = options.retry?.maxRetries ?? 2;
  const baseDelay = options.retry?.baseDelayMs ?? 200;
  const maxDelay = options.retry?.maxDelayMs ?? 10_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const origin = new URL(baseUrl).origin;
  const basePath = new URL(baseUrl).pathname.replace(/\/+$/, '');

  return async function vaultFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const original = new Request(input, init);
    const url = new URL(original.url);
    const path = url.pathname.startsWith(basePath) ? url.pathname.slice(basePath.length) || '/' : url.pathname;
    const kind = retriable(original.method, path);
    if (kind === 'keyed' && !original.headers.has('idempotency-key')) original.headers.set('idempotency-key', randomUUID());
    const attempts = kind ? maxRetries + 1 : 1;

    for (let attempt = 1; ; attempt++) {
      const last = attempt >= attempts;
      const timeout = AbortSignal.timeout(timeoutMs);
      const signal = AbortSignal.any([original.signal, timeout]);
      let response: Response;
      try {
        // A clone per attempt: a request body can be read once.
        response = await inner(new Request(original.clone(), { signal }));
      } catch (err) {
        if (original.signal.aborted) throw err; // the caller's own abort stays theirs
        const timedOut = timeout.aborted;
        if (!last) {
          await sleep(backoff(attempt, baseDelay, maxDelay));
          continue;
        }
        throw new VaultError(timedOut
          ? { code: 'timeout', status: 0, message: `The vault at ${origin} did not answer within ${timeoutMs} ms (${attempts} attempt${attempts > 1 ? 's' : ''}).`, cause: err }
          : { code: 'network_error', status: 0, message: `Could not reach the vault at ${origin}${causeCode(err) ? ` (${causeCode(err)})` : ''} after ${attempts} attempt${attempts > 1 ? 's' : ''}.`, cause: err });
      }
      const again = RETRY_ANY.has(response.status) || (kind === 'safe' && RETRY_SAFE.has(response.status)) || isInProgress(response);
      if (last || !again) return response;
      const asked = retryAfterMs(response.headers.get('retry-after'));
      if (asked !== undefined && asked > maxDelay) return response; // longer than we wait: the caller decides
      await response.body?.cancel();
      await sleep(asked ?? backoff(attempt, baseDelay, maxDelay));
    }
  };
}

/** 409 `idempotency_in_progress` (§6.1): the first attempt is still running; known by its header. */
const isInProgress = (r: Response) => r.status === 409 && r.headers.has('retry-after');

/** Full jitter: uniform in [0, min(max, base·2^(attempt-1))]. */
const backoff = (attempt: number, base: number, max: number) => Math.random() * Math.min(max, base * 2 ** (attempt - 1));
