import { html, nothing, type TemplateResult } from 'lit';
import { localizedText, type QuestionnaireDefinition } from '@casekit/core';
import type { LocalizeController } from '../../controllers/localize-controller.js';
import { renderCaseSection, renderClientSection, type ClientSectionContext } from './intake-client-section.js';
import { renderConfirmation } from './intake-confirmation.js';
import type { DraftStatus } from './intake-draft.js';
import { draftStatusText, renderDraftConflict } from './intake-draft-status.js';
import type { DuplicateCheckController } from './intake-duplicate-check.js';
import { renderChosenClient, renderDuplicateHints, type DuplicateHintActions } from './intake-duplicate-hints.js';
import { errorList, fieldError, renderErrorSummary, type ShownSections } from './intake-errors.js';
import type { IntakeFieldInput } from './intake-field-input.js';
import type { IntakeFormState } from './intake-form-state.js';
import { renderItems, type ItemRenderContext } from './intake-items.js';
import { renderFlags, renderSummary } from './intake-summary.js';
import type { IntakeFormMode, IntakePhase, IntakeSubmitResult } from './intake-types.js';

// What <ck-intake-form> shows, from one view of the element per render: the title (or the `header`
// slot), then the confirmation once saved, "Loading" while a draft is looked up, or the form — flags,
// the banner, a draft conflict, the error summary, the read-only note when the policy refuses, the
// client and case sections (or the existing client picked), the questions, the summary and the
// submit row. The fields' events go to the IntakeFieldInput; everything else the user does, to the
// view's callbacks.

/** What the templates read from the element and call back into it; built each render. */
export interface IntakeFormView {
  readonly localize: LocalizeController;
  /** Where the element renders (the error summary's links move focus to a field in it). */
  readonly root: ParentNode;
  readonly definition: QuestionnaireDefinition | undefined;
  /** Why the definition could not be loaded (shown instead of the form). */
  readonly loadError: string | undefined;
  /** The polite live region's text. */
  readonly liveText: string;
  readonly phase: IntakePhase;
  readonly result: IntakeSubmitResult | undefined;
  /** The error banner (a refused save). */
  readonly message: string | undefined;
  readonly state: IntakeFormState;
  readonly input: IntakeFieldInput;
  readonly duplicates: DuplicateCheckController;
  readonly draftStatus: DraftStatus;
  readonly mode: IntakeFormMode;
  readonly sections: ShownSections;
  /** The policy refuses submitting here: the form is read-only with a note and no submit button. */
  readonly refused: boolean;
  /** Every control is disabled (the `disabled` property, a disabled host form, or `refused`). */
  readonly disabled: boolean;
  /** The element's `program` and `select-threshold`. */
  readonly program: string | undefined;
  readonly selectThreshold: number;
  submit(): void;
  keepMyDraft(): void;
  loadOtherDraft(): void;
  reviewDuplicate(index: number): void;
  startAnother(): void;
  /** Moves focus to the element with this id after the next render. */
  focusLater(id: string): void;
}

/** The note shown (and announced on submit) when the policy refuses what submitting here would do. */
export function readOnlyText(mode: IntakeFormMode, localize: LocalizeController): string {
  const tf = localize.t.intakeForm;
  return mode === 'assessment' ? tf.readOnlyAssessment : tf.readOnlyIntake;
}

export function renderIntakeForm(view: IntakeFormView): TemplateResult {
  const { localize, definition } = view;
  const dir = localize.dir;
  if (!definition) {
    return html`<div class="root" dir=${dir}>
      ${view.loadError ? html`<div class="ck-alert" part="alert" role="alert" id="alert" tabindex="-1"><span>${view.loadError}</span></div>` : nothing}
      <div class="sr-only" role="status">${view.liveText}</div>
    </div>`;
  }
  const lang = localize.lang;
  const title = localizedText(definition.title, lang);
  const description = localizedText(definition.description, lang);
  return html`<div class="root" dir=${dir}>
    <slot name="header">
      <h2 part="title" id="form-title" tabindex="-1">${title}</h2>
      ${description ? html`<p class="description" part="description">${description}</p>` : nothing}
    </slot>
    ${view.phase === 'submitted'
      ? renderConfirmation(view.result, localize, { reviewDuplicate: (i) => view.reviewDuplicate(i), startAnother: () => view.startAnother() })
      : view.phase === 'loading'
        ? html`<p role="status">${localize.t.common.loading}</p>`
        : renderForm(view, definition, title)}
    <div class="sr-only" role="status" aria-live="polite">${view.liveText}</div>
  </div>`;
}

function renderForm(view: IntakeFormView, definition: QuestionnaireDefinition, title: string): TemplateResult {
  const { localize, state, input, mode } = view;
  const tf = localize.t.intakeForm;
  const errors = state.attempted ? errorList(state, view.sections, view.program, localize) : [];
  const busy = view.phase === 'submitting';
  return html`
    ${renderFlags(state.evaluation, localize)}
    ${view.message ? html`<div class="ck-alert" part="alert" role="alert" id="alert" tabindex="-1"><span>${view.message}</span></div>` : nothing}
    ${renderDraftConflict(view.draftStatus, localize, { keepMine: () => view.keepMyDraft(), loadOther: () => view.loadOtherDraft() })}
    ${errors.length ? renderErrorSummary(errors, localize, (event, id) => focusField(view.root, event, id)) : nothing}
    ${view.refused && mode !== 'answers' ? html`<p class="read-only" part="read-only" role="note" id="read-only">${readOnlyText(mode, localize)}</p>` : nothing}
    <form
      part="form"
      novalidate
      aria-label=${title}
      aria-busy=${busy ? 'true' : 'false'}
      aria-describedby=${view.refused ? 'read-only' : nothing}
      @input=${input.onInput}
      @change=${input.onChange}
      @focusout=${input.onFocusOut}
      @keydown=${input.onKeydown}
      @submit=${(e: Event) => {
        e.preventDefault();
        view.submit();
      }}
    >
      ${view.sections.client ? renderClient(view) : nothing}
      ${view.sections.case ? renderCaseSection(sectionContext(view)) : nothing}
      ${renderItems(definition.items, '', state.answers, itemContext(view))}
      ${renderSummary(definition, state.evaluation, localize)}
      ${mode === 'answers'
        ? nothing
        : html`<div class="actions" part="actions">
            ${view.refused
              ? nothing
              : html`<button type="submit" class="ck-button primary" part="submit-button" ?disabled=${busy || view.disabled}>
                  ${busy ? tf.submitting : mode === 'assessment' ? tf.submitAssessment : tf.submitIntake}
                </button>`}
            <slot name="actions"></slot>
            <span class="draft-status" part="draft-status">${draftStatusText(view.draftStatus, localize)}</span>
          </div>`}
    </form>
  `;
}

/** The client fields with the possible duplicates found so far, or the existing client picked instead. */
function renderClient(view: IntakeFormView): TemplateResult {
  const { duplicates, localize } = view;
  const disabled = view.disabled || view.phase === 'submitting';
  const actions: DuplicateHintActions = {
    choose: (candidate) => {
      duplicates.choose(candidate);
      view.focusLater('chosen-client');
    },
    unchoose: () => {
      duplicates.unchoose();
      view.focusLater('c-client.given');
    },
  };
  const chosen = duplicates.chosen;
  if (chosen) return renderChosenClient(chosen, localize, actions, disabled);
  return html`${renderClientSection(sectionContext(view))} ${renderDuplicateHints(duplicates.matches, localize, actions, disabled)}`;
}

function sectionContext(view: IntakeFormView): ClientSectionContext {
  return {
    ...view.state.fieldsState(view.program),
    localize: view.localize,
    disabled: view.disabled,
    submitting: view.phase === 'submitting',
    languageNames: displayNames(view.localize.lang),
    asks: view.state.asks,
  };
}

/** What intake-items.ts reads and calls. */
function itemContext(view: IntakeFormView): ItemRenderContext {
  const { state, input, localize } = view;
  return {
    localize,
    visible: state.visible,
    rawText: state.rawText,
    disabled: view.disabled || view.phase === 'submitting',
    selectThreshold: view.selectThreshold,
    calculated: state.calculated,
    errorFor: (key) => fieldError(state, key, localize),
    removeAnswer: (key, index) => input.removeAnswer(key, index),
    addEntry: (groupKey) => input.addEntry(groupKey),
    removeEntry: (groupKey, instanceId) => input.removeEntry(groupKey, instanceId),
  };
}

/** An error summary link: focus its field (and bring it into view) instead of following the link. */
function focusField(root: ParentNode, event: Event, id: string): void {
  event.preventDefault();
  const target = root.querySelector<HTMLElement>(`#${CSS.escape(id)}`);
  target?.focus();
  target?.scrollIntoView?.({ block: 'center' });
}

let languageNames: { lang: string; names: Intl.DisplayNames | undefined } | undefined;

/** Language names for the client's preferred-language list, cached per language. */
function displayNames(lang: string): Intl.DisplayNames | undefined {
  if (languageNames?.lang !== lang) {
    let names: Intl.DisplayNames | undefined;
    try {
      names = new Intl.DisplayNames([lang, 'en'], { type: 'language' });
    } catch {
      names = undefined;
    }
    languageNames = { lang, names };
  }
  return languageNames.names;
}
