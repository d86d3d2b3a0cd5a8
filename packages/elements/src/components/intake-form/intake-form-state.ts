import {
  initialAnswers,
  type Answers,
  type ExpressionEngine,
  type Item,
  type Priority,
  type QuestionnaireDefinition,
  type ResponseEvaluation,
  type ResponseIssue,
  type VisibleItem,
} from '@casekit/core';
import { emptyClient, questionnaireAsks, type ClientFieldsState, type QuestionnaireAsks } from './intake-client-section.js';
import { draftDataOf, parseDraftData } from './intake-draft-data.js';
import { evaluateIntake } from './intake-evaluation.js';
import type { IntakeCaseFields, IntakeClientFields, IntakeDraftData } from './intake-types.js';

// What the user has entered into <ck-intake-form> and what core made of it: the answers (hidden ones
// too), the client and case fields, which fields were left or got a problem from core, and the latest
// evaluation (visible items in form order, issues by key, calculated items). Plain data with the few
// operations that change it together — reset, restore a draft, evaluate; it holds no element, so the
// element re-renders after changing it.

/** The form's entered data and its latest evaluation. */
export class IntakeFormState {
  answers: Answers = {};
  client: IntakeClientFields = emptyClient();
  caseFields: IntakeCaseFields = { program: '', priority: 'medium' };
  /** Something was typed since the draft was last loaded or saved. */
  dirty = false;
  /** A submit was attempted (or `validate()`, or the host form's check): every problem shows, not only those of fields left. */
  attempted = false;
  /** Keys of fields the user changed or left. */
  readonly touched = new Set<string>();
  /** Problems core reported on the last submit, by key (until the field is edited). */
  readonly serverErrors = new Map<string, string>();
  /** Number fields as typed ("1,5"), shown back while they still mean the stored answer. */
  readonly rawText = new Map<string, string>();

  /** Core's latest evaluation: stored response, issues, scores, flags, needs. */
  evaluation?: ResponseEvaluation;
  /** The language of the latest evaluation. */
  lang = '';
  /** Visible items by key; anything not in it is hidden by enableWhen. */
  visible = new Map<string, VisibleItem>();
  /** Visible items in form order. */
  order: VisibleItem[] = [];
  /** Keys of items an expression calculates (shown read-only). */
  calculated: ReadonlySet<string> = new Set();
  /** A visible item's key by its answer path, to place core's issues. */
  byPath = new Map<string, string>();
  issuesByKey = new Map<string, ResponseIssue>();

  /** Every item of the definition by linkId (labels of repeating groups in the error summary). */
  itemsById = new Map<string, Item>();
  /** Client fields the questionnaire asks itself (language, interpreter need): the client section leaves them out. */
  asks: QuestionnaireAsks = questionnaireAsks(undefined);

  /** Indexes a new definition's items. */
  index(definition: QuestionnaireDefinition | undefined): void {
    this.itemsById = new Map();
    const walk = (items: readonly Item[]) => {
      for (const item of items) {
        this.itemsById.set(item.linkId, item);
        if ('items' in item && item.items) walk(item.items);
      }
    };
    if (definition) walk(definition.items);
    this.asks = questionnaireAsks(definition);
  }

  /** A new response: each question's `initial` (and initialExpression, given an engine), empty fields, nothing touched. */
  reset(definition: QuestionnaireDefinition | undefined, engine: ExpressionEngine | undefined, priority: Priority): void {
    this.answers = definition ? initialAnswers(definition, { engine }).answers : {};
    this.client = emptyClient();
    this.caseFields = { program: '', priority };
    this.touched.clear();
    this.serverErrors.clear();
    this.rawText.clear();
    this.attempted = false;
    this.dirty = false;
  }

  /** Restores draft data; false when it is not a draft of this questionnaire. */
  restore(data: unknown, definition: QuestionnaireDefinition | undefined, priority: Priority): boolean {
    const parsed = definition ? parseDraftData(data, definition, priority) : undefined;
    if (!parsed) return false;
    this.answers = parsed.answers;
    this.client = parsed.client;
    this.caseFields = parsed.caseFields;
    this.rawText.clear();
    return true;
  }

  /** What a draft (and the host form's state) keeps. */
  draftData(definition: QuestionnaireDefinition): IntakeDraftData {
    return draftDataOf(definition, this.answers, this.client, this.caseFields);
  }

  /** One evaluation per edit: visibility (for rendering and paths) and the response, issues, scores, flags, needs. */
  evaluate(definition: QuestionnaireDefinition, engine: ExpressionEngine | undefined, lang: string): void {
    this.lang = lang;
    const result = evaluateIntake(definition, this.answers, engine, lang);
    this.answers = result.answers;
    this.calculated = result.calculated;
    this.evaluation = result.evaluation;
    this.order = result.order;
    this.visible = result.visible;
    this.byPath = result.byPath;
    this.issuesByKey = result.issuesByKey;
  }

  /** What decides whether a client or case field shows a problem (`program`: the element's property). */
  fieldsState(program: string | undefined): ClientFieldsState {
    return {
      client: this.client,
      caseFields: this.caseFields,
      program,
      serverErrors: this.serverErrors,
      touched: this.touched,
      attempted: this.attempted,
    };
  }
}
