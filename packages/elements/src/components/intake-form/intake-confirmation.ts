import { html, nothing, type TemplateResult } from 'lit';
import { displayName } from '@casekit/core';
import type { LocalizeController } from '../../controllers/localize-controller.js';
import type { IntakeSubmitResult } from './intake-form.component.js';

export interface ConfirmationActions {
  /** The user asked to review possible duplicate `index` (the form fires `ck-duplicate-review`). */
  reviewDuplicate(index: number): void;
  startAnother(): void;
}

/** What was saved, the case opened, and possible duplicate clients to review; replaces the form after a submit. */
export function renderConfirmation(result: IntakeSubmitResult | undefined, localize: LocalizeController, actions: ConfirmationActions): TemplateResult {
  const { t } = localize;
  const tf = t.intakeForm;
  if (!result) return html``;
  const message = result.mode === 'intake' ? tf.intakeSaved(displayName(result.result.client.name)) : tf.assessmentSaved;
  const dupes = result.mode === 'intake' ? result.result.possibleDuplicates : [];
  return html`<section class="confirmation" part="confirmation" aria-labelledby="confirmation">
    <h3 id="confirmation" tabindex="-1">${message}</h3>
    ${result.mode === 'intake'
      ? html`<p>${tf.caseOpened(t.programs[result.result.case.program] ?? result.result.case.program, t.priority[result.result.case.priority])}</p>`
      : nothing}
    ${dupes.length
      ? html`<div class="duplicates" part="duplicates">
          <h4>${tf.duplicatesHeading(dupes.length, localize.number(dupes.length))}</h4>
          <p class="hint">${tf.duplicatesHint}</p>
          <ul>
            ${dupes.map(
              (d, i) => html`<li>
                <strong>${displayName(d.client.name)}</strong>
                ${d.client.birthDate ? html`<span>${tf.bornOn(localize.date(d.client.birthDate))}</span>` : nothing}
                <span class="hint">${localize.list(d.reasons.map((r) => tf.duplicateReasons[r] ?? r))}</span>
                <button type="button" class="ck-button" @click=${() => actions.reviewDuplicate(i)}>
                  ${tf.reviewDuplicate(displayName(d.client.name))}
                </button>
              </li>`,
            )}
          </ul>
        </div>`
      : nothing}
    <div class="actions">
      <button type="button" class="ck-button" @click=${() => actions.startAnother()}>${tf.startAnother}</button>
    </div>
  </section>`;
}
