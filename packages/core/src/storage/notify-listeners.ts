import type { ChangeBatch, ChangeListener } from './storage-port.js';

/**
 * Tells every listener of a storage about `batch`, for adapter authors: after the caller's await
 * resolves (a microtask later, as engines with real I/O do), so listeners see committed state; one
 * listener that throws neither stops the others nor fails the write.
 */
export function notifyListeners(listeners: Iterable<ChangeListener>, batch: ChangeBatch): void {
  if (!batch.changes.length) return;
  queueMicrotask(() => {
    for (const listener of listeners) {
      try {
        listener(batch);
      } catch (error) {
        console.error('casekit: a change listener threw', error);
      }
    }
  });
}
