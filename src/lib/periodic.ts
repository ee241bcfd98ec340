/**
 * The one background loop: runs `task` every `everyMs`, never two runs at once (a tick that finds
 * the previous run still going is skipped), never keeps the process alive (unref), and logs a
 * failure instead of leaving an unhandled rejection. `stop()` waits for the run in flight, so a
 * closing app never pulls the database from under it.
 */
export interface PeriodicLog {
  warn(obj: object, msg: string): void;
}

export class Periodic {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly everyMs: number,
    private readonly task: () => Promise<unknown>,
    private readonly log: PeriodicLog,
    /** The log message of a failed run, e.g. 'audit sealer failed'. */
    private readonly failure: string,
  ) {}

  /** Starts ticking; an interval of 0 or less means "never" (tests drive the task by hand). */
  start(): void {
    if (this.everyMs <= 0 || this.timer) return;
    this.timer = setInterval(() => void this.run(), this.everyMs);
    this.timer.unref();
  }

  /** One run now, or the one already in flight. */
  run(): Promise<void> {
    this.running ??= this.task()
      .then(() => undefined, (err: unknown) => this.log.warn({ err }, this.failure))
      .finally(() => (this.running = null));
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
