import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CaseManager, ChangeBatch, CollectionName, RecordChange, Unsubscribe } from '@casekit/core';
import { ensureContextRoot, managerContext } from './manager-context.js';

/** An element that can be handed a manager directly (`el.manager = m`); casekit elements all are. */
export interface ManagerHost extends ReactiveControllerHost, HTMLElement {
  manager?: CaseManager | undefined;
}

/** The collections a `ManagerController` can report changes of: every one but the audit log. */
export type WatchedCollection = Exclude<CollectionName, 'audit'>;

export interface ManagerControllerOptions {
  /**
   * Only report changes to these collections. Default: every collection except `audit`, which is never
   * reported (see `ManagerController`).
   */
  collections?: readonly WatchedCollection[];
  /**
   * The effective manager changed: first connection, `manager` property set, provider found or
   * changed, or reconnection after being detached (changes may have been missed). Load data here.
   */
  onManager?: (manager: CaseManager | undefined) => void;
  /**
   * Committed changes (local or from another tab: `batch.remote`), coalesced per microtask into one
   * batch. Default: `host.requestUpdate()`.
   */
  onChange?: (batch: ChangeBatch) => void;
}

/**
 * Gives an element its `CaseManager` — the host's own `manager` property if set, otherwise the one
 * an ancestor `<ck-provider>` provides — and keeps it subscribed to core change notifications while
 * connected (unsubscribed on disconnect).
 *
 * Changes to the `audit` collection are never reported, whatever `collections` says: every read of
 * personal data writes an audit event, so an element that reloads on a change and reads on a reload
 * would otherwise reload for ever. (`manager.subscribe` leaves them out too; this does not rely on it.)
 *
 * ```ts
 * private readonly casekit = new ManagerController(this, {
 *   collections: ['cases'],
 *   onManager: () => this.load(),
 *   onChange: () => this.load(),
 * });
 * ```
 */
export class ManagerController implements ReactiveController {
  private fromContext: CaseManager | undefined;
  private current: CaseManager | undefined;
  private unsubscribe: Unsubscribe | undefined;
  private connected = false;
  private pending: RecordChange[] = [];
  private pendingRemote = false;
  private flushQueued = false;

  constructor(
    private readonly host: ManagerHost,
    private readonly options: ManagerControllerOptions = {},
  ) {
    ensureContextRoot();
    host.addController(this);
    new ContextConsumer(host, {
      context: managerContext,
      subscribe: true,
      callback: (manager) => {
        this.fromContext = manager;
        this.sync();
      },
    });
  }

  /** The manager in use, or undefined while there is none. */
  get value(): CaseManager | undefined {
    return this.host.manager ?? this.fromContext;
  }

  hostConnected(): void {
    this.connected = true;
    this.sync();
  }

  hostUpdate(): void {
    // Catches `el.manager = ...` (a property change schedules an update).
    this.sync();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.current = undefined;
    this.pending = [];
  }

  private sync(): void {
    if (!this.connected) return;
    const next = this.value;
    if (next === this.current) return;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.current = next;
    this.pending = [];
    if (next) this.unsubscribe = next.subscribe((batch) => this.receive(batch));
    this.options.onManager?.(next);
    this.host.requestUpdate();
  }

  private receive(batch: ChangeBatch): void {
    const watched: readonly CollectionName[] | undefined = this.options.collections;
    const changes = batch.changes.filter((c) => c.collection !== 'audit' && (!watched || watched.includes(c.collection)));
    // Nothing watched changed (an audit-only batch always ends here): no update, no reload.
    if (!changes.length && batch.changes.length) return;
    this.pending.push(...changes);
    this.pendingRemote ||= batch.remote;
    if (this.flushQueued) return;
    this.flushQueued = true;
    queueMicrotask(() => {
      this.flushQueued = false;
      if (!this.connected) return;
      const merged: ChangeBatch = { changes: this.pending, remote: this.pendingRemote };
      this.pending = [];
      this.pendingRemote = false;
      if (this.options.onChange) this.options.onChange(merged);
      else this.host.requestUpdate();
    });
  }
}
