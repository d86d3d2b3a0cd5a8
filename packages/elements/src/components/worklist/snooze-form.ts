import { html, nothing, type TemplateResult } from 'lit';
import type { Translation } from '../../translations/types.js';
import { onEscape, onSubmit } from '../../internal/inline-form.js';

export type SnoozeField = 'until' | 'reason';

/** The inline snooze form of one row: what the user typed and what is wrong with it. */
export interface SnoozeFormState {
  itemId: string;
  until: string;
  reason: string;
  errors: Map<SnoozeField, string>;
  /** A refusal that is not about one field. */
  message?: string;
}

/** Both fields are required and the day must come after the list's day; core checks again. */
export function validateSnooze(form: SnoozeFormState, today: string | undefined, t: Translation): Map<SnoozeField, string> {
  const errors = new Map<SnoozeField, string>();
  if (!form.until) errors.set('until', t.errors.required(t.worklist.untilField));
  else if (today && form.until <= today) errors.set('until', t.worklist.untilAfterToday);
  if (!form.reason.trim()) errors.set('reason', t.errors.required(t.worklist.reasonField));
  return errors;
}

interface SnoozeFormHandlers {
  t: Translation;
  title: string;
  /** The list's day: the date field offers later days only. */
  min: string | undefined;
  busy: boolean;
  change(patch: Partial<Pick<SnoozeFormState, 'until' | 'reason'>>): void;
  submit(): void;
  cancel(): void;
}

/** Labels are real `<label>`s; errors are tied by `aria-describedby`; Escape cancels. */
export function renderSnoozeForm(form: SnoozeFormState, h: SnoozeFormHandlers): TemplateResult {
  const w = h.t.worklist;
  const error = (key: SnoozeField) => (form.errors.has(key) ? html`<span class="ck-field-error" id="snooze-${key}-error" part="field-error">${form.errors.get(key)}</span>` : nothing);
  const invalid = (key: SnoozeField) => (form.errors.has(key) ? 'true' : 'false');
  const described = (key: SnoozeField) => (form.errors.has(key) ? `snooze-${key}-error` : nothing);
  const value = (e: Event) => (e.target as HTMLInputElement).value;
  return html`<form class="snooze-form" part="snooze-form" aria-label=${h.title} novalidate
    @submit=${onSubmit(() => h.submit())}
    @keydown=${onEscape(() => h.cancel())}>
    <label class="ck-field">${w.untilField}
      <input id="snooze-until" type="date" name="until" .value=${form.until} min=${h.min ?? nothing} aria-required="true" aria-invalid=${invalid('until')} aria-describedby=${described('until')} @input=${(e: Event) => h.change({ until: value(e) })} />
      ${error('until')}
    </label>
    <label class="ck-field">${w.reasonField}
      <input id="snooze-reason" type="text" name="reason" maxlength="500" .value=${form.reason} aria-required="true" aria-invalid=${invalid('reason')} aria-describedby=${described('reason')} @input=${(e: Event) => h.change({ reason: value(e) })} />
      ${error('reason')}
    </label>
    ${form.message ? html`<div class="ck-alert" role="alert"><span>${form.message}</span></div>` : nothing}
    <div class="form-actions">
      <button type="submit" class="ck-button primary" ?disabled=${h.busy}>${w.confirmSnooze}</button>
      <button type="button" class="ck-button" @click=${() => h.cancel()}>${h.t.common.cancel}</button>
    </div>
  </form>`;
}
