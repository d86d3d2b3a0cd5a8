/**
 * Runs an async task one at a time. Calls made while it runs collapse into a single further run,
 * so a burst of change notifications costs at most two reloads and never two at once. A call made
 * during a run returns at once; the run in progress picks it up.
 */
export class SerialRunner {
  private running = false;
  private again = false;

  constructor(private readonly task: () => Promise<void>) {}

  /** True while a run is in progress (including the further run it may have picked up). */
  get busy(): boolean {
    return this.running;
  }

  async run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      do {
        this.again = false;
        await this.task();
      } while (this.again);
    } finally {
      this.running = false;
    }
  }
}
