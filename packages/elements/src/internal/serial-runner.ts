/**
 * Runs an async task one at a time. Calls made while it runs collapse into a single further run,
 * so a burst of change notifications costs at most two reloads and never two at once. A call made
 * during a run returns at once; the run in progress picks it up.
 */
export class SerialRunner {
  private running = false;
  private again = false;
  /** Settles when the current run (and every run it picked up) is over; undefined while idle. */
  private settled?: Promise<void>;

  constructor(private readonly task: () => Promise<void>) {}

  /** True while a run is in progress (including the further run it may have picked up). */
  get busy(): boolean {
    return this.running;
  }

  /**
   * Resolves when no run is in progress or queued: at once when idle, else when the current run and
   * the ones it picked up are done. Never rejects (a failed run still ends); `run()` reports failures.
   */
  idle(): Promise<void> {
    return this.settled ?? Promise.resolve();
  }

  async run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    let done!: () => void;
    this.settled = new Promise<void>((resolve) => (done = resolve));
    try {
      do {
        this.again = false;
        await this.task();
      } while (this.again);
    } finally {
      this.running = false;
      this.settled = undefined;
      done();
    }
  }
}
