import { html, nothing, type TemplateResult } from 'lit';
import type { Translation } from '../../translations/types.js';
import { onEscape, onSubmit } from '../../internal/inline-form.js';

/** The inline form that declines a transfer offered to the actor: core requires a reason. */
export interface DeclineFormState {
  itemId: string;
  reason: string;
  /** The reason's problem (missing, too long). */
  error?: string;
  /** A refusal that is not about the reason. */
  message?: string;
}

interface DeclineFormHandlers {
  t: Translation;
  title: string;
  busy: boolean;
  change(reason: string): void;
  submit(): void;
  cancel(): void;
}

/** A real `<label>`, the error tied by `aria-describedby`; Escape cancels (as the snooze form). */
export function renderDeclineForm(form: DeclineFormState, h: DeclineFormHandlers): TemplateResult {
  const w = h.t.worklist;
  return html`<form class="snooze-form" part="decline-form" aria-label=${h.title} novalidate
    @submit=${onSubmit(() => h.submit())}
    @keydown=${onEscape(() => h.cancel())}>
    <label class="ck-field">${w.declineReason}
      <input id="decline-reason" type="text" name="reason" maxlength="2000" .value=${form.reason} aria-required="true" aria-invalid=${form.error ? 'true' : 'false'}
        aria-describedby=${form.error ? 'decline-reason-error' : nothing} @input=${(e: Event) => h.change((e.target as HTMLInputElement).value)} />
      ${form.error ? html`<span class="ck-field-error" id="decline-reason-error" part="field-error">${form.error}</span>` : nothing}
    </label>
    ${form.message ? html`<div class="ck-alert" role="alert"><span>${form.message}</span></div>` : nothing}
    <div class="form-actions">
      <button type="submit" class="ck-button primary" ?disabled=${h.busy}>${w.confirmDecline}</button>
      <button type="button" class="ck-button" @click=${() => h.cancel()}>${h.t.common.cancel}</button>
    </div>
  </form>`;
}
