// Bounded tokenize / detokenize load from outside, for the crash, restart, drain and failover
// tests. Every answer is classified; every acknowledged token is remembered with its card number
// and every answered detokenize with its request id, so the tests can check afterwards that the
// vault kept what it acknowledged and audited what it answered.
import { randomInt } from 'node:crypto';

export interface LoadOptions {
  url: string;
  headers: Record<string, string>;
  connections: number;
  /** The load stops when this returns true (checked before every request). */
  done: () => boolean;
  /** A request not answered within this is counted as hung. */
  timeoutMs: number;
  /** Share of requests that detokenize an acknowledged token (the rest tokenize). */
  detokenizeShare?: number;
  /** Request ids are `<prefix>-<n>`, so runs against one database stay apart. */
  prefix: string;
}

export interface LoadResult {
  /** Acknowledged tokens (201) and the card number each stands for. */
  acked: Map<string, string>;
  /** Request ids of detokenize calls answered 200 with the right card. */
  detokenized: string[];
  /** Request ids of every request sent, with what came back (status or error kind). */
  outcomes: Map<string, string>;
  statuses: Record<string, number>;
  /** Detokenize answers whose card was not the one tokenized (must stay 0). */
  wrongData: number;
  /** Every answer in completion order: [answered at, outcome, sent at]. */
  events: [number, string, number][];
  maxLatencyMs: number;
}

/** A random Luhn-valid 16-digit Visa number. */
export function randomPan(): string {
  const d = [4];
  for (let i = 0; i < 14; i++) d.push(randomInt(10));
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    let v = d[14 - i];
    if (i % 2 === 0) {
      v *= 2;
      if (v > 9) v -= 9;
    }
    sum += v;
  }
  d.push((10 - (sum % 10)) % 10);
  return d.join('');
}

function errorKind(err: unknown): string {
  const e = err as { name?: string; cause?: { code?: string; name?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return 'timeout';
  return `error:${e.cause?.code ?? e.cause?.name ?? e.name ?? 'unknown'}`;
}

export function newLoadResult(): LoadResult {
  return { acked: new Map(), detokenized: [], outcomes: new Map(), statuses: {}, wrongData: 0, events: [], maxLatencyMs: 0 };
}

/** Runs until `o.done()`; pass `r` to watch the figures while it runs. */
export async function runLoad(o: LoadOptions, r: LoadResult = newLoadResult()): Promise<LoadResult> {
  const ackedList: string[] = [];
  let n = 0;
  const count = (k: string) => (r.statuses[k] = (r.statuses[k] ?? 0) + 1);

  async function one() {
    const id = `${o.prefix}-${++n}`;
    const detok = ackedList.length > 0 && Math.random() < (o.detokenizeShare ?? 0);
    const token = detok ? ackedList[randomInt(ackedList.length)] : '';
    const pan = detok ? r.acked.get(token)! : randomPan();
    const body = detok
      ? { token }
      : { type: 'card', data: { cardNumber: pan, expirationMonth: '12', expirationYear: '2034' } };
    const t0 = Date.now();
    let outcome: string;
    try {
      const res = await fetch(`${o.url}/${detok ? 'detokenize' : 'tokenize'}`, {
        method: 'POST',
        headers: { ...o.headers, 'x-request-id': id },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(o.timeoutMs),
      });
      const json = (await res.json()) as { token?: string; data?: { cardNumber?: string } };
      outcome = String(res.status);
      if (res.status === 201 && json.token) {
        r.acked.set(json.token, pan);
        ackedList.push(json.token);
      } else if (detok && res.status === 200) {
        if (json.data?.cardNumber === pan) r.detokenized.push(id);
        else r.wrongData++;
      }
    } catch (err) {
      outcome = errorKind(err);
    }
    r.maxLatencyMs = Math.max(r.maxLatencyMs, Date.now() - t0);
    r.events.push([Date.now(), outcome, t0]);
    r.outcomes.set(id, outcome);
    count(outcome);
  }

  await Promise.all(
    Array.from({ length: o.connections }, async () => {
      while (!o.done()) {
        await one();
        // A refused connection comes back at once: don't spin on it.
        if (r.outcomes.get(`${o.prefix}-${n}`)?.startsWith('error:')) await new Promise((res) => setTimeout(res, 20));
      }
    }),
  );
  return r;
}

/** The longest stretch (ms) between `from` and `to` with none of `times` (ascending) in it. */
export function longestGap(times: number[], from: number, to: number): number {
  let prev = from;
  let gap = 0;
  for (const t of times) {
    if (t < from) continue;
    if (t > to) break;
    gap = Math.max(gap, t - prev);
    prev = t;
  }
  return Math.max(gap, to - prev);
}

/** Detokenizes every acknowledged token (1000 per call); returns those missing or with other data. */
export async function checkAcked(url: string, headers: Record<string, string>, acked: Map<string, string>): Promise<string[]> {
  const tokens = [...acked.keys()];
  const bad: string[] = [];
  for (let i = 0; i < tokens.length; i += 1000) {
    const chunk = tokens.slice(i, i + 1000);
    const res = await fetch(`${url}/detokenize`, { method: 'POST', headers, body: JSON.stringify({ tokens: chunk }) });
    if (res.status !== 200) throw new Error(`batch detokenize answered ${res.status}: ${await res.text()}`);
    const { items } = (await res.json()) as { items: { token: string; data?: { cardNumber?: string } }[] };
    for (const it of items) if (it.data?.cardNumber !== acked.get(it.token)) bad.push(it.token);
  }
  return bad;
}
