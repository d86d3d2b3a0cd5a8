import type { PropertyValues, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Answers, ExpressionEngine, Priority, QuestionnaireDefinition, ResponseEvaluation } from '@casekit/core';
import { ManagerController } from '../../controllers/manager-controller.js';
import { CasekitElement } from '../../internal/casekit-element.js';
import { firstInvalid, firstTabbable } from '../../internal/focus-target.js';
import { dateHintStyles } from '../../internal/date-hint.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import { intakeFormStyles } from './intake-form.styles.js';
import { duplicateReview } from './intake-confirmation.js';
import { DefinitionSource } from './intake-definition-source.js';
import { IntakeDraftController } from './intake-draft.js';
import { DuplicateCheckController } from './intake-duplicate-check.js';
import { applySubmitError, errorList, sectionFieldLabel, type ErrorEntry, type ShownSections } from './intake-errors.js';
import { IntakeFieldInput } from './intake-field-input.js';
import { IntakeFormAssociation } from './intake-form-association.js';
import { IntakeFormState } from './intake-form-state.js';
import { readOnlyText, renderIntakeForm } from './intake-form-view.js';
import { SubmitPermission } from './intake-permission.js';
import { PendingFocus } from './intake-pending-focus.js';
import { prepareSubmit, saveSubmission, savedAnnouncement } from './intake-submit.js';
import type { IntakeDraftData, IntakeFormMode, IntakePhase, IntakeSubmitResult } from './intake-types.js';

export type { IntakeCaseFields, IntakeClientFields, IntakeDraftData, IntakeFormMode, IntakeSubmitResult } from './intake-types.js';

/**
 * @summary Renders a casekit questionnaire (intake, PHQ-9 or your own definition), validates as the
 * user goes, shows scores, flags and derived needs before submit, autosaves a draft, and creates the
 * client + case + assessment in one transaction (or adds an assessment to an existing case).
 *
 * Every item type of a core definition is supported (display, group, string, text, choice as radio
 * buttons or a list, multi-choice as check boxes honouring `exclusive`, boolean, integer, decimal,
 * date), with enableWhen (hidden questions disappear; their answers stay in the draft and are dropped
 * on submit) and repeating groups (entries keep their answers by stable instance id).
 *
 * It is also a form-associated control: inside a host `<form>` its value (under `name`) is the JSON
 * of the answers as they would be stored, its validity mirrors the questionnaire's required and
 * invalid answers, and a form reset clears it.
 *
 * When the policy (`manager.can`) would refuse the save — `create` on clients for an intake, `create`
 * on assessments of the case with `case-id` — the form is shown disabled with a short note and no
 * submit button, instead of being filled in only to be refused.
 *
 * `focus()` goes to the first invalid answer, else the error banner, else the first field; after
 * saving, to the confirmation.
 *
 * @fires ck-intake-submit - Cancelable, before anything is written: `preventDefault()` vetoes the submit. `detail: IntakeSubmitDetail`.
 * @fires ck-intake-submitted - After the intake or assessment was saved. `detail: IntakeSubmittedDetail` (ids, records, `possibleDuplicates`).
 * @fires ck-duplicate-review - The user asked to review a possible duplicate client shown after an intake (only a client this actor may read: a match on a caseload they cannot see is shown as a note to ask a supervisor, without a name and without a review action). `detail: DuplicateReviewDetail`.
 * @fires ck-error - Core refused something (the message is also shown in the element). `detail: ErrorDetail`.
 *
 * @slot header - Replaces the questionnaire title and description.
 * @slot actions - Extra buttons beside the submit button (e.g. "Cancel").
 *
 * @csspart title - The questionnaire title.
 * @csspart description - The questionnaire description.
 * @csspart flags - The sticky region with raised flags.
 * @csspart flag - One flag (`flag critical` for a critical one).
 * @csspart flag-list - The live region holding the warning and info flags.
 * @csspart badge - A need or flag badge in the summary.
 * @csspart form - The form element.
 * @csspart client-section - The client fields (intake mode without `client-id`).
 * @csspart case-section - The case fields (program, priority).
 * @csspart group - A (non-repeating) group of questions.
 * @csspart repeat - A repeating group.
 * @csspart instance - One entry of a repeating group.
 * @csspart add-button - Adds an entry to a repeating group.
 * @csspart remove-button - Removes an entry.
 * @csspart question - One question (label, help, control, error).
 * @csspart scale-grid - Questions sharing one answer scale (PHQ-9) as a table: rows are questions, columns answers; stacked when narrow.
 * @csspart scale-row - One question's row in a scale grid (also `question`).
 * @csspart label - A question's label or legend.
 * @csspart help - A question's help text.
 * @csspart control - An input, select or text area.
 * @csspart field-error - The message beside a field.
 * @csspart display - A display item (text only).
 * @csspart summary - Scores, needs and flags before submit.
 * @csspart error-summary - The list of problems shown after a submit attempt.
 * @csspart alert - An error banner (a refused save).
 * @csspart read-only - The note shown when the policy refuses submitting here (the form is then disabled).
 * @csspart actions - The row with the submit button.
 * @csspart submit-button - The submit button.
 * @csspart draft-status - "Draft saved" text.
 * @csspart confirmation - The confirmation shown after saving.
 * @csspart duplicates - Possible duplicate clients after an intake (also on the restricted note).
 * @csspart possible-duplicates - Possible duplicates found while the client's name and birth date are typed, before saving.
 * @csspart use-client-button - "Use this client" on a possible duplicate: the intake opens the case for that client.
 * @csspart chosen-client - Shown instead of the client fields once an existing client was picked.
 * @csspart new-client-button - "Register a new client instead" (back to the client fields, as typed).
 * @csspart restricted-duplicate - The note that a possible match is on a caseload this actor cannot see (no name, no review action).
 * @csspart date-hint - Under a date field: its format (the browser's day-month-year order) and, once filled, the date in words.
 *
 * @cssprop --ck-intake-form-background - Element background.
 * @cssprop --ck-intake-form-max-width - Maximum width of the form. Default 48rem.
 * @cssprop --ck-intake-form-gap - Space between sections.
 * @cssprop --ck-intake-form-section-background - Background of groups and sections.
 * @cssprop --ck-intake-form-section-border - Border color of groups and sections.
 * @cssprop --ck-intake-form-instance-background - Background of repeating-group entries.
 * @cssprop --ck-intake-form-label-color - Question label color.
 * @cssprop --ck-intake-form-error-color - Field error color.
 * @cssprop --ck-intake-form-critical-background - Background of a critical flag.
 * @cssprop --ck-intake-form-critical-color - Text and border color of a critical flag.
 * @cssprop --ck-intake-form-flag-top - Sticky offset of the flag region (e.g. below a host header).
 * @cssprop --ck-date-hint-color - Text color of date fields' hints. Default the muted text color.
 */
export class CkIntakeForm extends CasekitElement {
  static override styles = [sharedStyles, dateHintStyles, intakeFormStyles];
  static formAssociated = true;

  /** The questionnaire to render. Wins over `questionnaire-id`. Treat it as immutable (build a new object to change it). */
  @property({ attribute: false }) definition?: QuestionnaireDefinition;

  /** Id of a questionnaire the manager knows (shipped instruments work without a manager too). */
  @property({ attribute: 'questionnaire-id' }) questionnaireId?: string;

  /** Submit an assessment to this existing case instead of creating client + case. */
  @property({ attribute: 'case-id' }) caseId?: string;

  /** Intake for this existing client (no client section; a new case is opened). */
  @property({ attribute: 'client-id' }) clientId?: string;

  /** Key of the autosaved draft. Default: `ck-intake-form:<questionnaire id>:<case id | client id | new>`. */
  @property({ attribute: 'draft-key' }) draftKey?: string;

  /** Program of the new case; when set, the program field is not shown. */
  @property() program?: string;

  /** Default priority of the new case. */
  @property() priority: Priority = 'medium';

  /** Name under which a host `<form>` submits the answers JSON. */
  @property({ reflect: true }) name?: string;

  /** Disables every control. */
  @property({ type: Boolean, reflect: true }) disabled = false;

  /** No submit button and no client/case section: a host form (or code) submits. */
  @property({ type: Boolean, attribute: 'no-submit' }) noSubmit = false;

  /** Autosave delay in milliseconds after the last edit. */
  @property({ type: Number, attribute: 'autosave-delay' }) autosaveDelay = 500;

  /** Delay in milliseconds after the client's name and birth date are typed before looking for possible duplicates. */
  @property({ type: Number, attribute: 'duplicate-check-delay' }) duplicateCheckDelay = 400;

  /** Choice questions with more options than this are shown as a list box instead of radio buttons. */
  @property({ type: Number, attribute: 'select-threshold' }) selectThreshold = 7;

  /**
   * Evaluates SDC expressions (calculatedExpression, enableWhenExpression, variables, initialExpression),
   * e.g. `createFhirPathEngine()` from @casekit/fhir. Without one, calculated items stay empty and
   * items shown by an enableWhenExpression are always shown.
   */
  @property({ attribute: false }) expressionEngine?: ExpressionEngine;

  @state() private phase: IntakePhase = 'editing';
  @state() private message?: string;
  @state() private loadError?: string;
  @state() private liveText = '';
  @state() private result?: IntakeSubmitResult;
  @state() private formDisabled = false;
  /** The definition to render: the property, or the one `questionnaire-id` names (fetched on first use). */
  private readonly source = new DefinitionSource({
    loaded: () => {
      this.syncSource();
      this.checkPermission();
      this.requestUpdate();
    },
    failed: (error) => (this.loadError = this.reportError(error, 'load').message),
  });

  /** Form value and validity for a host `<form>`. */
  private readonly association = new IntakeFormAssociation(this.attachInternals());
  private readonly casekit = new ManagerController(this, {
    collections: ['drafts', 'cases'],
    onManager: () => {
      this.syncSource();
      this.checkPermission();
      this.requestUpdate();
    },
    // A case assigned to (or taken from) this actor changes what they may submit.
    onChange: (batch) => {
      if (this.mode === 'assessment' && batch.changes.some((c) => c.collection === 'cases')) this.checkPermission();
    },
  });
  /** The policy refuses what submitting would do here: the form is shown read-only with a note. */
  private readonly permission = new SubmitPermission(this);

  /** Autosave, restore and conflict handling of the stored draft. */
  private readonly draft = new IntakeDraftController(this, {
    localize: this.localize,
    definition: () => this.activeDefinition,
    key: () => this.effectiveDraftKey,
    links: () => ({ caseId: this.caseId, clientId: this.clientId }),
    delay: () => this.autosaveDelay,
    editing: () => this.phase === 'editing',
    dirty: () => this.formState.dirty,
    setDirty: (dirty) => (this.formState.dirty = dirty),
    data: () => this.draftData(),
    restore: (data) => this.restore(data),
    loadStarted: () => (this.phase = 'loading'),
    loadEnded: () => {
      if (this.phase === 'loading') this.phase = 'editing';
      this.evaluate();
      this.updateFormValue();
      this.requestUpdate();
    },
    announce: (text) => this.announce(text),
    reportError: (error, operation) => this.reportError(error, operation),
  });

  /** Possible duplicates of the client being typed, and the existing client the user picked instead. */
  private readonly duplicates = new DuplicateCheckController(this, {
    manager: () => this.casekit.value,
    client: () => this.formState.client,
    enabled: () => this.sections.client && !this.permission.refused,
    delay: () => this.duplicateCheckDelay,
  });

  private activeDefinition?: QuestionnaireDefinition;
  private identity = '';
  /** The answers and fields as entered, and core's latest evaluation of them. */
  private readonly formState = new IntakeFormState();
  /** Typing, choosing and leaving fields; adding and removing entries of repeating groups. */
  private readonly input = new IntakeFieldInput({
    localize: this.localize,
    state: this.formState,
    root: () => this.renderRoot,
    answered: () => this.afterEdit(),
    sectionEdited: (identity) => {
      if (identity) this.duplicates.schedule();
      this.updateFormValue();
      this.draft.schedule();
      this.requestUpdate();
    },
    focusLater: (id, within) => this.nextFocus.set(id, within),
    announce: (text) => this.announce(text),
    requestUpdate: () => this.requestUpdate(),
  });
  /** Where focus goes after the next render. */
  private readonly nextFocus = new PendingFocus();

  constructor() {
    super();
    // The host form checked validity (requestSubmit / reportValidity): show every problem.
    this.addEventListener('invalid', () => {
      this.formState.attempted = true;
      this.requestUpdate();
    });
  }

  // ---------------------------------------------------------------- public API

  /** The draft answers (including answers to questions hidden right now). Setting replaces them. */
  get answers(): Answers {
    return this.formState.answers;
  }
  set answers(value: Answers) {
    this.formState.answers = value ?? {};
    this.afterEdit(false);
  }

  /** The latest evaluation: stored response, issues, scores, flags, needs. */
  get evaluation(): ResponseEvaluation | undefined {
    return this.formState.evaluation;
  }

  /** The form value: JSON of the answers as they would be stored. */
  get value(): string {
    return JSON.stringify(this.formState.evaluation?.response ?? {});
  }

  /** `intake`, `assessment` (with `case-id`) or `answers` (with `no-submit`). */
  get mode(): IntakeFormMode {
    if (this.noSubmit) return 'answers';
    return this.caseId ? 'assessment' : 'intake';
  }

  /** The key the draft is saved under. */
  get effectiveDraftKey(): string {
    const id = this.activeDefinition?.id ?? this.questionnaireId ?? 'questionnaire';
    return this.draftKey || `ck-intake-form:${id}:${this.caseId ?? this.clientId ?? 'new'}`;
  }

  /** Resolves once a stored draft has been looked up (and restored) and the element has rendered. */
  get loadComplete(): Promise<void> {
    return (async () => {
      await this.updateComplete;
      await this.source.pending;
      await this.updateComplete;
      while (this.draft.loading) await this.draft.loading;
      while (this.permission.pending) await this.permission.pending;
      await this.updateComplete;
    })();
  }

  get form(): HTMLFormElement | null {
    return this.association.form;
  }
  get validity(): ValidityState {
    return this.association.validity;
  }
  get validationMessage(): string {
    return this.association.validationMessage;
  }
  get willValidate(): boolean {
    return this.association.willValidate;
  }
  checkValidity(): boolean {
    return this.association.checkValidity();
  }
  reportValidity(): boolean {
    return this.association.reportValidity();
  }

  /** Shows every problem (as a submit attempt does, without submitting). True when there are none. */
  validate(): boolean {
    this.formState.attempted = true;
    this.evaluate();
    const ok = this.errorList().length === 0;
    if (!ok) this.nextFocus.set('error-summary');
    this.requestUpdate();
    return ok;
  }

  /** Saves the draft now instead of waiting for the autosave delay. */
  async flushDraft(): Promise<void> {
    await this.draft.flush();
  }

  /** Clears every answer and field and discards the stored draft. */
  async reset(): Promise<void> {
    this.draft.cancelAutosave();
    this.resetState();
    this.phase = 'editing';
    this.evaluate();
    this.updateFormValue();
    await this.draft.discard();
    this.requestUpdate();
  }

  /**
   * Validates, fires the cancelable `ck-intake-submit`, then saves (intake: client + case +
   * assessment in one transaction; with `case-id`: an assessment). Resolves to what was saved, or
   * undefined when there were problems, the host vetoed, or core refused (shown in the element).
   */
  async submit(): Promise<IntakeSubmitResult | undefined> {
    const definition = this.activeDefinition;
    if (!definition || this.phase !== 'editing' || this.mode === 'answers') return undefined;
    const { t } = this.localize;
    if (this.permission.refused) {
      this.announce(readOnlyText(this.mode, this.localize));
      return undefined;
    }
    this.formState.attempted = true;
    this.message = undefined;
    this.formState.serverErrors.clear();
    this.requestUpdate();
    this.evaluate();
    if (this.errorList().length) {
      this.nextFocus.set('error-summary');
      this.requestUpdate();
      return undefined;
    }
    const manager = this.casekit.value;
    if (!manager) {
      this.message = t.errors.noManager;
      this.nextFocus.set('alert');
      return undefined;
    }
    const { detail, submission } = prepareSubmit({
      definition,
      evaluation: this.formState.evaluation!,
      mode: this.mode === 'assessment' ? 'assessment' : 'intake',
      state: this.formState,
      clientId: this.clientId,
      caseId: this.caseId,
      program: this.program,
      chosenClientId: this.duplicates.chosen?.id,
      draftKey: this.effectiveDraftKey,
    });
    if (!this.emit('ck-intake-submit', detail)) {
      this.announce(t.intakeForm.submitVetoed);
      return undefined;
    }

    this.phase = 'submitting';
    this.draft.cancelAutosave();
    await this.draft.invalidate();
    try {
      const { saved, submitted } = await saveSubmission(manager, submission(this.effectiveDraftKey, this.localize.lang));
      this.announce(savedAnnouncement(saved, this.localize));
      this.result = saved;
      this.phase = 'submitted';
      this.formState.dirty = false;
      this.draft.ref = undefined;
      this.draft.status = 'idle';
      this.nextFocus.set('confirmation');
      // Emitted once the element is in its submitted state, so a listener may act on it (e.g. reset()).
      this.emit('ck-intake-submitted', submitted);
      return saved;
    } catch (error) {
      this.phase = 'editing';
      this.applySubmitError(error);
      return undefined;
    }
  }

  // ---------------------------------------------------------------- form association

  formResetCallback(): void {
    void this.reset();
  }

  formDisabledCallback(disabled: boolean): void {
    this.formDisabled = disabled;
  }

  formStateRestoreCallback(state: string | File | FormData | null): void {
    if (typeof state !== 'string') return;
    try {
      if (this.restore(JSON.parse(state) as unknown)) this.afterEdit(false);
    } catch {
      // Not ours; ignore.
    }
  }

  // ---------------------------------------------------------------- lifecycle

  protected override willUpdate(changed: PropertyValues<this>): void {
    const inputs = ['definition', 'questionnaireId', 'caseId', 'clientId', 'draftKey'] as const;
    if (!this.hasUpdated || inputs.some((key) => changed.has(key))) this.syncSource();
    if (!this.hasUpdated || changed.has('caseId') || changed.has('clientId') || changed.has('noSubmit')) this.checkPermission();
    if (changed.has('priority') && !this.formState.dirty) this.formState.caseFields = { ...this.formState.caseFields, priority: this.priority };
    if (this.hasUpdated && changed.has('expressionEngine') && this.activeDefinition) {
      this.evaluate();
      this.updateFormValue();
    }
    if (this.activeDefinition && this.localize.lang !== this.formState.lang) this.evaluate();
  }

  protected override updated(): void {
    this.association.updateValidity(this.activeDefinition, this.formState, this.renderRoot, this.localize);
    this.nextFocus.apply(this.renderRoot);
  }

  /** The first invalid answer, else the error banner, else the first field (the title while loading); the confirmation once saved. */
  protected override focusTarget(): HTMLElement | null {
    const root = this.renderRoot;
    if (this.phase === 'submitted') return root.querySelector<HTMLElement>('#confirmation') ?? super.focusTarget();
    const form = root.querySelector('form');
    return firstInvalid(form) ?? root.querySelector<HTMLElement>('#alert') ?? firstTabbable(form) ?? root.querySelector<HTMLElement>('#form-title') ?? super.focusTarget();
  }

  // ---------------------------------------------------------------- source, drafts

  /** Picks up the definition, the draft key and the manager; resets and reloads the draft when they changed. */
  private syncSource(): void {
    const manager = this.casekit.value;
    const source = this.source.resolveChecked(this.definition, this.questionnaireId, manager);
    const definition = source.ok ? source.definition : undefined;
    this.loadError = source.ok ? undefined : this.reportError(source.error, 'load').message;
    const identity = definition ? `${definition.id}@${definition.version}|${this.draftKey || ''}|${this.caseId ?? ''}|${this.clientId ?? ''}` : '';
    const sourceChanged = identity !== this.identity;
    if (sourceChanged) {
      this.draft.cancelAutosave();
      this.resetState();
      this.result = undefined;
      this.phase = 'editing';
      this.draft.ref = undefined;
      this.draft.status = 'idle';
    }
    if (definition !== this.activeDefinition) this.formState.index(definition);
    this.activeDefinition = definition;
    this.identity = identity;
    if ((sourceChanged || manager !== this.draft.manager) && definition) {
      this.draft.manager = manager;
      if (manager) void this.draft.load(manager, this.effectiveDraftKey);
    }
    if (definition) {
      this.evaluate();
      this.updateFormValue();
    }
  }

  /** Asks the policy whether submitting here would be allowed (see SubmitPermission). */
  private checkPermission(): void {
    this.permission.check(this.casekit.value, this.mode, { clientId: this.clientId, caseId: this.caseId });
  }

  private resetState(): void {
    this.formState.reset(this.source.resolveQuietly(this.definition, this.questionnaireId, this.casekit.value), this.expressionEngine, this.priority);
    this.duplicates.reset();
    this.message = undefined;
  }

  /** Restores draft data; false when it is not a draft of this questionnaire. */
  private restore(data: unknown): boolean {
    return this.formState.restore(data, this.activeDefinition, this.priority);
  }

  private draftData(): IntakeDraftData {
    return this.formState.draftData(this.activeDefinition!);
  }

  // ---------------------------------------------------------------- evaluation

  private evaluate(): void {
    if (this.activeDefinition) this.formState.evaluate(this.activeDefinition, this.expressionEngine, this.localize.lang);
  }

  private afterEdit(userEdit = true): void {
    if (userEdit) this.formState.dirty = true;
    this.evaluate();
    this.updateFormValue();
    if (userEdit) this.draft.schedule();
    this.requestUpdate();
  }

  private updateFormValue(): void {
    if (this.activeDefinition) this.association.setValue(this.activeDefinition, this.value, this.formState);
  }

  // ---------------------------------------------------------------- problems, announcements

  /** An intake shows the case fields, and the client fields unless it is for `client-id`. */
  private get sections(): ShownSections {
    return { client: this.mode === 'intake' && !this.clientId, case: this.mode === 'intake', clientChosen: !!this.duplicates.chosen };
  }

  private errorList(): ErrorEntry[] {
    return errorList(this.formState, this.sections, this.program, this.localize);
  }

  /** Places core's refusal beside the fields it names; anything it can't place goes to the banner. */
  private applySubmitError(error: unknown): void {
    const problem = this.reportError(error, 'submit', (path) => sectionFieldLabel(path, this.localize));
    if (applySubmitError(error, problem.fields, this.formState, this.sections, this.localize)) this.message = problem.message;
    this.nextFocus.set(this.formState.serverErrors.size ? 'error-summary' : 'alert');
    this.requestUpdate();
  }

  private announce(text: string): void {
    // Re-announce identical messages: clear first, then set on the next frame.
    this.liveText = '';
    setTimeout(() => {
      this.liveText = text;
    }, 30);
  }

  private startAnother(): void {
    this.result = undefined;
    void this.reset();
    this.nextFocus.set('form-title');
  }

  // ---------------------------------------------------------------- render

  override render(): TemplateResult {
    return renderIntakeForm({
      localize: this.localize,
      root: this.renderRoot,
      definition: this.activeDefinition,
      loadError: this.loadError,
      liveText: this.liveText,
      phase: this.phase,
      result: this.result,
      message: this.message,
      state: this.formState,
      input: this.input,
      duplicates: this.duplicates,
      draftStatus: this.draft.status,
      mode: this.mode,
      sections: this.sections,
      refused: this.permission.refused,
      disabled: this.isDisabled,
      program: this.program,
      selectThreshold: this.selectThreshold,
      submit: () => void this.submit(),
      keepMyDraft: () => void this.draft.keepMine(),
      loadOtherDraft: () => void this.draft.loadOther(),
      reviewDuplicate: (i) => {
        const detail = duplicateReview(this.result, i);
        if (detail) this.emit('ck-duplicate-review', detail);
      },
      startAnother: () => this.startAnother(),
      focusLater: (id) => this.nextFocus.set(id),
    });
  }

  private get isDisabled(): boolean {
    return this.disabled || this.formDisabled || this.permission.refused;
  }
}
