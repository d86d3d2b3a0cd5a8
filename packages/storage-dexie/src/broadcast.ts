import type { RecordChange } from '@casekit/core';

/**
 * Tells other connections to the same database (other tabs, workers, or another storage object in
 * this page) what a committed transaction changed. One BroadcastChannel per database name; a channel
 * never receives its own messages, so whatever arrives is remote.
 */
export interface ChangeChannel {
  post(changes: RecordChange[]): void;
  close(): void;
}

interface ChangeMessage {
  type: 'casekit:changes';
  changes: RecordChange[];
}

export function openChangeChannel(databaseName: string, onRemote: (changes: RecordChange[]) => void): ChangeChannel {
  if (typeof BroadcastChannel === 'undefined') return { post() {}, close() {} };
  const channel = new BroadcastChannel(`casekit-storage:${databaseName}`);
  channel.onmessage = (event: MessageEvent<ChangeMessage>) => {
    if (event.data?.type === 'casekit:changes' && Array.isArray(event.data.changes)) onRemote(event.data.changes);
  };
  let closed = false;
  return {
    post(changes) {
      if (!closed && changes.length) channel.postMessage({ type: 'casekit:changes', changes } satisfies ChangeMessage);
    },
    close() {
      closed = true;
      channel.close();
    },
  };
}
