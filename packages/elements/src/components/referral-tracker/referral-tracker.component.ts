import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import {
  hasErrorCode,
  REFERRAL_OUTCOME_CODES,
  TERMINAL_REFERRAL_STATUSES,
  ValidationError,
  type CaseManager,
  type CaseRecord,
  type Referral,
  type ReferralOutcomeCode,
  type ReferralStatus,
  type ReferralStatusChange,
  type ConsentOverrideInput,
  type ReferralTransitionOptions,
} from '@casekit/core';
import { ManagerController } from '../../controllers/manager-controller.js';
import { CasekitElement } from '../../internal/casekit-element.js';
import { focusableHeading } from '../../internal/focus-target.js';
import { renderSkeletons, skeletonStyles } from '../../internal/skeleton.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import { describeError, type LocalizedError } from '../../translations/error-messages.js';
import { referralTrackerStyles } from './referral-tracker.styles.js';
import { ltrIsolate } from '../../internal/bidi.js';
import { SerialRunner } from '../../internal/serial-runner.js';
import { consentRequiredError, loadSharePreview, overrideChanged, renderSharePreview, sharePreviewStyles, type SharePreviewModel } from '../../internal/share-preview.js';

/** Statuses a button sets at once; every other one opens a dialog (reason, outcome). */
const DIRECT: readonly ReferralStatus[] = ['accepted', 'in-progress'];
/** Statuses that need a reason (core refuses them without one). */
const REASON_REQUIRED: readonly ReferralStatus[] = ['rejected', 'entered-in-error'];
/** Statuses that need an outcome. */
const OUTCOME_REQUIRED: readonly ReferralStatus[] = ['completed', 'failed'];

/** Form fields of the dialogs; core's validation paths are mapped to these. */
type FieldKey = 'to' | 'reason' | 'outcome' | 'outcomeNote' | 'overrideReason';

/** A core error in the user's words, with problems by dialog field. */
interface Problem {
  message: string;
  fields: Map<FieldKey, string>;
  conflict: boolean;
  /** Sending was refused for want of a consent to share. */
  consent: boolean;
  code: LocalizedError['code'];
}

interface TrackerDialog {
  /** `transition`: one status with its fields; `record`: the provider's answer, status chosen in the dialog; `preview`: what sending shares, before it is sent. */
  kind: 'transition' | 'record' | 'preview';
  referral: Referral;
  to?: ReferralStatus;
  /** Statuses offered in the `record` dialog. */
  choices: ReferralStatus[];
  problem?: Problem;
  busy?: boolean;
  /** The `preview` dialog's packet and basis (`referrals.sharePreview`). */
  share?: SharePreviewModel;
  /** Why the preview was redone (the referral changed, the consent ended, the override changed). */
  notice?: string;
  overrideError?: string;
}

type StepKey = 'sent' | 'acknowledged' | 'inProgress' | 'closed';
type StepState = 'done' | 'current' | 'pending' | 'skipped';
interface Step {
  key: StepKey;
  state: StepState;
  detail: string;
  tone?: 'success' | 'danger' | 'muted';
}

/**
 * @summary A case's referrals with their closed-loop status (sent → acknowledged → in progress →
 * closed, with the outcome), full history and overdue acknowledgements; sends them and records the
 * receiving organisation's answers.
 *
 * Actions follow core: offered only when the policy lets the actor transition the referral
 * (`manager.can`), and only the statuses `referrals.allowedTransitions` allows for the actor's side.
 * The referring side (a case manager) sends, cancels, and — with "Record provider's answer" —
 * records what the provider said on its behalf (`recordedFor: 'performer'`, shown in the history).
 * A provider of the receiving organisation (actor with its `organizationId`) sees only its own
 * answers: accept, decline, start, put on hold, complete, not completed, cancel. Anyone the policy
 * lets only read (a viewer, or a custom read-only role) gets no actions.
 *
 * Send first shows what the receiving organisation will get (`referrals.sharePreview`, audited as a
 * read of the client, so asked only then): the client fields shared with their values, the basis
 * (the consent on file and its dates, or an override and its reason), and that nothing else is shared;
 * Send in that dialog sends, Back writes nothing. Without a consent to share it says so, offers
 * "Check again" (once a consent is recorded) and, unless `no-consent-override` or the policy refuses
 * `override-consent`, an override with a reason and optional fields, previewed before it is sent
 * (audited as an override). A referral changed meanwhile or a consent that ended is shown and previewed
 * again; nothing is sent.
 *
 * Re-renders when referrals change anywhere (this tab, another element, another tab). Whether a
 * referral is overdue is core's decision (`referrals.isOverdue`, the manager's clock); its days (sent,
 * answer due, closed) are shown on the manager's calendar (`manager.timeZone`), like `manager.today()`.
 *
 * `focus()` goes to the first referral's title (its actions follow it), else the heading.
 *
 * @fires ck-referral-change - A referral was sent or changed status. `detail: { referralId, caseId, status, from, change, record, recordedFor?, consentOverride? }`.
 * @fires ck-error - Core refused something (also shown in the element, beside the field when it has one). `detail: ErrorDetail`.
 *
 * @slot header-end - Extra controls beside the heading (e.g. a "New referral" button).
 * @slot empty - Shown instead of the default text when the case has no referrals.
 *
 * @csspart header - The heading row.
 * @csspart heading - The element's heading.
 * @csspart summary - The "N referrals" line.
 * @csspart alert - The error banner.
 * @csspart list - The list of referrals.
 * @csspart referral - One referral card.
 * @csspart referral-header - A card's title row.
 * @csspart service - The service name (a heading).
 * @csspart organization - The receiving organisation's name.
 * @csspart badge - Any badge (status, urgency, overdue).
 * @csspart status - The status badge.
 * @csspart overdue - The overdue-acknowledgement badge.
 * @csspart details - The referral's details (need, urgency, reason, contact, dates).
 * @csspart steps - The closed-loop step indicator.
 * @csspart step - One step.
 * @csspart outcome - The outcome / status reason line.
 * @csspart history - The history disclosure.
 * @csspart history-entry - One history entry.
 * @csspart actions - The action buttons of a referral.
 * @csspart action-button - One action button.
 * @csspart record-button - The "Record provider's answer" button.
 * @csspart dialog - The action / send-preview dialog.
 * @csspart share-preview - The "check before sending" step in the dialog.
 * @csspart shared-fields - The client fields the receiving organisation will get, with their values.
 * @csspart share-basis - What sending rests on (the consent and its dates, the override), or that consent is missing.
 * @csspart skeletons - Placeholder rows while the referrals load (the element is `aria-busy` then).
 * @csspart skeleton - One placeholder row.
 *
 * @cssprop --ck-referral-tracker-background - Element background.
 * @cssprop --ck-referral-tracker-card-background - Referral card background.
 * @cssprop --ck-referral-tracker-card-border - Referral card border color.
 * @cssprop --ck-referral-tracker-card-shadow - Referral card shadow.
 * @cssprop --ck-referral-tracker-step-done - Color of completed steps.
 * @cssprop --ck-referral-tracker-step-current - Color of the current step.
 * @cssprop --ck-referral-tracker-step-pending - Color of steps not reached yet.
 * @cssprop --ck-referral-tracker-gap - Space between referral cards.
 */
export class CkReferralTracker extends CasekitElement {
  static override styles = [sharedStyles, skeletonStyles, sharePreviewStyles, referralTrackerStyles];

  /** The case whose referrals are shown. */
  @property({ attribute: 'case-id', reflect: true }) caseId?: string;

  /** Show the referrals without any action (whatever the actor may do). */
  @property({ type: Boolean, reflect: true }) readonly = false;

  /** Never offer "send without consent" (sending needs a consent on file). It is not offered either when the policy refuses `override-consent`. */
  @property({ type: Boolean, attribute: 'no-consent-override' }) noConsentOverride = false;

  /** Heading level of the element's title; referral titles are one below (`aria-level`). */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  /** Accessible name and heading. Default: "Referrals", translated. */
  @property() label?: string;

  @state() private items: Referral[] = [];
  /** The case, for policy questions; undefined when this actor may not read it (e.g. a receiving organisation). */
  @state() private caseRecord?: CaseRecord;
  @state() private loaded = false;
  @state() private message?: string;
  @state() private messageConflict = false;
  @state() private liveText = '';
  @state() private dialog?: TrackerDialog;
  @state() private busyId?: string;

  @query('dialog') private dialogEl?: HTMLDialogElement;

  private readonly casekit = new ManagerController(this, {
    collections: ['referrals', 'cases'],
    onManager: () => void this.refresh(),
    onChange: () => void this.refresh(),
  });

  private readonly reloads = new SerialRunner(() => this.load());
  private generation = 0;
  private returnFocus?: { referralId: string; selector: string };
  /** A control in the open dialog to focus after the next render (the preview's heading, its Send). */
  private focusInDialog?: string;

  /** The referrals shown, newest first. */
  get referrals(): readonly Referral[] {
    return this.items;
  }

  /** Resolves when the referrals have been (re)loaded and rendered. For tests and hosts that need to wait. */
  get loadComplete(): Promise<void> {
    return this.settle([this.reloads]);
  }

  /** Reloads the referrals (done automatically on every core change); calls made during a reload collapse into one more. */
  async refresh(): Promise<void> {
    await this.reloads.run();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.hasUpdated && changed.has('caseId')) {
      this.dialog = undefined;
      this.message = undefined;
      // Another case: its referrals, never the previous client's, once loaded (skeletons until then).
      this.items = [];
      this.loaded = false;
      void this.refresh();
    }
  }

  protected override updated(): void {
    const dialog = this.dialogEl;
    if (dialog && this.dialog && !dialog.open) dialog.showModal();
    if (dialog && !this.dialog && dialog.open) dialog.close();
    if (this.dialog && this.focusInDialog) {
      this.renderRoot.querySelector<HTMLElement>(`dialog ${this.focusInDialog}`)?.focus();
      this.focusInDialog = undefined;
    }
    if (!this.dialog && this.returnFocus) {
      const { referralId, selector } = this.returnFocus;
      const card = this.renderRoot.querySelector<HTMLElement>(`[data-referral="${CSS.escape(referralId)}"]`);
      const target = card?.querySelector<HTMLElement>(selector) ?? card?.querySelector<HTMLElement>('[part~="service"]');
      if (target || !card) this.returnFocus = undefined;
      target?.focus();
    }
  }

  // ---------------------------------------------------------------- data

  private get activeManager(): CaseManager | undefined {
    return this.casekit.value;
  }

  private async load(): Promise<void> {
    const manager = this.activeManager;
    const gen = ++this.generation;
    if (!manager || !this.caseId) {
      this.items = [];
      this.caseRecord = undefined;
      this.loaded = !!manager;
      return;
    }
    const caseId = this.caseId;
    try {
      // The case is asked about by the policy (`can`); a receiving organisation may not read it, only the referrals sent to it.
      const caseRecord = await manager.cases.get(caseId).catch((error: unknown) => {
        if (hasErrorCode(error, 'permission')) return undefined;
        throw error;
      });
      // Core returns the referrals of the case this actor may read (for a provider: those sent to its organisation).
      const list = await manager.referrals.forCase(caseId);
      if (gen !== this.generation) return;
      this.caseRecord = caseRecord;
      // Newest first (core returns oldest first; equal times keep core's order).
      this.items = [...list].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
      this.loaded = true;
      if (this.messageConflict) {
        this.message = undefined;
        this.messageConflict = false;
      }
    } catch (error) {
      if (gen !== this.generation) return;
      this.items = [];
      this.caseRecord = undefined;
      this.loaded = true;
      this.message = this.describe(error, 'load').message;
    }
  }

  // ---------------------------------------------------------------- actions

  /**
   * Actions for a referral: `own` for the actor's side, `record` (the provider's answer, recorded by the
   * referring side). None unless the policy lets this actor transition the referral (`manager.can`), so
   * custom policies and roles are followed exactly.
   */
  private actionsFor(referral: Referral): { own: ReferralStatus[]; record: ReferralStatus[] } {
    const manager = this.activeManager;
    const none = { own: [], record: [] };
    if (!manager || this.readonly) return none;
    if (!manager.can({ action: 'transition', collection: 'referrals', record: referral, case: this.caseRecord })) return none;
    const actor = manager.actor;
    const isPerformer = actor.organizationId !== undefined && actor.organizationId === referral.service.organizationId;
    const own = manager.referrals.allowedTransitions(referral);
    if (isPerformer) return { own, record: [] };
    const record = manager.referrals.allowedTransitions(referral, 'performer').filter((s) => s !== 'cancelled' && !own.includes(s));
    return { own, record };
  }

  /** Offer "send without consent" only when allowed here and the policy lets this actor override consent. */
  private offersOverride(referral: Referral): boolean {
    const manager = this.activeManager;
    if (!manager || this.noConsentOverride) return false;
    return manager.can({ action: 'override-consent', collection: 'referrals', record: referral, case: this.caseRecord });
  }

  private onAction(referral: Referral, to: ReferralStatus): void {
    this.returnFocus = { referralId: referral.id, selector: `[data-action="${to}"]` };
    if (to === 'requested') {
      void this.send(referral);
      return;
    }
    if (DIRECT.includes(to)) {
      void this.direct(referral, to);
      return;
    }
    this.dialog = { kind: 'transition', referral, to, choices: [to] };
  }

  private onRecord(referral: Referral, choices: ReferralStatus[]): void {
    this.returnFocus = { referralId: referral.id, selector: '[part~="record-button"]' };
    this.dialog = { kind: 'record', referral, choices };
  }

  /** Send: first the preview of what the receiving organisation will get (nothing is written). */
  private async send(referral: Referral): Promise<void> {
    this.busyId = referral.id;
    try {
      const share = await this.previewOf(referral);
      this.dialog = { kind: 'preview', referral, to: 'requested', choices: ['requested'], share };
      this.focusInDialog = '[data-share-preview] h2';
      // As when sending was refused: a host may open its consent form on this `ck-error`.
      if (share.preview.basis === 'override-needed') this.describe(consentRequiredError(share), 'send', referral);
    } catch (error) {
      const problem = this.describe(error, 'share-preview', referral);
      if (problem.conflict) await this.refresh();
      this.showMessage(problem);
    } finally {
      this.busyId = undefined;
      this.returnFocus = { referralId: referral.id, selector: '[data-action="requested"]' };
    }
  }

  private previewOf(referral: Referral, override?: ConsentOverrideInput): Promise<SharePreviewModel> {
    const manager = this.activeManager;
    if (!manager) return Promise.reject(new Error('no manager'));
    const names = { clientName: referral.clientName, serviceName: referral.service.serviceName, organizationName: referral.service.organizationName };
    return loadSharePreview(manager, { id: referral.id, version: referral.version }, names, override);
  }

  /** Previews again (with `override`), keeping the dialog; `notice` says why. A conflict reloads the referral first. */
  private async repreview(referral: Referral, override: ConsentOverrideInput | undefined, notice?: string, focus = '[data-share-preview] h2'): Promise<void> {
    const d = this.dialog;
    if (!d) return;
    this.dialog = { ...d, busy: true, problem: undefined, overrideError: undefined };
    let current = referral;
    try {
      let share: SharePreviewModel;
      try {
        share = await this.previewOf(current, override);
      } catch (error) {
        if (!hasErrorCode(error, 'conflict')) throw error;
        current = (await this.reload(referral.id)) ?? referral;
        share = await this.previewOf(current, override);
        notice ??= this.localize.t.sharePreview.changed;
      }
      if (!this.dialog) return;
      this.dialog = { ...this.dialog, referral: current, share, busy: false, ...(notice ? { notice } : { notice: undefined }) };
      this.focusInDialog = focus;
    } catch (error) {
      const problem = this.describe(error, 'share-preview', current);
      if (!this.dialog) return;
      // No longer a draft (sent or cancelled meanwhile): nothing to preview; the banner says why.
      if (hasErrorCode(error, 'transition')) {
        this.dialog = undefined;
        this.showMessage(problem);
        return;
      }
      this.dialog = { ...this.dialog, busy: false, problem };
    }
  }

  /** Send in the preview: sends with the override previewed; a different override typed is previewed instead. */
  private async confirmSend(typed: ConsentOverrideInput | undefined): Promise<void> {
    const d = this.dialog;
    const sp = this.localize.t.sharePreview;
    if (!d?.share || d.busy) return;
    if (overrideChanged(d.share, typed)) {
      await this.previewOverride(typed!, sp.updated);
      return;
    }
    const override = d.share.preview.basis === 'override' ? d.share.override : undefined;
    this.dialog = { ...d, busy: true, problem: undefined, notice: undefined };
    const result = await this.commit(d.referral, 'requested', override ? { consentOverride: override } : {}, 'send');
    if (result === true) {
      this.dialog = undefined;
      return;
    }
    if (!this.dialog) return;
    this.dialog = { ...this.dialog, busy: false };
    if (result.conflict) await this.repreview(d.referral, override, sp.changed);
    else if (result.consent) await this.repreview(d.referral, undefined, sp.consentEnded);
    else this.dialog = { ...this.dialog, problem: result };
  }

  private async previewOverride(override: ConsentOverrideInput, notice?: string): Promise<void> {
    const d = this.dialog;
    if (!d) return;
    if (!override.reason) {
      const problem = this.describe(new ValidationError([{ path: ['consentOverride', 'reason'], code: 'required', message: 'required' }]), 'validate', d.referral);
      this.dialog = { ...d, overrideError: problem.fields.get('overrideReason') };
      this.focusInDialog = '[name="overrideReason"]';
      return;
    }
    await this.repreview(d.referral, override, notice, '[data-confirm-send]');
  }

  private async direct(referral: Referral, to: ReferralStatus): Promise<void> {
    this.busyId = referral.id;
    const result = await this.commit(referral, to, {}, 'transition');
    this.busyId = undefined;
    this.returnFocus = { referralId: referral.id, selector: `[data-action="${to}"]` };
    if (result !== true) this.showMessage(result);
  }

  private showMessage(problem: Problem): void {
    this.message = problem.message;
    this.messageConflict = problem.conflict;
    this.announce(problem.message);
  }

  /** Saves a send or status change through core, announces it and fires `ck-referral-change`. */
  private async commit(referral: Referral, to: ReferralStatus, options: ReferralTransitionOptions, operation: string): Promise<true | Problem> {
    const manager = this.activeManager;
    const rt = this.localize.t.referralTracker;
    if (!manager) return this.describe(new Error('no manager'), operation);
    this.announce(rt.saving);
    try {
      const ref = { id: referral.id, version: referral.version };
      const saved =
        to === 'requested'
          ? await manager.referrals.send(ref, options.consentOverride ? { consentOverride: options.consentOverride } : {})
          : await manager.referrals.transition(ref, to, options);
      this.message = undefined;
      this.messageConflict = false;
      const service = saved.service.serviceName;
      const status = rt.status[saved.status];
      this.announce(
        to === 'requested'
          ? options.consentOverride
            ? rt.announceSentOverride(service)
            : rt.announceSent(service)
          : options.recordedFor
            ? rt.announceRecorded(service, status)
            : rt.announceChanged(service, status),
      );
      this.items = this.items.map((r) => (r.id === saved.id ? saved : r));
      this.emit('ck-referral-change', {
        referralId: saved.id,
        caseId: saved.caseId,
        status: saved.status,
        from: referral.status,
        change: to === 'requested' ? 'sent' : 'transition',
        record: saved,
        ...(options.recordedFor ? { recordedFor: options.recordedFor } : {}),
        ...(to === 'requested' ? { consentOverride: !!options.consentOverride } : {}),
      });
      return true;
    } catch (error) {
      return this.describe(error, operation, referral);
    }
  }

  /** Localizes a core error (referral wording for refused transitions and missing consent) and fires `ck-error`. */
  private describe(error: unknown, operation: string, referral?: Referral): Problem {
    const t = this.localize.t;
    const rt = t.referralTracker;
    const labels: Record<FieldKey, string> = {
      to: rt.answer,
      reason: rt.reasonField,
      outcome: rt.outcomeField,
      outcomeNote: rt.outcomeNoteField,
      overrideReason: rt.overrideReason,
    };
    const described = describeError(error, t, {
      list: (items) => this.localize.list(items, { type: 'disjunction' }),
      statusLabel: (s) => (rt.status as Record<string, string>)[s] ?? s,
      fieldLabel: (path) => {
        const key = fieldKey(path);
        return key ? labels[key] : undefined;
      },
    });
    let message = described.message;
    const fields = new Map<FieldKey, string>();
    for (const [path, text] of described.fields) {
      const key = fieldKey(path);
      if (key && !fields.has(key)) fields.set(key, text);
    }
    const consent = hasErrorCode(error, 'validation') && error.issues.some((i) => i.path[0] === 'consent');
    if (consent && referral) {
      message = rt.consentRequired(referral.clientName, referral.service.organizationName);
    } else if (hasErrorCode(error, 'transition')) {
      const label = (s: string) => (rt.status as Record<string, string>)[s] ?? s;
      message = error.allowed.length
        ? rt.transitionRefused(label(error.from), label(error.to), this.localize.list(error.allowed.map(label), { type: 'disjunction' }))
        : rt.transitionNone(label(error.from), label(error.to));
    } else if (hasErrorCode(error, 'validation') && fields.size === 0 && !consent) {
      // Paths this element has no field for: one message for the dialog.
      message = described.message;
    }
    this.emit('ck-error', { error, code: described.code, message, operation });
    return { message, fields, conflict: described.conflict, consent, code: described.code };
  }

  private closeDialog(e?: Event): void {
    e?.preventDefault();
    this.dialog = undefined;
  }

  private onDialogClosed(): void {
    if (this.dialog) this.dialog = undefined;
  }

  /** After a conflict: load the referral as stored now and keep the dialog (and what was typed) open. */
  private async reloadDialog(): Promise<void> {
    const d = this.dialog;
    const manager = this.activeManager;
    if (!d || !manager) return;
    try {
      const latest = (await this.reload(d.referral.id)) ?? d.referral;
      const actions = this.actionsFor(latest);
      const choices = d.kind === 'record' ? actions.record : d.choices;
      this.dialog = { ...d, referral: latest, choices, problem: undefined };
    } catch (error) {
      this.dialog = { ...d, problem: this.describe(error, 'load', d.referral) };
    }
  }

  private async reload(id: string): Promise<Referral | undefined> {
    await this.refresh();
    return this.items.find((r) => r.id === id);
  }

  private async onReloadBanner(): Promise<void> {
    this.message = undefined;
    this.messageConflict = false;
    await this.refresh();
  }

  private onRecordChoice(e: Event): void {
    const d = this.dialog;
    if (!d) return;
    const value = (e.target as HTMLSelectElement).value as ReferralStatus | '';
    const { to: _previous, ...rest } = d;
    this.dialog = value ? { ...rest, to: value, problem: undefined } : { ...rest, problem: undefined };
  }

  private async onDialogSubmit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const d = this.dialog;
    if (!d || d.busy) return;
    const data = new FormData(e.target as HTMLFormElement);
    const text = (name: string) => ((data.get(name) as string | null) ?? '').trim();
    const to = d.to;
    const issues: ValidationError['issues'] = [];
    if (!to) issues.push({ path: ['to'], code: 'required', message: 'required' });
    if (issues.length || !to) {
      this.dialog = { ...d, problem: this.describe(new ValidationError(issues), 'validate', d.referral) };
      await this.focusInvalid();
      return;
    }
    const options: ReferralTransitionOptions = {};
    if (text('reason')) options.reason = text('reason');
    if (OUTCOME_REQUIRED.includes(to) && text('outcome')) {
      options.outcome = { code: text('outcome') as ReferralOutcomeCode, ...(text('outcomeNote') ? { note: text('outcomeNote') } : {}) };
    }
    if (d.kind === 'record') options.recordedFor = 'performer';
    this.dialog = { ...d, busy: true, problem: undefined };
    const result = await this.commit(d.referral, to, options, to === 'requested' ? 'send' : 'transition');
    if (result === true) {
      this.dialog = undefined;
      return;
    }
    if (!this.dialog) return;
    this.dialog = { ...this.dialog, busy: false, problem: result };
    await this.focusInvalid();
  }

  private async focusInvalid(): Promise<void> {
    await this.updateComplete;
    const target =
      this.renderRoot.querySelector<HTMLElement>('dialog [aria-invalid="true"]') ?? this.renderRoot.querySelector<HTMLElement>('dialog [role="alert"] button, dialog [role="alert"]');
    target?.focus();
  }

  private announce(text: string): void {
    this.liveText = text === this.liveText ? `${text}\u00a0` : text;
  }

  // ---------------------------------------------------------------- closed-loop steps

  private steps(r: Referral): Step[] {
    const rt = this.localize.t.referralTracker;
    const terminal = TERMINAL_REFERRAL_STATUSES.includes(r.status);
    const first = (...to: ReferralStatus[]) => r.history.find((h) => to.includes(h.to));
    const when = (entry?: ReferralStatusChange) => (entry ? this.day(entry.at) : '');
    const sent = first('requested');
    const ack = first('accepted', 'rejected');
    const started = first('in-progress');
    const sentStep: Step = sent
      ? { key: 'sent', state: 'done', detail: when(sent) }
      : { key: 'sent', state: terminal ? 'skipped' : 'current', detail: terminal ? '' : rt.notSent };
    let ackStep: Step;
    if (ack) ackStep = { key: 'acknowledged', state: 'done', detail: `${rt.status[ack.to]}, ${when(ack)}`, ...(ack.to === 'rejected' ? { tone: 'danger' as const } : {}) };
    else if (terminal) ackStep = { key: 'acknowledged', state: 'skipped', detail: '' };
    else if (sent) {
      const overdue = this.activeManager?.referrals.isOverdue(r) ?? false;
      const due = r.acknowledgementDueAt ? this.day(r.acknowledgementDueAt) : '';
      ackStep = { key: 'acknowledged', state: 'current', detail: due ? (overdue ? rt.overdue(due) : rt.answerDue(due)) : '', ...(overdue ? { tone: 'danger' as const } : {}) };
    } else ackStep = { key: 'acknowledged', state: 'pending', detail: '' };
    let progressStep: Step;
    if (r.status === 'in-progress' || r.status === 'on-hold') progressStep = { key: 'inProgress', state: 'current', detail: rt.status[r.status] };
    else if (started) progressStep = { key: 'inProgress', state: 'done', detail: when(started) };
    else if (terminal) progressStep = { key: 'inProgress', state: 'skipped', detail: '' };
    else progressStep = { key: 'inProgress', state: r.status === 'accepted' ? 'current' : 'pending', detail: '' };
    let closedStep: Step;
    if (terminal) {
      const closing = [...r.history].reverse().find((h) => h.to === r.status);
      const outcome = r.outcome ? rt.outcome[r.outcome.code] : '';
      const detail = [rt.status[r.status], outcome, when(closing)].filter(Boolean).join(', ');
      const tone = r.status === 'completed' ? ('success' as const) : r.status === 'failed' || r.status === 'rejected' ? ('danger' as const) : ('muted' as const);
      closedStep = { key: 'closed', state: 'done', detail, tone };
    } else closedStep = { key: 'closed', state: 'pending', detail: '' };
    return [sentStep, ackStep, progressStep, closedStep];
  }

  /** The first referral's title (its actions follow it in Tab order), else (loading, none) the heading. */
  protected override focusTarget(): HTMLElement | null {
    const root = this.renderRoot;
    return root.querySelector<HTMLElement>('[part~="referral"] [part~="service"]') ?? focusableHeading(root.querySelector<HTMLElement>('#tracker-heading'));
  }

  // ---------------------------------------------------------------- render

  /**
   * The day of an instant on the manager's calendar (`manager.timeZone`, the zone core judges overdue
   * in), so "overdue since Nov 27" names the same day as the agency's "today", whatever the browser's zone.
   */
  private day(instant: string): string {
    const timeZone = this.activeManager?.timeZone;
    return this.localize.date(instant, { dateStyle: 'medium', ...(timeZone ? { timeZone } : {}) });
  }

  protected override render(): TemplateResult {
    const t = this.localize.t;
    const rt = t.referralTracker;
    const manager = this.activeManager;
    const label = this.label ?? rt.label;
    const summary = !manager ? t.errors.noManager : this.loaded ? rt.count(this.items.length, this.localize.number(this.items.length)) : t.common.loading;
    const pending = !!manager && !!this.caseId && !this.loaded;
    return html`
      <section class="root" part="root" dir=${this.localize.dir} lang=${this.localize.lang} aria-labelledby="tracker-heading" aria-busy=${pending ? 'true' : 'false'}>
        <div class="header" part="header">
          <div role="heading" aria-level=${this.headingLevel} id="tracker-heading" class="heading" part="heading">${label}</div>
          <slot name="header-end"></slot>
        </div>
        <p class="summary" part="summary">${summary}</p>
        ${this.message
          ? html`<div class="ck-alert alert" part="alert" role="alert">
              <span>${this.message}</span>
              ${this.messageConflict
                ? html`<button type="button" class="ck-button" @click=${this.onReloadBanner}>${t.common.reload}</button>`
                : html`<button type="button" class="ck-button" @click=${() => (this.message = undefined)}>${t.common.dismiss}</button>`}
            </div>`
          : nothing}
        ${this.loaded && manager && this.caseId && this.items.length === 0 && !this.message
          ? html`<slot name="empty"><p class="empty">${rt.empty}</p></slot>`
          : nothing}
        ${pending ? renderSkeletons() : nothing}
        ${this.items.length ? html`<ul class="list" part="list" role="list">${this.items.map((r, i) => this.renderReferral(r, i))}</ul>` : nothing}
        <div class="sr-only" role="status" aria-live="polite" aria-atomic="true">${this.liveText}</div>
        ${this.renderDialog()}
      </section>
    `;
  }

  private renderReferral(r: Referral, index: number): TemplateResult {
    const t = this.localize.t;
    const rt = t.referralTracker;
    const id = `r${index}`;
    const overdue = this.activeManager?.referrals.isOverdue(r) ?? false;
    const due = r.acknowledgementDueAt ? this.day(r.acknowledgementDueAt) : '';
    const contact = [r.service.contact.phone, r.service.contact.email].filter((c): c is string => !!c).map(ltrIsolate).join(' · ');
    const { own, record } = this.actionsFor(r);
    const busy = this.busyId === r.id;
    const tone = r.status === 'completed' ? 'success' : r.status === 'rejected' || r.status === 'failed' ? 'danger' : r.status === 'requested' && overdue ? 'warning' : '';
    return html`
      <li class="referral" part="referral" data-referral=${r.id} data-status=${r.status} aria-labelledby="${id}-title" aria-busy=${busy ? 'true' : 'false'}>
        <div class="referral-header" part="referral-header">
          <div class="title">
            <span role="heading" aria-level=${this.headingLevel + 1} id="${id}-title" class="service" part="service" tabindex="-1">${r.service.serviceName}</span>
            <span class="organization" part="organization">${r.service.organizationName}</span>
          </div>
          <div class="badges">
            <span class="ck-badge status ${tone}" part="badge status" data-status=${r.status}>${rt.status[r.status]}</span>
            ${r.urgency !== 'routine' ? html`<span class="ck-badge warning" part="badge">${rt.urgency[r.urgency]}</span>` : nothing}
            ${overdue ? html`<span class="ck-badge danger" part="badge overdue" data-overdue>${rt.overdue(due)}</span>` : nothing}
          </div>
        </div>
        <dl class="details" part="details">
          <div><dt>${rt.need}</dt><dd>${t.needs[r.service.category] ?? r.service.category}</dd></div>
          <div><dt>${rt.urgencyLabel}</dt><dd>${rt.urgency[r.urgency]}</dd></div>
          ${r.requestedAt ? html`<div><dt>${rt.steps.sent}</dt><dd>${this.day(r.requestedAt)}</dd></div>` : nothing}
          ${contact ? html`<div><dt>${rt.contact}</dt><dd>${contact}</dd></div>` : nothing}
          <div class="wide"><dt>${rt.reason}</dt><dd class="reason">${r.reason}</dd></div>
        </dl>
        ${this.renderSteps(r, id)}
        ${r.outcome || r.statusReason
          ? html`<p class="outcome" part="outcome">
              ${r.outcome
                ? html`<span><strong>${rt.outcomeLabel}:</strong> ${rt.outcome[r.outcome.code]}${r.outcome.note ? html` — <span class="note">${r.outcome.note}</span>` : nothing}</span>`
                : nothing}
              ${r.statusReason ? html`<span><strong>${rt.statusReason}:</strong> <span class="note">${r.statusReason}</span></span>` : nothing}
            </p>`
          : nothing}
        ${this.renderHistory(r)}
        ${own.length || record.length
          ? html`<div class="actions" part="actions" role="group" aria-label=${rt.actions(r.service.serviceName)}>
              ${own.map(
                (to) =>
                  html`<button
                    type="button"
                    class="ck-button ${to === 'requested' || to === 'accepted' || to === 'completed' ? 'primary' : ''}"
                    part="action-button"
                    data-action=${to}
                    ?disabled=${busy}
                    @click=${() => this.onAction(r, to)}
                  >
                    ${rt.action[to]}
                  </button>`,
              )}
              ${record.length
                ? html`<button type="button" class="ck-button" part="record-button" data-action="record" ?disabled=${busy} @click=${() => this.onRecord(r, record)}>
                    ${rt.recordAnswer}
                  </button>`
                : nothing}
            </div>`
          : nothing}
      </li>
    `;
  }

  private renderSteps(r: Referral, id: string): TemplateResult {
    const rt = this.localize.t.referralTracker;
    const stateText: Record<StepState, string> = { done: rt.stepDone, current: rt.stepCurrent, pending: rt.stepPending, skipped: rt.stepSkipped };
    return html`
      <ol class="steps" part="steps" aria-label=${rt.progress} id="${id}-steps">
        ${this.steps(r).map(
          (step) => html`<li
            class="step"
            part="step"
            data-step=${step.key}
            data-state=${step.state}
            data-tone=${step.tone ?? ''}
            aria-current=${step.state === 'current' ? 'step' : 'false'}
          >
            <span class="marker" aria-hidden="true">${step.state === 'done' ? (step.tone === 'danger' ? '✕' : '✓') : step.state === 'skipped' ? '–' : ''}</span>
            <span class="step-text">
              <span class="step-label">${rt.steps[step.key]}</span>
              <span class="sr-only">, ${stateText[step.state]}</span>
              ${step.detail ? html`<span class="step-detail">${step.detail}</span>` : nothing}
            </span>
          </li>`,
        )}
      </ol>
    `;
  }

  private renderHistory(r: Referral): TemplateResult {
    const rt = this.localize.t.referralTracker;
    const entries = [...r.history].reverse();
    return html`
      <details class="history" part="history">
        <summary>${rt.history(entries.length, this.localize.number(entries.length))}</summary>
        <ol>
          ${entries.map(
            (h) => html`<li part="history-entry" data-to=${h.to}>
              <time datetime=${h.at}>${this.localize.date(h.at, { dateStyle: 'medium', timeStyle: 'short' })}</time>
              <span class="move">${h.from ? rt.historyMove(rt.status[h.from], rt.status[h.to]) : rt.historyCreated(rt.status[h.to])}</span>
              <span class="by">${rt.historyBy(h.by.name, rt.side[h.side])}</span>
              ${h.recordedFor ? html`<span class="ck-badge recorded" part="badge" data-recorded-for>${rt.recordedForProvider}</span>` : nothing}
              ${h.reason ? html`<span class="reason">${h.reason}</span>` : nothing}
            </li>`,
          )}
        </ol>
      </details>
    `;
  }

  private renderDialog(): TemplateResult {
    const t = this.localize.t;
    const rt = t.referralTracker;
    const d = this.dialog;
    const problem = d?.problem;
    const fieldError = (key: FieldKey) => problem?.fields.get(key);
    const general = problem && (problem.fields.size === 0 || problem.conflict) ? problem.message : undefined;
    const invalid = (key: FieldKey) => (fieldError(key) ? 'true' : 'false');
    const field = (key: FieldKey) => html`<span id="${key}-error" class="ck-field-error">${fieldError(key) ?? ''}</span>`;
    let body: TemplateResult | typeof nothing = nothing;
    let title = '';
    const submit = rt.save;
    if (d && d.kind !== 'preview') {
      const service = d.referral.service.serviceName;
      const to = d.to;
      title = d.kind === 'record' ? rt.recordTitle(service) : rt.dialogTitle(rt.action[to!], service);
      const needsReason = !!to && REASON_REQUIRED.includes(to);
      const needsOutcome = !!to && OUTCOME_REQUIRED.includes(to);
      body = html`
        ${d.kind === 'record'
          ? html`<p id="dialog-description" class="hint">${rt.recordHint(d.referral.service.organizationName)}</p>
              <label class="ck-field">
                <span>${rt.answer} (${t.common.required})</span>
                <select name="to" autofocus aria-required="true" aria-invalid=${invalid('to')} aria-describedby="to-error" @change=${this.onRecordChoice}>
                  <option value="" ?selected=${!to}>${rt.choose}</option>
                  ${d.choices.map((s) => html`<option value=${s} ?selected=${to === s}>${rt.status[s]}</option>`)}
                </select>
              </label>
              ${field('to')}`
          : nothing}
        ${needsOutcome
          ? html`<label class="ck-field">
                <span>${rt.outcomeField} (${t.common.required})</span>
                <select name="outcome" ?autofocus=${d.kind !== 'record'} aria-required="true" aria-invalid=${invalid('outcome')} aria-describedby="outcome-error">
                  <option value="">${rt.choose}</option>
                  ${REFERRAL_OUTCOME_CODES.map((code) => html`<option value=${code}>${rt.outcome[code]}</option>`)}
                </select>
              </label>
              ${field('outcome')}
              <label class="ck-field">
                <span>${rt.outcomeNoteField} (${t.common.optional})</span>
                <textarea name="outcomeNote" aria-invalid=${invalid('outcomeNote')} aria-describedby="outcomeNote-error"></textarea>
              </label>
              ${field('outcomeNote')}`
          : nothing}
        <label class="ck-field">
          <span>${needsReason ? `${rt.reasonField} (${t.common.required})` : `${needsOutcome ? rt.reasonField : rt.noteField} (${t.common.optional})`}</span>
          <textarea
            name="reason"
            ?autofocus=${d.kind !== 'record' && !needsOutcome}
            aria-required=${needsReason ? 'true' : 'false'}
            aria-invalid=${invalid('reason')}
            aria-describedby="reason-error"
          ></textarea>
        </label>
        ${field('reason')}
      `;
    }
    return html`
      <dialog
        part="dialog"
        aria-labelledby="dialog-title"
        aria-describedby=${d?.kind === 'record' ? 'dialog-description' : nothing}
        @cancel=${this.closeDialog}
        @close=${this.onDialogClosed}
      >
        ${d?.kind === 'preview' && d.share
          ? renderSharePreview(
              {
                model: d.share,
                headingId: 'dialog-title',
                headingLevel: 2,
                notice: d.notice,
                error: general,
                overrideError: d.overrideError,
                offersOverride: this.offersOverride(d.referral),
                busy: !!d.busy,
                onBack: () => this.closeDialog(),
                onSend: (override) => void this.confirmSend(override),
                onPreviewOverride: (override) => void this.previewOverride(override),
                onCheckAgain: () => void this.repreview(d.referral, undefined),
              },
              this.localize,
            )
          : d
          ? html`<form method="dialog" novalidate @submit=${this.onDialogSubmit}>
              <h2 id="dialog-title">${title}</h2>
              ${general
                ? html`<div class="ck-alert" role="alert" part="dialog-alert">
                    <span>${general}</span>
                    ${problem?.conflict ? html`<button type="button" class="ck-button" @click=${this.reloadDialog}>${t.common.reload}</button>` : nothing}
                  </div>`
                : nothing}
              ${body}
              <div class="dialog-actions">
                <button type="button" class="ck-button" @click=${this.closeDialog}>${t.common.cancel}</button>
                <button type="submit" class="ck-button primary" ?disabled=${!!d.busy}>${d.busy ? rt.saving : submit}</button>
              </div>
            </form>`
          : nothing}
      </dialog>
    `;
  }
}

/** Maps a core validation path (`options.outcome.code`, `reason`, `consentOverride.reason`) to a dialog field. */
function fieldKey(path: string): FieldKey | undefined {
  const p = path.replace(/^options\./, '');
  if (p === 'to') return 'to';
  if (p === 'reason') return 'reason';
  if (p === 'outcome.note') return 'outcomeNote';
  if (p === 'outcome' || p.startsWith('outcome.')) return 'outcome';
  if (p === 'consentOverride' || p.startsWith('consentOverride.')) return 'overrideReason';
  return undefined;
}
