/**
 * Counts the board's loads in flight (reloads, their queued re-runs, column pages) so `loadComplete`
 * can wait for the last one to settle instead of polling.
 */
export class PendingLoads {
  private count = 0;
  private waiters: (() => void)[] = [];

  get idle(): boolean {
    return this.count === 0;
  }

  /** Counts `work` as pending until it settles (fulfilled or rejected); returns it unchanged. */
  track<T>(work: Promise<T>): Promise<T> {
    this.count++;
    const settle = () => {
      if (--this.count > 0) return;
      const waiters = this.waiters;
      this.waiters = [];
      for (const resolve of waiters) resolve();
    };
    work.then(settle, settle);
    return work;
  }

  /** Resolves once nothing is pending (at once when idle). */
  whenIdle(): Promise<void> {
    return this.idle ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }
}
