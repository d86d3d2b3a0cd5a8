import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  OPEN_PLAN_STATUSES,
  type CarePlan,
  type CaseManager,
  type CaseRecord,
  type ChangeBatch,
  type Client,
  type Goal,
  type GoalSuggestion,
  type Referral,
} from '@casekit/core';
import { ManagerController } from '../../controllers/manager-controller.js';
import { CasekitElement } from '../../internal/casekit-element.js';
import { firstTabbable } from '../../internal/focus-target.js';
import { dateHintStyles } from '../../internal/date-hint.js';
import { localToday } from '../../internal/dates.js';
import type { LocalizedError } from '../../translations/error-messages.js';
import type { Translation } from '../../translations/types.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import { carePlanEditorStyles } from './care-plan-editor.styles.js';
import { resolvePrintLanguage, type PrintLanguage } from './care-plan-language.js';
import { renderPrintView } from './care-plan-print.js';
import { ChangedElsewhere, renderChangedNotice } from './changed-elsewhere.js';
import { DraftStore } from './draft-store.js';
import { PlanForms } from './plan-forms.js';
import { PlanLoader } from './plan-loader.js';
import { renderAlert, renderPlanPage } from './plan-page.js';
import { PlanPermissions } from './plan-permissions.js';
import { PlanWrites } from './plan-writes.js';
import { renderCreate } from './plan-header.js';
import type { PlanViewContext } from './plan-view.js';
import { assigneeChoices, OTHER_ASSIGNEE, type CarePlanAssignee } from './task-assignee.js';
import { ReferController } from './refer-controller.js';
import { renderReferDialog } from './refer-dialog.js';
import { StatusMenuController } from './status-menu.js';
import { renderTransitionDialog } from './transition-dialog.js';
import { TransitionController } from './transition-controller.js';
import { statusAfter, type MutationOptions, type PlanWrite } from './plan-mutation.js';
import { SerialRunner } from '../../internal/serial-runner.js';
import { sharePreviewStyles } from '../../internal/share-preview.js';

/** `edit`: the editor. `print`: the client's plain-language copy, in the client's language. */
export type CarePlanEditorView = 'edit' | 'print';

export type { CarePlanAssignee } from './task-assignee.js';

/**
 * @summary A case's care plan: goals per need domain (suggested from the intake's needs), tasks and
 * services with assignee and due date, status changes only through allowed transitions, dated progress
 * notes, review date, referrals from a goal, and a plain-language print copy in the client's language.
 *
 * Give it a `case-id` (shows the case's plans, offers to create one) or a `plan-id`. Every change is
 * saved at once through core against the plan version on screen. When the plan changes elsewhere
 * (another user, tab or element) a notice says so and offers "Reload" and "Keep editing"; a save based
 * on an old version is refused by core and reported the same way. What the user typed in open fields
 * is never lost: it stays across reloads and failed saves, ready to save again.
 *
 * Only what the policy allows is offered (`manager.can`, whatever the actor's role is called): without
 * `update` on the plan it is shown read-only with a short note (no forms, status menus, Refer or
 * review-date editing; the print copy stays); status menus need `transition` too, "Create" needs
 * `create` on plans, Refer `create` on referrals, and sending without consent `override-consent`.
 *
 * Before a referral is sent, the refer dialog shows what the receiving organisation will get
 * (`referrals.sharePreview` of the referral not created yet, asked only when the user presses Send
 * now): the client fields shared with their values, the consent or override it rests on, and that
 * nothing else is shared. Its Send creates and sends the referral; Back returns to the form with
 * nothing written.
 *
 * Keyboard: every control is a native button, input or select; status menus open with Enter, Space or
 * Arrow Down, move with the arrow keys, Home and End, close with Escape (focus returns to the button).
 * Dialogs are modal (`<dialog>`), trap focus, close with Escape and return focus to their opener.
 *
 * `focus()` goes to the plan's title (the create-plan form when the case has no plan).
 *
 * @fires ck-plan-change - After every successful change to the plan. `detail: PlanChangeDetail` (`{ planId, caseId, change, plan, goalId?, interventionId?, from?, to? }`).
 * @fires ck-referral-change - A referral was created from a goal (draft or sent). `detail: { referralId, caseId, status, from: null, change: 'created', record, consentOverride, planId, goalId }`.
 * @fires ck-error - Core refused something or a load failed (the message is also shown in the element). `detail: ErrorDetail`.
 *
 * @slot header-end - Extra controls in the plan header (e.g. a host's "Share" button).
 *
 * @csspart base - The whole editor.
 * @csspart header - Plan title, status, review date and print button.
 * @csspart title - The plan title heading.
 * @csspart notice - "This plan was changed by someone else" with Reload / Keep editing.
 * @csspart read-only - The note shown when the policy lets the user read the plan but not change it.
 * @csspart alert - An error message.
 * @csspart create - The "create a care plan" form.
 * @csspart review - The review date form.
 * @csspart suggestions - The suggested goals list.
 * @csspart suggestion - One suggested goal.
 * @csspart domain - The goals of one need domain.
 * @csspart domain-heading - A need domain's heading.
 * @csspart goal - One goal.
 * @csspart goal-title - A goal's description heading.
 * @csspart badge - Status, achievement, priority and date badges.
 * @csspart menu-button - A status menu's button.
 * @csspart menu - An open status menu.
 * @csspart menu-item - One status in a menu.
 * @csspart tasks - A goal's task list.
 * @csspart task - One task or service.
 * @csspart task-form - The add / edit task form.
 * @csspart open-form-button - A goal's "Add task" / "Add progress note" button (the form is collapsed until asked for).
 * @csspart progress - A goal's progress notes.
 * @csspart progress-entry - One progress note.
 * @csspart progress-form - The add progress form.
 * @csspart referrals - A goal's referrals.
 * @csspart refer-button - A goal's Refer button.
 * @csspart goal-form - The add goal form.
 * @csspart button - Every button.
 * @csspart dialog - The status and referral dialogs.
 * @csspart service-list - Directory results in the referral dialog.
 * @csspart service - One directory service.
 * @csspart consent - The consent step of the referral dialog.
 * @csspart share-preview - The referral dialog's "check before sending" step.
 * @csspart shared-fields - The client fields the receiving organisation will get, with their values.
 * @csspart share-basis - What sending rests on (the consent and its dates, the override), or that consent is missing.
 * @csspart print - The client's printable copy.
 * @csspart print-toolbar - Buttons above the printable copy (not printed).
 * @csspart date-hint - Under a date field: its format (the browser's day-month-year order) and, once filled, the date in words.
 *
 * @cssprop --ck-care-plan-editor-background - Element background.
 * @cssprop --ck-care-plan-editor-goal-background - Goal card background.
 * @cssprop --ck-care-plan-editor-goal-border - Goal card border color.
 * @cssprop --ck-care-plan-editor-accent - Need domain heading accent.
 * @cssprop --ck-care-plan-editor-notice-background - Background of the "changed elsewhere" notice.
 * @cssprop --ck-care-plan-editor-print-font-size - Font size of the printable copy. Default 1.0625rem.
 * @cssprop --ck-date-hint-color - Text color of date fields' hints. Default the muted text color.
 */
export class CkCarePlanEditor extends CasekitElement {
  static override styles = [sharedStyles, dateHintStyles, sharePreviewStyles, carePlanEditorStyles];

  /** The case whose plans to show. The newest open plan is shown; with none, the user can create one. */
  @property({ attribute: 'case-id', reflect: true }) caseId?: string;

  /** Show this plan (its case is loaded from it). Wins over `case-id`. */
  @property({ attribute: 'plan-id', reflect: true }) planId?: string;

  /** `edit` (default) or `print`: the client's plain-language copy. */
  @property({ reflect: true }) view: CarePlanEditorView = 'edit';

  /** Language of the print copy. Default: the client's preferred language (English when it has no translation). */
  @property({ attribute: 'print-language' }) printLanguage?: string;

  /** Today's date (`YYYY-MM-DD`) for overdue badges and client age. Default: `manager.today()` (the manager's clock and time zone). */
  @property() today?: string;

  /** People offered as task assignees (besides the case's assignee and care team). */
  @property({ attribute: false }) assignees: readonly CarePlanAssignee[] = [];

  /** Never offer to send a referral without consent (by default it is offered; core's policy still decides). */
  @property({ type: Boolean, attribute: 'no-consent-override' }) noConsentOverride = false;

  /** Accessible name of the element. Default: "Care plan", translated. */
  @property() label?: string;

  @state() private caseRecord?: CaseRecord;
  @state() private plans: CarePlan[] = [];
  @state() private plan?: CarePlan;
  @state() private client?: Client;
  @state() private suggestions: GoalSuggestion[] = [];
  @state() private referrals: Referral[] = [];
  @state() private loaded = false;
  @state() private message?: string;
  @state() private liveText = '';
  @state() private busy = false;

  private readonly drafts = new DraftStore();
  /** Open forms, tasks being edited, and the problems shown beside each form's fields. */
  private readonly forms = new PlanForms(this, {
    localize: this.localize,
    drafts: this.drafts,
    focus: (selector) => (this.focusAfterRender = selector),
  });
  private readonly permissions = new PlanPermissions({
    manager: () => this.activeManager,
    plan: () => this.plan,
    caseRecord: () => this.caseRecord,
    noConsentOverride: () => this.noConsentOverride,
  });
  /** What the review-date, goal, task and progress forms save. */
  private readonly writes = new PlanWrites({
    localize: this.localize,
    drafts: this.drafts,
    forms: this.forms,
    plan: () => this.plan,
    caseRecord: () => this.caseRecord,
    suggestions: () => this.suggestions,
    dropSuggestion: (suggestion) => (this.suggestions = this.suggestions.filter((s) => s !== suggestion)),
    assigneeOptions: () => this.assigneeOptions(),
    mutate: (options, write) => this.mutate(options, write),
    focus: (selector) => (this.focusAfterRender = selector),
  });
  /** "Changed elsewhere" notice and the stale plan it stands for; tells this element's own writes from others'. */
  private readonly sync = new ChangedElsewhere(this);
  private selectedPlanId?: string;
  /** Reads the case and its plans (the client once). */
  private readonly loader = new PlanLoader();
  private generation = 0;
  private returnFocus?: HTMLElement;
  private focusAfterRender?: string;
  /** The last error a write reported (dialogs show it inside themselves). */
  private lastError?: LocalizedError;

  private readonly casekit = new ManagerController(this, {
    collections: ['plans', 'cases', 'referrals'],
    onManager: () => {
      this.resetForTarget();
      void this.refresh();
    },
    onChange: (batch) => this.onChange(batch),
  });

  private readonly menus = new StatusMenuController(this, {
    focus: (selector) => (this.focusAfterRender = selector),
    dialogOpen: () => !!this.transitions.dialog,
  });

  private readonly referral = new ReferController(this, {
    localize: this.localize,
    drafts: this.drafts,
    manager: () => this.activeManager,
    plan: () => this.plan,
    goal: (goalId) => this.goalById(goalId),
    caseRecord: () => this.caseRecord,
    client: () => this.client,
    today: () => this.todayDate,
    noConsentOverride: () => !this.permissions.offersOverride,
    fieldLabel: (path) => this.forms.fieldLabel(path),
    announce: (text) => this.announce(text),
    reportError: (error, operation, fieldLabel) => this.reportError(error, operation, fieldLabel),
    focus: (selector) => (this.focusAfterRender = selector),
    rememberFocus: (el) => (this.returnFocus = el),
    restoreFocus: () => this.restoreFocus(),
    created: (referral, overridden, plan, goal) => {
      this.referrals = [...this.referrals, referral];
      this.restoreFocus();
      this.emit('ck-referral-change', {
        referralId: referral.id,
        caseId: referral.caseId,
        status: referral.status,
        from: null,
        change: 'created',
        record: referral,
        consentOverride: overridden,
        planId: plan.id,
        goalId: goal.id,
      });
    },
  });

  private readonly transitions = new TransitionController(this, {
    localize: this.localize,
    drafts: this.drafts,
    permissions: this.permissions,
    manager: () => this.activeManager,
    plan: () => this.plan,
    goal: (goalId) => this.goalById(goalId),
    fieldLabel: (path) => this.forms.fieldLabel(path),
    mutate: (options, write) => this.mutate(options, write),
    conflicted: () => this.sync.notice === 'conflict',
    takeLastError: () => {
      const error = this.lastError;
      if (error && this.message === error.message) this.message = undefined;
      return error;
    },
    focus: (selector) => (this.focusAfterRender = selector),
    rememberFocus: (el) => (this.returnFocus = el),
    restoreFocus: () => this.restoreFocus(),
  });

  /** Resolves when the data in view has been (re)loaded. For tests and hosts that need to wait. */
  get loadComplete(): Promise<void> {
    return this.settle([this.reloads]);
  }

  /** The plan on screen (possibly older than the stored one while the "changed elsewhere" notice is up). */
  get currentPlan(): CarePlan | undefined {
    return this.plan;
  }

  private readonly reloads = new SerialRunner(() => this.load());

  /** Reloads the case, plans, suggestions and referrals (done automatically on every core change). */
  async refresh(): Promise<void> {
    await this.reloads.run();
  }

  /**
   * Replaces the plan on screen with the stored one, keeping everything typed in open fields. The same
   * as the notice's "Reload" button.
   */
  async reload(): Promise<void> {
    this.sync.reset();
    await this.refresh();
    this.announce(this.localize.t.carePlanEditor.reloaded);
    this.focusAfterRender = this.drafts.lastFocused ? `[data-draft="${CSS.escape(this.drafts.lastFocused)}"]` : '#plan-title';
  }

  /** Shows the client's copy and opens the browser's print dialog; the editor comes back afterwards. */
  async print(): Promise<void> {
    const previous = this.view;
    this.view = 'print';
    await this.updateComplete;
    if (previous !== 'print') {
      window.addEventListener(
        'afterprint',
        () => {
          this.view = previous;
          this.focusAfterRender = '[data-action="print"]';
        },
        { once: true },
      );
    }
    window.print();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.hasUpdated && (changed.has('caseId') || changed.has('planId'))) {
      this.resetForTarget();
      void this.refresh();
    }
  }

  protected override updated(): void {
    const transition = this.renderRoot.querySelector<HTMLDialogElement>('dialog[data-dialog="transition"]');
    const refer = this.renderRoot.querySelector<HTMLDialogElement>('dialog[data-dialog="refer"]');
    for (const [dialog, open] of [
      [transition, !!this.transitions.dialog],
      [refer, !!this.referral.state],
    ] as const) {
      if (dialog && open && !dialog.open) dialog.showModal();
      if (dialog && !open && dialog.open) dialog.close();
    }
    if (this.focusAfterRender) {
      const target = this.renderRoot.querySelector<HTMLElement>(this.focusAfterRender);
      if (target) {
        this.focusAfterRender = undefined;
        target.focus();
      }
    }
  }

  // ---------------------------------------------------------------- data

  private get activeManager(): CaseManager | undefined {
    return this.casekit.value;
  }

  private resetForTarget(): void {
    this.generation++;
    this.sync.reset();
    this.selectedPlanId = undefined;
    this.loaded = false;
    this.plan = undefined;
    this.plans = [];
    this.caseRecord = undefined;
    this.message = undefined;
  }

  private async load(): Promise<void> {
    const manager = this.activeManager;
    const gen = ++this.generation;
    if (!manager || (!this.caseId && !this.planId)) {
      this.loaded = false;
      return;
    }
    try {
      const { caseRecord, plans, suggestions, referrals, client, pinned } = await this.loader.load(manager, this.caseId, this.planId);
      if (gen !== this.generation) return;
      this.caseRecord = caseRecord;
      this.plans = plans;
      this.suggestions = suggestions;
      this.referrals = referrals;
      this.client = client;
      const selected = this.planId ?? this.selectedPlanId ?? (plans.find((p) => OPEN_PLAN_STATUSES.includes(p.status)) ?? plans[0])?.id;
      const fresh = plans.find((p) => p.id === selected) ?? pinned;
      // While the plan on screen is stale, it stays until the user reloads (their edits refer to it).
      if (!this.sync.stale || !this.plan || this.plan.id !== fresh?.id) {
        this.plan = fresh;
      }
      this.loaded = true;
    } catch (error) {
      if (gen === this.generation) {
        this.message = this.reportError(error, 'load').message;
        this.loaded = true;
      }
    }
  }

  private onChange(batch: ChangeBatch): void {
    this.sync.observe(batch, this.plan);
    void this.refresh();
  }

  // ---------------------------------------------------------------- helpers

  private get t(): Translation['carePlanEditor'] {
    return this.localize.t.carePlanEditor;
  }

  private get todayDate(): string {
    return this.today ?? this.activeManager?.today() ?? localToday();
  }

  private announce(text: string): void {
    this.liveText = text === this.liveText ? `${text}\u00a0` : text;
  }

  private goalById(goalId: string | undefined): Goal | undefined {
    return goalId ? this.plan?.goals.find((g) => g.id === goalId) : undefined;
  }

  private date(value: string): string {
    return this.localize.date(value, { dateStyle: 'medium' });
  }

  private assigneeOptions(): CarePlanAssignee[] {
    return assigneeChoices(this.caseRecord, this.assignees);
  }

  private chooseAssignee(form: string): void {
    // The change bubbles on to the draft store before the render, which then shows (or drops) the name field.
    this.requestUpdate();
    const select = this.renderRoot.querySelector<HTMLSelectElement>(`[data-draft="${CSS.escape(`${form}:who`)}"]`);
    if (select?.value === OTHER_ASSIGNEE) this.focusAfterRender = `[data-draft="${CSS.escape(`${form}:assignee`)}"]`;
  }

  // ---------------------------------------------------------------- writes

  /**
   * The one path every plan change takes: based on the version on screen; a conflict shows the notice
   * and keeps what was typed; success replaces the plan, clears the form's drafts, fires ck-plan-change
   * and announces the result.
   */
  private async mutate(options: MutationOptions, write: PlanWrite): Promise<boolean> {
    const manager = this.activeManager;
    const plan = this.plan;
    if (!manager || !plan || this.busy) return false;
    const ref = { id: plan.id, version: plan.version };
    const own = this.sync.expectWrite(plan.id, plan.version + 1);
    this.busy = true;
    this.announce(this.t.saving);
    try {
      const saved = await write(manager, ref);
      this.plan = saved;
      this.plans = this.plans.map((p) => (p.id === saved.id ? saved : p));
      this.message = undefined;
      if (options.form) this.forms.setError(options.form, undefined);
      this.drafts.clear(options.clear ?? []);
      this.emit('ck-plan-change', {
        planId: saved.id,
        caseId: saved.caseId,
        change: options.change,
        plan: saved,
        ...(options.goalId ? { goalId: options.goalId } : {}),
        ...(options.interventionId ? { interventionId: options.interventionId } : {}),
        ...(options.from ? { from: options.from } : {}),
        ...(options.change.endsWith('transition') ? { to: statusAfter(saved, options) } : {}),
      });
      this.announce(options.announce(saved));
      return true;
    } catch (error) {
      this.sync.forgetWrite(own);
      const described = this.reportError(error, options.operation, this.forms.fieldLabel);
      this.lastError = described;
      if (described.conflict) {
        this.sync.conflict();
        this.announce(this.t.conflictOnSave);
      } else if (options.form && described.fields.size) {
        this.forms.setError(options.form, described);
        this.focusAfterRender = `[data-form="${CSS.escape(options.form)}"] [aria-invalid="true"]`;
        this.announce(described.message);
      } else {
        this.message = described.message;
        this.announce(described.message);
      }
      return false;
    } finally {
      this.busy = false;
    }
  }

  private async createPlan(e: Event): Promise<void> {
    e.preventDefault();
    const manager = this.activeManager;
    const caseRecord = this.caseRecord;
    if (!manager || !caseRecord || this.busy) return;
    const title = this.drafts.get('create:title', this.t.defaultTitle).trim();
    if (!this.forms.required('create', title ? [] : ['title'])) return;
    this.busy = true;
    try {
      const plan = await manager.plans.create(caseRecord.id, { title });
      this.sync.expectWrite(plan.id, plan.version);
      this.selectedPlanId = plan.id;
      this.sync.reset();
      this.plan = plan;
      this.plans = [plan, ...this.plans];
      this.drafts.clear(['create:title']);
      this.forms.setError('create', undefined);
      this.emit('ck-plan-change', { planId: plan.id, caseId: plan.caseId, change: 'plan-created', plan });
      this.announce(this.t.planCreated);
      this.focusAfterRender = '#plan-title';
    } catch (error) {
      const described = this.reportError(error, 'create-plan', this.forms.fieldLabel);
      if (described.fields.has('title')) this.forms.setError('create', described);
      else this.message = described.message;
    } finally {
      this.busy = false;
    }
  }

  private restoreFocus(): void {
    const target = this.returnFocus;
    this.returnFocus = undefined;
    if (target?.isConnected) void this.updateComplete.then(() => target.focus());
  }

  /** Keeps what was typed; a date field re-renders too, for its hint (the date in words). */
  private readonly onDraftInput = (e: Event): void => {
    this.drafts.onInput(e);
    if ((e.target as HTMLInputElement).type === 'date') this.requestUpdate();
  };

  /** The plan's title, else the first control (the create-plan form). */
  protected override focusTarget(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('#plan-title') ?? firstTabbable(this.renderRoot);
  }

  // ---------------------------------------------------------------- render

  protected override render(): TemplateResult {
    const t = this.t;
    const label = this.label ?? (this.caseRecord ? t.planFor(this.caseRecord.clientName) : t.label);
    return html`
      <div
        class="root"
        part="base"
        dir=${this.localize.dir}
        lang=${this.localize.lang}
        role="region"
        aria-label=${label}
        aria-busy=${this.loaded ? 'false' : 'true'}
        @input=${this.onDraftInput}
        @change=${this.onDraftInput}
        @focusin=${this.drafts.onFocusIn}
      >
        ${this.view === 'print'
          ? renderPrintView(
              { plan: this.plan, caseRecord: this.caseRecord, referrals: this.referrals, loaded: this.loaded, today: this.todayDate, language: this.printLang() },
              this.localize.t,
              () => (this.view = 'edit'),
            )
          : this.renderEditor()}
        <div class="sr-only" role="status" aria-live="polite" aria-atomic="true">${this.liveText}</div>
      </div>
    `;
  }

  private renderEditor(): TemplateResult {
    const ui = this.localize.t;
    if (!this.activeManager) return html`<p class="empty">${ui.errors.noManager}</p>`;
    if (!this.loaded) return html`<p class="empty">${ui.common.loading}</p>`;
    const plan = this.plan;
    const draft = (key: string, fallback?: string) => this.drafts.get(key, fallback);
    const refer = this.referral;
    return html`
      ${renderChangedNotice(
        this.sync.notice,
        ui,
        () => void this.reload(),
        () => (this.sync.notice = undefined),
      )}
      ${renderAlert(this.message, this.localize, () => (this.message = undefined))}
      ${plan ? renderPlanPage(plan, this.viewContext(), this.permissions.canEdit) : this.caseRecord ? renderCreate(this.t.noPlan, this.viewContext()) : nothing}
      ${renderTransitionDialog(this.transitions.dialog, {
        ui,
        draft,
        onSubmit: (e) => void this.transitions.submit(e),
        onCancel: (e) => this.transitions.close(e),
        onClosed: () => this.transitions.dialog && this.transitions.close(),
      })}
      ${renderReferDialog(refer.state, this.goalById(refer.state?.goalId), {
        ui,
        lang: this.localize.lang,
        localize: this.localize,
        preview: refer.previewView(),
        client: this.client,
        noConsentOverride: !this.permissions.offersOverride,
        draft,
        onSubmit: (e) => void refer.submit(e),
        onCancel: (e) => refer.close(e),
        onClosed: () => refer.state && refer.close(),
        onSearchInput: refer.onSearchInput,
        onChooseService: (serviceId) => void refer.chooseService(serviceId),
        update: (next) => (refer.state = next),
      })}
    `;
  }

  /** What plan-header.ts, goal-card.ts and goal-forms.ts read and call; rebuilt each render so they see current state. */
  private viewContext(): PlanViewContext {
    return {
      localize: this.localize,
      today: this.todayDate,
      busy: this.busy,
      editable: this.permissions.editable,
      canRefer: this.permissions.canRefer,
      editing: this.forms.editing,
      openForms: this.forms.openForms,
      referrals: this.referrals,
      suggestions: this.suggestions,
      draft: (key, fallback) => this.drafts.get(key, fallback),
      fieldError: (form, path) => this.forms.fieldError(form, path),
      date: (value) => this.date(value),
      assigneeOptions: () => this.assigneeOptions(),
      chooseAssignee: (form) => this.chooseAssignee(form),
      defaultNeed: () => this.writes.defaultNeed(),
      menu: (menu) => this.menus.render({ ...menu, disabled: this.busy }),
      goalTargets: (goal) => this.transitions.goalTargets(goal),
      taskTargets: (goal, task) => this.transitions.taskTargets(goal, task),
      requestTransition: (state, trigger) => this.transitions.request(state, trigger),
      openRefer: (e, goal) => this.referral.open(e, goal),
      addSuggested: (suggestion, description) => void this.writes.addSuggested(suggestion, description),
      addGoal: (e) => void this.writes.addGoal(e),
      addTask: (e, goal) => void this.writes.addTask(e, goal),
      saveTask: (e, goal, task) => void this.writes.saveTask(e, goal, task),
      startEditing: (id) => this.forms.startEditing(id),
      stopEditing: (id, clear) => this.forms.stopEditing(id, clear),
      addProgress: (e, goal) => void this.writes.addProgress(e, goal),
      caseRecord: this.caseRecord,
      plans: this.plans,
      pinned: !!this.planId,
      printLanguage: this.printLang(),
      canCreatePlan: this.permissions.canCreatePlan,
      planTargets: (plan) => this.transitions.planTargets(plan),
      selectPlan: (id) => this.selectPlan(id),
      print: () => void this.print(),
      saveReviewDate: (e) => void this.writes.saveReviewDate(e),
      createPlan: (e) => void this.createPlan(e),
      openForm: (form) => this.forms.open(form),
      closeForm: (form, discard) => this.forms.close(form, discard),
    };
  }

  private selectPlan(id: string): void {
    this.selectedPlanId = id;
    this.sync.reset();
    this.plan = this.plans.find((p) => p.id === id);
    void this.refresh();
  }

  /** The print copy's language: `print-language`, else the client's, else English; only languages with a table. */
  private printLang(): PrintLanguage {
    return resolvePrintLanguage(this.printLanguage || this.client?.language || 'en');
  }
}
