import { html, nothing, type TemplateResult } from 'lit';
import { displayName, type DuplicateCandidate } from '@casekit/core';
import type { LocalizeController } from '../../controllers/localize-controller.js';
import { splitDuplicates, type FullDuplicate } from './intake-confirmation.js';
import type { ChosenClient } from './intake-duplicate-check.js';

export interface DuplicateHintActions {
  choose(candidate: FullDuplicate): void;
  unchoose(): void;
}

/**
 * Possible duplicates of the client being typed, each with "Use this client"; a match the user may
 * not see is a note without name or action. A polite live region, so the list is heard as it appears.
 */
export function renderDuplicateHints(matches: readonly DuplicateCandidate[], localize: LocalizeController, actions: DuplicateHintActions, disabled: boolean): TemplateResult {
  const tf = localize.t.intakeForm;
  const { full, restricted } = splitDuplicates(matches);
  const reasons = (candidate: DuplicateCandidate) => localize.list(candidate.reasons.map((r) => tf.duplicateReasons[r] ?? r));
  return html`<div aria-live="polite">
    ${full.length
      ? html`<section class="duplicates" part="duplicates possible-duplicates" aria-labelledby="possible-duplicates">
          <h3 id="possible-duplicates">${tf.duplicatesHeading(full.length, localize.number(full.length))}</h3>
          <p class="hint">${tf.matchesWhileTypingHint}</p>
          <ul>
            ${full.map(
              ({ candidate }) => html`<li data-duplicate=${candidate.client.id}>
                <strong>${displayName(candidate.client.name)}</strong>
                ${candidate.client.birthDate ? html`<span>${tf.bornOn(localize.date(candidate.client.birthDate))}</span>` : nothing}
                <span class="hint">${reasons(candidate)}</span>
                <button
                  type="button"
                  class="ck-button"
                  part="use-client-button"
                  aria-label=${tf.useExistingClient(displayName(candidate.client.name))}
                  ?disabled=${disabled}
                  @click=${() => actions.choose(candidate)}
                >
                  ${tf.useThisClient}
                </button>
              </li>`,
            )}
          </ul>
        </section>`
      : nothing}
    ${restricted.map(
      (d) => html`<div class="duplicates restricted" part="duplicates restricted-duplicate" role="note">
        <p><strong>${tf.restrictedDuplicateHeading}</strong></p>
        <p>${tf.restrictedDuplicateHint}</p>
        <p class="hint">${reasons(d)}</p>
      </div>`,
    )}
  </div>`;
}

/** Instead of the client fields: the existing client the intake opens a case for, and a way back. */
export function renderChosenClient(chosen: ChosenClient, localize: LocalizeController, actions: DuplicateHintActions, disabled: boolean): TemplateResult {
  const tf = localize.t.intakeForm;
  return html`<section class="section chosen-client" part="client-section chosen-client" aria-labelledby="chosen-client" data-client-id=${chosen.id}>
    <h3 id="chosen-client" tabindex="-1">${tf.existingClientChosen(chosen.name)}</h3>
    ${chosen.birthDate ? html`<p>${tf.bornOn(localize.date(chosen.birthDate))}</p>` : nothing}
    <p class="hint">${tf.existingClientHint}</p>
    <button type="button" class="ck-button" part="new-client-button" id="new-client-instead" ?disabled=${disabled} @click=${() => actions.unchoose()}>${tf.newClientInstead}</button>
  </section>`;
}
