// Group commit: concurrent callers' jobs are merged into one database statement, so under load
// many requests share one round trip and one WAL flush while each still gets its own answer
// only after its data is durable. With no load a job runs alone on the next tick.
export class Coalescer<J extends { size: number }, R> {
  private queue: { job: J; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  private inflight = 0;
  private scheduled = false;

  constructor(
    private run: (jobs: J[]) => Promise<R[]>,
    private maxSize: number,
    private maxInflight: number,
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
      this.run(take.map((t) => t.job))
        .then(
          (results) => take.forEach((t, i) => t.resolve(results[i])),
          (err) => take.forEach((t) => t.reject(err)),
        )
        .finally(() => {
          this.inflight--;
          this.schedule();
        });
    }
  }
}
