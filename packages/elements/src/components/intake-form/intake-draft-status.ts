import { html, nothing, type TemplateResult } from 'lit';
import type { LocalizeController } from '../../controllers/localize-controller.js';
import type { DraftStatus } from './intake-draft.js';

/** "Draft saved" and its siblings beside the submit button ('' while idle or in conflict). */
export function draftStatusText(status: DraftStatus, localize: LocalizeController): string {
  const tf = localize.t.intakeForm;
  switch (status) {
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

/** The draft was saved in another tab meanwhile: the user keeps theirs or loads the other one. */
export function renderDraftConflict(status: DraftStatus, localize: LocalizeController, actions: { keepMine(): void; loadOther(): void }): TemplateResult | typeof nothing {
  if (status !== 'conflict') return nothing;
  const tf = localize.t.intakeForm;
  return html`<div class="notice" part="alert" role="alert">
    <span>${tf.draftConflict}</span>
    <button type="button" class="ck-button" @click=${() => actions.keepMine()}>${tf.keepMyDraft}</button>
    <button type="button" class="ck-button" @click=${() => actions.loadOther()}>${tf.loadOtherDraft}</button>
  </div>`;
}
