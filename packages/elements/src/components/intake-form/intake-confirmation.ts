import { html, nothing, type TemplateResult } from 'lit';
import { displayName, type DuplicateCandidate } from '@casekit/core';
import type { LocalizeController } from '../../controllers/localize-controller.js';
import type { DuplicateReviewDetail } from '../../events/events.js';
import type { IntakeSubmitResult } from './intake-types.js';

export interface ConfirmationActions {
  /** The user asked to review possible duplicate `index` (the form fires `ck-duplicate-review`). */
  reviewDuplicate(index: number): void;
  startAnother(): void;
}

/** A possible duplicate this actor may read in full (name, birth date, a review action). */
export type FullDuplicate = Extract<DuplicateCandidate, { access: 'full' }>;
/** A possible duplicate on a caseload this actor cannot see: reasons only, no personal field. */
export type RestrictedDuplicate = Extract<DuplicateCandidate, { access: 'restricted' }>;

export const isRestrictedDuplicate = (candidate: DuplicateCandidate): candidate is RestrictedDuplicate => candidate.access === 'restricted';

/**
 * The possible duplicates split by what the actor may see, each full one with its index in
 * `possibleDuplicates` (what `reviewDuplicate` takes).
 */
export function splitDuplicates(candidates: readonly DuplicateCandidate[]): { full: { candidate: FullDuplicate; index: number }[]; restricted: RestrictedDuplicate[] } {
  const full: { candidate: FullDuplicate; index: number }[] = [];
  const restricted: RestrictedDuplicate[] = [];
  candidates.forEach((candidate, index) => {
    if (isRestrictedDuplicate(candidate)) restricted.push(candidate);
    else full.push({ candidate, index });
  });
  return { full, restricted };
}

/**
 * What `ck-duplicate-review` carries for possible duplicate `index` of a saved intake; undefined for
 * a restricted candidate, which names no client (the note asks for a supervisor instead).
 */
export function duplicateReview(saved: IntakeSubmitResult | undefined, index: number): DuplicateReviewDetail | undefined {
  if (saved?.mode !== 'intake') return undefined;
  const { result } = saved;
  const duplicate = result.possibleDuplicates[index];
  if (!duplicate || isRestrictedDuplicate(duplicate)) return undefined;
  return { clientId: result.client.id, caseId: result.case.id, duplicateClientId: duplicate.client.id, duplicate };
}

/** What a screen reader hears about the duplicates after an intake ('' when there are none). */
export function duplicatesAnnouncement(candidates: readonly DuplicateCandidate[], localize: LocalizeController): string {
  const tf = localize.t.intakeForm;
  const { full, restricted } = splitDuplicates(candidates);
  return [full.length ? tf.duplicatesHeading(full.length, localize.number(full.length)) : '', restricted.length ? tf.restrictedDuplicateHeading : '']
    .filter(Boolean)
    .join(' ');
}

/** What was saved, the case opened, and possible duplicate clients to review; replaces the form after a submit. */
export function renderConfirmation(result: IntakeSubmitResult | undefined, localize: LocalizeController, actions: ConfirmationActions): TemplateResult {
  const { t } = localize;
  const tf = t.intakeForm;
  if (!result) return html``;
  const message = result.mode === 'intake' ? tf.intakeSaved(displayName(result.result.client.name)) : tf.assessmentSaved;
  const dupes = result.mode === 'intake' ? result.result.possibleDuplicates : [];
  const { full, restricted } = splitDuplicates(dupes);
  const reasons = (candidate: DuplicateCandidate) => localize.list(candidate.reasons.map((r) => tf.duplicateReasons[r] ?? r));
  return html`<section class="confirmation" part="confirmation" aria-labelledby="confirmation">
    <h3 id="confirmation" tabindex="-1">${message}</h3>
    ${result.mode === 'intake'
      ? html`<p>${tf.caseOpened(t.programs[result.result.case.program] ?? result.result.case.program, t.priority[result.result.case.priority])}</p>`
      : nothing}
    ${full.length
      ? html`<div class="duplicates" part="duplicates">
          <h4>${tf.duplicatesHeading(full.length, localize.number(full.length))}</h4>
          <p class="hint">${tf.duplicatesHint}</p>
          <ul>
            ${full.map(
              ({ candidate: d, index }) => html`<li>
                <strong>${displayName(d.client.name)}</strong>
                ${d.client.birthDate ? html`<span>${tf.bornOn(localize.date(d.client.birthDate))}</span>` : nothing}
                <span class="hint">${reasons(d)}</span>
                <button type="button" class="ck-button" @click=${() => actions.reviewDuplicate(index)}>
                  ${tf.reviewDuplicate(displayName(d.client.name))}
                </button>
              </li>`,
            )}
          </ul>
        </div>`
      : nothing}
    ${restricted.map(
      (d, i) => html`<div class="duplicates restricted" part="duplicates restricted-duplicate" role="note" aria-labelledby="restricted-duplicate-${i}">
        <h4 id="restricted-duplicate-${i}">${tf.restrictedDuplicateHeading}</h4>
        <p>${tf.restrictedDuplicateHint}</p>
        <p class="hint">${reasons(d)}</p>
      </div>`,
    )}
    <div class="actions">
      <button type="button" class="ck-button" @click=${() => actions.startAnother()}>${tf.startAnother}</button>
    </div>
  </section>`;
}
