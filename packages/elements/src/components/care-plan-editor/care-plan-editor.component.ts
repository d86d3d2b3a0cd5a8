import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import {
  ACHIEVEMENT_STATUSES,
  GOAL_PRIORITIES,
  GOAL_SUGGESTIONS,
  INTERVENTION_KINDS,
  NEED_DOMAINS,
  OPEN_GOAL_STATUSES,
  OPEN_PLAN_STATUSES,
  PermissionError,
  REFERRAL_URGENCIES,
  ValidationError,
  type AchievementStatus,
  type CarePlan,
  type CaseManager,
  type CaseRecord,
  type ChangeBatch,
  type Client,
  type Goal,
  type GoalLifecycleStatus,
  type GoalPriority,
  type GoalSuggestion,
  type Intervention,
  type InterventionKind,
  type InterventionStatus,
  type NeedDomain,
  type PlanStatus,
  type Referral,
  type ReferralUrgency,
  type ServiceSearchResult,
  type ValidationIssue,
} from '@casekit/core';
import { ManagerController } from '../../controllers/manager-controller.js';
import type { PlanChangeKind } from '../../events/events.js';
import { CasekitElement } from '../../internal/casekit-element.js';
import { localToday } from '../../internal/dates.js';
import { en } from '../../translations/en.js';
import type { LocalizedError } from '../../translations/error-messages.js';
import { availableLanguages, getTranslation } from '../../translations/registry.js';
import type { Translation } from '../../translations/types.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import { carePlanEditorStyles } from './care-plan-editor.styles.js';

/** `edit`: the editor. `print`: the client's plain-language copy, in the client's language. */
export type CarePlanEditorView = 'edit' | 'print';

/** Someone the host lets the user pick as a task's assignee (offered as suggestions; any name may be typed). */
export interface CarePlanAssignee {
  id: string;
  name: string;
}

/** Task and intervention statuses that still need doing (shown as next steps). */
const OPEN_INTERVENTION_STATUSES: readonly InterventionStatus[] = ['not-started', 'scheduled', 'in-progress', 'on-hold'];
/** Referral statuses worth calling about (the print copy's "who to call"). */
const CALLABLE_REFERRAL_STATUSES: readonly Referral['status'][] = ['draft', 'requested', 'accepted', 'in-progress', 'on-hold', 'completed'];

type TransitionTarget = 'plan' | 'goal' | 'intervention';

interface TransitionDialogState {
  target: TransitionTarget;
  goalId?: string;
  interventionId?: string;
  to: string;
  /** Shown in the title: the plan, goal or task. */
  thing: string;
  needsReason: boolean;
  askAchievement: boolean;
  error?: LocalizedError;
  busy?: boolean;
}

interface ReferState {
  goalId: string;
  results: ServiceSearchResult[];
  searching: boolean;
  searched: boolean;
  serviceId?: string;
  /** Whether a consent to share with the chosen service's organisation is on file (a hint before sending). */
  consent?: 'on-file' | 'missing' | 'unknown';
  /** Set after core refused to send for lack of consent: the message shown at the consent step. */
  consentError?: string;
  override: boolean;
  /** The policy refused the override: only a draft is possible. */
  overrideRefused?: boolean;
  error?: LocalizedError;
  busy?: boolean;
}

interface MutationOptions {
  change: PlanChangeKind;
  operation: string;
  /** Form whose field errors and drafts this mutation owns. */
  form?: string;
  /** Draft keys to clear after success. */
  clear?: string[];
  goalId?: string;
  interventionId?: string;
  from?: string;
  announce: (plan: CarePlan) => string;
}

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
 * Keyboard: every control is a native button, input or select; status menus open with Enter, Space or
 * Arrow Down, move with the arrow keys, Home and End, close with Escape (focus returns to the button).
 * Dialogs are modal (`<dialog>`), trap focus, close with Escape and return focus to their opener.
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
 * @csspart print - The client's printable copy.
 * @csspart print-toolbar - Buttons above the printable copy (not printed).
 *
 * @cssprop --ck-care-plan-editor-background - Element background.
 * @cssprop --ck-care-plan-editor-goal-background - Goal card background.
 * @cssprop --ck-care-plan-editor-goal-border - Goal card border color.
 * @cssprop --ck-care-plan-editor-accent - Need domain heading accent.
 * @cssprop --ck-care-plan-editor-notice-background - Background of the "changed elsewhere" notice.
 * @cssprop --ck-care-plan-editor-print-font-size - Font size of the printable copy. Default 1.0625rem.
 */
export class CkCarePlanEditor extends CasekitElement {
  static override styles = [sharedStyles, carePlanEditorStyles];

  /** The case whose plans to show. The newest open plan is shown; with none, the user can create one. */
  @property({ attribute: 'case-id', reflect: true }) caseId?: string;

  /** Show this plan (its case is loaded from it). Wins over `case-id`. */
  @property({ attribute: 'plan-id', reflect: true }) planId?: string;

  /** `edit` (default) or `print`: the client's plain-language copy. */
  @property({ reflect: true }) view: CarePlanEditorView = 'edit';

  /** Language of the print copy. Default: the client's preferred language (English when it has no translation). */
  @property({ attribute: 'print-language' }) printLanguage?: string;

  /** Today's date (`YYYY-MM-DD`) for overdue badges and client age. Default: the user's local date. */
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
  /** `changed`: a change from elsewhere arrived; `conflict`: a save was refused as stale. */
  @state() private notice?: 'changed' | 'conflict';
  @state() private busy = false;
  @state() private openMenu?: string;
  @state() private editing = new Set<string>();
  @state() private formErrors = new Map<string, LocalizedError>();
  @state() private transitionDialog?: TransitionDialogState;
  @state() private refer?: ReferState;

  /** What the user typed, by field key: survives re-renders, reloads and failed saves. */
  private readonly drafts = new Map<string, string>();
  /** The plan on screen is older than the stored one (kept until the user reloads). */
  private stale = false;
  /** `planId:version` of writes this element is making, to tell them from changes made elsewhere. */
  private readonly ownWrites = new Set<string>();
  private selectedPlanId?: string;
  private clientCache?: { manager: CaseManager; clientId: string; promise: Promise<Client | undefined> };
  private generation = 0;
  private refreshing = false;
  private refreshAgain = false;
  private returnFocus?: HTMLElement;
  private focusAfterRender?: string;
  private lastFocusedField?: string;
  private searchTimer?: ReturnType<typeof setTimeout>;
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

  /** Resolves when the data in view has been (re)loaded. For tests and hosts that need to wait. */
  get loadComplete(): Promise<void> {
    return (async () => {
      await this.updateComplete;
      while (this.refreshing) await new Promise((resolve) => setTimeout(resolve, 5));
      await this.updateComplete;
    })();
  }

  /** The plan on screen (possibly older than the stored one while the "changed elsewhere" notice is up). */
  get currentPlan(): CarePlan | undefined {
    return this.plan;
  }

  /** Reloads the case, plans, suggestions and referrals (done automatically on every core change). */
  async refresh(): Promise<void> {
    if (this.refreshing) {
      this.refreshAgain = true;
      return;
    }
    this.refreshing = true;
    try {
      do {
        this.refreshAgain = false;
        await this.load();
      } while (this.refreshAgain);
    } finally {
      this.refreshing = false;
    }
  }

  /**
   * Replaces the plan on screen with the stored one, keeping everything typed in open fields. The same
   * as the notice's "Reload" button.
   */
  async reload(): Promise<void> {
    this.stale = false;
    this.notice = undefined;
    await this.refresh();
    this.announce(this.localize.t.carePlanEditor.reloaded);
    this.focusAfterRender = this.lastFocusedField ? `[data-draft="${CSS.escape(this.lastFocusedField)}"]` : '#plan-title';
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

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('pointerdown', this.onPointerDown, true);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('pointerdown', this.onPointerDown, true);
    clearTimeout(this.searchTimer);
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
      [transition, !!this.transitionDialog],
      [refer, !!this.refer],
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
    this.stale = false;
    this.notice = undefined;
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
      let caseId = this.caseId;
      let pinned: CarePlan | undefined;
      if (this.planId) {
        pinned = await manager.plans.get(this.planId);
        caseId = pinned.caseId;
      }
      const caseRecord = await manager.cases.get(caseId!);
      const [plans, suggestions, referrals, client] = await Promise.all([
        manager.plans.forCase(caseRecord.id),
        manager.plans.suggestGoals(caseRecord.id).catch(() => [] as GoalSuggestion[]),
        manager.referrals.forCase(caseRecord.id).catch(() => [] as Referral[]),
        this.clientOf(manager, caseRecord.clientId),
      ]);
      if (gen !== this.generation) return;
      this.caseRecord = caseRecord;
      this.plans = plans;
      this.suggestions = suggestions;
      this.referrals = referrals;
      this.client = client;
      const selected = this.planId ?? this.selectedPlanId ?? (plans.find((p) => OPEN_PLAN_STATUSES.includes(p.status)) ?? plans[0])?.id;
      const fresh = plans.find((p) => p.id === selected) ?? pinned;
      // While the plan on screen is stale, it stays until the user reloads (their edits refer to it).
      if (!this.stale || !this.plan || this.plan.id !== fresh?.id) {
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

  /** The client, read once per manager and client (every read of a client is audited). */
  private clientOf(manager: CaseManager, clientId: string): Promise<Client | undefined> {
    const cached = this.clientCache;
    if (cached && cached.manager === manager && cached.clientId === clientId) return cached.promise;
    const promise = manager.clients.get(clientId).catch(() => undefined);
    this.clientCache = { manager, clientId, promise };
    return promise;
  }

  private onChange(batch: ChangeBatch): void {
    const plan = this.plan;
    let foreign = false;
    for (const change of batch.changes) {
      if (change.collection !== 'plans' || !plan || change.id !== plan.id) continue;
      if (this.ownWrites.delete(`${change.id}:${change.version}`)) continue;
      if (change.type === 'delete' || change.version > plan.version) foreign = true;
    }
    if (foreign && !this.stale) {
      this.stale = true;
      this.notice = 'changed';
    }
    void this.refresh();
  }

  // ---------------------------------------------------------------- helpers

  private get t(): Translation['carePlanEditor'] {
    return this.localize.t.carePlanEditor;
  }

  private get todayDate(): string {
    return this.today ?? localToday();
  }

  private get editable(): boolean {
    return !!this.plan && OPEN_PLAN_STATUSES.includes(this.plan.status);
  }

  private announce(text: string): void {
    this.liveText = text === this.liveText ? `${text}\u00a0` : text;
  }

  private draft(key: string, fallback = ''): string {
    return this.drafts.has(key) ? this.drafts.get(key)! : fallback;
  }

  private onDraftInput(e: Event): void {
    const el = e.target as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
    const key = el.dataset.draft;
    if (!key) return;
    this.drafts.set(key, el.type === 'checkbox' ? String((el as HTMLInputElement).checked) : el.value);
  }

  private onFocusIn(e: FocusEvent): void {
    const key = (e.composedPath()[0] as HTMLElement | undefined)?.dataset?.draft;
    if (key) this.lastFocusedField = key;
  }

  private clearDrafts(keys: string[]): void {
    for (const key of keys) this.drafts.delete(key);
  }

  private fieldError(form: string, path: string): string | undefined {
    return this.formErrors.get(form)?.fields.get(path);
  }

  private setFormError(form: string, error: LocalizedError | undefined): void {
    const next = new Map(this.formErrors);
    if (error) next.set(form, error);
    else next.delete(form);
    this.formErrors = next;
  }

  private fieldLabel = (path: string): string | undefined => {
    const t = this.t;
    const labels: Record<string, string> = {
      title: t.planTitle,
      description: t.goalDescription,
      needDomain: t.need,
      targetDate: t.targetDate,
      reviewDate: t.reviewDate,
      text: t.progressNote,
      dueDate: t.dueDate,
      assigneeName: t.assignee,
      reason: t.reasonField,
      service: t.chooseService,
      'service.serviceId': t.chooseService,
      'consentOverride.reason': t.overrideReason,
    };
    return labels[path];
  };

  private required(form: string, paths: string[]): boolean {
    if (!paths.length) {
      this.setFormError(form, undefined);
      return true;
    }
    const issues: ValidationIssue[] = paths.map((path) => ({ path: path.split('.'), code: 'required', message: 'required' }));
    this.setFormError(form, this.localize.error(new ValidationError(issues), this.fieldLabel));
    this.focusAfterRender = `[data-form="${CSS.escape(form)}"] [aria-invalid="true"]`;
    return false;
  }

  private goalById(goalId: string | undefined): Goal | undefined {
    return goalId ? this.plan?.goals.find((g) => g.id === goalId) : undefined;
  }

  private date(value: string): string {
    return this.localize.date(value, { dateStyle: 'medium' });
  }

  private languageName(code: string, locale: string): string {
    try {
      return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
    } catch {
      return code;
    }
  }

  /** The client's age on `today`, when the birth date is known (filters directory services by age). */
  private clientAge(): number | undefined {
    const birth = this.client?.birthDate;
    if (!birth) return undefined;
    const today = this.todayDate;
    let age = Number(today.slice(0, 4)) - Number(birth.slice(0, 4));
    if (today.slice(5) < birth.slice(5)) age--;
    return age >= 0 && age <= 150 ? age : undefined;
  }

  /**
   * A goal description in `table`'s language when it is one of the default suggestions (core's
   * English text or any registered translation of it); otherwise as written.
   */
  private goalText(goal: Pick<Goal, 'needDomain' | 'description'>, table: Translation): string {
    const domain = goal.needDomain;
    const defaults = new Set<string>([GOAL_SUGGESTIONS[domain]]);
    for (const code of availableLanguages()) {
      const text = getTranslation(code).carePlanEditor?.suggestedGoal?.[domain];
      if (text) defaults.add(text);
    }
    return defaults.has(goal.description) ? (table.carePlanEditor.suggestedGoal[domain] ?? goal.description) : goal.description;
  }

  private assigneeOptions(): CarePlanAssignee[] {
    const out = new Map<string, CarePlanAssignee>();
    for (const a of this.assignees) out.set(a.id, a);
    const c = this.caseRecord;
    if (c?.assigneeId && c.assigneeName) out.set(c.assigneeId, { id: c.assigneeId, name: c.assigneeName });
    for (const m of c?.careTeam ?? []) out.set(m.actorId, { id: m.actorId, name: m.name });
    return [...out.values()];
  }

  // ---------------------------------------------------------------- writes

  /**
   * The one path every plan change takes: based on the version on screen; a conflict shows the notice
   * and keeps what was typed; success replaces the plan, clears the form's drafts, fires ck-plan-change
   * and announces the result.
   */
  private async mutate(options: MutationOptions, write: (manager: CaseManager, ref: { id: string; version: number }) => Promise<CarePlan>): Promise<boolean> {
    const manager = this.activeManager;
    const plan = this.plan;
    if (!manager || !plan || this.busy) return false;
    const ref = { id: plan.id, version: plan.version };
    const own = `${plan.id}:${plan.version + 1}`;
    this.ownWrites.add(own);
    this.busy = true;
    this.announce(this.t.saving);
    try {
      const saved = await write(manager, ref);
      this.plan = saved;
      this.plans = this.plans.map((p) => (p.id === saved.id ? saved : p));
      this.message = undefined;
      if (options.form) this.setFormError(options.form, undefined);
      this.clearDrafts(options.clear ?? []);
      this.emit('ck-plan-change', {
        planId: saved.id,
        caseId: saved.caseId,
        change: options.change,
        plan: saved,
        ...(options.goalId ? { goalId: options.goalId } : {}),
        ...(options.interventionId ? { interventionId: options.interventionId } : {}),
        ...(options.from ? { from: options.from } : {}),
        ...(options.change.endsWith('transition') ? { to: this.statusAfter(saved, options) } : {}),
      });
      this.announce(options.announce(saved));
      return true;
    } catch (error) {
      this.ownWrites.delete(own);
      const described = this.reportError(error, options.operation, this.fieldLabel);
      this.lastError = described;
      if (described.conflict) {
        this.stale = true;
        this.notice = 'conflict';
        this.announce(this.t.conflictOnSave);
      } else if (options.form && described.fields.size) {
        this.setFormError(options.form, described);
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

  private statusAfter(plan: CarePlan, options: MutationOptions): string | undefined {
    if (options.change === 'plan-transition') return plan.status;
    const goal = plan.goals.find((g) => g.id === options.goalId);
    if (options.change === 'goal-transition') return goal?.lifecycleStatus;
    return goal?.interventions.find((i) => i.id === options.interventionId)?.status;
  }

  private async createPlan(e: Event): Promise<void> {
    e.preventDefault();
    const manager = this.activeManager;
    const caseRecord = this.caseRecord;
    if (!manager || !caseRecord || this.busy) return;
    const title = this.draft('create:title', this.t.defaultTitle).trim();
    if (!this.required('create', title ? [] : ['title'])) return;
    this.busy = true;
    try {
      const plan = await manager.plans.create(caseRecord.id, { title });
      this.ownWrites.add(`${plan.id}:${plan.version}`);
      this.selectedPlanId = plan.id;
      this.stale = false;
      this.notice = undefined;
      this.plan = plan;
      this.plans = [plan, ...this.plans];
      this.clearDrafts(['create:title']);
      this.setFormError('create', undefined);
      this.emit('ck-plan-change', { planId: plan.id, caseId: plan.caseId, change: 'plan-created', plan });
      this.announce(this.t.planCreated);
      this.focusAfterRender = '#plan-title';
    } catch (error) {
      const described = this.reportError(error, 'create-plan', this.fieldLabel);
      if (described.fields.has('title')) this.setFormError('create', described);
      else this.message = described.message;
    } finally {
      this.busy = false;
    }
  }

  private async saveReviewDate(e: Event): Promise<void> {
    e.preventDefault();
    const value = this.draft('review', this.plan?.reviewDate ?? '');
    await this.mutate(
      {
        change: 'plan-updated',
        operation: 'update-plan',
        form: 'review',
        clear: ['review'],
        announce: (plan) => (plan.reviewDate ? this.t.reviewDateSaved(this.date(plan.reviewDate)) : this.t.planSaved),
      },
      (m, ref) => m.plans.update(ref, { reviewDate: value || null }),
    );
  }

  private async addSuggested(suggestion: GoalSuggestion, description: string): Promise<void> {
    const ok = await this.mutate(
      { change: 'goal-added', operation: 'add-goal', announce: () => this.t.goalAdded(description) },
      (m, ref) => m.plans.addGoal(ref, { needDomain: suggestion.needDomain, description, priority: suggestion.priority }),
    );
    if (ok) {
      this.suggestions = this.suggestions.filter((s) => s !== suggestion);
      const goal = this.plan?.goals.at(-1);
      if (goal) this.focusAfterRender = `#goal-${CSS.escape(goal.id)}-title`;
    }
  }

  private async addGoal(e: Event): Promise<void> {
    e.preventDefault();
    const form = 'goal';
    const description = this.draft('goal:description').trim();
    if (!this.required(form, description ? [] : ['description'])) return;
    const needDomain = this.draft('goal:need', this.defaultNeed()) as NeedDomain;
    const targetDate = this.draft('goal:target');
    const priority = this.draft('goal:priority', 'medium-priority') as GoalPriority;
    const ok = await this.mutate(
      { change: 'goal-added', operation: 'add-goal', form, clear: ['goal:description', 'goal:target', 'goal:priority', 'goal:need'], announce: () => this.t.goalAdded(description) },
      (m, ref) => m.plans.addGoal(ref, { needDomain, description, priority, ...(targetDate ? { targetDate } : {}) }),
    );
    if (ok) {
      const goal = this.plan?.goals.at(-1);
      if (goal) this.focusAfterRender = `#goal-${CSS.escape(goal.id)}-title`;
    }
  }

  private defaultNeed(): NeedDomain {
    return this.suggestions[0]?.needDomain ?? this.caseRecord?.needs.find((n) => n.status !== 'resolved')?.domain ?? NEED_DOMAINS[0];
  }

  private async addTask(e: Event, goal: Goal): Promise<void> {
    e.preventDefault();
    const form = `task:${goal.id}`;
    const description = this.draft(`${form}:description`).trim();
    if (!this.required(form, description ? [] : ['description'])) return;
    const kind = this.draft(`${form}:kind`, 'task') as InterventionKind;
    const assignee = this.draft(`${form}:assignee`).trim();
    const dueDate = this.draft(`${form}:due`);
    const assigneeId = this.assigneeOptions().find((a) => a.name === assignee)?.id;
    await this.mutate(
      {
        change: 'intervention-added',
        operation: 'add-intervention',
        form,
        goalId: goal.id,
        clear: ['description', 'kind', 'assignee', 'due'].map((k) => `${form}:${k}`),
        announce: () => this.t.taskAdded(description),
      },
      (m, ref) =>
        m.plans.addIntervention(ref, goal.id, {
          kind,
          description,
          ...(assignee ? { assigneeName: assignee } : {}),
          ...(assigneeId ? { assigneeId } : {}),
          ...(dueDate ? { dueDate } : {}),
        }),
    );
  }

  private async saveTask(e: Event, goal: Goal, task: Intervention): Promise<void> {
    e.preventDefault();
    const form = `edit:${task.id}`;
    const description = this.draft(`${form}:description`, task.description).trim();
    if (!this.required(form, description ? [] : ['description'])) return;
    const assignee = this.draft(`${form}:assignee`, task.assigneeName ?? '').trim();
    const dueDate = this.draft(`${form}:due`, task.dueDate ?? '');
    const assigneeId = assignee ? (this.assigneeOptions().find((a) => a.name === assignee)?.id ?? (assignee === task.assigneeName ? task.assigneeId : undefined)) : undefined;
    const ok = await this.mutate(
      {
        change: 'intervention-updated',
        operation: 'update-intervention',
        form,
        goalId: goal.id,
        interventionId: task.id,
        clear: ['description', 'assignee', 'due'].map((k) => `${form}:${k}`),
        announce: () => this.t.taskSaved(description),
      },
      (m, ref) =>
        m.plans.updateIntervention(ref, goal.id, task.id, {
          description,
          assigneeName: assignee || null,
          assigneeId: assigneeId ?? null,
          dueDate: dueDate || null,
        }),
    );
    if (ok) {
      this.stopEditing(task.id);
      this.focusAfterRender = `[data-edit="${CSS.escape(task.id)}"]`;
    }
  }

  private startEditing(id: string): void {
    this.editing = new Set([...this.editing, id]);
    this.focusAfterRender = `[data-form="edit:${CSS.escape(id)}"] input`;
  }

  private stopEditing(id: string, clear = false): void {
    const next = new Set(this.editing);
    next.delete(id);
    this.editing = next;
    if (clear) {
      this.clearDrafts(['description', 'assignee', 'due'].map((k) => `edit:${id}:${k}`));
      this.setFormError(`edit:${id}`, undefined);
      this.focusAfterRender = `[data-edit="${CSS.escape(id)}"]`;
    }
  }

  private async addProgress(e: Event, goal: Goal): Promise<void> {
    e.preventDefault();
    const form = `progress:${goal.id}`;
    const text = this.draft(`${form}:text`).trim();
    if (!this.required(form, text ? [] : ['text'])) return;
    const achievement = this.draft(`${form}:achievement`) as AchievementStatus | '';
    await this.mutate(
      {
        change: 'progress-added',
        operation: 'add-progress',
        form,
        goalId: goal.id,
        clear: [`${form}:text`, `${form}:achievement`],
        announce: () => this.t.progressAdded,
      },
      (m, ref) => m.plans.addProgress(ref, goal.id, { text, ...(achievement ? { achievementStatus: achievement } : {}) }),
    );
  }

  // ---------------------------------------------------------------- transitions

  /** Statuses offered in a menu: exactly what core's state machines allow from the current one. */
  private planTargets(plan: CarePlan): PlanStatus[] {
    const allowed = this.activeManager?.plans.allowedTransitions(plan) ?? [];
    // A pending activation can't be requested twice.
    return plan.approval?.status === 'pending' ? allowed.filter((s) => s !== 'active') : allowed;
  }

  private goalTargets(goal: Goal): GoalLifecycleStatus[] {
    return this.editable ? (this.activeManager?.plans.allowedGoalTransitions(goal) ?? []) : [];
  }

  private taskTargets(goal: Goal, task: Intervention): InterventionStatus[] {
    if (!this.editable || goal.lifecycleStatus === 'entered-in-error') return [];
    return this.activeManager?.plans.allowedInterventionTransitions(task) ?? [];
  }

  private requestTransition(state: Omit<TransitionDialogState, 'needsReason' | 'askAchievement'>, trigger: HTMLElement | undefined): void {
    const needsReason = state.to === 'entered-in-error' || (state.target === 'plan' && state.to === 'revoked');
    const askAchievement = state.target === 'goal' && (state.to === 'completed' || state.to === 'cancelled');
    this.returnFocus = trigger;
    if (needsReason || askAchievement) {
      this.transitionDialog = { ...state, needsReason, askAchievement };
      return;
    }
    void this.commitTransition({ ...state, needsReason, askAchievement }, {});
  }

  private async commitTransition(d: TransitionDialogState, options: { reason?: string; achievementStatus?: AchievementStatus }): Promise<boolean> {
    const t = this.t;
    const { reason, achievementStatus } = options;
    const opts = reason ? { reason } : {};
    if (d.target === 'plan') {
      const from = this.plan?.status;
      return this.mutate(
        {
          change: 'plan-transition',
          operation: 'transition-plan',
          from,
          announce: (plan) =>
            plan.approval?.status === 'pending' && plan.status === 'draft' ? t.activationRequested : t.statusChanged(d.thing, t.planStatus[plan.status]),
        },
        (m, ref) => m.plans.transition(ref, d.to as PlanStatus, opts),
      );
    }
    const goal = this.goalById(d.goalId);
    if (!goal) return false;
    if (d.target === 'goal') {
      return this.mutate(
        {
          change: 'goal-transition',
          operation: 'transition-goal',
          goalId: goal.id,
          from: goal.lifecycleStatus,
          announce: () => t.statusChanged(d.thing, t.goalStatus[d.to as GoalLifecycleStatus]),
        },
        (m, ref) => m.plans.transitionGoal(ref, goal.id, d.to as GoalLifecycleStatus, { ...opts, ...(achievementStatus ? { achievementStatus } : {}) }),
      );
    }
    const task = goal.interventions.find((i) => i.id === d.interventionId);
    if (!task) return false;
    return this.mutate(
      {
        change: 'intervention-transition',
        operation: 'transition-intervention',
        goalId: goal.id,
        interventionId: task.id,
        from: task.status,
        announce: () => t.statusChanged(d.thing, t.interventionStatus[d.to as InterventionStatus]),
      },
      (m, ref) => m.plans.transitionIntervention(ref, goal.id, task.id, d.to as InterventionStatus, opts),
    );
  }

  private async onTransitionSubmit(e: Event): Promise<void> {
    e.preventDefault();
    const d = this.transitionDialog;
    if (!d || d.busy) return;
    const reason = this.draft('transition:reason').trim();
    const achievement = this.draft('transition:achievement', d.to === 'completed' ? 'achieved' : '') as AchievementStatus | '';
    if (d.needsReason && !reason) {
      this.transitionDialog = { ...d, error: this.localize.error(new ValidationError([{ path: ['reason'], code: 'required', message: 'required' }]), this.fieldLabel) };
      this.focusAfterRender = 'dialog[data-dialog="transition"] [aria-invalid="true"]';
      return;
    }
    this.transitionDialog = { ...d, busy: true, error: undefined };
    const ok = await this.commitTransition(d, { ...(reason ? { reason } : {}), ...(achievement ? { achievementStatus: achievement } : {}) });
    if (ok) {
      this.clearDrafts(['transition:reason', 'transition:achievement']);
      this.closeTransitionDialog();
    } else if (this.transitionDialog) {
      // Conflicts show the notice behind the dialog; close it so the notice is reachable (the reason stays typed).
      if (this.notice === 'conflict') this.closeTransitionDialog();
      else {
        // Shown inside the dialog rather than behind it.
        if (this.message === this.lastError?.message) this.message = undefined;
        this.transitionDialog = { ...this.transitionDialog, busy: false, error: this.lastError };
      }
    }
  }

  private closeTransitionDialog(e?: Event): void {
    e?.preventDefault();
    this.transitionDialog = undefined;
    this.restoreFocus();
  }

  private restoreFocus(): void {
    const target = this.returnFocus;
    this.returnFocus = undefined;
    if (target?.isConnected) void this.updateComplete.then(() => target.focus());
  }

  // ---------------------------------------------------------------- menus

  private toggleMenu(key: string): void {
    this.openMenu = this.openMenu === key ? undefined : key;
    if (this.openMenu) this.focusAfterRender = `[data-menu-list="${CSS.escape(key)}"] [role="menuitem"]`;
  }

  private closeMenu(key: string, focusButton: boolean): void {
    if (this.openMenu !== key) return;
    this.openMenu = undefined;
    if (focusButton) this.focusAfterRender = `[data-menu="${CSS.escape(key)}"]`;
  }

  private onMenuButtonKey(e: KeyboardEvent, key: string): void {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      this.openMenu = key;
      const items = `[data-menu-list="${CSS.escape(key)}"] [role="menuitem"]`;
      this.focusAfterRender = e.key === 'ArrowUp' ? `${items}:last-child` : items;
    }
  }

  private onMenuKey(e: KeyboardEvent, key: string): void {
    const items = [...(e.currentTarget as HTMLElement).querySelectorAll<HTMLElement>('[role="menuitem"]')];
    const index = items.indexOf(e.target as HTMLElement);
    const focus = (i: number) => items[(i + items.length) % items.length]?.focus();
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        focus(index + 1);
        break;
      case 'ArrowUp':
        e.preventDefault();
        focus(index - 1);
        break;
      case 'Home':
        e.preventDefault();
        focus(0);
        break;
      case 'End':
        e.preventDefault();
        focus(items.length - 1);
        break;
      case 'Escape':
        e.preventDefault();
        e.stopPropagation();
        this.closeMenu(key, true);
        break;
      case 'Tab':
        this.closeMenu(key, false);
        break;
    }
  }

  /** Tabbing (or otherwise focusing) out of an open menu closes it; clicks outside are handled by `onPointerDown`. */
  private onMenuFocusOut(e: FocusEvent, key: string): void {
    const next = e.relatedTarget as Node | null;
    if (next && !(e.currentTarget as HTMLElement).contains(next)) this.closeMenu(key, false);
  }

  private readonly onPointerDown = (e: PointerEvent): void => {
    if (!this.openMenu) return;
    const wrap = this.renderRoot.querySelector(`[data-menu="${CSS.escape(this.openMenu)}"]`)?.parentElement;
    if (wrap && !e.composedPath().includes(wrap)) this.closeMenu(this.openMenu, false);
  };

  // ---------------------------------------------------------------- referrals

  private openRefer(e: Event, goal: Goal): void {
    this.returnFocus = e.currentTarget as HTMLElement;
    this.refer = { goalId: goal.id, results: [], searching: true, searched: false, override: this.draft(`refer:${goal.id}:override`) === 'true' };
    void this.searchServices();
  }

  private async searchServices(): Promise<void> {
    const manager = this.activeManager;
    const r = this.refer;
    const goal = this.goalById(r?.goalId);
    if (!manager || !r || !goal) return;
    const text = this.draft(`refer:${goal.id}:search`).trim();
    const language = this.client?.language;
    const age = this.clientAge();
    try {
      const results = await manager.directory.searchServices({
        need: goal.needDomain,
        ...(language ? { language } : {}),
        ...(text ? { text } : {}),
        ...(age !== undefined ? { clientAge: age } : {}),
        limit: 20,
      });
      if (this.refer?.goalId !== goal.id) return;
      const serviceId = this.refer.serviceId && results.some((x) => x.service.id === this.refer!.serviceId) ? this.refer.serviceId : undefined;
      this.refer = { ...this.refer, results, searching: false, searched: true, serviceId };
      this.announce(this.t.servicesFound(results.length, this.localize.number(results.length)));
    } catch (error) {
      if (this.refer?.goalId !== goal.id) return;
      this.refer = { ...this.refer, searching: false, searched: true, error: this.reportError(error, 'search-services') };
    }
  }

  private onServiceSearchInput(e: Event): void {
    this.onDraftInput(e);
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => void this.searchServices(), 250);
  }

  private async chooseService(serviceId: string): Promise<void> {
    const r = this.refer;
    if (!r) return;
    this.refer = { ...r, serviceId, consent: 'unknown', consentError: undefined, error: undefined };
    const manager = this.activeManager;
    const service = r.results.find((x) => x.service.id === serviceId)?.service;
    const clientId = this.caseRecord?.clientId;
    if (!manager || !service || !clientId) return;
    try {
      const consent = await manager.consents.activeShareConsent(clientId, { organizationId: service.organizationId, organizationName: service.organizationName });
      if (this.refer?.serviceId === serviceId) this.refer = { ...this.refer, consent: consent ? 'on-file' : 'missing' };
    } catch {
      // Not allowed to read consents: core still checks when sending.
    }
  }

  private async onReferSubmit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const r = this.refer;
    const manager = this.activeManager;
    const goal = this.goalById(r?.goalId);
    const plan = this.plan;
    if (!r || !manager || !goal || !plan || r.busy) return;
    const t = this.t;
    const send = (e.submitter as HTMLButtonElement | null)?.value !== 'draft';
    const key = `refer:${goal.id}`;
    const reason = this.draft(`${key}:reason`, this.goalText(goal, this.localize.t)).trim();
    const urgency = this.draft(`${key}:urgency`, 'routine') as ReferralUrgency;
    const overrideReason = this.draft(`${key}:override-reason`).trim();
    const override = send && r.override && !r.overrideRefused && !this.noConsentOverride;
    const issues: ValidationIssue[] = [];
    if (!r.serviceId) issues.push({ path: ['service'], code: 'required', message: 'required' });
    if (!reason) issues.push({ path: ['reason'], code: 'required', message: 'required' });
    if (override && !overrideReason) issues.push({ path: ['consentOverride', 'reason'], code: 'required', message: 'required' });
    if (issues.length) {
      this.refer = { ...r, error: this.localize.error(new ValidationError(issues), this.fieldLabel) };
      this.focusAfterRender = 'dialog[data-dialog="refer"] [aria-invalid="true"]';
      return;
    }
    const service = r.results.find((x) => x.service.id === r.serviceId)!.service;
    this.refer = { ...r, busy: true, error: undefined };
    try {
      const referral = await manager.referrals.create({
        caseId: plan.caseId,
        planId: plan.id,
        goalId: goal.id,
        reason,
        urgency,
        service: { serviceId: service.id },
        send,
        ...(override ? { consentOverride: { reason: overrideReason } } : {}),
      });
      const overridden = !!referral.consent && 'override' in referral.consent;
      this.clearDrafts(['reason', 'urgency', 'override', 'override-reason', 'search'].map((k) => `${key}:${k}`));
      this.refer = undefined;
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
      const name = referral.service.serviceName;
      this.announce(referral.status === 'draft' ? t.referralDrafted(name) : overridden ? t.referralSentOverride(name) : t.referralSent(name));
    } catch (error) {
      const described = this.reportError(error, 'create-referral', this.fieldLabel);
      const current = this.refer;
      if (!current) return;
      if (error instanceof ValidationError && error.issues.some((i) => i.path[0] === 'consent')) {
        this.refer = {
          ...current,
          busy: false,
          consent: 'missing',
          consentError: t.consentMissing(this.caseRecord?.clientName ?? '', service.organizationName),
        };
        this.focusAfterRender = this.noConsentOverride || current.overrideRefused ? '[part~="consent"] [role="alert"]' : '[part~="consent"] input[type="checkbox"]';
      } else if (error instanceof PermissionError && override) {
        this.refer = { ...current, busy: false, override: false, overrideRefused: true, consentError: `${described.message} ${t.overrideUnavailable}` };
        this.focusAfterRender = '[part~="consent"] [role="alert"]';
      } else {
        this.refer = { ...current, busy: false, error: described };
      }
    }
  }

  private closeRefer(e?: Event): void {
    e?.preventDefault();
    this.refer = undefined;
    clearTimeout(this.searchTimer);
    this.restoreFocus();
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
        @focusin=${this.onFocusIn}
      >
        ${this.view === 'print' ? this.renderPrint() : this.renderEditor()}
        <div class="sr-only" role="status" aria-live="polite" aria-atomic="true">${this.liveText}</div>
      </div>
    `;
  }

  private renderEditor(): TemplateResult {
    const t = this.localize.t;
    if (!this.activeManager) return html`<p class="empty">${t.errors.noManager}</p>`;
    if (!this.loaded) return html`<p class="empty">${t.common.loading}</p>`;
    const plan = this.plan;
    return html`
      ${this.renderNotice()} ${this.renderMessage()}
      ${plan ? this.renderPlan(plan) : this.caseRecord ? this.renderCreate(this.t.noPlan) : nothing}
      ${this.renderTransitionDialog()} ${this.renderReferDialog()}
    `;
  }

  private renderNotice(): TemplateResult | typeof nothing {
    if (!this.notice) return nothing;
    const t = this.t;
    const common = this.localize.t.common;
    return html`<div class="notice" part="notice" role="alert">
      <div>
        <strong>${this.notice === 'conflict' ? t.conflictOnSave : t.changedElsewhere}</strong>
        ${this.notice === 'changed' ? html`<span>${t.changedElsewhereHint}</span>` : nothing}
      </div>
      <div class="actions">
        <button type="button" class="ck-button primary" part="button" data-action="reload" @click=${() => void this.reload()}>${common.reload}</button>
        <button type="button" class="ck-button" part="button" data-action="keep-editing" @click=${() => (this.notice = undefined)}>${common.keepEditing}</button>
      </div>
    </div>`;
  }

  private renderMessage(): TemplateResult | typeof nothing {
    if (!this.message) return nothing;
    return html`<div class="ck-alert" part="alert" role="alert">
      <span>${this.message}</span>
      <button type="button" class="ck-button" part="button" @click=${() => (this.message = undefined)}>${this.localize.t.common.dismiss}</button>
    </div>`;
  }

  private renderCreate(text: string): TemplateResult {
    const t = this.t;
    const error = this.fieldError('create', 'title');
    return html`<form class="create" part="create" data-form="create" @submit=${this.createPlan} novalidate>
      <p>${text}</p>
      <div class="row">
        <label class="ck-field grow">
          <span>${t.planTitle}</span>
          <input
            data-draft="create:title"
            .value=${live(this.draft('create:title', t.defaultTitle))}
            aria-invalid=${error ? 'true' : 'false'}
            aria-describedby="create-title-error"
            required
          />
          <span id="create-title-error" class="ck-field-error">${error ?? ''}</span>
        </label>
        <button type="submit" class="ck-button primary" part="button" ?disabled=${this.busy}>${t.createPlan}</button>
      </div>
    </form>`;
  }

  private renderPlan(plan: CarePlan): TemplateResult {
    const t = this.t;
    const goals = plan.goals.filter((g) => g.lifecycleStatus !== 'entered-in-error');
    const domains = NEED_DOMAINS.filter((d) => goals.some((g) => g.needDomain === d));
    const anyOpen = this.plans.some((p) => OPEN_PLAN_STATUSES.includes(p.status));
    return html`
      ${this.renderHeader(plan)}
      ${!anyOpen && this.caseRecord ? this.renderCreate(t.noOpenPlan) : nothing}
      ${this.editable ? this.renderSuggestions() : nothing}
      <section class="goals" aria-labelledby="goals-heading">
        <h3 id="goals-heading" class="section-heading">${t.goals} <span class="count">(${t.goalCount(goals.length, this.localize.number(goals.length))})</span></h3>
        ${goals.length ? nothing : html`<p class="empty">${t.noGoals}</p>`}
        ${repeat(
          domains,
          (d) => d,
          (domain) => html`<section class="domain" part="domain" aria-labelledby=${`domain-${domain}`}>
            <h4 id=${`domain-${domain}`} class="domain-heading" part="domain-heading">${this.localize.t.needs[domain]}</h4>
            ${repeat(
              goals.filter((g) => g.needDomain === domain),
              (g) => g.id,
              (g) => this.renderGoal(g),
            )}
          </section>`,
        )}
      </section>
      ${this.editable ? this.renderGoalForm() : nothing}
    `;
  }

  private renderHeader(plan: CarePlan): TemplateResult {
    const t = this.t;
    const reviewError = this.fieldError('review', 'reviewDate');
    const clientLang = this.printLang();
    const review = plan.reviewDate;
    return html`<div class="header" part="header">
      <div class="title-row">
        <div class="title-block">
          <h2 id="plan-title" class="title" part="title" tabindex="-1">${plan.title}</h2>
          ${this.caseRecord ? html`<p class="subtitle">${t.planFor(this.caseRecord.clientName)}</p>` : nothing}
        </div>
        <div class="header-actions">
          ${this.plans.length > 1 && !this.planId
            ? html`<label class="ck-field">
                <span>${t.choosePlan}</span>
                <select @change=${(e: Event) => this.selectPlan((e.target as HTMLSelectElement).value)}>
                  ${this.plans.map(
                    (p) => html`<option value=${p.id} ?selected=${p.id === plan.id}>${t.planOption(p.title, t.planStatus[p.status], this.date(p.createdAt))}</option>`,
                  )}
                </select>
              </label>`
            : nothing}
          <button type="button" class="ck-button" part="button" data-action="print" @click=${() => void this.print()}>
            ${clientLang.code !== this.localize.lang.split('-')[0] ? t.printIn(this.languageName(clientLang.code, this.localize.lang)) : t.print}
          </button>
          <slot name="header-end"></slot>
        </div>
      </div>
      <div class="meta">
        ${this.renderMenu(
          'plan',
          t.planStatusMenu,
          t.planStatus[plan.status],
          this.planTargets(plan).map((s) => ({ value: s, label: t.planStatus[s] })),
          (to, trigger) => this.requestTransition({ target: 'plan', to, thing: plan.title }, trigger),
          `status-${plan.status}`,
        )}
        ${plan.approval?.status === 'pending' ? html`<span class="ck-badge warning" part="badge" data-approval="pending">${t.pendingApproval}</span>` : nothing}
        ${plan.approval?.status === 'rejected' && plan.status === 'draft'
          ? html`<span class="ck-badge danger" part="badge">${t.approvalRejected(plan.approval.decisionReason ?? '')}</span>`
          : nothing}
        ${review
          ? html`<span class="ck-badge ${review < this.todayDate ? 'danger' : ''}" part="badge" data-review=${review < this.todayDate ? 'overdue' : 'set'}
              >${review < this.todayDate ? t.reviewOverdue(this.date(review)) : t.reviewOn(this.date(review))}</span
            >`
          : html`<span class="ck-badge" part="badge">${t.noReviewDate}</span>`}
      </div>
      ${this.editable
        ? html`<form class="row review" part="review" data-form="review" @submit=${this.saveReviewDate} novalidate>
            <label class="ck-field">
              <span>${t.reviewDate}</span>
              <input
                type="date"
                data-draft="review"
                .value=${live(this.draft('review', review ?? ''))}
                aria-invalid=${reviewError ? 'true' : 'false'}
                aria-describedby="review-error"
              />
              <span id="review-error" class="ck-field-error">${reviewError ?? ''}</span>
            </label>
            <button type="submit" class="ck-button" part="button" ?disabled=${this.busy}>${t.saveReviewDate}</button>
          </form>`
        : nothing}
    </div>`;
  }

  private selectPlan(id: string): void {
    this.selectedPlanId = id;
    this.stale = false;
    this.notice = undefined;
    this.plan = this.plans.find((p) => p.id === id);
    void this.refresh();
  }

  private renderSuggestions(): TemplateResult | typeof nothing {
    if (!this.suggestions.length) return nothing;
    const t = this.t;
    return html`<section class="suggestions" part="suggestions" aria-labelledby="suggestions-heading">
      <h3 id="suggestions-heading" class="section-heading">${t.suggestedGoals}</h3>
      <p class="hint">${t.suggestedHint}</p>
      <ul>
        ${this.suggestions.map((s) => {
          const description = this.goalText(s, this.localize.t);
          return html`<li class="suggestion" part="suggestion" data-need=${s.needDomain}>
            <span class="ck-badge" part="badge">${this.localize.t.needs[s.needDomain]}</span>
            <span class="grow">${description}</span>
            <button type="button" class="ck-button" part="button" aria-label=${t.addSuggested(description)} ?disabled=${this.busy} @click=${() => void this.addSuggested(s, description)}>
              ${t.add}
            </button>
          </li>`;
        })}
      </ul>
    </section>`;
  }

  private renderGoal(goal: Goal): TemplateResult {
    const t = this.t;
    const titleId = `goal-${goal.id}-title`;
    const tasks = goal.interventions.filter((i) => i.status !== 'entered-in-error');
    const referrals = this.referrals.filter((r) => r.goalId === goal.id && r.status !== 'entered-in-error');
    const goalOpen = this.editable && OPEN_GOAL_STATUSES.includes(goal.lifecycleStatus);
    return html`<article class="goal" part="goal" aria-labelledby=${titleId} data-goal=${goal.id}>
      <div class="goal-head">
        <h5 id=${titleId} class="goal-title" part="goal-title" tabindex="-1">${goal.description}</h5>
        ${goalOpen
          ? html`<button type="button" class="ck-button" part="button refer-button" aria-label=${t.referGoal(goal.description)} @click=${(e: Event) => this.openRefer(e, goal)}>
              ${t.refer}
            </button>`
          : nothing}
      </div>
      <div class="meta">
        ${this.renderMenu(
          `goal:${goal.id}`,
          t.goalStatusMenu(goal.description),
          t.goalStatus[goal.lifecycleStatus],
          this.goalTargets(goal).map((s) => ({ value: s, label: t.goalStatus[s] })),
          (to, trigger) => this.requestTransition({ target: 'goal', goalId: goal.id, to, thing: goal.description }, trigger),
          `status-${goal.lifecycleStatus}`,
        )}
        ${goal.achievementStatus
          ? html`<span class="ck-badge" part="badge" data-achievement=${goal.achievementStatus}>${t.achievementLabel}: ${t.achievement[goal.achievementStatus]}</span>`
          : nothing}
        <span class="ck-badge" part="badge">${t.goalPriority[goal.priority]}</span>
        ${goal.targetDate ? html`<span class="ck-badge" part="badge">${t.target(this.date(goal.targetDate))}</span>` : nothing}
      </div>
      <div class="goal-body">
        <div class="tasks">
          <h6 class="sub-heading">${t.tasks}</h6>
          ${tasks.length
            ? html`<ul part="tasks">
                ${repeat(
                  tasks,
                  (i) => i.id,
                  (i) => this.renderTask(goal, i),
                )}
              </ul>`
            : html`<p class="empty">${t.noTasks}</p>`}
          ${goalOpen ? this.renderTaskForm(goal) : nothing}
        </div>
        <div class="progress">
          <h6 class="sub-heading">${t.progress}</h6>
          ${goal.progress.length
            ? html`<ol part="progress" reversed>
                ${repeat(
                  [...goal.progress].reverse(),
                  (p) => p.id,
                  (p) => html`<li class="entry" part="progress-entry">
                    <div class="entry-meta">
                      <time datetime=${p.at}>${this.localize.date(p.at, { dateStyle: 'medium', timeStyle: 'short' })}</time> · ${p.by.name}
                      ${p.achievementStatus ? html`<span class="ck-badge" part="badge">${t.achievementChange(t.achievement[p.achievementStatus])}</span>` : nothing}
                    </div>
                    <p class="entry-text">${p.text}</p>
                  </li>`,
                )}
              </ol>`
            : html`<p class="empty">${t.noProgress}</p>`}
          ${this.editable && goal.lifecycleStatus !== 'entered-in-error' ? this.renderProgressForm(goal) : nothing}
        </div>
        ${referrals.length
          ? html`<div class="referrals">
              <h6 class="sub-heading">${t.referrals}</h6>
              <ul part="referrals">
                ${referrals.map(
                  (r) => html`<li data-referral=${r.id}>
                    <span class="grow"><strong>${r.service.serviceName}</strong> — ${r.service.organizationName}</span>
                    ${r.service.contact.phone ? html`<span>${t.phone(r.service.contact.phone)}</span>` : nothing}
                    <span class="ck-badge" part="badge">${this.localize.t.referralTracker.status[r.status]}</span>
                  </li>`,
                )}
              </ul>
            </div>`
          : nothing}
      </div>
    </article>`;
  }

  private renderTask(goal: Goal, task: Intervention): TemplateResult {
    const t = this.t;
    const editing = this.editing.has(task.id);
    const open = OPEN_INTERVENTION_STATUSES.includes(task.status);
    const overdue = open && !!task.dueDate && task.dueDate < this.todayDate;
    return html`<li class="task" part="task" data-task=${task.id}>
      <div class="task-main">
        <span class="ck-badge" part="badge">${t.interventionKind[task.kind]}</span>
        <span class="grow task-text">${task.description}</span>
      </div>
      <div class="meta">
        <span class="assignee">${t.assignee}: ${task.assigneeName ?? t.unassigned}</span>
        ${task.dueDate
          ? html`<span class="ck-badge ${overdue ? 'danger' : ''}" part="badge" data-due=${overdue ? 'overdue' : 'set'}
              >${overdue ? t.overdue(this.date(task.dueDate)) : t.due(this.date(task.dueDate))}</span
            >`
          : nothing}
        ${this.renderMenu(
          `task:${task.id}`,
          t.taskStatusMenu(task.description),
          t.interventionStatus[task.status],
          this.taskTargets(goal, task).map((s) => ({ value: s, label: t.interventionStatus[s] })),
          (to, trigger) => this.requestTransition({ target: 'intervention', goalId: goal.id, interventionId: task.id, to, thing: task.description }, trigger),
          `status-${task.status}`,
        )}
        ${this.editable && !editing && goal.lifecycleStatus !== 'entered-in-error'
          ? html`<button type="button" class="ck-button" part="button" data-edit=${task.id} aria-label=${t.editTask(task.description)} @click=${() => this.startEditing(task.id)}>
              ${t.edit}
            </button>`
          : nothing}
      </div>
      ${editing ? this.renderTaskEditForm(goal, task) : nothing}
    </li>`;
  }

  private assigneeList(): TemplateResult {
    return html`<datalist id="assignee-options">${this.assigneeOptions().map((a) => html`<option value=${a.name}></option>`)}</datalist>`;
  }

  private renderTaskForm(goal: Goal): TemplateResult {
    const t = this.t;
    const form = `task:${goal.id}`;
    const id = (k: string) => `${form}-${k}`.replace(/[^A-Za-z0-9_-]/g, '_');
    const descError = this.fieldError(form, 'description');
    return html`<form class="task-form" part="task-form" data-form=${form} @submit=${(e: Event) => void this.addTask(e, goal)} novalidate>
      <div class="row">
        <label class="ck-field">
          <span>${t.kind}</span>
          <select data-draft=${`${form}:kind`} .value=${live(this.draft(`${form}:kind`, 'task'))}>
            ${INTERVENTION_KINDS.map((k) => html`<option value=${k} ?selected=${this.draft(`${form}:kind`, 'task') === k}>${t.interventionKind[k]}</option>`)}
          </select>
        </label>
        <label class="ck-field grow">
          <span>${t.taskDescription}</span>
          <input
            data-draft=${`${form}:description`}
            .value=${live(this.draft(`${form}:description`))}
            aria-invalid=${descError ? 'true' : 'false'}
            aria-describedby=${id('error')}
          />
          <span id=${id('error')} class="ck-field-error">${descError ?? ''}</span>
        </label>
        <label class="ck-field">
          <span>${t.assignee}</span>
          <input data-draft=${`${form}:assignee`} list="assignee-options" autocomplete="off" .value=${live(this.draft(`${form}:assignee`))} />
        </label>
        <label class="ck-field">
          <span>${t.dueDate}</span>
          <input type="date" data-draft=${`${form}:due`} .value=${live(this.draft(`${form}:due`))} />
        </label>
        <button type="submit" class="ck-button" part="button" ?disabled=${this.busy}>${t.addTask}</button>
      </div>
      ${this.assigneeList()}
    </form>`;
  }

  private renderTaskEditForm(goal: Goal, task: Intervention): TemplateResult {
    const t = this.t;
    const form = `edit:${task.id}`;
    const id = (k: string) => `${form}-${k}`.replace(/[^A-Za-z0-9_-]/g, '_');
    const descError = this.fieldError(form, 'description');
    return html`<form class="task-form" part="task-form" data-form=${form} @submit=${(e: Event) => void this.saveTask(e, goal, task)} novalidate>
      <div class="row">
        <label class="ck-field grow">
          <span>${t.taskDescription}</span>
          <input
            data-draft=${`${form}:description`}
            .value=${live(this.draft(`${form}:description`, task.description))}
            aria-invalid=${descError ? 'true' : 'false'}
            aria-describedby=${id('error')}
          />
          <span id=${id('error')} class="ck-field-error">${descError ?? ''}</span>
        </label>
        <label class="ck-field">
          <span>${t.assignee}</span>
          <input data-draft=${`${form}:assignee`} list="assignee-options" autocomplete="off" .value=${live(this.draft(`${form}:assignee`, task.assigneeName ?? ''))} />
        </label>
        <label class="ck-field">
          <span>${t.dueDate}</span>
          <input type="date" data-draft=${`${form}:due`} .value=${live(this.draft(`${form}:due`, task.dueDate ?? ''))} />
        </label>
        <button type="submit" class="ck-button primary" part="button" ?disabled=${this.busy}>${t.save}</button>
        <button type="button" class="ck-button" part="button" @click=${() => this.stopEditing(task.id, true)}>${this.localize.t.common.cancel}</button>
      </div>
    </form>`;
  }

  private renderProgressForm(goal: Goal): TemplateResult {
    const t = this.t;
    const form = `progress:${goal.id}`;
    const id = (k: string) => `${form}-${k}`.replace(/[^A-Za-z0-9_-]/g, '_');
    const textError = this.fieldError(form, 'text');
    return html`<form class="progress-form" part="progress-form" data-form=${form} @submit=${(e: Event) => void this.addProgress(e, goal)} novalidate>
      <label class="ck-field">
        <span>${t.progressNote}</span>
        <textarea
          data-draft=${`${form}:text`}
          .value=${live(this.draft(`${form}:text`))}
          aria-invalid=${textError ? 'true' : 'false'}
          aria-describedby=${id('error')}
        ></textarea>
        <span id=${id('error')} class="ck-field-error">${textError ?? ''}</span>
      </label>
      <div class="row">
        <label class="ck-field">
          <span>${t.achievementLabel}</span>
          <select data-draft=${`${form}:achievement`} .value=${live(this.draft(`${form}:achievement`))}>
            <option value="" ?selected=${!this.draft(`${form}:achievement`)}>${t.achievementUnchanged}</option>
            ${ACHIEVEMENT_STATUSES.map((a) => html`<option value=${a} ?selected=${this.draft(`${form}:achievement`) === a}>${t.achievement[a]}</option>`)}
          </select>
        </label>
        <button type="submit" class="ck-button" part="button" ?disabled=${this.busy}>${t.addProgress}</button>
      </div>
    </form>`;
  }

  private renderGoalForm(): TemplateResult {
    const t = this.t;
    const need = this.draft('goal:need', this.defaultNeed());
    const priority = this.draft('goal:priority', 'medium-priority');
    const descError = this.fieldError('goal', 'description');
    return html`<section class="goal-form-section" aria-labelledby="add-goal-heading">
      <h3 id="add-goal-heading" class="section-heading">${t.addGoal}</h3>
      <form class="goal-form" part="goal-form" data-form="goal" @submit=${this.addGoal} novalidate>
        <div class="row">
          <label class="ck-field">
            <span>${t.need}</span>
            <select data-draft="goal:need" .value=${live(need)}>
              ${NEED_DOMAINS.map((d) => html`<option value=${d} ?selected=${need === d}>${this.localize.t.needs[d]}</option>`)}
            </select>
          </label>
          <label class="ck-field grow">
            <span>${t.goalDescription}</span>
            <input
              data-draft="goal:description"
              .value=${live(this.draft('goal:description'))}
              aria-invalid=${descError ? 'true' : 'false'}
              aria-describedby="goal-description-error"
            />
            <span id="goal-description-error" class="ck-field-error">${descError ?? ''}</span>
          </label>
          <label class="ck-field">
            <span>${t.targetDate}</span>
            <input type="date" data-draft="goal:target" .value=${live(this.draft('goal:target'))} />
          </label>
          <label class="ck-field">
            <span>${t.priority}</span>
            <select data-draft="goal:priority" .value=${live(priority)}>
              ${GOAL_PRIORITIES.map((p) => html`<option value=${p} ?selected=${priority === p}>${t.goalPriority[p]}</option>`)}
            </select>
          </label>
          <button type="submit" class="ck-button primary" part="button" ?disabled=${this.busy}>${t.addGoal}</button>
        </div>
      </form>
    </section>`;
  }

  /**
   * A status menu button listing exactly the allowed transitions. With none left it is a plain badge.
   */
  private renderMenu(
    key: string,
    label: string,
    current: string,
    items: { value: string; label: string }[],
    pick: (value: string, trigger: HTMLElement | undefined) => void,
    statusClass: string,
  ): TemplateResult {
    if (!items.length) return html`<span class="ck-badge status ${statusClass}" part="badge" data-status-of=${key} tabindex="-1">${current}</span>`;
    const open = this.openMenu === key;
    const listId = `menu-${key}`.replace(/[^A-Za-z0-9_-]/g, '_');
    return html`<div class="menu-wrap" @focusout=${(e: FocusEvent) => this.onMenuFocusOut(e, key)}>
      <button
        type="button"
        class="ck-button menu-button ${statusClass}"
        part="button menu-button"
        data-menu=${key}
        aria-haspopup="menu"
        aria-expanded=${open ? 'true' : 'false'}
        aria-controls=${open ? listId : nothing}
        aria-label=${`${current} — ${label}`}
        ?disabled=${this.busy}
        @click=${() => this.toggleMenu(key)}
        @keydown=${(e: KeyboardEvent) => this.onMenuButtonKey(e, key)}
      >
        ${current} <span aria-hidden="true">▾</span>
      </button>
      ${open
        ? html`<div class="menu" part="menu" role="menu" id=${listId} aria-label=${label} data-menu-list=${key} @keydown=${(e: KeyboardEvent) => this.onMenuKey(e, key)}>
            ${items.map(
              (item) => html`<button
                type="button"
                role="menuitem"
                tabindex="-1"
                part="menu-item"
                data-value=${item.value}
                @click=${() => {
                  const trigger = this.renderRoot.querySelector<HTMLElement>(`[data-menu="${CSS.escape(key)}"]`) ?? undefined;
                  this.openMenu = undefined;
                  pick(item.value, trigger);
                  if (!this.transitionDialog) this.focusAfterRender = `[data-menu="${CSS.escape(key)}"], [data-status-of="${CSS.escape(key)}"]`;
                }}
              >
                ${item.label}
              </button>`,
            )}
          </div>`
        : nothing}
    </div>`;
  }

  private renderTransitionDialog(): TemplateResult {
    const t = this.t;
    const common = this.localize.t.common;
    const d = this.transitionDialog;
    const statusLabel = d
      ? d.target === 'plan'
        ? t.planStatus[d.to as PlanStatus]
        : d.target === 'goal'
          ? t.goalStatus[d.to as GoalLifecycleStatus]
          : t.interventionStatus[d.to as InterventionStatus]
      : '';
    const reasonError = d?.error?.fields.get('reason');
    const general = d?.error && !d.error.fields.size ? d.error.message : undefined;
    const achievement = this.draft('transition:achievement', d?.to === 'completed' ? 'achieved' : '');
    return html`<dialog part="dialog" data-dialog="transition" aria-labelledby="transition-title" @cancel=${this.closeTransitionDialog} @close=${() => this.transitionDialog && this.closeTransitionDialog()}>
      ${d
        ? html`<form data-form="transition" @submit=${this.onTransitionSubmit} novalidate>
            <h2 id="transition-title">${t.transitionTitle(d.thing, statusLabel)}</h2>
            ${general ? html`<div class="ck-alert" role="alert">${general}</div>` : nothing}
            ${d.askAchievement
              ? html`<label class="ck-field">
                  <span>${t.achievementLabel}</span>
                  <select data-draft="transition:achievement" .value=${live(achievement)}>
                    <option value="" ?selected=${!achievement}>${t.achievementUnchanged}</option>
                    ${ACHIEVEMENT_STATUSES.map((a) => html`<option value=${a} ?selected=${achievement === a}>${t.achievement[a]}</option>`)}
                  </select>
                </label>`
              : nothing}
            <label class="ck-field">
              <span>${d.needsReason ? t.reasonRequired : `${t.reasonField} (${common.optional})`}</span>
              <textarea
                data-draft="transition:reason"
                .value=${live(this.draft('transition:reason'))}
                aria-required=${d.needsReason ? 'true' : 'false'}
                aria-invalid=${reasonError ? 'true' : 'false'}
                aria-describedby="transition-reason-error"
              ></textarea>
              <span id="transition-reason-error" class="ck-field-error">${reasonError ?? ''}</span>
            </label>
            <div class="actions">
              <button type="button" class="ck-button" part="button" @click=${this.closeTransitionDialog}>${common.cancel}</button>
              <button type="submit" class="ck-button primary" part="button" ?disabled=${d.busy}>${t.confirm}</button>
            </div>
          </form>`
        : nothing}
    </dialog>`;
  }

  private renderReferDialog(): TemplateResult {
    const r = this.refer;
    const goal = this.goalById(r?.goalId);
    return html`<dialog part="dialog" data-dialog="refer" class="refer" aria-labelledby="refer-title" @cancel=${this.closeRefer} @close=${() => this.refer && this.closeRefer()}>
      ${r && goal ? this.renderReferForm(r, goal) : nothing}
    </dialog>`;
  }

  private renderReferForm(r: ReferState, goal: Goal): TemplateResult {
    const t = this.t;
    const ui = this.localize.t;
    const key = `refer:${goal.id}`;
    const language = this.client?.language;
    const languageName = language ? this.languageName(language, this.localize.lang) : undefined;
    const fieldError = (path: string) => r.error?.fields.get(path);
    const general = r.error && !r.error.fields.size ? r.error.message : undefined;
    const chosen = r.results.find((x) => x.service.id === r.serviceId)?.service;
    const urgency = this.draft(`${key}:urgency`, 'routine');
    const canOverride = !this.noConsentOverride && !r.overrideRefused;
    return html`<form data-form="refer" @submit=${this.onReferSubmit} novalidate>
      <h2 id="refer-title">${t.referTitle(ui.needs[goal.needDomain])}</h2>
      <p class="hint">${t.referFor(goal.description)}</p>
      ${languageName
        ? html`<p class="hint">
            ${t.clientLanguage(languageName)}${this.client?.interpreterNeeded ? html` · <strong>${t.interpreterNeeded}</strong>` : nothing}
          </p>`
        : nothing}
      ${general ? html`<div class="ck-alert" role="alert">${general}</div>` : nothing}
      <label class="ck-field">
        <span>${t.searchServices}</span>
        <input type="search" data-draft=${`${key}:search`} placeholder=${t.searchPlaceholder} .value=${live(this.draft(`${key}:search`))} @input=${this.onServiceSearchInput} />
      </label>
      <fieldset class="services" part="service-list" aria-invalid=${fieldError('service') ? 'true' : 'false'} aria-describedby="service-error">
        <legend>${t.chooseService}</legend>
        ${r.searching && !r.results.length ? html`<p class="empty">${ui.common.loading}</p>` : nothing}
        ${r.searched && !r.results.length ? html`<p class="empty">${t.noServices}</p>` : nothing}
        ${repeat(
          r.results,
          (x) => x.service.id,
          (x) => html`<label class="service" part="service" data-service=${x.service.id} data-language-match=${x.languageMatch ?? 'none'}>
            <input type="radio" name="service" value=${x.service.id} .checked=${live(r.serviceId === x.service.id)} @change=${() => void this.chooseService(x.service.id)} />
            <span class="service-text">
              <strong>${x.service.name}</strong>
              <span>${x.service.organizationName}</span>
              <span class="service-meta">
                ${languageName && x.languageMatch === 'spoken' ? html`<span class="ck-badge success" part="badge">${t.languageSpoken(languageName)}</span>` : nothing}
                ${languageName && x.languageMatch === 'interpretation' ? html`<span class="ck-badge warning" part="badge">${t.languageInterpretation}</span>` : nothing}
                ${languageName && x.languageMatch === 'none' ? html`<span class="ck-badge" part="badge">${t.languageNone(languageName)}</span>` : nothing}
                ${x.service.contact.phone ? html`<span>${t.phone(x.service.contact.phone)}</span>` : nothing}
              </span>
            </span>
          </label>`,
        )}
        <span id="service-error" class="ck-field-error">${fieldError('service') ?? ''}</span>
      </fieldset>
      <label class="ck-field">
        <span>${t.reason}</span>
        <textarea
          data-draft=${`${key}:reason`}
          .value=${live(this.draft(`${key}:reason`, this.goalText(goal, ui)))}
          aria-invalid=${fieldError('reason') ? 'true' : 'false'}
          aria-describedby="refer-reason-error"
        ></textarea>
        <span id="refer-reason-error" class="ck-field-error">${fieldError('reason') ?? ''}</span>
      </label>
      <label class="ck-field">
        <span>${t.urgency}</span>
        <select data-draft=${`${key}:urgency`} .value=${live(urgency)}>
          ${REFERRAL_URGENCIES.map((u) => html`<option value=${u} ?selected=${urgency === u}>${ui.referralTracker.urgency[u]}</option>`)}
        </select>
      </label>
      <fieldset class="consent" part="consent">
        <legend>${t.consentStep}</legend>
        ${r.consentError
          ? html`<div class="ck-alert" role="alert" tabindex="-1" data-consent-error>${r.consentError}</div>`
          : chosen && r.consent === 'on-file'
            ? html`<p class="hint" data-consent="on-file">${t.consentOnFile(chosen.organizationName)}</p>`
            : chosen && r.consent === 'missing'
              ? html`<p class="hint" data-consent="missing">${t.consentNotOnFile(chosen.organizationName)}</p>`
              : nothing}
        ${canOverride && (r.consentError || r.consent === 'missing')
          ? html`<label class="check">
                <input
                  type="checkbox"
                  data-draft=${`${key}:override`}
                  .checked=${live(r.override)}
                  @change=${(e: Event) => (this.refer = { ...r, override: (e.target as HTMLInputElement).checked })}
                />
                <span>${t.overrideConsent}</span>
              </label>
              ${r.override
                ? html`<label class="ck-field">
                    <span>${t.overrideReason} (${ui.common.required})</span>
                    <textarea
                      data-draft=${`${key}:override-reason`}
                      .value=${live(this.draft(`${key}:override-reason`))}
                      aria-required="true"
                      aria-invalid=${fieldError('consentOverride.reason') ? 'true' : 'false'}
                      aria-describedby="override-error"
                    ></textarea>
                    <span id="override-error" class="ck-field-error">${fieldError('consentOverride.reason') ?? ''}</span>
                  </label>`
                : nothing}`
          : nothing}
        ${!canOverride && r.consentError && !r.overrideRefused ? html`<p class="hint">${t.overrideUnavailable}</p>` : nothing}
      </fieldset>
      <div class="actions">
        <button type="button" class="ck-button" part="button" @click=${this.closeRefer}>${ui.common.cancel}</button>
        <button type="submit" class="ck-button" part="button" value="draft" ?disabled=${r.busy}>${t.saveDraft}</button>
        <button type="submit" class="ck-button primary" part="button" value="send" ?disabled=${r.busy}>${t.sendNow}</button>
      </div>
    </form>`;
  }

  // ---------------------------------------------------------------- print

  /** The print copy's language: `print-language`, else the client's, else English; only languages with a table. */
  private printLang(): { code: string; locale: string; table: Translation } {
    const wanted = this.printLanguage || this.client?.language || 'en';
    const table = getTranslation(wanted);
    const base = wanted.toLowerCase().split('-')[0]!;
    // An untranslated language falls back to English, dates included.
    const translated = table !== en || base === 'en';
    return translated ? { code: base, locale: wanted, table } : { code: 'en', locale: 'en', table: en };
  }

  private renderPrint(): TemplateResult {
    const ui = this.localize.t;
    const plan = this.plan;
    const { code, locale, table } = this.printLang();
    const p = table.carePlanEditor;
    const fmt = (value: string) => {
      try {
        return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${value.slice(0, 10)}T00:00:00Z`));
      } catch {
        return value;
      }
    };
    const toolbar = html`<div class="print-toolbar" part="print-toolbar">
      <button type="button" class="ck-button" part="button" data-action="edit" @click=${() => (this.view = 'edit')}>${ui.carePlanEditor.backToEditor}</button>
      <button type="button" class="ck-button primary" part="button" data-action="print-now" @click=${() => window.print()}>${ui.carePlanEditor.print}</button>
    </div>`;
    if (!this.loaded || !plan) return html`${toolbar}<p class="empty">${this.loaded ? ui.carePlanEditor.noPlan : ui.common.loading}</p>`;
    const goals = plan.goals.filter((g) => OPEN_GOAL_STATUSES.includes(g.lifecycleStatus));
    const steps = goals
      .flatMap((g) => g.interventions.filter((i) => OPEN_INTERVENTION_STATUSES.includes(i.status)))
      .sort((a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999'));
    const goalIds = new Set(plan.goals.map((g) => g.id));
    const seen = new Set<string>();
    const calls = this.referrals.filter((r) => {
      if (!(r.planId === plan.id || (r.goalId && goalIds.has(r.goalId))) || !CALLABLE_REFERRAL_STATUSES.includes(r.status)) return false;
      const k = r.service.serviceId ?? `${r.service.organizationName}|${r.service.serviceName}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
    const caseManager = this.caseRecord?.assigneeName ?? plan.author.name;
    return html`${toolbar}
      <article class="print" part="print" lang=${code} dir=${table.$dir} aria-labelledby="print-title">
        <h2 id="print-title">${p.printTitle}</h2>
        <p class="print-sub">${p.printFor(this.caseRecord?.clientName ?? '')} · ${p.printDate(fmt(this.todayDate))}</p>
        <p>${p.printIntro}</p>
        ${plan.reviewDate ? html`<p data-print="review">${p.printReview(fmt(plan.reviewDate))}</p>` : nothing}
        <section aria-labelledby="print-goals">
          <h3 id="print-goals">${p.printGoals}</h3>
          ${goals.length
            ? html`<ol class="print-goals">
                ${goals.map(
                  (g) => html`<li data-print-goal=${g.id}>
                    <strong>${this.goalText(g, table)}</strong>
                    <span class="print-detail">(${table.needs[g.needDomain]}${g.targetDate ? html` · ${p.printBy(fmt(g.targetDate))}` : nothing})</span>
                  </li>`,
                )}
              </ol>`
            : html`<p>${p.printNoGoals}</p>`}
        </section>
        <section aria-labelledby="print-steps">
          <h3 id="print-steps">${p.printNextSteps}</h3>
          ${steps.length
            ? html`<ul class="print-steps">
                ${steps.map(
                  (s) => html`<li data-print-step=${s.id}>
                    <span class="box" aria-hidden="true"></span>
                    <span>
                      <strong>${s.description}</strong>
                      ${s.dueDate ? html`<span class="print-detail">${p.printWhen(fmt(s.dueDate))}</span>` : nothing}
                      ${s.assigneeName ? html`<span class="print-detail">${p.printWho(s.assigneeName)}</span>` : nothing}
                    </span>
                  </li>`,
                )}
              </ul>`
            : html`<p>${p.printNoSteps}</p>`}
        </section>
        <section aria-labelledby="print-calls">
          <h3 id="print-calls">${p.printWhoToCall}</h3>
          <ul class="print-calls">
            ${calls.map(
              (r) => html`<li data-print-call=${r.id}>
                <strong>${r.service.organizationName}</strong> — ${r.service.serviceName}
                ${r.service.contact.phone ? html`<span class="print-detail phone">${p.printPhone(r.service.contact.phone)}</span>` : nothing}
              </li>`,
            )}
            <li>${p.printCaseManager(caseManager)}</li>
          </ul>
          ${calls.length ? nothing : html`<p>${p.printNoCalls}</p>`}
        </section>
      </article>`;
  }
}
