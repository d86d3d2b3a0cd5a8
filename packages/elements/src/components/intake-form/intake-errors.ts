import { html, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { hasErrorCode, localizedText, type Item, type ResponseIssue, type VisibleItem } from '@casekit/core';
import type { LocalizeController } from '../../controllers/localize-controller.js';
import { CLIENT_KEYS, clientKeyFor, clientLabel, clientProblem } from './intake-client-section.js';
import type { IntakeFormState } from './intake-form-state.js';
import { fieldId } from './intake-items.js';

// The form's problems in the user's words: core's validation issues per question, the list of every
// problem the error summary shows (client and case fields first, then the questions in form order),
// the problem beside each field, and where core's refusal of a save goes (beside the fields it names,
// else the banner).

/** One line of the error summary. */
export interface ErrorEntry {
  key: string;
  /** Id of the control to focus from the error summary. */
  target: string;
  label: string;
  message: string;
}

/** Core's validation issue for an answer, in the user's words ("Enter a whole number", "At most 3 entries"). */
export function issueMessage(issue: Pick<ResponseIssue, 'code' | 'params'>, item: Item | undefined, localize: LocalizeController): string {
  const { t, lang } = localize;
  const m = t.intakeForm.issues;
  const num = (value: unknown) => localize.number(Number(value));
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
        case 'dateTime':
          return m.dateTime;
        case 'time':
          return m.time;
        case 'url':
          return m.url;
        case 'quantity':
          return m.quantity;
        case 'attachment':
          return m.attachment;
        case 'reference':
          return m.reference;
        default:
          return m.text;
      }
    case 'option': {
      if (item?.type === 'quantity') return m.unitOption;
      if (item?.type === 'attachment') return m.attachment;
      const option = item && 'options' in item ? item.options.find((o) => o.code === params['value']) : undefined;
      return option?.exclusive && item?.type === 'multi-choice' ? m.exclusive(localizedText(option.display, lang)) : m.option;
    }
    case 'min':
      if (item?.type === 'time' || item?.type === 'dateTime') return m.valueMin(String(params['min']));
      return item?.type === 'date' ? m.dateMin(localize.date(String(params['min']))) : m.min(num(params['min']));
    case 'max':
      if (item?.type === 'time' || item?.type === 'dateTime') return m.valueMax(String(params['max']));
      if (item?.type === 'attachment') return m.attachment;
      return item?.type === 'date' ? m.dateMax(localize.date(String(params['max']))) : m.max(num(params['max']));
    case 'min-length':
      return m.minLength(Number(params['minLength']), num(params['minLength']));
    case 'max-length':
      return m.maxLength(Number(params['maxLength']), num(params['maxLength']));
    case 'pattern':
      return item?.type === 'string' || item?.type === 'text' || item?.type === 'url' ? localizedText(item.patternHint, lang) || m.pattern : m.pattern;
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
export function questionLabel(key: string, visible: ReadonlyMap<string, VisibleItem>, itemsById: ReadonlyMap<string, Item>, localize: LocalizeController): string {
  const lang = localize.lang;
  const vi = visible.get(key);
  if (!vi) return key;
  const parts: string[] = [];
  for (let i = 0; i < vi.path.length; i++) {
    const segment = vi.path[i];
    if (typeof segment === 'number') {
      const group = itemsById.get(String(vi.path[i - 1]));
      parts.push(localize.t.intakeForm.instanceLabel(localizedText(group?.text, lang), localize.number(segment + 1)));
    }
  }
  if (vi.kind === 'item') parts.push(localizedText(vi.item.text, lang));
  return parts.join(' — ');
}

/** The list of problems after a submit attempt; each links to its field (`onFollow` moves focus there). */
export function renderErrorSummary(errors: ErrorEntry[], localize: LocalizeController, onFollow: (event: Event, target: string) => void): TemplateResult {
  const tf = localize.t.intakeForm;
  return html`<div class="error-summary" part="error-summary" id="error-summary" tabindex="-1" aria-labelledby="error-summary-title">
    <h3 id="error-summary-title">${tf.errorSummary(errors.length, localize.number(errors.length))}</h3>
    <ul>
      ${repeat(
        errors,
        (e) => e.key,
        (e) => html`<li><a href="#${e.target}" @click=${(ev: Event) => onFollow(ev, e.target)}>${e.label}: ${e.message}</a></li>`,
      )}
    </ul>
  </div>`;
}

/** Where a refused save's problems go: beside their fields (by key), or — for what no field shows — the banner. */
export interface PlacedSubmitError {
  fields: Map<string, string>;
  unplaced: boolean;
}

/**
 * Places core's refusal of a save: `['answers', ...]` issues at their question (by the visible item's
 * answer path), `['client' | 'case', ...]` at the client or case field when that section is shown.
 * Anything else (or any error that is not a ValidationError) is `unplaced`.
 */
export function placeSubmitError(
  error: unknown,
  fieldMessages: ReadonlyMap<string, string>,
  ctx: {
    localize: LocalizeController;
    byPath: ReadonlyMap<string, string>;
    visible: ReadonlyMap<string, VisibleItem>;
    /** The client or case field for a path outside the answers, when it is shown. */
    sectionKey(path: readonly string[]): string | undefined;
  },
): PlacedSubmitError {
  const fields = new Map<string, string>();
  if (!hasErrorCode(error, 'validation')) return { fields, unplaced: true };
  let unplaced = false;
  for (const issue of error.issues) {
    const [head, ...rest] = issue.path;
    if (head === 'answers') {
      const key = ctx.byPath.get(rest.join('.'));
      if (key !== undefined) {
        fields.set(key, issueMessage(issue as ResponseIssue, ctx.visible.get(key)?.item, ctx.localize));
        continue;
      }
    } else {
      const key = ctx.sectionKey(issue.path.map(String));
      if (key) {
        fields.set(key, fieldMessages.get(issue.path.join('.')) ?? ctx.localize.t.intakeForm.issues.invalid);
        continue;
      }
    }
    unplaced = true;
  }
  return { fields, unplaced };
}

/** Which client and case fields the form shows (only those are checked and can hold core's problems). */
export interface ShownSections {
  /** The client fields (an intake without `client-id`). */
  client: boolean;
  /** The case fields (an intake). */
  case: boolean;
  /** An existing client was picked instead of the client fields: they are not checked. */
  clientChosen: boolean;
}

/** The label of a question for the error summary and the host form's validity message. */
export function fieldLabel(state: IntakeFormState, key: string, localize: LocalizeController): string {
  return questionLabel(key, state.visible, state.itemsById, localize);
}

/** The problem to show beside a question: core's from the last submit, else — once left or after a submit attempt — the evaluation's. */
export function fieldError(state: IntakeFormState, key: string, localize: LocalizeController): string | undefined {
  const server = state.serverErrors.get(key);
  if (server) return server;
  if (!state.attempted && !state.touched.has(key)) return undefined;
  const issue = state.issuesByKey.get(key);
  return issue ? issueMessage(issue, state.visible.get(key)?.item, localize) : undefined;
}

/** Every problem to list in the error summary, in the order of the form (`program`: the element's property). */
export function errorList(state: IntakeFormState, sections: ShownSections, program: string | undefined, localize: LocalizeController): ErrorEntry[] {
  const out: ErrorEntry[] = [];
  const wasAttempted = state.attempted;
  state.attempted = true; // the list is about everything, shown or not yet
  try {
    for (const key of CLIENT_KEYS) {
      if (key.startsWith('client.') && (!sections.client || sections.clientChosen)) continue;
      if (key.startsWith('case.') && !sections.case) continue;
      const message = clientProblem(key, state.fieldsState(program), localize);
      if (message) out.push({ key, target: `c-${key}`, label: clientLabel(key, localize), message });
    }
    for (const vi of state.order) {
      const message = fieldError(state, vi.key, localize);
      if (message) out.push({ key: vi.key, target: fieldId(vi.key), label: fieldLabel(state, vi.key, localize), message });
    }
  } finally {
    state.attempted = wasAttempted;
  }
  return out;
}

/** The label of a client or case field core names by path (`client.name.given`), for core's error message. */
export function sectionFieldLabel(path: string, localize: LocalizeController): string | undefined {
  const clientKey = clientKeyFor(path.split('.'));
  return clientKey ? clientLabel(clientKey, localize) : undefined;
}

/**
 * Puts core's refusal of a save beside the fields it names (the state's `serverErrors`);
 * `fieldMessages`: core's messages by path, as described for the user. True when some of it has no
 * field shown here and belongs in the banner.
 */
export function applySubmitError(
  error: unknown,
  fieldMessages: ReadonlyMap<string, string>,
  state: IntakeFormState,
  sections: ShownSections,
  localize: LocalizeController,
): boolean {
  const { fields, unplaced } = placeSubmitError(error, fieldMessages, {
    localize,
    byPath: state.byPath,
    visible: state.visible,
    sectionKey: (path) => {
      const clientKey = clientKeyFor(path);
      return clientKey && (clientKey.startsWith('client.') ? sections.client : sections.case) ? clientKey : undefined;
    },
  });
  for (const [key, message] of fields) state.serverErrors.set(key, message);
  return unplaced;
}
