import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { WORKLIST_KINDS, type CaseManager, type CaseRecord, type WorklistCounts, type WorklistItem, type WorklistKind, type WorklistOptions } from '@casekit/core';
import { ManagerController } from '../../controllers/manager-controller.js';
import { CasekitElement } from '../../internal/casekit-element.js';
import { SerialRunner } from '../../internal/serial-runner.js';
import { renderSkeletons, skeletonStyles } from '../../internal/skeleton.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import { renderDeclineForm, type DeclineFormState } from './decline-form.js';
import { renderSnoozeForm, validateSnooze, type SnoozeField, type SnoozeFormState } from './snooze-form.js';
import { WorklistText } from './worklist-text.js';
import { worklistStyles } from './worklist.styles.js';

/**
 * @summary The case manager's "today": one ranked queue across the actor's caseload (`manager.worklist`).
 *
 * Each row says what is due (its kind), for whom (the client's name when core returned it, else the
 * case title or program, else the service), when (due date, days overdue or "today"), and why it ranks
 * where it does: every reason as a chip, and a "Why this order" disclosure with each reason's weight
 * and the score. A header counts the whole list (total, overdue, snoozed) and filters it by kind;
 * "Show more" continues with core's cursor. Row actions: Open (fires `ck-worklist-open`; the host
 * navigates), Snooze (an inline form: until a later day, with a reason) and Done (the row leaves;
 * both announced in a polite live region). Snooze and Done are shown only to actors the policy lets
 * keep their worklist (their own draft: not viewers or provider staff). Reloads on any change to
 * cases, plans, referrals, consents or drafts.
 *
 * A `transfer-request` row (a case someone asked to hand to the actor, or to the case manager a
 * supervisor looks at) also says who asked and why, and offers Accept and Decline to actors the policy
 * lets `accept-transfer` that case (the receiver, supervisors, admins). Accept calls
 * `cases.acceptTransfer` (the case becomes the receiver's); Decline opens an inline form asking why
 * (required, as core's `declineTransfer` requires it) and calls `cases.declineTransfer`. Either way the
 * row leaves the list, the outcome is announced, and `ck-worklist-change` fires; a refusal shows in
 * plain words and writes nothing. The cases are read once per load through `cases.pendingTransfers`
 * (audited as one read), only when the page has such rows.
 *
 * `focus()` goes to the first row's Open button, else the heading.
 *
 * @fires ck-worklist-open - The user chose Open on a row. `detail: WorklistOpenDetail` (`item`, `recordRef`, `caseId?`, `clientId?`).
 * @fires ck-worklist-change - A row was snoozed or marked done, or its transfer accepted or declined. `detail: WorklistChangeDetail`.
 * @fires ck-error - Core refused the read, a snooze, a done, an accept or a decline. `detail: ErrorDetail`.
 *
 * @slot header-end - Extra controls beside the heading.
 * @slot empty - Shown instead of the default text when nothing is due.
 *
 * @csspart header - The heading row.
 * @csspart heading - The element's heading (focused by `focus()` when there are no rows).
 * @csspart counts - The counts (total, overdue, snoozed).
 * @csspart filter - The kind filter (a select).
 * @csspart alert - The error banner.
 * @csspart list - The list of rows.
 * @csspart row - One row.
 * @csspart row-title - Its kind and subject.
 * @csspart kind - What the row asks ("Contact due").
 * @csspart subject - For whom.
 * @csspart details - The case, plan, task or organisation.
 * @csspart when - Due date or days overdue.
 * @csspart reasons - The reason chips.
 * @csspart reason - One reason chip.
 * @csspart why - The "Why this order" disclosure.
 * @csspart actions - The row's buttons.
 * @csspart open-button - Open.
 * @csspart snooze-button - Snooze.
 * @csspart done-button - Done.
 * @csspart accept-button - Accept (a transfer-request row).
 * @csspart decline-button - Decline (a transfer-request row).
 * @csspart snooze-form - The inline snooze form.
 * @csspart decline-form - The inline form asking why a transfer is declined.
 * @csspart field-error - A field's error in the snooze form.
 * @csspart more - The "Show more" button.
 * @csspart skeletons - Placeholder rows while loading.
 *
 * @cssprop --ck-worklist-background - Element background.
 * @cssprop --ck-worklist-row-background - Row background.
 * @cssprop --ck-worklist-overdue - Color of the overdue text and its row's edge (default: the danger color).
 */
export class CkWorklist extends CasekitElement {
  static override styles = [sharedStyles, skeletonStyles, worklistStyles];

  /** The day to judge due and overdue by (`YYYY-MM-DD`). Default: today in `time-zone`. */
  @property({ reflect: true }) date?: string;

  /** IANA time zone whose calendar decides "today". Default: the manager's. */
  @property({ attribute: 'time-zone', reflect: true }) timeZone?: string;

  /** Rows per page (1–200). */
  @property({ type: Number, reflect: true }) limit = 25;

  /** Only rows of this kind (the filter sets it). Default: every kind. */
  @property({ reflect: true }) kind?: WorklistKind;

  /** A supervisor's view of one case manager's caseload. */
  @property({ attribute: 'assignee-id', reflect: true }) assigneeId?: string;

  /** Heading level of the element's title. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  /** Accessible name and heading. Default: "Today", translated. */
  @property() label?: string;

  @state() private rows: WorklistItem[] = [];
  @state() private counts?: WorklistCounts;
  @state() private nextCursor?: string;
  @state() private listDate?: string;
  @state() private listTimeZone?: string;
  @state() private loaded = false;
  @state() private message?: string;
  @state() private snooze?: SnoozeFormState;
  @state() private liveText = '';
  @state() private busyId?: string;
  @state() private decline?: DeclineFormState;
  /** The cases of the transfer-request rows shown, by id (from `cases.pendingTransfers`): what the policy decides on. */
  @state() private transferCases = new Map<string, CaseRecord>();

  /** Set by "Show more": the next run appends the page after `nextCursor` instead of reloading. */
  private wantMore = false;

  private readonly casekit = new ManagerController(this, {
    collections: ['cases', 'plans', 'referrals', 'consents', 'drafts', 'clients'],
    onManager: () => void this.refresh(),
    onChange: () => void this.refresh(),
  });
  private readonly runner = new SerialRunner(() => this.load());

  /** The rows shown, in rank order. */
  get items(): readonly WorklistItem[] {
    return this.rows;
  }

  /** Resolves when no load is running or queued and the element has rendered. */
  get loadComplete(): Promise<void> {
    return this.settle([this.runner], () => this.acting, () => this.runner.idle());
  }

  /** Reloads the rows shown so far (done on every change to the records a worklist is made of). */
  refresh(): Promise<void> {
    return this.runner.run();
  }

  /** Appends the next page ("Show more"). */
  showMore(): Promise<void> {
    if (!this.nextCursor) return Promise.resolve();
    this.wantMore = true;
    return this.runner.run();
  }

  protected override focusTarget(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('[part~="open-button"]') ?? this.renderRoot.querySelector<HTMLElement>('#worklist-heading');
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.hasUpdated) return;
    if (['date', 'timeZone', 'limit', 'kind', 'assigneeId'].some((key) => changed.has(key as keyof CkWorklist))) {
      this.rows = [];
      this.loaded = false;
      this.snooze = undefined;
      this.decline = undefined;
      void this.refresh();
    }
  }

  private options(): WorklistOptions {
    const limit = Number.isInteger(this.limit) && this.limit >= 1 ? Math.min(this.limit, 200) : 25;
    return {
      limit,
      ...(this.date ? { date: this.date } : {}),
      ...(this.timeZone ? { timeZone: this.timeZone } : {}),
      ...(this.kind ? { kinds: [this.kind] } : {}),
      ...(this.assigneeId ? { assigneeId: this.assigneeId } : {}),
    };
  }

  private async load(): Promise<void> {
    const manager: CaseManager | undefined = this.casekit.value;
    if (!manager) {
      this.rows = [];
      this.loaded = false;
      return;
    }
    const more = this.wantMore && !!this.nextCursor;
    this.wantMore = false;
    const options = this.options();
    try {
      if (more) {
        const page = await manager.worklist({ ...options, cursor: this.nextCursor! });
        const seen = new Set(this.rows.map((r) => r.id));
        this.rows = [...this.rows, ...page.items.filter((r) => !seen.has(r.id))];
        this.accept(page);
      } else {
        // A reload keeps as many rows as were shown (every page loaded so far), in one call.
        const limit = Math.min(200, Math.max(options.limit ?? 25, this.rows.length));
        const page = await manager.worklist({ ...options, limit });
        this.rows = page.items;
        this.accept(page);
      }
      this.transferCases = await this.loadTransferCases(manager);
      this.message = undefined;
    } catch (error) {
      if (!more) this.rows = [];
      this.message = this.reportError(error, 'load').message;
    } finally {
      this.loaded = true;
    }
  }

  private accept(page: { nextCursor?: string; counts: WorklistCounts; date: string; timeZone: string }): void {
    this.nextCursor = page.nextCursor;
    this.counts = page.counts;
    this.listDate = page.date;
    this.listTimeZone = page.timeZone;
    if (this.snooze && !this.rows.some((r) => r.id === this.snooze!.itemId)) this.snooze = undefined;
    if (this.decline && !this.rows.some((r) => r.id === this.decline!.itemId)) this.decline = undefined;
  }

  /** The cases behind the transfer-request rows, read in one call (none when there are no such rows). */
  private async loadTransferCases(manager: CaseManager): Promise<Map<string, CaseRecord>> {
    if (!this.rows.some((r) => r.kind === 'transfer-request')) return new Map();
    try {
      const cases = await manager.cases.pendingTransfers(this.assigneeId ? { to: this.assigneeId } : undefined);
      return new Map(cases.map((c) => [c.id, c]));
    } catch {
      return new Map(); // the rows still show; only their Accept and Decline need the cases
    }
  }

  /** The case of a transfer-request row, when the policy lets this actor accept or decline it. */
  private decidable(manager: CaseManager, item: WorklistItem): CaseRecord | undefined {
    const record = item.kind === 'transfer-request' && item.caseId ? this.transferCases.get(item.caseId) : undefined;
    return record && manager.can({ action: 'accept-transfer', collection: 'cases', record, case: record }) ? record : undefined;
  }

  private async acceptTransfer(item: WorklistItem, record: CaseRecord): Promise<void> {
    const manager = this.casekit.value;
    if (!manager) return;
    this.busyId = item.id;
    try {
      const saved = await manager.cases.acceptTransfer({ id: record.id, version: record.version });
      this.removeRow(item, this.localize.t.worklist.accepted(this.text().title(item)));
      this.emit('ck-worklist-change', { item, change: 'transfer-accepted', record: saved });
    } catch (error) {
      this.message = this.reportError(error, 'accept-transfer').message;
    } finally {
      this.busyId = undefined;
    }
  }

  private async startDecline(item: WorklistItem): Promise<void> {
    this.snooze = undefined;
    this.decline = { itemId: item.id, reason: '' };
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#decline-reason')?.focus();
  }

  private async submitDecline(item: WorklistItem, record: CaseRecord): Promise<void> {
    const manager = this.casekit.value;
    const form = this.decline;
    if (!manager || !form) return;
    const t = this.localize.t;
    const reason = form.reason.trim();
    if (!reason) {
      this.decline = { ...form, error: t.errors.required(t.worklist.declineReason), message: undefined };
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#decline-reason')?.focus();
      return;
    }
    this.busyId = item.id;
    try {
      const saved = await manager.cases.declineTransfer({ id: record.id, version: record.version }, reason);
      this.decline = undefined;
      this.removeRow(item, t.worklist.declined(this.text().title(item)));
      this.emit('ck-worklist-change', { item, change: 'transfer-declined', reason, record: saved });
    } catch (error) {
      const described = this.reportError(error, 'decline-transfer', (path) => (path === 'reason' ? t.worklist.declineReason : undefined));
      const field = described.fields.get('reason');
      this.decline = { ...form, ...(field ? { error: field, message: undefined } : { error: undefined, message: described.message }) };
    } finally {
      this.busyId = undefined;
    }
  }

  /** Whether this actor may keep a worklist of their own (snooze and done write their private draft). */
  private canTriage(manager: CaseManager): boolean {
    const draft = { ownerId: manager.actor.id, kind: 'casekit:worklist' };
    return manager.can({ action: 'create', collection: 'drafts', record: draft }) && manager.can({ action: 'update', collection: 'drafts', record: draft });
  }

  private text(): WorklistText {
    return new WorklistText(this.localize, this.listTimeZone ?? this.timeZone);
  }

  private open(item: WorklistItem): void {
    this.emit('ck-worklist-open', { item, recordRef: item.recordRef, ...(item.caseId ? { caseId: item.caseId } : {}), ...(item.clientId ? { clientId: item.clientId } : {}) });
  }

  private async startSnooze(item: WorklistItem): Promise<void> {
    this.decline = undefined;
    this.snooze = { itemId: item.id, until: '', reason: '', errors: new Map() };
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#snooze-until')?.focus();
  }

  private async submitSnooze(item: WorklistItem): Promise<void> {
    const manager = this.casekit.value;
    const form = this.snooze;
    if (!manager || !form) return;
    const errors = validateSnooze(form, this.listDate, this.localize.t);
    if (errors.size) {
      this.snooze = { ...form, errors, message: undefined };
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`#snooze-${[...errors.keys()][0]}`)?.focus();
      return;
    }
    this.busyId = item.id;
    try {
      await manager.worklist.snooze(item.id, { until: form.until, reason: form.reason.trim() });
      this.snooze = undefined;
      this.removeRow(item, this.localize.t.worklist.snoozedUntil(this.text().title(item), this.text().date(form.until)));
      this.emit('ck-worklist-change', { item, change: 'snoozed', until: form.until });
    } catch (error) {
      const t = this.localize.t.worklist;
      const described = this.reportError(error, 'snooze', (path) => (path === 'options.until' ? t.untilField : path === 'options.reason' ? t.reasonField : undefined));
      const fields = new Map<SnoozeField, string>();
      for (const [path, text] of described.fields) {
        if (path === 'options.until') fields.set('until', text);
        if (path === 'options.reason') fields.set('reason', text);
      }
      this.snooze = { ...form, errors: fields, ...(fields.size ? {} : { message: described.message }) };
    } finally {
      this.busyId = undefined;
    }
  }

  /** A snooze or done in progress, which `loadComplete` waits for too (with the reload it causes). */
  private acting: Promise<unknown> = Promise.resolve();
  private act(action: Promise<void>): void {
    this.acting = action;
  }

  private async markDone(item: WorklistItem): Promise<void> {
    const manager = this.casekit.value;
    if (!manager) return;
    this.busyId = item.id;
    try {
      await manager.worklist.done(item.id);
      this.removeRow(item, this.localize.t.worklist.markedDone(this.text().title(item)));
      this.emit('ck-worklist-change', { item, change: 'done' });
    } catch (error) {
      this.message = this.reportError(error, 'done').message;
    } finally {
      this.busyId = undefined;
    }
  }

  /** Takes a row off at once (the reload that follows agrees), announces it, and keeps focus in the list. */
  private removeRow(item: WorklistItem, announcement: string): void {
    const index = this.rows.findIndex((r) => r.id === item.id);
    this.rows = this.rows.filter((r) => r.id !== item.id);
    this.announce(announcement);
    void this.updateComplete.then(() => {
      const buttons = [...this.renderRoot.querySelectorAll<HTMLElement>('[part~="open-button"]')];
      (buttons[Math.min(index, buttons.length - 1)] ?? this.renderRoot.querySelector<HTMLElement>('#worklist-heading'))?.focus();
    });
  }

  private announce(text: string): void {
    this.liveText = text === this.liveText ? `${text}\u00a0` : text;
  }

  private renderRow(item: WorklistItem, index: number, text: WorklistText, triage: boolean, transfer: CaseRecord | undefined): TemplateResult {
    const t = this.localize.t.worklist;
    const id = `row-${index}`;
    const when = text.when(item, this.listDate ?? item.dueDate ?? '');
    const details = text.details(item);
    const pending = item.kind === 'transfer-request' && item.caseId ? this.transferCases.get(item.caseId)?.pendingTransfer : undefined;
    if (pending) details.push(t.transferFrom(pending.requestedBy.name, pending.reason));
    const reasons = item.reasons.map((r) => ({ reason: r, words: text.reason(r) }));
    const score = this.localize.number(item.score);
    const busy = this.busyId === item.id;
    return html`<li class="row ${item.daysOverdue > 0 ? 'overdue' : ''}" part="row" data-id=${item.id} data-kind=${item.kind} data-score=${item.score} aria-labelledby="${id}-title">
      <div class="row-main">
        <p class="row-title" part="row-title" id="${id}-title"><span class="kind" part="kind">${text.kind(item)}</span> <span aria-hidden="true">·</span> <span class="subject" part="subject">${text.subject(item)}</span></p>
        ${details.length ? html`<p class="details" part="details">${details.join(' · ')}</p>` : nothing}
        ${when ? html`<p class="when" part="when">${when}</p>` : nothing}
        <ul class="reasons" part="reasons" role="list">
          ${reasons.map(({ reason, words }) => html`<li class="ck-badge" part="reason" data-code=${reason.code}>${words}</li>`)}
        </ul>
        <details class="why" part="why">
          <summary>${t.why} · ${t.score(score)}</summary>
          <ul role="list">
            ${reasons.map(({ reason, words }) => html`<li data-code=${reason.code}>${t.weight(words, this.localize.number(reason.weight, { signDisplay: 'always' }))}</li>`)}
          </ul>
        </details>
      </div>
      <div class="actions" part="actions">
        <button type="button" class="ck-button primary" part="open-button" aria-describedby="${id}-title" @click=${() => this.open(item)}>${t.open}</button>
        ${transfer
          ? html`<button type="button" class="ck-button" part="accept-button" aria-describedby="${id}-title" ?disabled=${busy} @click=${() => this.act(this.acceptTransfer(item, transfer))}>${t.accept}</button>
              <button type="button" class="ck-button" part="decline-button" aria-describedby="${id}-title" aria-expanded=${this.decline?.itemId === item.id ? 'true' : 'false'} ?disabled=${busy}
                @click=${() => (this.decline?.itemId === item.id ? (this.decline = undefined) : void this.startDecline(item))}>${t.decline}</button>`
          : nothing}
        ${triage
          ? html`<button type="button" class="ck-button" part="snooze-button" aria-describedby="${id}-title" aria-expanded=${this.snooze?.itemId === item.id ? 'true' : 'false'} ?disabled=${busy}
                @click=${() => (this.snooze?.itemId === item.id ? (this.snooze = undefined) : void this.startSnooze(item))}>${t.snooze}</button>
              <button type="button" class="ck-button" part="done-button" aria-describedby="${id}-title" ?disabled=${busy} @click=${() => this.act(this.markDone(item))}>${t.done}</button>`
          : nothing}
      </div>
      ${this.snooze?.itemId === item.id
        ? renderSnoozeForm(this.snooze, {
            t: this.localize.t,
            title: t.snoozeTitle(text.title(item)),
            min: this.listDate,
            busy,
            change: (patch) => (this.snooze = { ...this.snooze!, ...patch }),
            submit: () => this.act(this.submitSnooze(item)),
            cancel: () => {
              this.snooze = undefined;
              void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#${id}-title`)?.closest('li')?.querySelector<HTMLElement>('[part~="snooze-button"]')?.focus());
            },
          })
        : nothing}
      ${transfer && this.decline?.itemId === item.id
        ? renderDeclineForm(this.decline, {
            t: this.localize.t,
            title: t.declineTitle(text.title(item)),
            busy,
            change: (reason) => (this.decline = { ...this.decline!, reason, ...(reason.trim() ? { error: undefined } : {}) }),
            submit: () => this.act(this.submitDecline(item, transfer)),
            cancel: () => {
              this.decline = undefined;
              void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#${id}-title`)?.closest('li')?.querySelector<HTMLElement>('[part~="decline-button"]')?.focus());
            },
          })
        : nothing}
    </li>`;
  }

  private renderHeader(): TemplateResult {
    const t = this.localize.t;
    const c = this.counts;
    const n = (value: number) => this.localize.number(value);
    return html`<div class="header" part="header">
      <div role="heading" aria-level=${this.headingLevel} id="worklist-heading" class="heading" part="heading" tabindex="-1">${this.label ?? t.worklist.label}</div>
      ${c ? html`<p class="counts" part="counts">${[t.worklist.total(c.total, n(c.total)), t.worklist.overdue(c.overdue, n(c.overdue)), t.worklist.snoozed(c.snoozed, n(c.snoozed))].join(' · ')}</p>` : nothing}
      <label class="ck-field filter">
        <span>${t.worklist.filterLabel}</span>
        <select part="filter" @change=${(e: Event) => (this.kind = ((e.target as HTMLSelectElement).value || undefined) as WorklistKind | undefined)}>
          <option value="" ?selected=${!this.kind}>${t.worklist.allKinds}</option>
          ${WORKLIST_KINDS.map((k) => html`<option value=${k} ?selected=${this.kind === k}>${t.worklist.kinds[k]}</option>`)}
        </select>
      </label>
      <slot name="header-end"></slot>
    </div>`;
  }

  protected override render(): TemplateResult {
    const t = this.localize.t;
    const manager = this.casekit.value;
    const text = this.text();
    const triage = !!manager && this.canTriage(manager);
    const today = this.date && this.listDate && this.listDate !== this.date ? undefined : this.listDate;
    const empty = this.date ? t.worklist.emptyOn(this.localize.date(this.date)) : t.worklist.empty;
    return html`<section class="root" part="root" dir=${this.localize.dir} lang=${this.localize.lang} aria-labelledby="worklist-heading" aria-busy=${this.loaded ? 'false' : 'true'} data-date=${today ?? nothing}>
      ${this.renderHeader()}
      ${!manager ? html`<p class="empty">${t.errors.noManager}</p>` : !this.loaded ? html`<p class="sr-only">${t.common.loading}</p>${renderSkeletons(3)}` : nothing}
      ${this.message ? html`<div class="ck-alert" part="alert" role="alert"><span>${this.message}</span></div>` : nothing}
      ${this.loaded && manager && !this.rows.length && !this.message ? html`<slot name="empty"><p class="empty">${empty}</p></slot>` : nothing}
      ${this.rows.length ? html`<ul class="rows" part="list" role="list" aria-labelledby="worklist-heading">${this.rows.map((item, i) => this.renderRow(item, i, text, triage, manager ? this.decidable(manager, item) : undefined))}</ul>` : nothing}
      ${this.nextCursor && this.rows.length
        ? html`<button type="button" class="ck-button more" part="more" @click=${() => void this.showMore()}>${t.worklist.showMore}</button>`
        : nothing}
      <div class="sr-only" role="status" aria-live="polite">${this.liveText}</div>
    </section>`;
  }
}
