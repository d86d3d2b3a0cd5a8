import type { ServerState, StateChanges } from './outbox-store.js';

/**
 * The server state with a record of which version and part keys changed since the last save, so a
 * save writes those keys rather than the whole state (at 10,000 cases ~40,000 versions: copying them
 * all took ~20 ms of every commit and poll, and grows with the caseload).
 */
export class TrackedState {
  readonly state: ServerState;
  private readonly versionsChanged = new Set<string>();
  private readonly partsChanged = new Set<string>();
  /** Everything must be written (the first save, or after `parts` was replaced wholesale). */
  private whole = true;

  private readonly versions: ServerState['versions'];
  private readonly parts: ServerState['parts'];

  constructor(initial: ServerState | undefined) {
    const base = initial ?? { versions: {}, parts: {}, cursors: {} };
    this.whole = initial === undefined;
    this.versions = base.versions;
    this.parts = base.parts;
    this.state = { ...base, versions: this.track(this.versions, this.versionsChanged), parts: this.track(this.parts, this.partsChanged) };
  }

  /** The state as plain objects (proxies cannot be structured-cloned into IndexedDB). */
  plain(): ServerState {
    return { ...this.state, versions: this.versions, parts: this.parts };
  }

  /** Replaces every record's parts (the storage's `clear`). */
  resetParts(): void {
    for (const key of Object.keys(this.state.parts)) delete this.state.parts[key];
  }

  /** What changed since the last `saved()`; undefined when the whole state must be written. */
  changes(): StateChanges | undefined {
    return this.whole ? undefined : { versions: this.versionsChanged, parts: this.partsChanged };
  }

  saved(): void {
    this.whole = false;
    this.versionsChanged.clear();
    this.partsChanged.clear();
  }

  private track<T>(target: Record<string, T>, changed: Set<string>): Record<string, T> {
    return new Proxy(target, {
      set(object, key, value) {
        if (typeof key === 'string') changed.add(key);
        return Reflect.set(object, key, value);
      },
      deleteProperty(object, key) {
        if (typeof key === 'string' && key in object) changed.add(key);
        return Reflect.deleteProperty(object, key);
      },
    });
  }
}
