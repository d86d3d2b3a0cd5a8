import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { guard } from 'lit/directives/guard.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import {
  addInstance,
  AnswersSchema,
  compileQuestionnaire,
  ConflictError,
  displayName,
  getInstrument,
  instancesOf,
  localizedText,
  PRIORITIES,
  PROGRAMS,
  removeInstance,
  setAnswer,
  ValidationError,
  visibleItems,
  evaluateResponse,
  type Answers,
  type AnswerValue,
  type Assessment,
  type CaseManager,
  type ChoiceItem,
  type ClientInput,
  type GroupItem,
  type InstanceRef,
  type IntakeResult,
  type Item,
  type Priority,
  type QuestionItem,
  type QuestionnaireDefinition,
  type ResponseEvaluation,
  type ResponseIssue,
  type VersionRef,
  type VisibleItem,
} from '@casekit/core';
import { ManagerController } from '../../controllers/manager-controller.js';
import type { IntakeSubmitDetail } from '../../events/events.js';
import { CasekitElement } from '../../internal/casekit-element.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import { intakeFormStyles } from './intake-form.styles.js';

/** The client fields of the intake section (all strings as typed, so a draft restores them exactly). */
export interface IntakeClientFields {
  given: string;
  family: string;
  birthDate: string;
  phone: string;
  /** BCP 47 tag or ''. */
  language: string;
  interpreterNeeded: boolean;
}

/** The case fields of the intake section. */
export interface IntakeCaseFields {
  program: string;
  priority: Priority;
}

/** What `<ck-intake-form>` keeps in a draft (`manager.drafts`, `data`) and in its form state. */
export interface IntakeDraftData {
  format: 'ck-intake-form/1';
  questionnaireId: string;
  questionnaireVersion: string;
  /** Every answer typed, including answers to questions hidden right now. */
  answers: Answers;
  client: IntakeClientFields;
  caseFields: IntakeCaseFields;
}

/** What `submit()` resolves to once saved. */
export type IntakeSubmitResult = { mode: 'intake'; result: IntakeResult } | { mode: 'assessment'; assessment: Assessment };

/** `intake`: creates client + case + assessment; `assessment`: adds an assessment to `case-id`; `answers`: no submit (a host form owns it). */
export type IntakeFormMode = 'intake' | 'assessment' | 'answers';

type Phase = 'editing' | 'loading' | 'submitting' | 'submitted';
type DraftStatus = 'idle' | 'saving' | 'saved' | 'restored' | 'conflict' | 'error';

interface ErrorEntry {
  key: string;
  /** Id of the control to focus from the error summary. */
  target: string;
  label: string;
  message: string;
}

const CLIENT_KEYS = ['client.given', 'client.family', 'client.birthDate', 'client.phone', 'client.language', 'case.program', 'case.priority'] as const;
type ClientKey = (typeof CLIENT_KEYS)[number];

/** Preferred-language choices of the client section (labels come from `Intl.DisplayNames`). */
const CLIENT_LANGUAGES = ['en', 'es', 'zh', 'vi', 'ar', 'tl', 'ht', 'ru', 'ko', 'so', 'fr', 'pt'];

const emptyClient = (): IntakeClientFields => ({ given: '', family: '', birthDate: '', phone: '', language: '', interpreterNeeded: false });

let instanceCounter = 0;
/** A new repeat-instance id: `<group>-<random>`; stable for the life of the instance. */
function newInstanceId(group: string): string {
  const random = globalThis.crypto?.randomUUID?.().slice(0, 8) ?? `${Date.now().toString(36)}${(++instanceCounter).toString(36)}`;
  return `${group}-${random}`;
}

/** Text typed into a number field: '' -> no answer; a number -> the number; anything else stays text (core reports it). */
function parseNumber(raw: string): number | string | undefined {
  const text = raw.trim();
  if (!text) return undefined;
  const normalized = text.includes('.') ? text : text.replace(',', '.');
  return /^[-+]?(\d+\.?\d*|\.\d+)$/.test(normalized) ? Number(normalized) : text;
}

const fieldId = (key: string) => `q-${key}`;

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
 * @fires ck-intake-submit - Cancelable, before anything is written: `preventDefault()` vetoes the submit. `detail: IntakeSubmitDetail`.
 * @fires ck-intake-submitted - After the intake or assessment was saved. `detail: IntakeSubmittedDetail` (ids, records, `possibleDuplicates`).
 * @fires ck-duplicate-review - The user asked to review a possible duplicate client shown after an intake. `detail: DuplicateReviewDetail`.
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
 * @csspart label - A question's label or legend.
 * @csspart help - A question's help text.
 * @csspart control - An input, select or text area.
 * @csspart field-error - The message beside a field.
 * @csspart display - A display item (text only).
 * @csspart summary - Scores, needs and flags before submit.
 * @csspart error-summary - The list of problems shown after a submit attempt.
 * @csspart alert - An error banner (a refused save).
 * @csspart actions - The row with the submit button.
 * @csspart submit-button - The submit button.
 * @csspart draft-status - "Draft saved" text.
 * @csspart confirmation - The confirmation shown after saving.
 * @csspart duplicates - Possible duplicate clients after an intake.
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
 */
export class CkIntakeForm extends CasekitElement {
  static override styles = [sharedStyles, intakeFormStyles];
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

  /** Choice questions with more options than this are shown as a list box instead of radio buttons. */
  @property({ type: Number, attribute: 'select-threshold' }) selectThreshold = 7;

  @state() private phase: Phase = 'editing';
  @state() private draftStatus: DraftStatus = 'idle';
  @state() private message?: string;
  @state() private loadError?: string;
  @state() private liveText = '';
  @state() private attempted = false;
  @state() private result?: IntakeSubmitResult;
  @state() private formDisabled = false;

  private readonly internals: ElementInternals = this.attachInternals();
  private readonly casekit = new ManagerController(this, {
    collections: ['drafts'],
    onManager: () => {
      this.syncSource();
      this.requestUpdate();
    },
    onChange: () => {},
  });

  private activeDefinition?: QuestionnaireDefinition;
  private identity = '';
  private draftManager?: CaseManager;
  private draftRef?: VersionRef;
  private draftGen = 0;
  private dirty = false;
  private answersDraft: Answers = {};
  private client: IntakeClientFields = emptyClient();
  private caseFields: IntakeCaseFields = { program: '', priority: 'medium' };
  private evaluationResult?: ResponseEvaluation;
  private evalLang = '';
  private visible = new Map<string, VisibleItem>();
  private order: VisibleItem[] = [];
  private byPath = new Map<string, string>();
  private issuesByKey = new Map<string, ResponseIssue>();
  private itemsById = new Map<string, Item>();
  private readonly touched = new Set<string>();
  private readonly serverErrors = new Map<string, string>();
  private readonly rawText = new Map<string, string>();
  private saveTimer?: ReturnType<typeof setTimeout>;
  private saveChain: Promise<void> = Promise.resolve();
  private pendingFocus?: { id: string; within?: boolean };
  private loading?: Promise<void>;
  private languageNames?: { lang: string; names: Intl.DisplayNames | undefined };

  constructor() {
    super();
    // The host form checked validity (requestSubmit / reportValidity): show every problem.
    this.addEventListener('invalid', () => {
      this.attempted = true;
    });
  }

  // ---------------------------------------------------------------- public API

  /** The draft answers (including answers to questions hidden right now). Setting replaces them. */
  get answers(): Answers {
    return this.answersDraft;
  }
  set answers(value: Answers) {
    this.answersDraft = value ?? {};
    this.afterEdit(false);
  }

  /** The latest evaluation: stored response, issues, scores, flags, needs. */
  get evaluation(): ResponseEvaluation | undefined {
    return this.evaluationResult;
  }

  /** The form value: JSON of the answers as they would be stored. */
  get value(): string {
    return JSON.stringify(this.evaluationResult?.response ?? {});
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
      while (this.loading) await this.loading;
      await this.updateComplete;
    })();
  }

  get form(): HTMLFormElement | null {
    return this.internals.form;
  }
  get validity(): ValidityState {
    return this.internals.validity;
  }
  get validationMessage(): string {
    return this.internals.validationMessage;
  }
  get willValidate(): boolean {
    return this.internals.willValidate;
  }
  checkValidity(): boolean {
    return this.internals.checkValidity();
  }
  reportValidity(): boolean {
    return this.internals.reportValidity();
  }

  /** Shows every problem (as a submit attempt does, without submitting). True when there are none. */
  validate(): boolean {
    this.attempted = true;
    this.evaluate();
    const ok = this.errorList().length === 0;
    if (!ok) this.pendingFocus = { id: 'error-summary' };
    this.requestUpdate();
    return ok;
  }

  /** Saves the draft now instead of waiting for the autosave delay. */
  async flushDraft(): Promise<void> {
    if (this.saveTimer !== undefined) {
      clearTimeout(this.saveTimer);
      this.saveTimer = undefined;
      void this.saveDraft();
    }
    await this.saveChain;
  }

  /** Clears every answer and field and discards the stored draft. */
  async reset(): Promise<void> {
    this.clearAutosave();
    this.resetState();
    this.phase = 'editing';
    this.evaluate();
    this.updateFormValue();
    const manager = this.draftManager;
    if (manager && this.activeDefinition) {
      this.draftGen++;
      await this.saveChain;
      try {
        await manager.drafts.discard(this.effectiveDraftKey);
        this.draftRef = undefined;
      } catch (error) {
        this.reportError(error, 'draft');
      }
    }
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
    this.attempted = true;
    this.message = undefined;
    this.serverErrors.clear();
    this.evaluate();
    if (this.errorList().length) {
      this.pendingFocus = { id: 'error-summary' };
      this.requestUpdate();
      return undefined;
    }
    const manager = this.casekit.value;
    if (!manager) {
      this.message = t.errors.noManager;
      this.pendingFocus = { id: 'alert' };
      return undefined;
    }
    const evaluation = this.evaluationResult!;
    const mode = this.mode;
    const clientInput = mode === 'intake' ? this.clientInput() : undefined;
    const caseInput = mode === 'intake' ? { program: this.program || this.caseFields.program, priority: this.caseFields.priority } : undefined;
    const detail: IntakeSubmitDetail = {
      mode: mode === 'assessment' ? 'assessment' : 'intake',
      questionnaireId: definition.id,
      questionnaireVersion: definition.version,
      answers: evaluation.response,
      scores: evaluation.scores,
      flags: evaluation.flags,
      needs: evaluation.needs,
      draftKey: this.effectiveDraftKey,
      ...(clientInput ? { client: clientInput } : {}),
      ...(caseInput ? { case: caseInput } : {}),
      ...(this.caseId ? { caseId: this.caseId } : {}),
      ...(this.clientId ? { clientId: this.clientId } : {}),
    };
    if (!this.emit('ck-intake-submit', detail)) {
      this.announce(t.intakeForm.submitVetoed);
      return undefined;
    }

    this.phase = 'submitting';
    this.clearAutosave();
    this.draftGen++;
    await this.saveChain;
    const language = this.localize.lang;
    const common = {
      questionnaireId: definition.id,
      questionnaireVersion: definition.version,
      answers: evaluation.response,
      draftKey: this.effectiveDraftKey,
      ...(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(language) ? { language } : {}),
    };
    try {
      let saved: IntakeSubmitResult;
      if (mode === 'assessment') {
        const assessment = await manager.assessments.submit({ caseId: this.caseId!, ...common });
        saved = { mode: 'assessment', assessment };
        this.emit('ck-intake-submitted', {
          mode: 'assessment',
          clientId: assessment.clientId,
          caseId: assessment.caseId,
          assessmentId: assessment.id,
          assessment,
          possibleDuplicates: [],
        });
        this.announce(t.intakeForm.assessmentSaved);
      } else {
        const result = await manager.assessments.intake({ client: clientInput!, case: caseInput!, ...common });
        saved = { mode: 'intake', result };
        this.emit('ck-intake-submitted', {
          mode: 'intake',
          clientId: result.client.id,
          caseId: result.case.id,
          assessmentId: result.assessment.id,
          client: result.client,
          case: result.case,
          assessment: result.assessment,
          possibleDuplicates: result.possibleDuplicates,
        });
        const name = displayName(result.client.name);
        const dupes = result.possibleDuplicates.length;
        this.announce(
          dupes
            ? `${t.intakeForm.intakeSaved(name)} ${t.intakeForm.duplicatesHeading(dupes, this.localize.number(dupes))}`
            : t.intakeForm.intakeSaved(name),
        );
      }
      this.result = saved;
      this.phase = 'submitted';
      this.dirty = false;
      this.draftRef = undefined;
      this.draftStatus = 'idle';
      this.pendingFocus = { id: 'confirmation' };
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

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Removed (navigation, a closing panel): save what is pending now rather than lose it.
    if (this.saveTimer !== undefined) void this.flushDraft();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const inputs = ['definition', 'questionnaireId', 'caseId', 'clientId', 'draftKey'] as const;
    if (!this.hasUpdated || inputs.some((key) => changed.has(key))) this.syncSource();
    if (changed.has('priority') && !this.dirty) this.caseFields = { ...this.caseFields, priority: this.priority };
    if (this.activeDefinition && this.localize.lang !== this.evalLang) this.evaluate();
  }

  protected override updated(): void {
    this.updateValidity();
    const focus = this.pendingFocus;
    if (focus) {
      this.pendingFocus = undefined;
      const target = this.renderRoot.querySelector<HTMLElement>(`#${CSS.escape(focus.id)}`);
      const inner = focus.within ? target?.querySelector<HTMLElement>('input, select, textarea, button') : null;
      (inner ?? target)?.focus();
    }
  }

  // ---------------------------------------------------------------- source, drafts

  private resolveDefinition(manager: CaseManager | undefined): QuestionnaireDefinition | undefined {
    if (this.definition) return this.definition;
    if (!this.questionnaireId) return undefined;
    if (manager) return manager.assessments.definition(this.questionnaireId);
    return getInstrument(this.questionnaireId);
  }

  /** Picks up the definition, the draft key and the manager; resets and reloads the draft when they changed. */
  private syncSource(): void {
    const manager = this.casekit.value;
    let definition: QuestionnaireDefinition | undefined;
    try {
      definition = this.resolveDefinition(manager);
      if (definition) compileQuestionnaire(definition);
      this.loadError = undefined;
    } catch (error) {
      definition = undefined;
      this.loadError = this.reportError(error, 'load').message;
    }
    const identity = definition ? `${definition.id}@${definition.version}|${this.draftKey || ''}|${this.caseId ?? ''}|${this.clientId ?? ''}` : '';
    const sourceChanged = identity !== this.identity;
    if (sourceChanged) {
      this.clearAutosave();
      this.resetState();
      this.result = undefined;
      this.phase = 'editing';
      this.draftRef = undefined;
      this.draftStatus = 'idle';
    }
    if (definition !== this.activeDefinition) this.indexDefinition(definition);
    this.activeDefinition = definition;
    this.identity = identity;
    if ((sourceChanged || manager !== this.draftManager) && definition) {
      this.draftManager = manager;
      if (manager) this.loading = this.loadDraft(manager, this.effectiveDraftKey);
    }
    if (definition) {
      this.evaluate();
      this.updateFormValue();
    }
  }

  private indexDefinition(definition: QuestionnaireDefinition | undefined): void {
    this.itemsById = new Map();
    const walk = (items: readonly Item[]) => {
      for (const item of items) {
        this.itemsById.set(item.linkId, item);
        if (item.type === 'group') walk(item.items);
      }
    };
    if (definition) walk(definition.items);
  }

  private resetState(): void {
    this.answersDraft = {};
    this.client = emptyClient();
    this.caseFields = { program: '', priority: this.priority };
    this.touched.clear();
    this.serverErrors.clear();
    this.rawText.clear();
    this.attempted = false;
    this.message = undefined;
    this.dirty = false;
  }

  private async loadDraft(manager: CaseManager, key: string, force = false): Promise<void> {
    const gen = ++this.draftGen;
    const block = force || !this.dirty;
    if (block) this.phase = 'loading';
    try {
      const draft = await manager.drafts.get(key);
      if (gen !== this.draftGen) return;
      this.draftRef = draft ? { id: draft.id, version: draft.version } : undefined;
      if (draft && block && this.restore(draft.data)) {
        this.dirty = false;
        this.draftStatus = 'restored';
        this.announce(this.localize.t.intakeForm.draftRestored);
      } else if (force) {
        this.draftStatus = 'idle';
      }
    } catch (error) {
      if (gen === this.draftGen) {
        this.draftStatus = 'error';
        this.reportError(error, 'draft');
      }
    } finally {
      if (gen === this.draftGen) {
        if (this.phase === 'loading') this.phase = 'editing';
        this.loading = undefined;
        this.evaluate();
        this.updateFormValue();
        this.requestUpdate();
      }
    }
  }

  /** Restores draft data; false when it is not a draft of this questionnaire. */
  private restore(data: unknown): boolean {
    const definition = this.activeDefinition;
    if (!definition || typeof data !== 'object' || data === null) return false;
    const draft = data as Partial<IntakeDraftData>;
    if (draft.format !== 'ck-intake-form/1' || draft.questionnaireId !== definition.id) return false;
    const answers = AnswersSchema.safeParse(draft.answers ?? {});
    if (!answers.success) return false;
    this.answersDraft = answers.data;
    const client = draft.client ?? emptyClient();
    this.client = {
      given: String(client.given ?? ''),
      family: String(client.family ?? ''),
      birthDate: String(client.birthDate ?? ''),
      phone: String(client.phone ?? ''),
      language: String(client.language ?? ''),
      interpreterNeeded: client.interpreterNeeded === true,
    };
    const fields = draft.caseFields;
    this.caseFields = {
      program: String(fields?.program ?? ''),
      priority: (PRIORITIES as readonly string[]).includes(fields?.priority ?? '') ? fields!.priority : this.priority,
    };
    this.rawText.clear();
    return true;
  }

  private draftData(): IntakeDraftData {
    const definition = this.activeDefinition!;
    return {
      format: 'ck-intake-form/1',
      questionnaireId: definition.id,
      questionnaireVersion: definition.version,
      answers: this.answersDraft,
      client: this.client,
      caseFields: this.caseFields,
    };
  }

  private clearAutosave(): void {
    if (this.saveTimer !== undefined) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
  }

  private scheduleAutosave(): void {
    if (!this.draftManager || !this.activeDefinition || this.phase !== 'editing' || this.draftStatus === 'conflict') return;
    this.clearAutosave();
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      void this.saveDraft();
    }, this.autosaveDelay);
  }

  private saveDraft(force = false): Promise<void> {
    this.saveChain = this.saveChain.then(() => this.writeDraft(force));
    return this.saveChain;
  }

  private async writeDraft(force: boolean): Promise<void> {
    const manager = this.draftManager;
    const definition = this.activeDefinition;
    if (!manager || !definition || this.phase !== 'editing' || !this.dirty) return;
    const gen = this.draftGen;
    this.draftStatus = 'saving';
    try {
      const saved = await manager.drafts.save(
        this.effectiveDraftKey,
        {
          kind: `intake:${definition.id}`,
          data: this.draftData() as unknown as Record<string, never>,
          ...(this.caseId ? { caseId: this.caseId } : {}),
          ...(this.clientId ? { clientId: this.clientId } : {}),
        },
        force ? undefined : this.draftRef,
      );
      if (gen !== this.draftGen) return;
      this.draftRef = { id: saved.id, version: saved.version };
      this.draftStatus = 'saved';
    } catch (error) {
      if (gen !== this.draftGen) return;
      if (error instanceof ConflictError) {
        this.draftStatus = 'conflict';
        this.announce(this.localize.t.intakeForm.draftConflict);
      } else {
        this.draftStatus = 'error';
        this.reportError(error, 'autosave');
      }
    }
  }

  // ---------------------------------------------------------------- evaluation

  /** One evaluation per edit: visibility (for rendering and paths) and the response, issues, scores, flags, needs. */
  private evaluate(): void {
    const definition = this.activeDefinition;
    if (!definition) return;
    const lang = this.localize.lang;
    this.evalLang = lang;
    this.evaluationResult = evaluateResponse(definition, this.answersDraft, { lang });
    this.order = visibleItems(definition, this.answersDraft);
    this.visible = new Map(this.order.map((v) => [v.key, v]));
    this.byPath = new Map(this.order.map((v) => [v.path.join('.'), v.key]));
    this.issuesByKey = new Map();
    for (const issue of this.evaluationResult.issues) {
      if (issue.code === 'unknown') continue; // answers to removed questions: dropped on submit, not the user's problem
      const key = this.byPath.get(issue.path.join('.'));
      if (key !== undefined && !this.issuesByKey.has(key)) this.issuesByKey.set(key, issue);
    }
  }

  private afterEdit(userEdit = true): void {
    if (userEdit) this.dirty = true;
    this.evaluate();
    this.updateFormValue();
    if (userEdit) this.scheduleAutosave();
    this.requestUpdate();
  }

  private updateFormValue(): void {
    if (!this.activeDefinition) return;
    this.internals.setFormValue(this.value, JSON.stringify(this.draftData()));
  }

  private updateValidity(): void {
    const first = this.order.find((v) => this.issuesByKey.has(v.key));
    if (!this.activeDefinition || !first) {
      this.internals.setValidity({});
      return;
    }
    const issue = this.issuesByKey.get(first.key)!;
    const message = `${this.labelFor(first.key)}: ${this.issueMessage(issue, first.item)}`;
    const flags: ValidityStateFlags = issue.code === 'required' ? { valueMissing: true } : { customError: true };
    const anchor = this.renderRoot.querySelector<HTMLElement>(`#${CSS.escape(fieldId(first.key))}`);
    if (anchor) this.internals.setValidity(flags, message, anchor);
    else this.internals.setValidity(flags, message);
  }

  // ---------------------------------------------------------------- messages

  private issueMessage(issue: Pick<ResponseIssue, 'code' | 'params'>, item: Item | undefined): string {
    const { t, lang } = this.localize;
    const m = t.intakeForm.issues;
    const num = (value: unknown) => this.localize.number(Number(value));
    const params = issue.params ?? {};
    switch (issue.code) {
      case 'required':
        if (item?.type === 'group') return item.repeats ? m.requiredRepeat : m.requiredGroup;
        return m.required;
      case 'type':
        switch (item?.type) {
          case 'integer':
            return m.integer;
          case 'decimal':
            return m.number;
          case 'date':
            return m.date;
          case 'boolean':
            return m.boolean;
          case 'choice':
          case 'multi-choice':
            return m.choice;
          default:
            return m.text;
        }
      case 'option': {
        const option = item && 'options' in item ? item.options.find((o) => o.code === params['value']) : undefined;
        return option?.exclusive && item?.type === 'multi-choice' ? m.exclusive(localizedText(option.display, lang)) : m.option;
      }
      case 'min':
        return item?.type === 'date' ? m.dateMin(this.localize.date(String(params['min']))) : m.min(num(params['min']));
      case 'max':
        return item?.type === 'date' ? m.dateMax(this.localize.date(String(params['max']))) : m.max(num(params['max']));
      case 'min-length':
        return m.minLength(Number(params['minLength']), num(params['minLength']));
      case 'max-length':
        return m.maxLength(Number(params['maxLength']), num(params['maxLength']));
      case 'pattern':
        return item?.type === 'string' || item?.type === 'text' ? localizedText(item.patternHint, lang) || m.pattern : m.pattern;
      case 'repeats-min':
        return m.repeatsMin(Number(params['min']), num(params['min']));
      case 'repeats-max':
        return m.repeatsMax(Number(params['max']), num(params['max']));
      case 'duplicate':
        return m.duplicate;
      default:
        return m.invalid;
    }
  }

  /** The label of a field for the error summary, with its repeating-group entry ("Household, entry 2: Age"). */
  private labelFor(key: string): string {
    const lang = this.localize.lang;
    const vi = this.visible.get(key);
    if (!vi) return key;
    const parts: string[] = [];
    for (let i = 0; i < vi.path.length; i++) {
      const segment = vi.path[i];
      if (typeof segment === 'number') {
        const group = this.itemsById.get(String(vi.path[i - 1]));
        parts.push(this.localize.t.intakeForm.instanceLabel(localizedText(group?.text, lang), this.localize.number(segment + 1)));
      }
    }
    if (vi.kind === 'item') parts.push(localizedText(vi.item.text, lang));
    return parts.join(' — ');
  }

  private errorFor(key: string): string | undefined {
    const server = this.serverErrors.get(key);
    if (server) return server;
    if (!this.attempted && !this.touched.has(key)) return undefined;
    const issue = this.issuesByKey.get(key);
    return issue ? this.issueMessage(issue, this.visible.get(key)?.item) : undefined;
  }

  private clientLabel(key: ClientKey): string {
    const tf = this.localize.t.intakeForm;
    const labels: Record<ClientKey, string> = {
      'client.given': tf.givenName,
      'client.family': tf.familyName,
      'client.birthDate': tf.birthDate,
      'client.phone': tf.phone,
      'client.language': tf.language,
      'case.program': tf.program,
      'case.priority': tf.priority,
    };
    return labels[key];
  }

  private clientProblem(key: ClientKey): string | undefined {
    const server = this.serverErrors.get(key);
    if (server) return server;
    if (!this.attempted && !this.touched.has(key)) return undefined;
    const m = this.localize.t.intakeForm.issues;
    if (key === 'client.given' && !this.client.given.trim()) return m.required;
    if (key === 'client.family' && !this.client.family.trim()) return m.required;
    if (key === 'client.birthDate' && this.client.birthDate && !/^\d{4}-\d{2}-\d{2}$/.test(this.client.birthDate)) return m.date;
    if (key === 'case.program' && !this.program && !this.caseFields.program) return m.required;
    return undefined;
  }

  private get showClientSection(): boolean {
    return this.mode === 'intake' && !this.clientId;
  }
  private get showCaseSection(): boolean {
    return this.mode === 'intake';
  }

  /** Every problem to list in the error summary, in the order of the form. */
  private errorList(): ErrorEntry[] {
    const out: ErrorEntry[] = [];
    const wasAttempted = this.attempted;
    this.attempted = true; // the list is about everything, shown or not yet
    try {
      for (const key of CLIENT_KEYS) {
        if (key.startsWith('client.') && !this.showClientSection) continue;
        if (key.startsWith('case.') && !this.showCaseSection) continue;
        const message = this.clientProblem(key);
        if (message) out.push({ key, target: `c-${key}`, label: this.clientLabel(key), message });
      }
      for (const vi of this.order) {
        const message = this.errorFor(vi.key);
        if (message) out.push({ key: vi.key, target: fieldId(vi.key), label: this.labelFor(vi.key), message });
      }
    } finally {
      this.attempted = wasAttempted;
    }
    return out;
  }

  private applySubmitError(error: unknown): void {
    const problem = this.reportError(error, 'submit', (path) => {
      const clientKey = this.clientKeyFor(path.split('.'));
      return clientKey ? this.clientLabel(clientKey) : undefined;
    });
    let unplaced = !(error instanceof ValidationError);
    if (error instanceof ValidationError) {
      for (const issue of error.issues) {
        const [head, ...rest] = issue.path;
        if (head === 'answers') {
          const key = this.byPath.get(rest.join('.'));
          if (key !== undefined) {
            this.serverErrors.set(key, this.issueMessage(issue as ResponseIssue, this.visible.get(key)?.item));
            continue;
          }
        } else {
          const clientKey = this.clientKeyFor(issue.path.map(String));
          if (clientKey && (clientKey.startsWith('client.') ? this.showClientSection : this.showCaseSection)) {
            this.serverErrors.set(clientKey, problem.fields.get(issue.path.join('.')) ?? this.localize.t.intakeForm.issues.invalid);
            continue;
          }
        }
        unplaced = true;
      }
    }
    if (unplaced) this.message = problem.message;
    this.pendingFocus = { id: this.serverErrors.size ? 'error-summary' : 'alert' };
    this.requestUpdate();
  }

  /** `['client', 'name', 'given', 0]` -> `client.given`; `['case', 'program']` -> `case.program`. */
  private clientKeyFor(path: readonly string[]): ClientKey | undefined {
    const [head, ...rest] = path;
    const joined = rest.join('.');
    if (head === 'client') {
      if (joined.startsWith('name.given')) return 'client.given';
      if (joined.startsWith('name.family')) return 'client.family';
      if (joined.startsWith('birthDate')) return 'client.birthDate';
      if (joined.startsWith('contact.phone')) return 'client.phone';
      if (joined.startsWith('language')) return 'client.language';
    }
    if (head === 'case') {
      if (joined.startsWith('program')) return 'case.program';
      if (joined.startsWith('priority')) return 'case.priority';
    }
    return undefined;
  }

  private clientInput(): ClientInput | { id: string } {
    if (this.clientId) return { id: this.clientId };
    const c = this.client;
    return {
      name: { given: [c.given.trim()], family: c.family.trim() },
      ...(c.birthDate ? { birthDate: c.birthDate } : {}),
      contact: c.phone.trim() ? { phone: c.phone.trim() } : {},
      ...(c.language ? { language: c.language } : {}),
      interpreterNeeded: c.interpreterNeeded,
    };
  }

  private announce(text: string): void {
    // Re-announce identical messages: clear first, then set on the next frame.
    this.liveText = '';
    setTimeout(() => {
      this.liveText = text;
    }, 30);
  }

  // ---------------------------------------------------------------- events

  private fieldOf(target: EventTarget | null): { vi: VisibleItem; el: HTMLInputElement } | undefined {
    const el = target as HTMLInputElement | null;
    const key = el?.dataset?.['key'];
    if (!el || key === undefined) return undefined;
    const vi = this.visible.get(key);
    return vi ? { vi, el } : undefined;
  }

  private setValue(vi: VisibleItem, value: AnswerValue | undefined): void {
    this.answersDraft = setAnswer(this.answersDraft, vi.linkId, value, vi.at);
    this.serverErrors.delete(vi.key);
    this.afterEdit();
  }

  private readonly onInput = (event: Event): void => {
    const target = event.composedPath()[0] as HTMLInputElement;
    if (this.onSectionInput(target)) return;
    const field = this.fieldOf(target);
    if (!field) return;
    const { vi, el } = field;
    switch (vi.item.type) {
      case 'string':
      case 'text':
        this.setValue(vi, el.value === '' ? undefined : el.value);
        break;
      case 'integer':
      case 'decimal':
        this.rawText.set(vi.key, el.value);
        this.setValue(vi, parseNumber(el.value));
        break;
      case 'date':
        this.setValue(vi, el.value || undefined);
        break;
      default:
        break; // choices answer on change
    }
  };

  private readonly onChange = (event: Event): void => {
    const target = event.composedPath()[0] as HTMLInputElement;
    if (this.onSectionInput(target, true)) return;
    const field = this.fieldOf(target);
    if (!field) return;
    const { vi, el } = field;
    this.touched.add(vi.key);
    const item = vi.item;
    if (item.type === 'choice') {
      this.setValue(vi, el.value || undefined);
    } else if (item.type === 'boolean') {
      this.setValue(vi, el.value === 'true');
    } else if (item.type === 'multi-choice') {
      const current = this.currentValue(vi);
      const chosen = Array.isArray(current) ? (current as string[]) : [];
      const option = item.options.find((o) => o.code === el.value);
      let next: string[];
      if (el.checked) {
        next = option?.exclusive ? [el.value] : [...chosen.filter((code) => !item.options.find((o) => o.code === code)?.exclusive), el.value];
      } else {
        next = chosen.filter((code) => code !== el.value);
      }
      this.setValue(vi, item.options.map((o) => o.code).filter((code) => next.includes(code)));
    } else {
      this.requestUpdate(); // a text field was left after a change: show its problems
    }
  };

  private readonly onFocusOut = (event: FocusEvent): void => {
    const target = event.composedPath()[0] as HTMLElement;
    const key = target.dataset?.['key'] ?? target.dataset?.['client'];
    if (key === undefined || this.touched.has(key)) return;
    // Leaving a radio for the next radio of the same question is not leaving the question.
    const next = event.relatedTarget as HTMLElement | null;
    if (next && (next.dataset?.['key'] ?? next.dataset?.['client']) === key) return;
    this.touched.add(key);
    this.requestUpdate();
  };

  private readonly onKeydown = (event: KeyboardEvent): void => {
    // Enter in a one-line field must not submit a whole intake by accident.
    const target = event.composedPath()[0];
    if (event.key === 'Enter' && target instanceof HTMLInputElement && target.type !== 'submit' && target.type !== 'button') event.preventDefault();
  };

  /** Client and case fields. True when the event was one of theirs. */
  private onSectionInput(target: HTMLInputElement, isChange = false): boolean {
    const key = target.dataset?.['client'] as ClientKey | 'client.interpreter' | undefined;
    if (!key) return false;
    if (isChange) this.touched.add(key);
    this.serverErrors.delete(key);
    switch (key) {
      case 'client.given':
        this.client = { ...this.client, given: target.value };
        break;
      case 'client.family':
        this.client = { ...this.client, family: target.value };
        break;
      case 'client.birthDate':
        this.client = { ...this.client, birthDate: target.value };
        break;
      case 'client.phone':
        this.client = { ...this.client, phone: target.value };
        break;
      case 'client.language':
        this.client = { ...this.client, language: target.value };
        break;
      case 'client.interpreter':
        this.client = { ...this.client, interpreterNeeded: target.checked };
        break;
      case 'case.program':
        this.caseFields = { ...this.caseFields, program: target.value };
        break;
      case 'case.priority':
        this.caseFields = { ...this.caseFields, priority: target.value as Priority };
        break;
    }
    this.dirty = true;
    this.updateFormValue();
    this.scheduleAutosave();
    this.requestUpdate();
    return true;
  }

  private currentValue(vi: VisibleItem): AnswerValue | undefined {
    let map: Answers | undefined = this.answersDraft;
    for (const ref of vi.at) map = instancesOf(map, ref.group).find((i) => i.instanceId === ref.instanceId)?.answers;
    return map?.[vi.linkId];
  }

  private addEntry(groupKey: string): void {
    const vi = this.visible.get(groupKey);
    if (!vi) return;
    const instanceId = newInstanceId(vi.linkId);
    this.answersDraft = addInstance(this.answersDraft, vi.linkId, { instanceId, at: vi.at }).answers;
    this.touched.add(groupKey);
    this.serverErrors.delete(groupKey);
    this.afterEdit();
    const position = instancesOf(this.mapAt(vi.at), vi.linkId).length;
    const label = this.localize.t.intakeForm.instanceLabel(localizedText(vi.item.text, this.localize.lang), this.localize.number(position));
    this.announce(this.localize.t.intakeForm.instanceAdded(label));
    this.pendingFocus = { id: `i-${groupKey}/${instanceId}`, within: true };
  }

  private removeEntry(groupKey: string, instanceId: string): void {
    const vi = this.visible.get(groupKey);
    if (!vi) return;
    const before = instancesOf(this.mapAt(vi.at), vi.linkId);
    const index = before.findIndex((i) => i.instanceId === instanceId);
    const label = this.localize.t.intakeForm.instanceLabel(localizedText(vi.item.text, this.localize.lang), this.localize.number(index + 1));
    this.answersDraft = removeInstance(this.answersDraft, vi.linkId, instanceId, vi.at);
    this.touched.add(groupKey);
    this.afterEdit();
    const after = instancesOf(this.mapAt(vi.at), vi.linkId);
    const next = after[index] ?? after[index - 1];
    this.pendingFocus = { id: next ? `i-${groupKey}/${next.instanceId}` : fieldId(groupKey) };
    this.announce(this.localize.t.intakeForm.instanceRemoved(label));
  }

  private mapAt(at: readonly InstanceRef[]): Answers | undefined {
    let map: Answers | undefined = this.answersDraft;
    for (const ref of at) map = instancesOf(map, ref.group).find((i) => i.instanceId === ref.instanceId)?.answers;
    return map;
  }

  private focusField(event: Event, id: string): void {
    event.preventDefault();
    const target = this.renderRoot.querySelector<HTMLElement>(`#${CSS.escape(id)}`);
    target?.focus();
    target?.scrollIntoView?.({ block: 'center' });
  }

  private reviewDuplicate(index: number): void {
    if (this.result?.mode !== 'intake') return;
    const { result } = this.result;
    const duplicate = result.possibleDuplicates[index];
    if (!duplicate) return;
    this.emit('ck-duplicate-review', { clientId: result.client.id, caseId: result.case.id, duplicateClientId: duplicate.client.id, duplicate });
  }

  private startAnother(): void {
    this.result = undefined;
    void this.reset();
    this.pendingFocus = { id: 'form-title' };
  }

  // ---------------------------------------------------------------- render

  override render(): TemplateResult {
    const { t } = this.localize;
    const definition = this.activeDefinition;
    const dir = this.localize.dir;
    if (!definition) {
      return html`<div class="root" dir=${dir}>
        ${this.loadError ? html`<div class="ck-alert" part="alert" role="alert" id="alert" tabindex="-1"><span>${this.loadError}</span></div>` : nothing}
        <div class="sr-only" role="status">${this.liveText}</div>
      </div>`;
    }
    const lang = this.localize.lang;
    const title = localizedText(definition.title, lang);
    const description = localizedText(definition.description, lang);
    return html`<div class="root" dir=${dir}>
      <slot name="header">
        <h2 part="title" id="form-title" tabindex="-1">${title}</h2>
        ${description ? html`<p class="description" part="description">${description}</p>` : nothing}
      </slot>
      ${this.phase === 'submitted' ? this.renderConfirmation() : this.phase === 'loading' ? html`<p role="status">${t.common.loading}</p>` : this.renderForm(definition, title)}
      <div class="sr-only" role="status" aria-live="polite">${this.liveText}</div>
    </div>`;
  }

  private renderForm(definition: QuestionnaireDefinition, title: string): TemplateResult {
    const { t } = this.localize;
    const tf = t.intakeForm;
    const errors = this.attempted ? this.errorList() : [];
    const busy = this.phase === 'submitting';
    return html`
      ${this.renderFlags()}
      ${this.message
        ? html`<div class="ck-alert" part="alert" role="alert" id="alert" tabindex="-1"><span>${this.message}</span></div>`
        : nothing}
      ${this.draftStatus === 'conflict'
        ? html`<div class="notice" part="alert" role="alert">
            <span>${tf.draftConflict}</span>
            <button type="button" class="ck-button" @click=${() => void this.keepMyDraft()}>${tf.keepMyDraft}</button>
            <button type="button" class="ck-button" @click=${() => void this.loadOtherDraft()}>${tf.loadOtherDraft}</button>
          </div>`
        : nothing}
      ${errors.length ? this.renderErrorSummary(errors) : nothing}
      <form
        part="form"
        novalidate
        aria-label=${title}
        aria-busy=${busy ? 'true' : 'false'}
        @input=${this.onInput}
        @change=${this.onChange}
        @focusout=${this.onFocusOut}
        @keydown=${this.onKeydown}
        @submit=${(e: Event) => {
          e.preventDefault();
          void this.submit();
        }}
      >
        ${this.showClientSection ? this.renderClientSection() : nothing}
        ${this.showCaseSection ? this.renderCaseSection() : nothing}
        ${this.renderItems(definition.items, '', this.answersDraft)}
        ${this.renderSummary(definition)}
        ${this.mode === 'answers'
          ? nothing
          : html`<div class="actions" part="actions">
              <button type="submit" class="ck-button primary" part="submit-button" ?disabled=${busy || this.isDisabled}>
                ${busy ? tf.submitting : this.mode === 'assessment' ? tf.submitAssessment : tf.submitIntake}
              </button>
              <slot name="actions"></slot>
              <span class="draft-status" part="draft-status">${this.draftStatusText()}</span>
            </div>`}
      </form>
    `;
  }

  private get isDisabled(): boolean {
    return this.disabled || this.formDisabled;
  }

  private draftStatusText(): string {
    const tf = this.localize.t.intakeForm;
    switch (this.draftStatus) {
      case 'saving':
        return tf.draftSaving;
      case 'saved':
        return tf.draftSaved;
      case 'restored':
        return tf.draftRestored;
      case 'error':
        return tf.draftFailed;
      default:
        return '';
    }
  }

  private async keepMyDraft(): Promise<void> {
    this.draftStatus = 'idle';
    await this.saveDraft(true);
  }

  private async loadOtherDraft(): Promise<void> {
    const manager = this.draftManager;
    if (!manager) return;
    this.dirty = false;
    this.loading = this.loadDraft(manager, this.effectiveDraftKey, true);
    await this.loading;
  }

  private renderFlags(): TemplateResult {
    const flags = this.evaluationResult?.flags ?? [];
    const tf = this.localize.t.intakeForm;
    const critical = flags.filter((f) => f.severity === 'critical');
    const other = flags.filter((f) => f.severity !== 'critical');
    return html`<div class="flags" part="flags">
      ${repeat(
        critical,
        (f) => f.id,
        (f) => html`<div class="flag critical" part="flag critical" role="alert" data-flag=${f.id}>${tf.criticalFlag(f.label)}</div>`,
      )}
      <div role="status" class="flag-list" part="flag-list">
        ${repeat(
          other,
          (f) => f.id,
          (f) => html`<div class="flag ${f.severity}" part="flag" data-flag=${f.id}>${f.severity === 'warning' ? tf.warningFlag(f.label) : f.label}</div>`,
        )}
      </div>
    </div>`;
  }

  private renderErrorSummary(errors: ErrorEntry[]): TemplateResult {
    const tf = this.localize.t.intakeForm;
    return html`<div class="error-summary" part="error-summary" id="error-summary" tabindex="-1" aria-labelledby="error-summary-title">
      <h3 id="error-summary-title">${tf.errorSummary(errors.length, this.localize.number(errors.length))}</h3>
      <ul>
        ${repeat(
          errors,
          (e) => e.key,
          (e) => html`<li><a href="#${e.target}" @click=${(ev: Event) => this.focusField(ev, e.target)}>${e.label}: ${e.message}</a></li>`,
        )}
      </ul>
    </div>`;
  }

  private renderClientSection(): TemplateResult {
    const tf = this.localize.t.intakeForm;
    const c = this.client;
    const names = this.displayNames();
    return html`<fieldset class="section" part="client-section">
      <legend>${tf.clientSection}</legend>
      <div class="grid">
        ${this.clientField('client.given', { type: 'text', value: c.given }, true)}
        ${this.clientField('client.family', { type: 'text', value: c.family }, true)}
        ${this.clientField('client.birthDate', { type: 'date', value: c.birthDate })}
        ${this.clientField('client.phone', { type: 'tel', value: c.phone })}
        ${this.clientField('client.language', {
          type: 'select',
          value: c.language,
          options: [{ value: '', text: tf.languageNotRecorded }, ...CLIENT_LANGUAGES.map((code) => ({ value: code, text: names?.of(code) ?? code }))],
        })}
      </div>
      <label class="option">
        <input type="checkbox" part="control" data-client="client.interpreter" .checked=${live(c.interpreterNeeded)} ?disabled=${this.isDisabled} />
        <span>${tf.interpreterNeeded}</span>
      </label>
    </fieldset>`;
  }

  private renderCaseSection(): TemplateResult {
    const { t } = this.localize;
    const tf = t.intakeForm;
    const f = this.caseFields;
    return html`<fieldset class="section" part="case-section">
      <legend>${tf.caseSection}</legend>
      <div class="grid">
        ${this.program
          ? nothing
          : this.clientField(
              'case.program',
              { type: 'select', value: f.program, options: [{ value: '', text: tf.choose }, ...PROGRAMS.map((p) => ({ value: p, text: t.programs[p] ?? p }))] },
              true,
            )}
        ${this.clientField('case.priority', { type: 'select', value: f.priority, options: PRIORITIES.map((p) => ({ value: p, text: t.priority[p] })) })}
      </div>
    </fieldset>`;
  }

  /** One client or case field with its label and problem. */
  private clientField(
    key: ClientKey,
    control: { type: 'text' | 'date' | 'tel' | 'select'; value: string; options?: { value: string; text: string }[] },
    required = false,
  ): TemplateResult {
    const { t } = this.localize;
    const error = this.clientProblem(key);
    const id = `c-${key}`;
    const errorId = error ? `ce-${key}` : undefined;
    const invalid = error ? 'true' : 'false';
    const disabled = this.isDisabled || this.phase === 'submitting';
    const input =
      control.type === 'select'
        ? html`<select part="control" id=${id} data-client=${key} aria-required=${required ? 'true' : 'false'} aria-invalid=${invalid} aria-describedby=${ifDefined(errorId)} ?disabled=${disabled}>
            ${(control.options ?? []).map((o) => html`<option value=${o.value} .selected=${live(control.value === o.value)}>${o.text}</option>`)}
          </select>`
        : html`<input
            type=${control.type}
            part="control"
            id=${id}
            data-client=${key}
            autocomplete="off"
            .value=${live(control.value)}
            aria-required=${required ? 'true' : 'false'}
            aria-invalid=${invalid}
            aria-describedby=${ifDefined(errorId)}
            ?disabled=${disabled}
          />`;
    return html`<div class="question" part="question">
      <label part="label" for=${id}>${this.clientLabel(key)}${required ? html` <span class="req">(${t.common.required})</span>` : nothing}</label>
      ${input} ${error ? html`<p class="error" part="field-error" id=${errorId}>${error}</p>` : nothing}
    </div>`;
  }

  private renderSummary(definition: QuestionnaireDefinition): TemplateResult | typeof nothing {
    const evaluation = this.evaluationResult;
    if (!evaluation || (!definition.scoring?.length && !definition.flags?.length && !definition.needRules?.length)) return nothing;
    const { t, lang } = this.localize;
    const tf = t.intakeForm;
    return html`<section class="section summary" part="summary" aria-labelledby="summary-title">
      <h3 id="summary-title">${tf.summary}</h3>
      <dl>
        ${(definition.scoring ?? []).map((rule) => {
          const score = evaluation.scores[rule.id];
          const label = localizedText(rule.label, lang);
          let text: string;
          if (!score || score.value === null) text = tf.scoreIncomplete(this.localize.number(score?.answered ?? 0), this.localize.number(score?.total ?? rule.items.length));
          else text = tf.scoreValue(this.localize.number(score.value), score.band?.label);
          return html`<dt>${label}</dt><dd data-score=${rule.id} data-band=${ifDefined(score?.band?.code)}>${text}</dd>`;
        })}
        ${definition.needRules?.length
          ? html`<dt>${tf.needs}</dt>
              <dd data-needs>
                ${evaluation.needs.length
                  ? evaluation.needs.map((n) => html`<span class="ck-badge" part="badge">${t.needs[n] ?? n}</span>`)
                  : tf.noNeeds}
              </dd>`
          : nothing}
        ${definition.flags?.length
          ? html`<dt>${tf.flags}</dt>
              <dd data-flags>
                ${evaluation.flags.length
                  ? evaluation.flags.map(
                      (f) => html`<span class="ck-badge ${f.severity === 'critical' ? 'danger' : f.severity === 'warning' ? 'warning' : ''}" part="badge">${f.label}</span>`,
                    )
                  : tf.noFlags}
              </dd>`
          : nothing}
      </dl>
    </section>`;
  }

  private renderConfirmation(): TemplateResult {
    const { t } = this.localize;
    const tf = t.intakeForm;
    const result = this.result;
    if (!result) return html``;
    const message =
      result.mode === 'intake' ? tf.intakeSaved(displayName(result.result.client.name)) : tf.assessmentSaved;
    const dupes = result.mode === 'intake' ? result.result.possibleDuplicates : [];
    return html`<section class="confirmation" part="confirmation" aria-labelledby="confirmation">
      <h3 id="confirmation" tabindex="-1">${message}</h3>
      ${result.mode === 'intake'
        ? html`<p>${tf.caseOpened(t.programs[result.result.case.program] ?? result.result.case.program, t.priority[result.result.case.priority])}</p>`
        : nothing}
      ${dupes.length
        ? html`<div class="duplicates" part="duplicates">
            <h4>${tf.duplicatesHeading(dupes.length, this.localize.number(dupes.length))}</h4>
            <p class="hint">${tf.duplicatesHint}</p>
            <ul>
              ${dupes.map(
                (d, i) => html`<li>
                  <strong>${displayName(d.client.name)}</strong>
                  ${d.client.birthDate ? html`<span>${tf.bornOn(this.localize.date(d.client.birthDate))}</span>` : nothing}
                  <span class="hint">${this.localize.list(d.reasons.map((r) => tf.duplicateReasons[r] ?? r))}</span>
                  <button type="button" class="ck-button" @click=${() => this.reviewDuplicate(i)}>
                    ${tf.reviewDuplicate(displayName(d.client.name))}
                  </button>
                </li>`,
              )}
            </ul>
          </div>`
        : nothing}
      <div class="actions">
        <button type="button" class="ck-button" @click=${() => this.startAnother()}>${tf.startAnother}</button>
      </div>
    </section>`;
  }

  private displayNames(): Intl.DisplayNames | undefined {
    const lang = this.localize.lang;
    if (this.languageNames?.lang !== lang) {
      let names: Intl.DisplayNames | undefined;
      try {
        names = new Intl.DisplayNames([lang, 'en'], { type: 'language' });
      } catch {
        names = undefined;
      }
      this.languageNames = { lang, names };
    }
    return this.languageNames.names;
  }

  // ---------------------------------------------------------------- questionnaire items

  /** Items of one level; `prefix` builds the same keys as core's `visibleItems` (stable instance ids). */
  private renderItems(items: readonly Item[], prefix: string, map: Answers | undefined): TemplateResult {
    return html`${repeat(
      items,
      (item) => item.linkId,
      (item) => this.renderItem(item, prefix, map),
    )}`;
  }

  private renderItem(item: Item, prefix: string, map: Answers | undefined): unknown {
    const key = prefix + item.linkId;
    const vi = this.visible.get(key);
    if (!vi) return nothing;
    const { lang, t } = this.localize;
    if (item.type === 'display') {
      return guard([item, lang], () => html`<p class="display" part="display">${localizedText(item.text, lang)}</p>`);
    }
    if (item.type === 'group') return item.repeats ? this.renderRepeat(item, key, map) : this.renderGroup(item, key, prefix, map);
    const value = map?.[item.linkId];
    const error = this.errorFor(key);
    const disabled = this.isDisabled || this.phase === 'submitting';
    return guard([item, value, error, lang, t, disabled, this.selectThreshold], () => this.renderQuestion(item, key, value, error, disabled));
  }

  private renderGroup(item: GroupItem, key: string, prefix: string, map: Answers | undefined): TemplateResult {
    const lang = this.localize.lang;
    const error = this.errorFor(key);
    const help = localizedText(item.helpText, lang);
    return html`<fieldset class="group" part="group" id=${fieldId(key)} tabindex="-1" aria-describedby=${ifDefined(error ? `e-${key}` : help ? `h-${key}` : undefined)}>
      <legend part="label">${localizedText(item.text, lang)}</legend>
      ${help ? html`<p class="help" part="help" id=${`h-${key}`}>${help}</p>` : nothing}
      ${error ? html`<p class="error" part="field-error" id=${`e-${key}`}>${error}</p>` : nothing}
      ${this.renderItems(item.items, prefix, map)}
    </fieldset>`;
  }

  private renderRepeat(item: GroupItem, key: string, map: Answers | undefined): TemplateResult {
    const { t, lang } = this.localize;
    const tf = t.intakeForm;
    const label = localizedText(item.text, lang);
    const help = localizedText(item.helpText, lang);
    const error = this.errorFor(key);
    const instances = instancesOf(map, item.linkId);
    const full = item.maxRepeats !== undefined && instances.length >= item.maxRepeats;
    const disabled = this.isDisabled || this.phase === 'submitting';
    const describedBy = [help ? `h-${key}` : '', error ? `e-${key}` : '', full ? `m-${key}` : ''].filter(Boolean).join(' ');
    return html`<fieldset class="group repeat" part="repeat" data-key=${key}>
      <legend part="label">${label}${item.required ? html` <span class="req">(${t.common.required})</span>` : nothing}</legend>
      ${help ? html`<p class="help" part="help" id=${`h-${key}`}>${help}</p>` : nothing}
      ${repeat(
        instances,
        (instance) => instance.instanceId,
        (instance, index) => {
          const instanceKey = `${key}/${instance.instanceId}`;
          const instanceLabel = tf.instanceLabel(label, this.localize.number(index + 1));
          return html`<fieldset class="instance" part="instance" id=${`i-${instanceKey}`} tabindex="-1" data-instance=${instance.instanceId}>
            <legend>${instanceLabel}</legend>
            ${this.renderItems(item.items, `${instanceKey}/`, instance.answers)}
            <div class="instance-actions">
              <button
                type="button"
                class="ck-button danger"
                part="remove-button"
                ?disabled=${disabled}
                @click=${() => this.removeEntry(key, instance.instanceId)}
              >
                ${tf.removeInstance(instanceLabel)}
              </button>
            </div>
          </fieldset>`;
        },
      )}
      ${error ? html`<p class="error" part="field-error" id=${`e-${key}`}>${error}</p>` : nothing}
      ${full ? html`<p class="hint" id=${`m-${key}`}>${tf.maxInstances(this.localize.number(item.maxRepeats!))}</p>` : nothing}
      <div>
        <button
          type="button"
          class="ck-button"
          part="add-button"
          id=${fieldId(key)}
          aria-describedby=${ifDefined(describedBy || undefined)}
          ?disabled=${disabled || full}
          @click=${() => this.addEntry(key)}
        >
          ${tf.addInstance(label)}
        </button>
      </div>
    </fieldset>`;
  }

  private renderQuestion(item: QuestionItem, key: string, value: AnswerValue | undefined, error: string | undefined, disabled: boolean): TemplateResult {
    const { t, lang } = this.localize;
    const tf = t.intakeForm;
    const id = fieldId(key);
    const label = localizedText(item.text, lang);
    const help = localizedText(item.helpText, lang);
    const helpId = help ? `h-${key}` : '';
    const errorId = error ? `e-${key}` : '';
    const describedBy = [helpId, errorId].filter(Boolean).join(' ') || undefined;
    const required = item.required === true;
    const req = required ? html` <span class="req">(${t.common.required})</span>` : nothing;
    const helpTpl = help ? html`<p class="help" part="help" id=${helpId}>${help}</p>` : nothing;
    const errorTpl = error ? html`<p class="error" part="field-error" id=${errorId}>${error}</p>` : nothing;
    const invalid = error ? 'true' : 'false';

    const textual = (control: TemplateResult) =>
      html`<div class="question" part="question" data-type=${item.type} data-link-id=${item.linkId}>
        <label part="label" for=${id}>${label}${req}</label>${helpTpl}${control}${errorTpl}
      </div>`;

    switch (item.type) {
      case 'string':
        return textual(
          html`<input type="text" part="control" id=${id} data-key=${key} autocomplete="off" .value=${live(typeof value === 'string' ? value : '')} aria-required=${required ? 'true' : 'false'} aria-invalid=${invalid} aria-describedby=${ifDefined(describedBy)} ?disabled=${disabled} />`,
        );
      case 'text':
        return textual(
          html`<textarea part="control" id=${id} data-key=${key} .value=${live(typeof value === 'string' ? value : '')} aria-required=${required ? 'true' : 'false'} aria-invalid=${invalid} aria-describedby=${ifDefined(describedBy)} ?disabled=${disabled}></textarea>`,
        );
      case 'integer':
      case 'decimal':
        return textual(
          html`<input type="text" class="narrow" part="control" id=${id} data-key=${key} autocomplete="off" inputmode=${item.type === 'integer' ? 'numeric' : 'decimal'} .value=${live(this.numberText(key, value))} aria-required=${required ? 'true' : 'false'} aria-invalid=${invalid} aria-describedby=${ifDefined(describedBy)} ?disabled=${disabled} />`,
        );
      case 'date':
        return textual(
          html`<input type="date" class="narrow" part="control" id=${id} data-key=${key} min=${ifDefined(item.min)} max=${ifDefined(item.max)} .value=${live(typeof value === 'string' ? value : '')} aria-required=${required ? 'true' : 'false'} aria-invalid=${invalid} aria-describedby=${ifDefined(describedBy)} ?disabled=${disabled} />`,
        );
      case 'choice':
        if (item.options.length > this.selectThreshold) {
          return textual(
            html`<select part="control" id=${id} data-key=${key} aria-required=${required ? 'true' : 'false'} aria-invalid=${invalid} aria-describedby=${ifDefined(describedBy)} ?disabled=${disabled}>
              <option value="" .selected=${live(value === undefined)}>${tf.choose}</option>
              ${item.options.map((o) => html`<option value=${o.code} .selected=${live(value === o.code)}>${localizedText(o.display, lang)}</option>`)}
            </select>`,
          );
        }
        return this.renderChoices(item, key, label, req, helpTpl, errorTpl, describedBy, invalid, required, disabled, 'radio', (code) => value === code);
      case 'multi-choice': {
        const chosen = Array.isArray(value) ? (value as string[]) : [];
        return this.renderChoices(item, key, label, req, helpTpl, errorTpl, describedBy, invalid, required, disabled, 'checkbox', (code) => chosen.includes(code));
      }
      case 'boolean': {
        const options = [
          { code: 'true', text: tf.yes, checked: value === true },
          { code: 'false', text: tf.no, checked: value === false },
        ];
        return html`<fieldset class="question choices inline" part="question" data-type="boolean" data-link-id=${item.linkId} role="radiogroup" aria-required=${required ? 'true' : 'false'} aria-invalid=${invalid} aria-describedby=${ifDefined(describedBy)}>
          <legend part="label">${label}${req}</legend>
          ${helpTpl}
          <div class="options">
            ${options.map(
              (o, i) => html`<label class="option">
                <input type="radio" id=${i === 0 ? id : `${id}~${i}`} name=${key} data-key=${key} .value=${o.code} .checked=${live(o.checked)} ?disabled=${disabled} />
                <span>${o.text}</span>
              </label>`,
            )}
          </div>
          ${errorTpl}
        </fieldset>`;
      }
    }
  }

  private renderChoices(
    item: ChoiceItem,
    key: string,
    label: string,
    req: unknown,
    helpTpl: unknown,
    errorTpl: unknown,
    describedBy: string | undefined,
    invalid: string,
    required: boolean,
    disabled: boolean,
    type: 'radio' | 'checkbox',
    isChecked: (code: string) => boolean,
  ): TemplateResult {
    const lang = this.localize.lang;
    const id = fieldId(key);
    const radio = type === 'radio';
    return html`<fieldset
      class="question choices"
      part="question"
      data-type=${item.type}
      data-link-id=${item.linkId}
      role=${ifDefined(radio ? 'radiogroup' : undefined)}
      aria-required=${ifDefined(radio ? (required ? 'true' : 'false') : undefined)}
      aria-invalid=${ifDefined(radio ? invalid : undefined)}
      aria-describedby=${ifDefined(describedBy)}
    >
      <legend part="label">${label}${req}</legend>
      ${helpTpl}
      <div class="options">
        ${item.options.map(
          (o, i) => html`<label class="option">
            <input
              type=${type}
              id=${i === 0 ? id : `${id}~${i}`}
              name=${key}
              data-key=${key}
              .value=${o.code}
              .checked=${live(isChecked(o.code))}
              aria-invalid=${ifDefined(radio ? undefined : invalid)}
              ?disabled=${disabled}
            />
            <span>${localizedText(o.display, lang)}</span>
          </label>`,
        )}
      </div>
      ${errorTpl}
    </fieldset>`;
  }

  /** What a number field shows: the text as typed while it still means the stored answer. */
  private numberText(key: string, value: AnswerValue | undefined): string {
    if (value === undefined) return '';
    const raw = this.rawText.get(key);
    if (raw !== undefined && parseNumber(raw) === value) return raw;
    return String(value);
  }
}
