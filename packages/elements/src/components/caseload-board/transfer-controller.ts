import type { ReactiveControllerHost } from 'lit';
import { hasErrorCode, OPEN_CASE_STATUSES, type CaseManager, type CaseRecord, type TransferPreview } from '@casekit/core';
import type { LocalizeController } from '../../controllers/localize-controller.js';
import type { CkEventMap, TransferReceiver } from '../../events/events.js';
import type { LocalizedError } from '../../translations/error-messages.js';

/** What the Transfer dialog shows: the cases, the user's answers, the workload preview and any problem. */
export interface TransferDialogState {
  records: CaseRecord[];
  /** The receiver's actor id ('' until one is chosen). */
  toId: string;
  reason: string;
  requireAcceptance: boolean;
  preview: { state: 'none' } | { state: 'loading' } | { state: 'unavailable' } | { state: 'ready'; value: TransferPreview } | { state: 'error'; message: string };
  /** Problems by field (`to`, `reason`), shown beside it. */
  errors: Map<'to' | 'reason', string>;
  /** A refusal that is not about one field. */
  message?: string;
  busy?: boolean;
}

/** What transferring reads from, and asks of, the board. */
export interface TransferHost {
  readonly localize: LocalizeController;
  manager(): CaseManager | undefined;
  /** The board's latest copy of a case, if it has it loaded. */
  loaded(caseId: string): CaseRecord | undefined;
  /** Case managers a case may go to (the host's `assignees` and the named assignees on the board). */
  receivers(): TransferReceiver[];
  announce(text: string): void;
  /** Counts work in the board's `loadComplete`. */
  track<T>(work: Promise<T>): Promise<T>;
  emit<K extends 'ck-case-transfer' | 'ck-case-transferred'>(type: K, detail: CkEventMap[K]): boolean;
  reportError(error: unknown, operation: string, fieldLabel?: (path: string) => string | undefined): LocalizedError;
  /** Focus goes back to the board after the dialog closes, on this case's card if it is still shown. */
  returnFocus(caseId: string | undefined): void;
}

/**
 * Case transfer on the board: which cases are selected (X on a card, its select box, or a list row's
 * checkbox), the Transfer dialog (receiver, reason, "receiver must accept", the workload preview of
 * `reports.previewTransfer`) and the commit through `cases.transfer`, with the cancelable
 * `ck-case-transfer` before and `ck-case-transferred` after. Only cases the policy lets the actor
 * `transfer` (open, none waiting already) can be selected. Like CardMoveController it needs only the
 * host's `requestUpdate`.
 */
export class TransferController {
  /** Selected cases by id, as they were when selected (the board's latest copy is used to commit). */
  private readonly chosen = new Map<string, CaseRecord>();
  private state?: TransferDialogState;
  /** A preview answer for an earlier receiver lands nowhere. */
  private previewRun = 0;
  private opener?: string;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly board: TransferHost,
  ) {}

  get dialog(): TransferDialogState | undefined {
    return this.state;
  }

  get selectedCount(): number {
    return this.chosen.size;
  }

  isSelected(caseId: string): boolean {
    return this.chosen.has(caseId);
  }

  /** The policy lets the actor transfer this case, and it can move: open, with no transfer waiting. */
  canTransfer(record: CaseRecord): boolean {
    const manager = this.board.manager();
    if (!manager || !OPEN_CASE_STATUSES.includes(record.status) || record.pendingTransfer) return false;
    return manager.can({ action: 'transfer', collection: 'cases', record, case: record });
  }

  /** Forgets the selection and closes the dialog (another actor, or the cases are gone). */
  reset(): void {
    this.chosen.clear();
    this.state = undefined;
    this.host.requestUpdate();
  }

  /** Selects or deselects a case, and says so. */
  toggle(record: CaseRecord): void {
    if (!this.chosen.has(record.id) && !this.canTransfer(record)) return;
    const t = this.board.localize.t.transfer;
    const n = () => this.board.localize.number(this.chosen.size);
    if (this.chosen.delete(record.id)) this.board.announce(t.deselectedCase(record.clientName, this.chosen.size, n()));
    else {
      this.chosen.set(record.id, record);
      this.board.announce(t.selectedCase(record.clientName, this.chosen.size, n()));
    }
    this.host.requestUpdate();
  }

  clear(): void {
    if (!this.chosen.size) return;
    this.chosen.clear();
    this.host.requestUpdate();
  }

  /** X selects, T opens the dialog (the selection, else this card), Escape clears the selection. True when handled. */
  onCardKey(e: KeyboardEvent, record: CaseRecord): boolean {
    if (e.target !== e.currentTarget || e.ctrlKey || e.metaKey || e.altKey) return false;
    switch (e.key) {
      case 'x':
      case 'X':
        if (!this.canTransfer(record) && !this.chosen.has(record.id)) return false;
        e.preventDefault();
        this.toggle(record);
        return true;
      case 't':
      case 'T':
        if (!this.chosen.size && !this.canTransfer(record)) return false;
        e.preventDefault();
        this.open(this.chosen.size ? undefined : record);
        return true;
      case 'Escape':
        if (!this.chosen.size) return false;
        e.preventDefault();
        this.clear();
        return true;
    }
    return false;
  }

  /** Opens the dialog for the selected cases (or `only`), each as the board has it now. */
  open(only?: CaseRecord): void {
    const records = (only ? [only] : [...this.chosen.values()]).map((r) => this.board.loaded(r.id) ?? r).filter((r) => this.canTransfer(r));
    if (!records.length) return;
    this.opener = records[0]!.id;
    const receivers = this.offered(records);
    const toId = receivers.length === 1 ? receivers[0]!.id : '';
    this.state = { records, toId, reason: '', requireAcceptance: false, preview: { state: 'none' }, errors: new Map() };
    this.host.requestUpdate();
    if (toId) void this.loadPreview();
  }

  /** Receivers offered for `records`: everyone listed but the one person all of them are assigned to already. */
  offered(records: readonly CaseRecord[] = this.state?.records ?? []): TransferReceiver[] {
    const owners = new Set(records.map((r) => r.assigneeId));
    const everyone = this.board.receivers();
    return owners.size === 1 ? everyone.filter((r) => !owners.has(r.id)) : everyone;
  }

  /** The user changed a field. A new receiver asks for a new preview. */
  update(patch: Partial<Pick<TransferDialogState, 'toId' | 'reason' | 'requireAcceptance'>>): void {
    const d = this.state;
    if (!d) return;
    const errors = new Map(d.errors);
    if (patch.toId !== undefined) errors.delete('to');
    if (patch.reason !== undefined && patch.reason.trim()) errors.delete('reason');
    this.state = { ...d, ...patch, errors, message: undefined };
    this.host.requestUpdate();
    if (patch.toId !== undefined && patch.toId !== d.toId) void this.loadPreview();
  }

  close(): void {
    if (!this.state) return;
    this.state = undefined;
    this.previewRun++;
    this.host.requestUpdate();
    this.board.returnFocus(this.opener);
  }

  /** Loads `reports.previewTransfer` for the receiver chosen; a refusal to show the loads only hides the preview. */
  private loadPreview(): Promise<void> {
    const run = ++this.previewRun;
    const d = this.state;
    const manager = this.board.manager();
    if (!d || !manager) return Promise.resolve();
    if (!d.toId) {
      this.state = { ...d, preview: { state: 'none' } };
      this.host.requestUpdate();
      return Promise.resolve();
    }
    this.state = { ...d, preview: { state: 'loading' } };
    this.host.requestUpdate();
    const work = (async () => {
      let preview: TransferDialogState['preview'];
      try {
        preview = { state: 'ready', value: await manager.reports.previewTransfer(d.records.map((r) => r.id), d.toId) };
      } catch (error) {
        // By default only supervisors and admins may see other workers' loads: the transfer itself may still be allowed.
        preview = hasErrorCode(error, 'permission') ? { state: 'unavailable' } : { state: 'error', message: this.explain(error, d.records, d.toId) };
      }
      if (run !== this.previewRun || !this.state) return;
      this.state = { ...this.state, preview };
      this.host.requestUpdate();
    })();
    return this.board.track(work);
  }

  private receiverName(toId: string): string {
    return this.board.receivers().find((r) => r.id === toId)?.name ?? toId;
  }

  /**
   * What the dialog checks before core does: a receiver, a reason, no case already theirs. Core
   * checks again; both refuse before anything is written.
   */
  private validate(d: TransferDialogState): Map<'to' | 'reason', string> {
    const t = this.board.localize.t;
    const errors = new Map<'to' | 'reason', string>();
    if (!d.toId) errors.set('to', t.errors.required(t.transfer.receiver));
    else {
      const mine = d.records.find((r) => r.assigneeId === d.toId);
      if (mine) errors.set('to', t.transfer.alreadyAssigned(mine.clientName, this.receiverName(d.toId)));
    }
    if (!d.reason.trim()) errors.set('reason', t.errors.required(t.transfer.reason));
    return errors;
  }

  /** Commit: the cancelable `ck-case-transfer`, then `cases.transfer` (all the cases or none), then `ck-case-transferred`. */
  async submit(): Promise<void> {
    const d = this.state;
    const manager = this.board.manager();
    if (!d || !manager || d.busy) return;
    const t = this.board.localize.t.transfer;
    const errors = this.validate(d);
    if (errors.size) {
      this.state = { ...d, errors, message: undefined };
      this.host.requestUpdate();
      return;
    }
    const to = { id: d.toId, name: this.receiverName(d.toId) };
    const reason = d.reason.trim();
    const records = d.records.map((r) => this.board.loaded(r.id) ?? r);
    const detail = { caseIds: records.map((r) => r.id), records, to, reason, requireAcceptance: d.requireAcceptance };
    if (!this.board.emit('ck-case-transfer', detail)) {
      this.board.announce(t.vetoed);
      this.close();
      return;
    }
    const count = records.length;
    const n = this.board.localize.number(count);
    const client = records[0]!.clientName;
    this.board.announce(t.transferring(count, n, client, to.name));
    this.state = { ...d, busy: true, errors: new Map(), message: undefined };
    this.host.requestUpdate();
    try {
      const saved = await manager.cases.transfer(
        records.map((r) => ({ id: r.id, version: r.version })),
        to,
        { reason, requireAcceptance: d.requireAcceptance },
      );
      for (const r of records) this.chosen.delete(r.id);
      this.close();
      this.board.announce(d.requireAcceptance ? t.requested(count, n, client, to.name) : t.transferred(count, n, client, to.name));
      this.board.emit('ck-case-transferred', { records: saved, to, reason, requireAcceptance: d.requireAcceptance });
    } catch (error) {
      const described = this.board.reportError(error, 'transfer', (path) => (path === 'options.reason' ? t.reason : path.startsWith('to.') ? t.receiver : undefined));
      const fields = new Map<'to' | 'reason', string>();
      if (described.fields.has('options.reason')) fields.set('reason', described.fields.get('options.reason')!);
      const message = fields.size ? undefined : await this.wordRefusal(error, described, records, to.id);
      if (this.state) this.state = { ...this.state, busy: false, errors: fields, ...(message ? { message } : {}) };
      this.host.requestUpdate();
    }
  }

  /**
   * A refusal in the user's words. Core's transfer refusals that are not about the status machine (a
   * closed case, one already waiting, one already the receiver's) are re-read to say which case.
   */
  private async wordRefusal(error: unknown, described: LocalizedError, records: readonly CaseRecord[], toId: string): Promise<string> {
    const manager = this.board.manager();
    if (!manager || !(hasErrorCode(error, 'transition') || (hasErrorCode(error, 'validation') && described.fields.has('to.id')))) return described.message;
    const now = await Promise.all(records.map((r) => manager.cases.get(r.id).catch(() => r)));
    return this.explain(error, now, toId, described.message);
  }

  /** Names the case a transfer refusal is about, from the cases as they are. */
  private explain(error: unknown, records: readonly CaseRecord[], toId: string, fallback?: string): string {
    const t = this.board.localize.t.transfer;
    const pending = records.find((r) => r.pendingTransfer);
    if (pending) return t.alreadyPending(pending.clientName, pending.pendingTransfer!.to.name);
    const closed = records.find((r) => !OPEN_CASE_STATUSES.includes(r.status));
    if (closed) return t.notOpen(closed.clientName);
    const mine = records.find((r) => r.assigneeId === toId);
    if (mine) return t.alreadyAssigned(mine.clientName, this.receiverName(toId));
    return fallback ?? this.board.localize.error(error).message;
  }
}
