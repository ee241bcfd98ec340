// The API fuzzer (docs/fuzzing.md). One real vault on a fresh database, two projects and a user;
// every operation of its /openapi.json driven with generated and mutated requests over real HTTP,
// then a concurrent phase mixing good and poisoned requests of two projects. Seeded: the same
// seed generates the same requests. Invariants: no 5xx, every answer ≥ 400 in the one error shape
// of docs/api.md §0, no secret sent in a request comes back, every good request of the concurrent
// phase succeeds, and the vault is healthy afterwards.
import fc from 'fast-check';
import { Agent, request } from 'undici';
import { catalogueProblem } from '../support/catalogue.js';
import { LOOSE_LIMITS } from '../auth/helpers.js';
import { startVault, type TestApp, type TestVault } from '../helpers.js';
import { type Psp, startPsp } from '../proxy/psp.js';
import { createUser, type TestUser } from '../users.js';
import { concurrentPhase, type ConcurrentReport } from './concurrent.js';
import { type Dictionary, type FuzzRequest, MARKER_PAN, type Operation, operationsOf, requestFor } from './generate.js';

export interface FuzzOptions {
  seed: number;
  requests: number;
  seconds: number;
  concurrency: number;
  rounds: number;
  log?: (line: string) => void;
}

export interface Failure {
  index: number;
  op: string;
  request: string;
  status: number | string;
  problem: string;
}

export interface FuzzReport {
  seed: number;
  requests: number;
  unsendable: number;
  transportErrors: number;
  operations: number;
  operationsCovered: number;
  byStatus: Record<string, number>;
  fiveXX: number;
  shapeViolations: number;
  echoes: number;
  failures: Failure[];
  concurrent: ConcurrentReport;
  healthy: boolean;
  errorLogLines: string[];
  seconds: number;
}

/** Why a response breaks the error contract, or null. */
export function shapeProblem(status: number, requestId: string | undefined, text: string): string | null {
  if (status < 400) return null;
  let b: { success?: unknown; message?: unknown; data?: unknown; error?: { code?: unknown; request_id?: unknown; details?: unknown } };
  try {
    b = JSON.parse(text);
  } catch {
    return 'body is not JSON';
  }
  if (b?.success !== false || typeof b.message !== 'string' || b.data !== null || typeof b.error?.code !== 'string' || typeof b.error.request_id !== 'string') {
    return 'body is not the error shape';
  }
  const problem = catalogueProblem(status, b);
  if (problem) return problem;
  if (requestId !== b.error.request_id) return 'error.request_id differs from X-Request-Id';
  const d = b.error.details;
  if (d !== undefined && !(Array.isArray(d) && d.every((x: { path?: unknown; message?: unknown }) => typeof x?.path === 'string' && typeof x?.message === 'string'))) {
    return 'details are not [{path, message}]';
  }
  return null;
}

interface World {
  v: TestVault;
  psp: Psp;
  a: TestApp;
  b: TestApp;
  alice: TestUser;
  victim: TestUser;
  dict: Dictionary;
  deleteDict: Dictionary;
  secrets: string[];
}

async function post(v: TestVault, url: string, headers: Record<string, string>, payload: unknown) {
  const res = await v.app.inject({ method: 'POST', url, headers, payload: payload as object });
  if (res.statusCode >= 300) throw new Error(`setup: ${url} answered ${res.statusCode}`);
  return res.json();
}

async function world(): Promise<World> {
  const v = await startVault({ rateLimits: LOOSE_LIMITS });
  const psp = await startPsp();
  const alice = await createUser(v, 'alice');
  const victim = await createUser(v, 'victim');
  const a = await v.createApp();
  const b = await v.createApp({ deduplicate: true });
  await v.sql.query("INSERT INTO project_members (project_id, user_id, role) VALUES ($1, $2, 'owner')", [a.projectId, alice.id]);
  // Destructive operations act on the victim's project, so that the run keeps its footing.
  const vp = (await post(v, '/api/projects', victim.auth, { name: 'victim', environment: 'development' })).data;
  // Members join by invitation: alice accepts the victim's.
  await post(v, `/api/projects/${vp.id}/members`, victim.auth, { email: alice.email, role: 'admin' });
  const [invitation] = (await v.app.inject({ url: '/api/user/invitations', headers: alice.auth })).json().data;
  await post(v, `/api/user/invitations/${invitation.id}/accept`, alice.auth, {});
  const vApp = (await post(v, '/api/applications', victim.auth, { project_id: vp.id, name: 'victim app', permissions: { tokenization: { allowed: true } } })).data;
  const card = { cardNumber: '4242424242424242', expirationMonth: '12', expirationYear: '2034', cvv: '123', holderName: 'Fuzz' };
  const tA = await post(v, '/tokenize', a.headers, { type: 'card', data: card });
  const sA = await post(v, '/tokenize', a.headers, { type: 'string', data: 'fuzz secret' });
  const tB = await post(v, '/tokenize', b.headers, { type: 'card', data: card, format: 'card_preserving' });
  const tV = await post(v, '/tokenize', { 'x-api-key': vApp.api_key, 'x-pub-key': vApp.pub_key }, { type: 'string', data: 'victim' });
  const page = await v.app.inject({ method: 'GET', url: '/api/projects?limit=1', headers: alice.auth });
  const dict: Dictionary = {
    project_id: [a.projectId, b.projectId, vp.id], id: [a.projectId, vp.id, vApp.id, tA.cvc_session_id], user_id: [alice.id, victim.id],
    token: [tA.token, sA.token, tB.token, 'tok_' + 'Z'.repeat(24)], tokens: [[tA.token, sA.token], [tA.token, tA.token, 'tok_x']],
    cvc_session_id: [tA.cvc_session_id], proxy_url: [`${psp.url}/v1/charges`], 'x-token': [tA.token], 'x-proxy-url': [`${psp.url}/v1/charges`],
    'x-cvc-session-id': [tA.cvc_session_id], http_method: ['POST', 'GET', 'PATCH', 'TRACE'], email: [alice.email, 'nobody@example.test'],
    password: [alice.password], name: ['fuzz name'], environment: ['development', 'staging', 'production'], type: ['card', 'bank', 'string'],
    role: ['owner', 'admin', 'developer', 'viewer'], format: ['random', 'card_preserving'], cardNumber: [MARKER_PAN],
    data: [{ ...card, cardNumber: MARKER_PAN }, 'a string secret', { accountNumber: '000123456789', routingNumber: '110000000' }],
    request_data: [{ amount: 1, number: '${cardNumber}' }, 'a=${cardNumber}'], cursor: page.json().next_cursor ? [page.json().next_cursor] : [],
  };
  const deleteDict = { ...dict, id: [vp.id, vApp.id], project_id: [vp.id], token: [tV.token] };
  const secrets = [alice.password, alice.token, victim.token, a.apiKey, b.apiKey, vApp.api_key];
  return { v, psp, a, b, alice, victim, dict, deleteDict, secrets };
}

/**
 * Auth variants: none, API keys (with and without pub key, wrong), JWTs (good, bad), cookies,
 * both. The operation's own kind of credential is listed three more times, so that most requests
 * get past authentication and into validation.
 */
function authVariants(w: World, op: Operation, destructive: boolean): Record<string, string>[] {
  const jwt = destructive ? w.victim.auth : w.alice.auth;
  const own = op.jwt ? [jwt, jwt, jwt] : [w.a.headers, w.a.headers, w.b.headers];
  return [
    ...own, {}, { 'x-api-key': w.a.apiKey }, w.a.headers, w.b.headers, { 'x-api-key': 'ak_test_' + 'x'.repeat(40) }, { 'x-api-key': '' },
    jwt, { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' }, { authorization: 'Basic YTpi' }, { cookie: 'vault_session=garbage' },
    { ...w.a.headers, ...jwt },
  ];
}

export async function runFuzz(opts: FuzzOptions): Promise<FuzzReport> {
  const started = Date.now();
  const log = opts.log ?? (() => {});
  const w = await world();
  const agent = new Agent({ connections: opts.concurrency, keepAliveTimeout: 10_000 });
  const report: FuzzReport = {
    seed: opts.seed, requests: 0, unsendable: 0, transportErrors: 0, operations: 0, operationsCovered: 0, byStatus: {}, fiveXX: 0,
    shapeViolations: 0, echoes: 0, failures: [], concurrent: null as unknown as ConcurrentReport, healthy: false, errorLogLines: [], seconds: 0,
  };
  try {
    const doc = (await w.v.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const ops = operationsOf(doc);
    report.operations = ops.length;
    const covered = new Set<string>();
    const arb = fc.oneof(...ops.map((op) => {
      const destructive = op.method === 'DELETE' || /\/(logout|change-password|disable)$/.test(op.path);
      return requestFor(op, destructive ? w.deleteDict : w.dict, authVariants(w, op, destructive));
    }));
    const deadline = started + opts.seconds * 1000;
    const fail = (f: Failure) => {
      if (report.failures.length < 50) report.failures.push(f);
    };
    let index = 0;
    for (let chunk = 0; report.requests < opts.requests && Date.now() < deadline; chunk++) {
      // Chunks keep memory flat; chunk n of seed s is always the same requests.
      const batch = fc.sample(arb, { seed: opts.seed + chunk, numRuns: 200 });
      let next = 0;
      const lane = async () => {
        while (next < batch.length && report.requests < opts.requests && Date.now() < deadline) {
          const req = batch[next++];
          await send(w, agent, req, index++, report, covered, fail);
        }
      };
      await Promise.all(Array.from({ length: opts.concurrency }, lane));
      if (chunk % 10 === 0) log(`fuzz: ${report.requests} requests, ${report.fiveXX} 5xx, ${report.shapeViolations} shape violations`);
    }
    report.operationsCovered = covered.size;
    report.concurrent = await concurrentPhase(w.v, w.psp, w.a, w.b, opts.rounds);
    report.healthy = await healthy(w);
    report.errorLogLines = w.v.logs.lines.filter((l) => JSON.parse(l).level >= 50).slice(0, 20);
  } finally {
    await agent.close();
    await w.psp.close();
    await w.v.close();
  }
  report.seconds = Math.round((Date.now() - started) / 100) / 10;
  return report;
}

async function send(w: World, agent: Agent, req: FuzzRequest, index: number, report: FuzzReport, covered: Set<string>, fail: (f: Failure) => void) {
  const label = `${req.method} ${req.path.slice(0, 120)}${req.body ? ` body ${req.body.length} B: ${req.body.slice(0, 80)}` : ''}`;
  let status: number;
  let text: string;
  let headers: Record<string, string | string[] | undefined>;
  // Every request is answered within 20 s or counts as a failure: the run stays bounded in time.
  // Each request has its own connection (`reset`): see docs/fuzzing.md, "Known limits".
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(Object.assign(new Error('timeout'), { code: 'no answer within 20 s' }));
    }, 20_000);
  });
  try {
    const answer = (async () => {
      const res = await request(w.v.url + req.path, { method: req.method as 'GET', headers: req.headers, body: req.body, dispatcher: agent, signal: controller.signal, reset: true });
      return { status: res.statusCode, headers: res.headers, text: await res.body.text() };
    })();
    ({ status, headers, text } = await Promise.race([answer, timeout]));
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    // Values undici itself refuses to send (CR/LF or NUL in a header, an invalid method) never reach the vault.
    if (!controller.signal.aborted && (code === 'UND_ERR_INVALID_ARG' || err instanceof TypeError)) report.unsendable++;
    else {
      report.transportErrors++;
      fail({ index, op: req.op, request: label, status: code || String(err), problem: 'transport error' });
    }
    return;
  } finally {
    clearTimeout(timer);
  }
  report.requests++;
  covered.add(req.op);
  report.byStatus[status] = (report.byStatus[status] ?? 0) + 1;
  if (status >= 500) {
    report.fiveXX++;
    fail({ index, op: req.op, request: label, status, problem: text.slice(0, 200) });
  }
  const problem = shapeProblem(status, headers['x-request-id'] as string | undefined, text);
  if (problem) {
    report.shapeViolations++;
    fail({ index, op: req.op, request: label, status, problem });
  }
  const answer = text + JSON.stringify(headers);
  const echoed = [...w.secrets, ...(status >= 400 ? [MARKER_PAN] : [])].find((s) => answer.includes(s));
  if (echoed) {
    report.echoes++;
    fail({ index, op: req.op, request: label, status, problem: 'a secret from the request came back' });
  }
}

async function healthy(w: World): Promise<boolean> {
  const ready = await fetch(`${w.v.url}/readyz`);
  const t = await fetch(`${w.v.url}/tokenize`, {
    method: 'POST', headers: { ...w.a.headers, 'content-type': 'application/json' }, body: JSON.stringify({ type: 'string', data: 'after the storm' }),
  }).then((r) => r.json() as Promise<{ token?: string }>);
  const d = await fetch(`${w.v.url}/detokenize`, {
    method: 'POST', headers: { 'x-api-key': w.a.apiKey, 'content-type': 'application/json' }, body: JSON.stringify({ token: t.token }),
  }).then((r) => r.json() as Promise<{ data?: unknown }>);
  return ready.status === 200 && d.data === 'after the storm';
}
