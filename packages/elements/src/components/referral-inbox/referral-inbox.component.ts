import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { type CaseManager, type Referral, type ReferralStatus, type ReferralTransitionOptions } from '@casekit/core';
import { ManagerController } from '../../controllers/manager-controller.js';
import { CasekitElement } from '../../internal/casekit-element.js';
import { focusableHeading } from '../../internal/focus-target.js';
import { SerialRunner } from '../../internal/serial-runner.js';
import { renderSkeletons, skeletonStyles } from '../../internal/skeleton.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import { filterOf, INBOX_FILTER_KEYS, INBOX_FILTERS, inboxOrder, statusesConverter, type InboxFilter } from './inbox-filters.js';
import { OUTCOME_CODES, renderInboxForm, validateInboxForm, type InboxField, type InboxFormState, type InboxResult } from './inbox-forms.js';
import { renderPacket } from './packet-view.js';
import { referralInboxStyles } from './referral-inbox.styles.js';

/** The receiving organisation's answers this element offers (putting on hold and cancelling are left to the tracker). */
const OFFERED: readonly ReferralStatus[] = ['accepted', 'rejected', 'in-progress', 'completed', 'failed'];
const OUTCOME_RESULTS: readonly InboxResult[] = ['completed', 'failed'];

/** A refusal or conflict of one referral's action, shown in its row. */
interface RowProblem {
  referralId: string;
  message: string;
  conflict: boolean;
}

/**
 * @summary A receiving organisation's referral inbox: the referrals sent to it, the client details
 * the client consented to share, and the provider's answers (accept, decline, start, record outcome).
 *
 * Lists `referrals.forOrganization` for `organization-id` (default: the actor's organisation): sent
 * referrals only, those waiting for an answer first, newest first; the policy decides which the actor
 * may see. Each row names the client, the service, the urgency, the day it was sent and, while it
 * waits, the day the answer is due — "Overdue" in words once core says it is (`referrals.isOverdue`).
 * Days are on the manager's calendar (`manager.timeZone`). Opening a row shows the reason for the
 * referral and its packet: exactly the client details the consent (or override) shared when it was
 * sent, each labelled, then which details were not shared. Nothing else of the client or the case is
 * read.
 *
 * Actions are offered only when the policy lets the actor transition the referral (`manager.can`) and
 * `referrals.allowedTransitions` gives the status to the actor's side, so only staff of the receiving
 * organisation get them (a case manager, a supervisor or a viewer gets none): Accept, Decline (with a
 * required reason), Start (or Resume after a hold) and Record outcome (completed or not completed, how
 * it ended, and a required outcome text). A required field left empty is named beside it and nothing is
 * written. A change made meanwhile by someone else is a conflict: said in words with a Reload button,
 * and what was typed is kept. Reloads on any change to referrals (this tab, another tab).
 *
 * `focus()` goes to the first row, else the heading. Arrow keys (and Home, End) move between rows.
 *
 * @fires ck-referral-change - A referral's status was changed here. `detail: ReferralChangeDetail` (`referralId`, `status`, `from`, `change: 'transition'`, `record`; no `caseId`: the inbox shows no case).
 * @fires ck-error - Core refused the read or an action. `detail: ErrorDetail`.
 *
 * @slot header-end - Extra controls beside the heading.
 * @slot empty - Shown instead of the default text when no referral matches.
 *
 * @csspart header - The heading row.
 * @csspart heading - The element's heading (focused by `focus()` when there are no rows).
 * @csspart summary - The "N referrals" line.
 * @csspart filter - The view select (all, new, in progress, closed).
 * @csspart alert - The error banner.
 * @csspart list - The list of referrals.
 * @csspart row - One referral.
 * @csspart row-toggle - The row's button (the client's name) that opens and closes it.
 * @csspart client - The client's name.
 * @csspart badge - Any badge (status, overdue).
 * @csspart status - The status badge.
 * @csspart overdue - The overdue-acknowledgement badge (in words).
 * @csspart facts - The service, urgency, sent and due line.
 * @csspart service - The service name.
 * @csspart due - When the answer is due, or "Overdue".
 * @csspart detail - The open row's details.
 * @csspart reason - The reason for the referral.
 * @csspart packet - The client details shared.
 * @csspart shared - Their list.
 * @csspart not-shared - What was not shared.
 * @csspart outcome - The outcome or status reason of a closed referral.
 * @csspart actions - The row's buttons.
 * @csspart action-button - One action button (`data-action` is the status it sets, or `outcome`).
 * @csspart row-alert - A refused action or conflict, in the row.
 * @csspart form - The inline decline or outcome form.
 * @csspart field-error - A field's error in the form.
 * @csspart submit-button - The form's submit button.
 * @csspart skeletons - Placeholder rows while loading.
 *
 * @cssprop --ck-referral-inbox-background - Element background.
 * @cssprop --ck-referral-inbox-row-background - Row background.
 * @cssprop --ck-referral-inbox-overdue - Color of the overdue text and its row's edge (default: the danger color).
 */
export class CkReferralInbox extends CasekitElement {
  static override styles = [sharedStyles, skeletonStyles, referralInboxStyles];

  /** The receiving organisation whose referrals are listed. Default: the actor's `organizationId`. */
  @property({ attribute: 'organization-id', reflect: true }) organizationId?: string;

  /**
   * Only referrals in these statuses (attribute: space-separated, e.g. `statuses="requested"`); the view
   * select sets it. Default: every sent referral.
   */
  @property({ converter: statusesConverter, reflect: true }) statuses?: ReferralStatus[];

  /** Show only this referral, opened (when it was sent to the organisation). */
  @property({ attribute: 'referral-id', reflect: true }) referralId?: string;

  /** Heading level of the element's title; headings inside a row are one below. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  /** Accessible name and heading. Default: "Referral inbox", translated. */
  @property() label?: string;

  @state() private items: Referral[] = [];
  @state() private loaded = false;
  @state() private message?: string;
  /** `referral-id` names no referral of this organisation. */
  @state() private missing = false;
  @state() private openId?: string;
  @state() private form?: InboxFormState;
  @state() private problem?: RowProblem;
  @state() private busyId?: string;
  @state() private liveText = '';

  private readonly casekit = new ManagerController(this, {
    collections: ['referrals'],
    onManager: () => void this.refresh(),
    onChange: () => void this.refresh(),
  });
  private readonly runner = new SerialRunner(() => this.load());
  private generation = 0;
  /** An action in progress, which `loadComplete` waits for too (with the reload it causes). */
  private acting: Promise<unknown> = Promise.resolve();

  /** The referrals shown, in the order shown. */
  get referrals(): readonly Referral[] {
    return this.items;
  }

  /** Resolves when no load or action is running or queued and the element has rendered. */
  get loadComplete(): Promise<void> {
    return this.settle([this.runner], () => this.acting, () => this.runner.idle());
  }

  /** Reloads the list (done on every change to referrals); calls made during a reload collapse into one more. */
  refresh(): Promise<void> {
    return this.runner.run();
  }

  protected override focusTarget(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('[part~="row-toggle"]') ?? focusableHeading(this.renderRoot.querySelector<HTMLElement>('#inbox-heading'));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.hasUpdated) return;
    if (changed.has('organizationId') || changed.has('statuses') || changed.has('referralId')) {
      // Another view: its referrals once loaded, never the previous view's (skeletons until then).
      this.items = [];
      this.loaded = false;
      this.form = undefined;
      this.problem = undefined;
      if (changed.has('referralId') || changed.has('organizationId')) this.openId = undefined;
      void this.refresh();
    }
  }

  private organization(manager: CaseManager): string | undefined {
    return this.organizationId || manager.actor.organizationId;
  }

  private async load(): Promise<void> {
    const manager = this.casekit.value;
    const gen = ++this.generation;
    if (!manager) {
      this.items = [];
      this.loaded = false;
      return;
    }
    const organizationId = this.organization(manager);
    if (!organizationId) {
      this.items = [];
      this.loaded = true;
      return;
    }
    try {
      let list: Referral[];
      if (this.referralId) {
        const one = await manager.referrals.get(this.referralId);
        // Only a referral sent to this organisation belongs in its inbox.
        list = one.service.organizationId === organizationId && one.status !== 'draft' ? [one] : [];
      } else {
        list = await manager.referrals.forOrganization(organizationId, this.statuses ? { statuses: [...this.statuses] } : undefined);
      }
      if (gen !== this.generation) return;
      this.items = [...list].sort(inboxOrder);
      this.missing = !!this.referralId && !list.length;
      if (this.referralId && list.length) this.openId = this.referralId;
      this.message = undefined;
    } catch (error) {
      if (gen !== this.generation) return;
      this.items = [];
      this.message = this.reportError(error, 'load').message;
    } finally {
      if (gen === this.generation) this.loaded = true;
    }
  }

  // ---------------------------------------------------------------- actions

  /** The answers this actor may give now: none unless the policy allows it and the status is their side's. */
  private actionsFor(manager: CaseManager, referral: Referral): ReferralStatus[] {
    if (!manager.can({ action: 'transition', collection: 'referrals', record: referral })) return [];
    return manager.referrals.allowedTransitions(referral).filter((s) => OFFERED.includes(s));
  }

  private act(action: Promise<void>): void {
    this.acting = action;
  }

  private toggle(referral: Referral): void {
    const opening = this.openId !== referral.id;
    this.openId = opening ? referral.id : undefined;
    if (this.form && this.form.referral.id !== this.openId) this.form = undefined;
  }

  private async openForm(referral: Referral, kind: InboxFormState['kind'], actions: ReferralStatus[]): Promise<void> {
    const results = OUTCOME_RESULTS.filter((s) => actions.includes(s));
    const result: InboxResult = results[0] ?? 'completed';
    this.form = { kind, referral, reason: '', results, result, code: OUTCOME_CODES[result][0]!, note: '', errors: new Map(), busy: false };
    this.problem = undefined;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(kind === 'decline' ? '#inbox-reason' : '[name="result"]')?.focus();
  }

  private async cancelForm(): Promise<void> {
    const form = this.form;
    this.form = undefined;
    await this.updateComplete;
    if (form) this.rowOf(form.referral.id)?.querySelector<HTMLElement>(`[data-action="${form.kind === 'decline' ? 'rejected' : 'outcome'}"]`)?.focus();
  }

  private async submitForm(): Promise<void> {
    const form = this.form;
    if (!form || form.busy) return;
    const errors = validateInboxForm(form, this.localize.t);
    if (errors.size) {
      this.form = { ...form, errors };
      await this.focusInvalid();
      return;
    }
    const to: ReferralStatus = form.kind === 'decline' ? 'rejected' : form.result;
    const options: ReferralTransitionOptions =
      form.kind === 'decline' ? { reason: form.reason.trim() } : { outcome: { code: form.code, note: form.note.trim() } };
    this.form = { ...form, errors: new Map(), busy: true };
    const fields = await this.commit(form.referral, to, options);
    if (!this.form) return;
    if (fields === true) {
      this.form = undefined;
      return;
    }
    this.form = { ...this.form, busy: false, errors: fields };
    if (fields.size) await this.focusInvalid();
  }

  /**
   * Saves one status change through core, announces it and fires `ck-referral-change`. Returns true, or
   * the form fields core refused (any other problem is shown in the row).
   */
  private async commit(referral: Referral, to: ReferralStatus, options: ReferralTransitionOptions = {}): Promise<true | Map<InboxField, string>> {
    const manager = this.casekit.value;
    if (!manager) return new Map();
    const ri = this.localize.t.referralInbox;
    const client = clientNameOf(referral);
    this.busyId = referral.id;
    this.problem = undefined;
    this.announce(ri.saving);
    try {
      const saved = await manager.referrals.transition({ id: referral.id, version: referral.version }, to, options);
      const index = this.items.findIndex((r) => r.id === saved.id);
      const keep = !this.statuses || this.statuses.includes(saved.status);
      this.items = keep ? this.items.map((r) => (r.id === saved.id ? saved : r)).sort(inboxOrder) : this.items.filter((r) => r.id !== saved.id);
      this.announce(ri.changed(client, ri.status[saved.status]));
      this.emit('ck-referral-change', { referralId: saved.id, status: saved.status, from: referral.status, change: 'transition', record: saved });
      void this.focusAfter(saved.id, index);
      return true;
    } catch (error) {
      const labels: Record<string, string> = { 'options.reason': ri.declineReason, 'options.outcome.note': ri.outcomeNote };
      const described = this.reportError(error, 'transition', (path) => labels[path]);
      const fields = new Map<InboxField, string>();
      for (const [path, text] of described.fields) {
        if (path === 'options.reason') fields.set('reason', text);
        if (path === 'options.outcome.note') fields.set('note', text);
      }
      if (!fields.size || described.conflict) {
        this.problem = { referralId: referral.id, message: described.message, conflict: described.conflict };
        this.announce(described.message);
      }
      return fields;
    } finally {
      this.busyId = undefined;
    }
  }

  /** After a change: the row's next action (or its button); a row that left the view hands focus to the next. */
  private async focusAfter(id: string, index: number): Promise<void> {
    await this.updateComplete;
    const row = this.rowOf(id);
    if (row) {
      (row.querySelector<HTMLElement>('[part~="action-button"]') ?? row.querySelector<HTMLElement>('[part~="row-toggle"]'))?.focus();
      return;
    }
    const toggles = this.toggles();
    (toggles[Math.min(index, toggles.length - 1)] ?? focusableHeading(this.renderRoot.querySelector<HTMLElement>('#inbox-heading')))?.focus();
  }

  /** After a conflict: the referrals as stored now; an open form keeps what was typed if its action still applies. */
  private async reloadAfterConflict(): Promise<void> {
    const manager = this.casekit.value;
    const id = this.problem?.referralId;
    this.problem = undefined;
    await this.refresh();
    const latest = this.items.find((r) => r.id === id);
    const form = this.form;
    if (form && manager) {
      const actions = latest ? this.actionsFor(manager, latest) : [];
      const stillApplies = form.kind === 'decline' ? actions.includes('rejected') : actions.includes('completed') || actions.includes('failed');
      this.form = latest && stillApplies ? { ...form, referral: latest, results: form.kind === 'outcome' ? OUTCOME_RESULTS.filter((s) => actions.includes(s)) : form.results } : undefined;
    }
    await this.updateComplete;
    if (id) (this.rowOf(id)?.querySelector<HTMLElement>('[part~="action-button"]') ?? this.rowOf(id)?.querySelector<HTMLElement>('[part~="row-toggle"]'))?.focus();
  }

  private async focusInvalid(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~="form"] [aria-invalid="true"]')?.focus();
  }

  private announce(text: string): void {
    this.liveText = text === this.liveText ? `${text}\u00a0` : text;
  }

  private rowOf(id: string): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`[data-referral="${CSS.escape(id)}"]`);
  }

  private toggles(): HTMLElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLElement>('[part~="row-toggle"]')];
  }

  /** Up and Down (Home, End) move between the rows' buttons; Tab still goes through each row's controls. */
  private onToggleKey(e: KeyboardEvent): void {
    const toggles = this.toggles();
    const at = toggles.indexOf(e.currentTarget as HTMLElement);
    const next = e.key === 'ArrowDown' ? at + 1 : e.key === 'ArrowUp' ? at - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? toggles.length - 1 : -2;
    if (next === -2 || !toggles[next]) return;
    e.preventDefault();
    toggles[next]!.focus();
  }

  private onFilter(e: Event): void {
    const value = (e.target as HTMLSelectElement).value as InboxFilter;
    const statuses = INBOX_FILTERS[value];
    this.statuses = statuses ? [...statuses] : undefined;
  }

  // ---------------------------------------------------------------- render

  /** An instant's day on the manager's calendar, the one core judges overdue by. */
  private day(instant: string): string {
    const timeZone = this.casekit.value?.timeZone;
    return this.localize.date(instant, { dateStyle: 'medium', ...(timeZone ? { timeZone } : {}) });
  }

  protected override render(): TemplateResult {
    const t = this.localize.t;
    const ri = t.referralInbox;
    const manager = this.casekit.value;
    const organizationId = manager ? this.organization(manager) : undefined;
    const pending = !!manager && !!organizationId && !this.loaded;
    const summary = !manager ? t.errors.noManager : !organizationId ? ri.noOrganization : this.loaded ? ri.count(this.items.length, this.localize.number(this.items.length)) : t.common.loading;
    const filter = filterOf(this.statuses);
    return html`<section class="root" part="root" dir=${this.localize.dir} lang=${this.localize.lang} aria-labelledby="inbox-heading" aria-busy=${pending ? 'true' : 'false'}>
      <div class="header" part="header">
        <div role="heading" aria-level=${this.headingLevel} id="inbox-heading" class="heading" part="heading">${this.label ?? ri.label}</div>
        ${this.referralId || !organizationId
          ? nothing
          : html`<label class="ck-field filter">
              <span>${ri.filterLabel}</span>
              <select part="filter" @change=${this.onFilter}>
                ${INBOX_FILTER_KEYS.map((key) => html`<option value=${key} ?selected=${filter === key}>${ri.filters[key]}</option>`)}
                ${filter === 'custom' ? html`<option value="custom" selected disabled>${ri.filters.custom}</option>` : nothing}
              </select>
            </label>`}
        <slot name="header-end"></slot>
      </div>
      <p class="summary" part="summary">${summary}</p>
      ${pending ? renderSkeletons(3) : nothing}
      ${this.message ? html`<div class="ck-alert" part="alert" role="alert"><span>${this.message}</span></div>` : nothing}
      ${this.loaded && manager && organizationId && !this.items.length && !this.message
        ? this.missing
          ? html`<p class="empty">${ri.notFound}</p>`
          : html`<slot name="empty"><p class="empty">${ri.empty}</p></slot>`
        : nothing}
      ${manager && this.items.length
        ? html`<ul class="rows" part="list" role="list" aria-labelledby="inbox-heading">${this.items.map((r, i) => this.renderRow(manager, r, i))}</ul>`
        : nothing}
      <div class="sr-only" role="status" aria-live="polite" aria-atomic="true">${this.liveText}</div>
    </section>`;
  }

  private renderRow(manager: CaseManager, r: Referral, index: number): TemplateResult {
    const t = this.localize.t;
    const ri = t.referralInbox;
    const id = `r${index}`;
    const open = this.openId === r.id;
    const overdue = manager.referrals.isOverdue(r);
    const due = r.status === 'requested' && r.acknowledgementDueAt ? this.day(r.acknowledgementDueAt) : undefined;
    const tone = r.status === 'completed' ? 'success' : r.status === 'rejected' || r.status === 'failed' ? 'danger' : r.status === 'requested' ? 'warning' : '';
    const client = clientNameOf(r);
    return html`<li class="row ${overdue ? 'overdue' : ''}" part="row" data-referral=${r.id} data-status=${r.status} ?data-overdue=${overdue} aria-busy=${this.busyId === r.id ? 'true' : 'false'}>
      <div class="row-head">
        <button type="button" class="toggle" part="row-toggle" id="${id}-client" aria-expanded=${open ? 'true' : 'false'} aria-controls="${id}-detail" aria-describedby="${id}-facts"
          @click=${() => this.toggle(r)} @keydown=${this.onToggleKey}>
          <span class="client" part="client">${client}</span>
        </button>
        <span class="ck-badge status ${tone}" part="badge status" data-status=${r.status}>${ri.status[r.status]}</span>
        ${overdue ? html`<span class="ck-badge danger" part="badge overdue">${ri.overdue(due ?? '')}</span>` : nothing}
      </div>
      <p class="facts" part="facts" id="${id}-facts">
        <span class="service" part="service">${r.service.serviceName}</span>
        <span>${ri.urgency(t.referralTracker.urgency[r.urgency])}</span>
        ${r.requestedAt ? html`<span>${ri.sent(this.day(r.requestedAt))}</span>` : nothing}
        ${due && !overdue ? html`<span class="due" part="due">${ri.answerDue(due)}</span>` : nothing}
      </p>
      <div class="detail" part="detail" id="${id}-detail" ?hidden=${!open}>${open ? this.renderDetail(manager, r, id, client) : nothing}</div>
    </li>`;
  }

  private renderDetail(manager: CaseManager, r: Referral, id: string, client: string): TemplateResult {
    const t = this.localize.t;
    const ri = t.referralInbox;
    const rt = t.referralTracker;
    const actions = this.actionsFor(manager, r);
    const busy = this.busyId === r.id;
    const form = this.form?.referral.id === r.id ? this.form : undefined;
    const problem = this.problem?.referralId === r.id ? this.problem : undefined;
    // Decline and Record outcome open a form below: they say whether it is open.
    const opens: Record<string, InboxFormState['kind']> = { rejected: 'decline', outcome: 'outcome' };
    const button = (action: string, label: string, onClick: () => void, primary = false) =>
      html`<button type="button" class="ck-button ${primary ? 'primary' : ''}" part="action-button" data-action=${action} ?disabled=${busy}
        aria-expanded=${opens[action] ? (form?.kind === opens[action] ? 'true' : 'false') : nothing}
        @click=${onClick}>${label}</button>`;
    return html`
      <div role="heading" aria-level=${this.headingLevel + 1} class="subheading">${ri.reason}</div>
      <p class="reason" part="reason">${r.reason}</p>
      ${r.requestedBy ? html`<p class="referred-by">${ri.referredBy(r.requestedBy.name)}</p>` : nothing}
      ${renderPacket(r.packet, client, this.localize, this.headingLevel + 1, id)}
      ${r.outcome || r.statusReason
        ? html`<p class="outcome" part="outcome">
            ${r.outcome ? html`<span>${ri.outcome(rt.outcome[r.outcome.code], r.outcome.note ?? '')}</span>` : nothing}
            ${r.statusReason ? html`<span>${ri.statusReason(r.statusReason)}</span>` : nothing}
          </p>`
        : nothing}
      ${problem
        ? html`<div class="ck-alert" part="row-alert" role="alert">
            <span>${problem.message}</span>
            ${problem.conflict
              ? html`<button type="button" class="ck-button" @click=${() => this.act(this.reloadAfterConflict())}>${t.common.reload}</button>`
              : html`<button type="button" class="ck-button" @click=${() => (this.problem = undefined)}>${t.common.dismiss}</button>`}
          </div>`
        : nothing}
      ${actions.length
        ? html`<div class="actions" part="actions" role="group" aria-label=${ri.actions(client)}>
            ${actions.includes('accepted') ? button('accepted', ri.accept, () => this.act(this.commit(r, 'accepted').then(() => undefined)), true) : nothing}
            ${actions.includes('rejected') ? button('rejected', ri.decline, () => (form?.kind === 'decline' ? void this.cancelForm() : void this.openForm(r, 'decline', actions))) : nothing}
            ${actions.includes('in-progress')
              ? button('in-progress', r.status === 'on-hold' ? ri.resume : ri.start, () => this.act(this.commit(r, 'in-progress').then(() => undefined)), true)
              : nothing}
            ${actions.includes('completed') || actions.includes('failed')
              ? button('outcome', ri.recordOutcome, () => (form?.kind === 'outcome' ? void this.cancelForm() : void this.openForm(r, 'outcome', actions)))
              : nothing}
          </div>`
        : nothing}
      ${form
        ? renderInboxForm(form, {
            t,
            title: form.kind === 'decline' ? ri.declineTitle(client) : ri.outcomeTitle(client),
            change: (patch) => (this.form = { ...this.form!, ...patch }),
            submit: () => this.act(this.submitForm()),
            cancel: () => void this.cancelForm(),
          })
        : nothing}
    `;
  }
}

/** The name the receiving organisation was given: the packet's, else the referral's snapshot. */
function clientNameOf(referral: Referral): string {
  return referral.packet?.clientName || referral.clientName;
}
