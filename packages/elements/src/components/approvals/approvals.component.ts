import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { hasErrorCode, type CaseManager, type CarePlan, type CaseRecord } from '@casekit/core';
import { ManagerController } from '../../controllers/manager-controller.js';
import { CasekitElement } from '../../internal/casekit-element.js';
import { focusableHeading } from '../../internal/focus-target.js';
import { renderSkeletons, skeletonStyles } from '../../internal/skeleton.js';
import { SerialRunner } from '../../internal/serial-runner.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import { caseRows, queueRows, type ApprovalRow, type RecordCache } from './approval-rows.js';
import { renderApprovalItem } from './approval-item.js';
import { approvalsStyles } from './approvals.styles.js';
import { renderRejectDialog, type RejectDialogState } from './reject-dialog.js';

const PAGE_SIZE = 25;
/** The worklist's largest page: a reload asks for at least what is shown. */
const MAX_PAGE = 200;

/**
 * @summary A supervisor's queue of case closures and care-plan activations waiting for approval, each
 * with who asked and when, the closure reason and the requester's note (a plan: its title and goals),
 * and Approve / Reject with a reason.
 *
 * The queue is `manager.worklist({ kinds: ['closure-approval', 'activation-approval'] })`, paged with
 * its cursor; each row's record is read once per version (an audited read) for the requester and note.
 * With `case-id`, only that case's requests, read from the case and its plans: put it in a case view.
 * Rows and actions follow the policy (`manager.can({ action: 'approve', ... })`); an actor who may not
 * approve (a case manager) sees that approvals are for supervisors — in a case view, with their own
 * requests read only. A decision based on a stale record (another supervisor decided first) says so
 * and reloads the list.
 *
 * `focus()` goes to the first row's Approve button, else the heading.
 *
 * @fires ck-approval-decided - A request was approved or rejected (after saving; the row has left). `detail: { kind, recordId, caseId, decision, record }`.
 * @fires ck-error - Core refused something (also shown in the element). `detail: ErrorDetail`.
 *
 * @slot header-end - Extra controls beside the heading.
 * @slot empty - Shown instead of the default text when nothing is waiting.
 *
 * @csspart root - The element's section.
 * @csspart header - The heading row.
 * @csspart heading - The element's heading.
 * @csspart summary - The "3 requests waiting" line.
 * @csspart notice - "Approvals are for supervisors" (an actor who may not approve).
 * @csspart alert - The error banner.
 * @csspart list - The list of requests.
 * @csspart item - One request.
 * @csspart item-header - Its title row.
 * @csspart badge - Any badge.
 * @csspart kind - The kind badge (Case closure / Plan activation).
 * @csspart item-title - The client's name.
 * @csspart case - The case line.
 * @csspart plan - A plan's title and goals.
 * @csspart goals - The goals count.
 * @csspart closure-reason - The closure reason.
 * @csspart note - The requester's note.
 * @csspart requested - Who asked, and when.
 * @csspart waiting - On a request the actor may not decide: "Waiting for a supervisor".
 * @csspart actions - A row's buttons.
 * @csspart approve-button - Approve.
 * @csspart reject-button - Reject.
 * @csspart load-more - The "Show more" button.
 * @csspart dialog - The reject dialog.
 * @csspart field-error - The reason's error message.
 * @csspart skeletons - Placeholder rows while the queue loads (the element is `aria-busy` then).
 * @csspart skeleton - One placeholder row.
 *
 * @cssprop --ck-approvals-background - Element background.
 * @cssprop --ck-approvals-item-background - A request's background.
 * @cssprop --ck-approvals-item-border - A request's border color.
 * @cssprop --ck-approvals-gap - Space between requests.
 */
export class CkApprovals extends CasekitElement {
  static override styles = [sharedStyles, skeletonStyles, approvalsStyles];

  /** Only this case's requests (a case view). Default: every request the actor may decide. */
  @property({ attribute: 'case-id', reflect: true }) caseId?: string;

  /** Heading level of the element's title. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  /** Accessible name and heading. Default: "Waiting for approval", translated. */
  @property() label?: string;

  @state() private rows: ApprovalRow[] = [];
  @state() private total = 0;
  @state() private nextCursor?: string;
  @state() private loaded = false;
  @state() private message?: string;
  @state() private busyKey?: string;
  @state() private dialog?: RejectDialogState;
  @state() private liveText = '';

  @query('dialog') private dialogEl?: HTMLDialogElement;

  private readonly casekit = new ManagerController(this, {
    collections: ['cases', 'plans'],
    onManager: () => this.reset(),
    onChange: () => void this.refresh(),
  });
  private readonly runner = new SerialRunner(() => this.load());
  private readonly records: RecordCache = new Map();
  private readonly clientNames = new Map<string, string>();
  /** Where focus goes after the next render (a decided row's neighbour, or the heading). */
  private focusAfterRender?: string;

  /** The requests shown, in the queue's order. */
  get requests(): readonly ApprovalRow[] {
    return this.rows;
  }

  /** Resolves when no load is running or queued and the element has rendered. */
  get loadComplete(): Promise<void> {
    return this.settle([this.runner]);
  }

  /** Reloads the queue (done on every change to cases and plans). */
  refresh(): Promise<void> {
    return this.runner.run();
  }

  /** A new manager or case: nothing of the previous one is shown, skeletons until loaded. */
  private reset(): void {
    this.rows = [];
    this.total = 0;
    this.nextCursor = undefined;
    this.loaded = false;
    this.message = undefined;
    this.dialog = undefined;
    this.records.clear();
    this.clientNames.clear();
    void this.refresh();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.hasUpdated && changed.has('caseId')) this.reset();
  }

  protected override updated(): void {
    const dialog = this.dialogEl;
    if (dialog && this.dialog && !dialog.open) dialog.showModal();
    if (dialog && !this.dialog && dialog.open) dialog.close();
    if (this.focusAfterRender && !this.dialog) {
      const selector = this.focusAfterRender;
      this.focusAfterRender = undefined;
      (this.renderRoot.querySelector<HTMLElement>(selector) ?? focusableHeading(this.heading))?.focus();
    }
  }

  private get activeManager(): CaseManager | undefined {
    return this.casekit.value;
  }

  private get heading(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('#approvals-heading');
  }

  /** Whether the actor may approve anything at all (the default policy: supervisors and admins). */
  private get mayApprove(): boolean {
    const manager = this.activeManager;
    if (!manager) return false;
    return manager.can({ action: 'approve', collection: 'cases' }) || manager.can({ action: 'approve', collection: 'plans' }) || this.rows.some((r) => r.canDecide);
  }

  // ---------------------------------------------------------------- data

  private async load(): Promise<void> {
    const manager = this.activeManager;
    const caseId = this.caseId;
    if (!manager) {
      this.rows = [];
      this.loaded = false;
      return;
    }
    try {
      if (caseId) {
        const rows = await caseRows(manager, caseId, this.clientNames);
        if (caseId !== this.caseId || manager !== this.activeManager) return;
        this.rows = rows;
        this.total = rows.length;
        this.nextCursor = undefined;
      } else {
        const limit = Math.min(MAX_PAGE, Math.max(PAGE_SIZE, this.rows.length));
        const { rows, page } = await queueRows(manager, { limit }, this.records);
        if (this.caseId || manager !== this.activeManager) return;
        this.rows = rows;
        this.total = page.counts.total;
        this.nextCursor = page.nextCursor;
      }
    } catch (error) {
      this.rows = [];
      this.message = this.reportError(error, 'load').message;
    } finally {
      if (caseId === this.caseId) this.loaded = true;
    }
  }

  private async loadMore(): Promise<void> {
    const manager = this.activeManager;
    if (!manager || !this.nextCursor || this.caseId) return;
    try {
      const { rows, page } = await queueRows(manager, { limit: PAGE_SIZE, cursor: this.nextCursor }, this.records);
      const first = rows.find((r) => !this.rows.some((s) => s.key === r.key));
      this.rows = [...this.rows, ...rows.filter((r) => !this.rows.some((s) => s.key === r.key))];
      this.nextCursor = page.nextCursor;
      if (first) this.focusAfterRender = `[data-key="${CSS.escape(first.key)}"] button`;
    } catch (error) {
      this.message = this.reportError(error, 'load').message;
    }
  }

  // ---------------------------------------------------------------- decisions

  private async approve(row: ApprovalRow): Promise<void> {
    const manager = this.activeManager;
    if (!manager || this.busyKey) return;
    this.busyKey = row.key;
    const ref = { id: row.record.id, version: row.record.version };
    try {
      const saved = row.kind === 'case-closure' ? await manager.cases.approveClosure(ref) : await manager.plans.approveActivation(ref);
      this.decided(row, 'approved', saved);
    } catch (error) {
      this.refused(error, row, 'approve');
    } finally {
      this.busyKey = undefined;
    }
  }

  private openReject(row: ApprovalRow): void {
    this.dialog = { row, reason: '' };
  }

  private closeDialog(e?: Event): void {
    e?.preventDefault();
    const row = this.dialog?.row;
    this.dialog = undefined;
    if (row) this.focusAfterRender = `[data-key="${CSS.escape(row.key)}"] [data-action="reject"]`;
  }

  private async submitReject(): Promise<void> {
    const manager = this.activeManager;
    const d = this.dialog;
    if (!manager || !d || d.busy) return;
    const a = this.localize.t.approvals;
    // An empty reason never reaches core: the case manager must learn why.
    if (!d.reason.trim()) {
      this.dialog = { ...d, reasonError: a.reasonRequired };
      this.announce(a.reasonRequired);
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('dialog textarea')?.focus());
      return;
    }
    this.dialog = { ...d, busy: true, reasonError: undefined };
    const ref = { id: d.row.record.id, version: d.row.record.version };
    try {
      const saved = d.row.kind === 'case-closure' ? await manager.cases.rejectClosure(ref, d.reason) : await manager.plans.rejectActivation(ref, d.reason);
      this.dialog = undefined;
      this.decided(d.row, 'rejected', saved);
    } catch (error) {
      const reasonError = hasErrorCode(error, 'validation') ? [...this.localize.error(error, () => a.reasonField).fields.values()][0] : undefined;
      if (reasonError) {
        this.reportError(error, 'reject', () => a.reasonField);
        this.dialog = { ...d, busy: false, reasonError };
        void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('dialog textarea')?.focus());
        return;
      }
      this.dialog = undefined;
      this.refused(error, d.row, 'reject');
    }
  }

  /** The row leaves at once (the reload confirms it), focus moves to the next request, and it is announced. */
  private decided(row: ApprovalRow, decision: 'approved' | 'rejected', record: CaseRecord | CarePlan): void {
    const a = this.localize.t.approvals;
    const index = this.rows.findIndex((r) => r.key === row.key);
    this.rows = this.rows.filter((r) => r.key !== row.key);
    this.total = Math.max(0, this.total - 1);
    this.records.delete(row.record.id);
    this.message = undefined;
    const next = this.rows[Math.min(Math.max(index, 0), this.rows.length - 1)];
    this.focusAfterRender = next ? `[data-key="${CSS.escape(next.key)}"] [data-action="approve"]` : '#approvals-heading';
    const kind = a.kind[row.kind];
    const client = this.clientLabel(row);
    this.announce(decision === 'approved' ? a.approved(kind, client) : a.rejected(kind, client));
    this.emit('ck-approval-decided', { kind: row.kind, recordId: row.record.id, caseId: row.caseId, decision, record });
    void this.refresh();
  }

  /**
   * A refusal. A stale record — another supervisor decided first (a ConflictError, or for a closure
   * "no closure waiting") — says so and reloads; anything else (a permission) is shown as core says.
   */
  private refused(error: unknown, row: ApprovalRow, operation: string): void {
    const described = this.reportError(error, operation);
    const stale = described.conflict || hasErrorCode(error, 'transition');
    this.message = stale ? this.localize.t.approvals.alreadyDecided : described.message;
    this.announce(this.message);
    if (stale) {
      this.records.delete(row.record.id);
      void this.refresh();
    }
    this.focusAfterRender = '[part~="alert"] button';
  }

  private announce(text: string): void {
    this.liveText = text === this.liveText ? `${text}\u00a0` : text;
  }

  // ---------------------------------------------------------------- words

  private clientLabel(row: ApprovalRow): string {
    return row.clientName || this.localize.t.approvals.unknownClient;
  }

  /** "yesterday (Nov 23, 2026, 7:00 AM)": the day relative to the manager's today, then the instant. */
  private when(iso: string): string {
    const manager = this.activeManager;
    const absolute = this.localize.date(iso, { dateStyle: 'medium', timeStyle: 'short' });
    if (!manager) return absolute;
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: manager.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
    const days = Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${manager.today()}T00:00:00Z`)) / 86_400_000);
    return this.localize.t.approvals.when(this.localize.relative(days, 'day'), absolute);
  }

  /** The first request's Approve button, else the heading. */
  protected override focusTarget(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('[part~="list"] [data-action="approve"]:not([disabled])') ?? focusableHeading(this.heading);
  }

  // ---------------------------------------------------------------- render

  protected override render(): TemplateResult {
    const t = this.localize.t;
    const a = t.approvals;
    const manager = this.activeManager;
    const pending = !!manager && !this.loaded;
    const supervisor = this.mayApprove;
    const summary = !manager ? t.errors.noManager : pending ? t.common.loading : supervisor ? a.count(this.total, this.localize.number(this.total)) : undefined;
    const showEmpty = !!manager && this.loaded && !this.rows.length && !this.message && supervisor;
    return html`<section class="root" part="root" dir=${this.localize.dir} lang=${this.localize.lang} aria-labelledby="approvals-heading" aria-busy=${pending ? 'true' : 'false'}>
      <div class="header" part="header">
        <div role="heading" aria-level=${this.headingLevel} id="approvals-heading" class="heading" part="heading" tabindex="-1">${this.label ?? a.label}</div>
        <slot name="header-end"></slot>
      </div>
      ${summary ? html`<p class="summary" part="summary">${summary}</p>` : nothing}
      ${manager && this.loaded && !supervisor ? html`<p class="read-only" part="notice">${a.supervisorsOnly}</p>` : nothing}
      ${this.message
        ? html`<div class="ck-alert" part="alert" role="alert">
            <span>${this.message}</span>
            <button type="button" class="ck-button" data-action="dismiss" @click=${() => (this.message = undefined)}>${t.common.dismiss}</button>
          </div>`
        : nothing}
      ${pending ? renderSkeletons() : nothing}
      ${showEmpty ? html`<slot name="empty"><p class="empty">${a.empty}</p></slot>` : nothing}
      ${this.rows.length
        ? html`<ul class="list" part="list" role="list">
            ${this.rows.map((row) =>
              renderApprovalItem(row, {
                t,
                client: (r) => this.clientLabel(r),
                when: (iso) => this.when(iso),
                number: (n) => this.localize.number(n),
                busyKey: this.busyKey,
                onApprove: (r) => void this.approve(r),
                onReject: (r) => this.openReject(r),
              }),
            )}
          </ul>`
        : nothing}
      ${this.nextCursor ? html`<button type="button" class="ck-button" part="load-more" @click=${this.loadMore}>${a.loadMore}</button>` : nothing}
      ${renderRejectDialog({
        t,
        dialog: this.dialog,
        title: (row) => a.rowTitle(a.kind[row.kind], this.clientLabel(row)),
        change: (reason) => this.dialog && (this.dialog = { ...this.dialog, reason, reasonError: undefined }),
        submit: () => void this.submitReject(),
        cancel: (e) => this.closeDialog(e),
        closed: () => this.dialog && this.closeDialog(),
      })}
      <div class="sr-only" role="status" aria-live="polite">${this.liveText}</div>
    </section>`;
  }
}
