import { compareEntries } from '../paging.js';
import type { IndexKey } from '../storage-port.js';
import type { EntryList } from './entry-list.js';

/** A run `[from, to)` of one sorted list, read in order (or in reverse) a batch at a time. */
export interface Run {
  list: EntryList;
  from: number;
  to: number;
}

class RunReader {
  private buffer: string[] = [];
  private at = 0;
  private next: number;
  private batch: number;
  key: IndexKey | undefined;
  id: string | undefined;

  constructor(
    private readonly run: Run,
    private readonly reverse: boolean,
    private readonly sortKey: (id: string) => IndexKey,
    firstBatch: number,
  ) {
    this.next = reverse ? run.to : run.from;
    this.batch = firstBatch;
    this.advance();
  }

  /** Moves to the next entry; `id` is undefined at the end of the run. */
  advance(): void {
    if (this.at >= this.buffer.length) this.fill();
    this.id = this.buffer[this.at++];
    this.key = this.id === undefined ? undefined : this.sortKey(this.id);
  }

  private fill(): void {
    const left = this.reverse ? this.next - this.run.from : this.run.to - this.next;
    const take = Math.min(left, this.batch);
    this.buffer = [];
    this.at = 0;
    if (take <= 0) return;
    this.run.list.walk(this.next, this.reverse, (_key, id) => this.buffer.push(id) < take);
    this.next += this.reverse ? -take : take;
    this.batch = Math.min(this.batch * 2, 4096); // a run that keeps being read is probably read far
  }
}

/**
 * Visits the entries of several runs in one order, by `(sortKey, id)` ascending or descending, until
 * `visit` returns false. Each run must already be in that order. A binary heap of the runs' heads
 * keeps each step at log(runs).
 */
export function mergeRuns(runs: readonly Run[], reverse: boolean, sortKey: (id: string) => IndexKey, expected: number, visit: (id: string, key: IndexKey) => boolean): void {
  const firstBatch = runs.length === 1 ? expected : Math.ceil(expected / runs.length) + 2;
  const heap = runs.map((run) => new RunReader(run, reverse, sortKey, Math.max(1, firstBatch))).filter((r) => r.id !== undefined);
  const before = (a: RunReader, b: RunReader) => {
    const c = compareEntries({ key: a.key!, id: a.id! }, { key: b.key!, id: b.id! });
    return reverse ? c > 0 : c < 0;
  };
  const down = (start: number) => {
    let i = start;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let best = i;
      if (left < heap.length && before(heap[left]!, heap[best]!)) best = left;
      if (right < heap.length && before(heap[right]!, heap[best]!)) best = right;
      if (best === i) return;
      [heap[i], heap[best]] = [heap[best]!, heap[i]!];
      i = best;
    }
  };
  for (let i = (heap.length >>> 1) - 1; i >= 0; i--) down(i);
  while (heap.length) {
    const top = heap[0]!;
    if (!visit(top.id!, top.key!)) return;
    top.advance();
    if (top.id === undefined) {
      const last = heap.pop()!;
      if (!heap.length) return;
      heap[0] = last;
    }
    down(0);
  }
}
