// What the vault does, for /metrics (docs/operations.md, "Observability"): tokenize, detokenize,
// proxy and inbound calls by outcome with their latency, group-commit batch sizes, and gauges
// read from the database when scraped. The hot path only bumps numbers in preallocated arrays
// (prom-client's own `inc`/`observe` hash a label object per call); series are built per scrape.
// Labels are closed vocabularies only: never a token, a card number, a key or a route's value.
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { Gauge, type Metric, type Registry } from 'prom-client';

export const OPERATIONS = ['tokenize', 'detokenize', 'proxy', 'inbound'] as const;
export type Operation = (typeof OPERATIONS)[number];
const OUTCOMES = ['success', 'client_error', 'upstream_error', 'server_error'] as const;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Counted in vault_operations_total and vault_operation_duration_seconds under this name. */
    operation?: Operation;
  }
}

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const BATCH_BUCKETS = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048];

/** 502 and 504 are the PSP's or merchant's failure (upstream_error, upstream_timeout), not the vault's. */
const outcomeOf = (status: number) => (status < 400 ? 0 : status < 500 ? 1 : status === 502 || status === 504 ? 2 : 3);

interface Sample {
  labels: Record<string, string | number>;
  value: number;
  metricName?: string;
}

/** A fixed set of series: registered with prom-client's registry, which needs only name, help, type and get(). */
abstract class Fixed {
  constructor(readonly name: string, readonly help: string, readonly type: 'counter' | 'histogram', registry: Registry) {
    registry.registerMetric(this as unknown as Metric);
  }
  readonly aggregator = 'sum';
  protected abstract samples(): Sample[];
  abstract reset(): void;
  async get() {
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values: this.samples() };
  }
}

class FixedCounter extends Fixed {
  readonly cells: Float64Array;
  constructor(name: string, help: string, private labels: Record<string, string>[], registry: Registry) {
    super(name, help, 'counter', registry);
    this.cells = new Float64Array(labels.length);
  }
  protected samples() {
    return this.labels.map((labels, i) => ({ labels, value: this.cells[i] }));
  }
  reset() {
    this.cells.fill(0);
  }
}

class FixedHistogram extends Fixed {
  private readonly counts: Float64Array; // per series: one cell per bucket, then +Inf
  private readonly sums: Float64Array;
  constructor(name: string, help: string, private labels: Record<string, string>[], private bounds: number[], registry: Registry) {
    super(name, help, 'histogram', registry);
    this.counts = new Float64Array(labels.length * (bounds.length + 1));
    this.sums = new Float64Array(labels.length);
  }
  observe(series: number, value: number) {
    const { bounds } = this;
    let b = 0;
    while (b < bounds.length && value > bounds[b]) b++;
    this.counts[series * (bounds.length + 1) + b]++;
    this.sums[series] += value;
  }
  protected samples() {
    const out: Sample[] = [];
    const width = this.bounds.length + 1;
    this.labels.forEach((labels, i) => {
      let acc = 0;
      for (let b = 0; b < width; b++) {
        acc += this.counts[i * width + b];
        out.push({ labels: { ...labels, le: b < this.bounds.length ? this.bounds[b] : '+Inf' }, value: acc, metricName: `${this.name}_bucket` });
      }
      out.push({ labels, value: this.sums[i], metricName: `${this.name}_sum` }, { labels, value: acc, metricName: `${this.name}_count` });
    });
    return out;
  }
  reset() {
    this.counts.fill(0);
    this.sums.fill(0);
  }
}

/** The coalescers' side (db/coalescer.ts): told the number of jobs each merged statement carried. */
export interface BatchSource {
  readonly name: string;
  onBatch: ((jobs: number) => void) | null;
}

export class DomainMetrics {
  private readonly operations: FixedCounter;
  private readonly durations: FixedHistogram;
  private readonly batches: FixedHistogram;
  private readonly batchSeries = new Map<string, number>();

  constructor(private registry: Registry, statements: readonly string[]) {
    const pairs = OPERATIONS.flatMap((operation) => OUTCOMES.map((outcome) => ({ operation, outcome })));
    this.operations = new FixedCounter('vault_operations_total', 'Tokenize, detokenize, proxy and inbound calls by outcome', pairs, registry);
    this.durations = new FixedHistogram(
      'vault_operation_duration_seconds', 'Latency of tokenize, detokenize, proxy and inbound calls (the whole request)',
      OPERATIONS.map((operation) => ({ operation })), LATENCY_BUCKETS, registry,
    );
    statements.forEach((s, i) => this.batchSeries.set(s, i));
    this.batches = new FixedHistogram(
      'vault_group_commit_batch_size', 'Requests merged into one database statement by group commit, per statement',
      statements.map((statement) => ({ statement })), BATCH_BUCKETS, registry,
    );
  }

  /** One call: O(1), no allocation (two array cells and a bucket scan). */
  record(op: number, status: number, seconds: number) {
    this.operations.cells[op * OUTCOMES.length + outcomeOf(status)]++;
    this.durations.observe(op, seconds);
  }

  /** Routes with `config.operation` get their own onResponse hook; no other route pays anything. */
  registerRoutes(app: FastifyInstance) {
    app.addHook('onRoute', (route) => {
      const op = route.config?.operation;
      if (op === undefined) return;
      const i = OPERATIONS.indexOf(op);
      // A callback hook, not an async one: no promise per request.
      const hook = (_req: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
        this.record(i, reply.statusCode, reply.elapsedTime / 1000);
        done();
      };
      const existing = route.onResponse === undefined ? [] : Array.isArray(route.onResponse) ? route.onResponse : [route.onResponse];
      route.onResponse = [...existing, hook];
    });
  }

  /** Each coalescer reports its merged statements here. */
  observeBatches(sources: BatchSource[]) {
    for (const s of sources) {
      const series = this.batchSeries.get(s.name);
      if (series !== undefined) s.onBatch = (jobs) => this.batches.observe(series, jobs);
    }
  }

  /**
   * A gauge read from the database when scraped, one cheap query. A failing read (database down)
   * shows as NaN instead of failing the whole scrape: the other series are what tells why.
   */
  databaseGauge(name: string, help: string, read: () => Promise<number>, log: { warn(obj: object, msg: string): void }) {
    new Gauge({
      name, help, registers: [this.registry],
      async collect() {
        try {
          this.set(await read());
        } catch (err) {
          log.warn({ err, metric: name }, 'metric read failed');
          this.set(Number.NaN);
        }
      },
    });
  }
}

/** One promise for callers that come while it is in flight: two gauges of one scrape share one query. */
export function shared<T>(fn: () => Promise<T>): () => Promise<T> {
  let inflight: Promise<T> | null = null;
  return () => (inflight ??= fn().finally(() => {
    inflight = null;
  }));
}
