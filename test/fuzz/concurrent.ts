// The fuzzer's concurrent phase: in every round, good and poisoned requests of two projects are
// sent at once, so that they share the group-commit statements. Every good request must succeed
// (and its tokens detokenize to its own data); every poisoned one must fail alone with a 4xx.
import type { TestApp, TestVault } from '../helpers.js';
import type { Psp } from '../proxy/psp.js';

export interface ConcurrentReport {
  rounds: number;
  good: number;
  goodFailed: number;
  poisoned: number;
  poisonedWrong: number;
  failures: string[];
}

const SHORT_VISA = '4222222222222'; // 900 card-preserving tokens in all: B uses them up first
interface Answer {
  token: string;
  data?: unknown;
  error?: { code: string };
  items: { success: boolean; token: string; data?: unknown; error?: { code: string } }[];
}

const card = (cardNumber: string, holderName: string) => ({ cardNumber, expirationMonth: '12', expirationYear: '2034', holderName });

export async function concurrentPhase(v: TestVault, psp: Psp, a: TestApp, b: TestApp, rounds: number): Promise<ConcurrentReport> {
  const report: ConcurrentReport = { rounds, good: 0, goodFailed: 0, poisoned: 0, poisonedWrong: 0, failures: [] };
  const call = async (app: TestApp, path: string, body: string) => {
    const res = await fetch(v.url + path, { method: 'POST', headers: { ...app.headers, 'content-type': 'application/json' }, body });
    return { status: res.status, json: (await res.json()) as Answer };
  };
  const j = JSON.stringify;
  await call(b, '/tokenize', j({ items: Array.from({ length: 1000 }, (_, i) => ({ type: 'card', format: 'card_preserving', deduplicate: false, data: card(SHORT_VISA, `fill ${i}`) })) }));
  const known = (await call(a, '/tokenize', j({ type: 'string', data: 'known' }))).json.token;
  const written: { app: TestApp; token: string; data: unknown }[] = [];

  for (let r = 0; r < rounds; r++) {
    const good: [string, Promise<boolean>][] = [
      ['A tokenize', call(a, '/tokenize', j({ type: 'string', data: `A ${r}` })).then((x) => x.status === 201 && !!written.push({ app: a, token: x.json.token, data: `A ${r}` }))],
      ['B tokenize card', call(b, '/tokenize', j({ type: 'card', deduplicate: false, data: card('4111111111111111', `B ${r}`) })).then((x) => x.status === 201)],
      ['A batch', call(a, '/tokenize', j({ items: [0, 1, 2, 3, 4].map((i) => ({ type: 'string', data: `A ${r}.${i}` })) })).then((x) =>
        x.status === 200 && x.json.items.every((it, i) => it.success && written.push({ app: a, token: it.token, data: `A ${r}.${i}` })))],
      ['B batch with one bad item', call(b, '/tokenize', `{"items":[{"type":"string","data":"B ${r} ok"},{"type":"string","data":"x","metadata":{"a":"\\u0000"}}]}`).then((x) =>
        x.status === 200 && x.json.items[0].success && !!written.push({ app: b, token: x.json.items[0].token, data: `B ${r} ok` }) && x.json.items[1].error?.code === 'validation_error')],
      ['A detokenize', call(a, '/detokenize', j({ token: known })).then((x) => x.status === 200 && x.json.data === 'known')],
      ['B card-preserving', call(b, '/tokenize', j({ type: 'card', format: 'card_preserving', deduplicate: false, data: card('5555555555554444', `B cp ${r}`) })).then((x) =>
        x.status === 201 && !!written.push({ app: b, token: x.json.token, data: card('5555555555554444', `B cp ${r}`) }))],
      ['A proxy', call(a, '/proxy/transaction', j({ token: known, proxy_url: `${psp.url}/v1/charges`, request_data: { v: '${value}' } })).then((x) => x.status === 200)],
    ];
    const poisoned: [string, Promise<boolean>][] = [
      ['A NUL metadata', call(a, '/tokenize', '{"type":"string","data":"x","metadata":{"a":"\\u0000"}}').then((x) => x.status === 400)],
      ['B lone surrogate', call(b, '/tokenize', '{"type":"string","data":"x","metadata":{"order":"\\ud800A-17"}}').then((x) => x.status === 400)],
      ['B NUL detokenize', call(b, '/detokenize', '{"token":"tok_\\u0000"}').then((x) => x.status === 400)],
      ['B exhausted space', call(b, '/tokenize', j({ type: 'card', format: 'card_preserving', deduplicate: false, data: card(SHORT_VISA, 'late') })).then((x) =>
        x.status === 409 && x.json.error?.code === 'token_space_exhausted')],
      ['A deep metadata', call(a, '/tokenize', `{"type":"string","data":"x","metadata":${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}}`).then((x) => x.status === 400)],
      ['A proxy NUL token', call(a, '/proxy/transaction', '{"token":"tok_\\u0000","proxy_url":"https://example.test/"}').then((x) => x.status === 400)],
    ];
    const check = async (list: [string, Promise<boolean>][], isGood: boolean) => {
      for (const [name, p] of list) {
        const ok = await p.catch(() => false);
        report[isGood ? 'good' : 'poisoned']++;
        if (!ok) {
          report[isGood ? 'goodFailed' : 'poisonedWrong']++;
          if (report.failures.length < 20) report.failures.push(`round ${r}: ${name}`);
        }
      }
    };
    await Promise.all([check(good, true), check(poisoned, false)]);
  }

  // No two items mixed up: every token written above reads back as its own data.
  for (const app of [a, b]) {
    const mine = written.filter((w) => w.app === app);
    const back = await call(app, '/detokenize', j({ tokens: mine.map((w) => w.token) }));
    back.json.items.forEach((it, i) => {
      if (JSON.stringify(it.data) !== JSON.stringify(mine[i].data)) {
        report.goodFailed++;
        report.failures.push(`token ${mine[i].token} does not read back as its own item`);
      }
    });
  }
  return report;
}
