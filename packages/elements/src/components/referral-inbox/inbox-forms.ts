import { html, nothing, type TemplateResult } from 'lit';
import type { Referral, ReferralOutcomeCode, ReferralStatus } from '@casekit/core';
import type { Translation } from '../../translations/types.js';
import { onEscape, onSubmit } from '../../internal/inline-form.js';

export type InboxField = 'reason' | 'note';
export type InboxResult = Extract<ReferralStatus, 'completed' | 'failed'>;

/** How a referral can end, by result: the outcome codes offered for each (core `REFERRAL_OUTCOME_CODES`). */
export const OUTCOME_CODES: Readonly<Record<InboxResult, readonly ReferralOutcomeCode[]>> = {
  completed: ['service-provided', 'partially-provided', 'other'],
  failed: ['not-provided', 'client-declined', 'unable-to-contact', 'other'],
};

/** The inline decline or outcome form of the open row: what the user typed and what is wrong with it. */
export interface InboxFormState {
  kind: 'decline' | 'outcome';
  /** The referral as it was when the form opened: saving against its version notices a change made meanwhile. */
  referral: Referral;
  reason: string;
  /** Outcome form: the results the referral may take now (`on-hold` can only fail). */
  results: InboxResult[];
  result: InboxResult;
  code: ReferralOutcomeCode;
  note: string;
  errors: Map<InboxField, string>;
  busy: boolean;
}

/** The one required text of each form (core checks the reason again; the outcome's text is this element's rule). */
export function validateInboxForm(form: InboxFormState, t: Translation): Map<InboxField, string> {
  const errors = new Map<InboxField, string>();
  const ri = t.referralInbox;
  if (form.kind === 'decline' && !form.reason.trim()) errors.set('reason', t.errors.required(ri.declineReason));
  if (form.kind === 'outcome' && !form.note.trim()) errors.set('note', t.errors.required(ri.outcomeNote));
  return errors;
}

interface FormHandlers {
  t: Translation;
  title: string;
  change(patch: Partial<Pick<InboxFormState, 'reason' | 'result' | 'code' | 'note'>>): void;
  submit(): void;
  cancel(): void;
}

/** Real `<label>`s, errors beside their field (`aria-describedby`), Escape cancels. */
export function renderInboxForm(form: InboxFormState, h: FormHandlers): TemplateResult {
  const ri = h.t.referralInbox;
  const rt = h.t.referralTracker;
  const error = (key: InboxField) => (form.errors.has(key) ? html`<span class="ck-field-error" id="inbox-${key}-error" part="field-error">${form.errors.get(key)}</span>` : nothing);
  const invalid = (key: InboxField) => (form.errors.has(key) ? 'true' : 'false');
  const value = (e: Event) => (e.target as HTMLInputElement).value;
  const body =
    form.kind === 'decline'
      ? html`<label class="ck-field">
          <span>${ri.declineReason} (${h.t.common.required})</span>
          <textarea id="inbox-reason" name="reason" maxlength="2000" .value=${form.reason} aria-required="true" aria-invalid=${invalid('reason')}
            aria-describedby=${form.errors.has('reason') ? 'inbox-reason-error inbox-reason-hint' : 'inbox-reason-hint'} @input=${(e: Event) => h.change({ reason: value(e) })}></textarea>
          <span class="hint" id="inbox-reason-hint">${ri.declineHint}</span>
          ${error('reason')}
        </label>`
      : html`<fieldset class="results">
            <legend>${ri.resultField}</legend>
            ${form.results.map(
              (result) => html`<label class="choice">
                <input type="radio" name="result" value=${result} .checked=${form.result === result}
                  @change=${() => h.change({ result, code: OUTCOME_CODES[result][0]! })} />
                ${ri.results[result]}
              </label>`,
            )}
          </fieldset>
          <label class="ck-field">
            <span>${ri.outcomeCode}</span>
            <select id="inbox-code" name="code" @change=${(e: Event) => h.change({ code: value(e) as ReferralOutcomeCode })}>
              ${OUTCOME_CODES[form.result].map((code) => html`<option value=${code} ?selected=${form.code === code}>${rt.outcome[code]}</option>`)}
            </select>
          </label>
          <label class="ck-field">
            <span>${ri.outcomeNote} (${h.t.common.required})</span>
            <textarea id="inbox-note" name="note" maxlength="4000" .value=${form.note} aria-required="true" aria-invalid=${invalid('note')}
              aria-describedby=${form.errors.has('note') ? 'inbox-note-error inbox-note-hint' : 'inbox-note-hint'} @input=${(e: Event) => h.change({ note: value(e) })}></textarea>
            <span class="hint" id="inbox-note-hint">${ri.outcomeNoteHint}</span>
            ${error('note')}
          </label>`;
  return html`<form class="inbox-form" part="form" aria-label=${h.title} novalidate
    @submit=${onSubmit(() => h.submit())}
    @keydown=${onEscape(() => h.cancel())}>
    <div class="form-title">${h.title}</div>
    ${body}
    <div class="form-actions">
      <button type="submit" class="ck-button primary" part="submit-button" ?disabled=${form.busy}>
        ${form.busy ? ri.saving : form.kind === 'decline' ? ri.confirmDecline : ri.saveOutcome}
      </button>
      <button type="button" class="ck-button" @click=${() => h.cancel()}>${h.t.common.cancel}</button>
    </div>
  </form>`;
}
