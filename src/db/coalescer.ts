// Group commit: concurrent callers' jobs are merged into one database statement, so under load
// many requests share one round trip and one WAL flush while each still gets its own answer
// only after its data is durable. With no load a job runs alone on the next tick.
//
// Robust by construction: `run` must be all-or-nothing (one statement, or nothing committed
// before it throws). When a merged run fails, every job is run again on its own, so one job the
// database refuses fails alone instead of failing every request (of every tenant) merged with
// it. Input validation should make that impossible; when it still happens it is a bug and is
// logged as one. A database that is down is not retried job by job: it would fail them all again;
// and the jobs queued meanwhile fail with it rather than wait for a database that may not answer.
import { isDatabaseDown } from './unavailable.js';

export interface CoalescerLog {
  error(obj: object, msg: string): void;
}

export class Coalescer<J extends { size: number }, R> {
  private queue: { job: J; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  private inflight = 0;
  private scheduled = false;
  /** Told how many jobs each statement merged (the group-commit batch size metric). */
  onBatch: ((jobs: number) => void) | null = null;

  constructor(
    private run: (jobs: J[]) => Promise<R[]>,
    private maxSize: number,
    private maxInflight: number,
    private log: CoalescerLog,
    readonly name: string,
  ) {}

  submit(job: J): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.schedule();
    });
  }

  private schedule() {
    if (this.scheduled || this.inflight >= this.maxInflight || this.queue.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush() {
    while (this.inflight < this.maxInflight && this.queue.length > 0) {
      const take: typeof this.queue = [];
      let size = 0;
      while (this.queue.length > 0 && (take.length === 0 || size + this.queue[0].job.size <= this.maxSize)) {
        const next = this.queue.shift()!;
        size += next.job.size;
        take.push(next);
      }
      this.inflight++;
      this.onBatch?.(take.length);
      this.run(take.map((t) => t.job))
        .then(
          (results) => take.forEach((t, i) => t.resolve(results[i])),
          (err) => {
            if (!isDatabaseDown(err)) return take.length === 1 ? take.forEach((t) => t.reject(err)) : this.alone(take, err);
            // The database is down or stalled: the jobs queued behind this run would each wait
            // their own timeout in turn, so they fail now, with the same clean 503.
            for (const t of [...take, ...this.queue.splice(0)]) t.reject(err);
          },
        )
        .finally(() => {
          this.inflight--;
          this.schedule();
        });
    }
  }

  /** The rare path: a merged run failed; each job runs on its own so only the faulty one fails. */
  private async alone(take: typeof this.queue, err: unknown) {
    this.log.error({ err, coalescer: this.name, jobs: take.length }, 'merged statement failed; retrying each job alone (bug)');
    for (const t of take) {
      try {
        t.resolve((await this.run([t.job]))[0]);
      } catch (e) {
        this.log.error({ err: e, coalescer: this.name }, 'job failed on its own (bug)');
        t.reject(e);
      }
    }
  }
}
