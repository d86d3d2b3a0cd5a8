import { html, nothing, type TemplateResult } from 'lit';
import { NOTE_OUTCOMES, NOTE_TYPES, type NoteOutcome, type NoteType } from '@casekit/core';
import type { LocalizeController } from '../../controllers/localize-controller.js';
import { renderDateHint } from '../../internal/date-hint.js';
import type { CaseNotesMessages } from '../../translations/types.js';
import { isContactType, type NoteFormState } from './note-form-state.js';

/** Form fields that core's validation paths map to (`participants.0.name` -> `participants`). */
export type NoteFieldKey = 'type' | 'outcome' | 'occurredAt' | 'durationMinutes' | 'participants' | 'interpreter' | 'text' | 'nextContactDue' | 'reason';

export interface NoteFormContext {
  t: CaseNotesMessages;
  optional: string;
  /** The element's localizer (for date fields' hints). */
  localize: LocalizeController;
  form: NoteFormState;
  errors: ReadonlyMap<NoteFieldKey, string>;
  busy: boolean;
  change(patch: Partial<NoteFormState>): void;
  submit(sign: boolean): void;
  cancel(): void;
}

/** The note form: new note, draft edit or amendment. Labels are real `<label for>`s; errors are tied by `aria-describedby`. */
export function renderNoteForm(c: NoteFormContext): TemplateResult {
  const { t, form } = c;
  const heading = form.mode === 'new' ? t.newNote : form.mode === 'edit' ? t.editDraft : t.amendNote;
  const value = (e: Event) => (e.target as HTMLInputElement).value;
  const invalid = (key: NoteFieldKey) => (c.errors.has(key) ? 'true' : 'false');
  const described = (key: NoteFieldKey, extra = '') => [c.errors.has(key) ? `note-${key}-error` : '', extra].filter(Boolean).join(' ') || nothing;
  const error = (key: NoteFieldKey) => (c.errors.has(key) ? html`<span class="ck-field-error" id=${`note-${key}-error`} part="field-error">${c.errors.get(key)}</span>` : nothing);
  const contact = isContactType(form.type);
  const onSubmit = (e: SubmitEvent) => {
    e.preventDefault();
    // The submitter says which: sign (or sign the amendment), or save as a draft.
    c.submit((e.submitter as HTMLButtonElement | null)?.dataset.sign === 'true' || form.mode === 'amend');
  };
  return html`<form class="form" part="form" aria-labelledby="note-form-heading" novalidate @submit=${onSubmit}>
    <div role="heading" aria-level="3" id="note-form-heading" class="form-heading" part="form-heading">${heading}</div>
    <div class="row">
      <label class="ck-field">${t.typeField}
        <select name="type" data-field="type" aria-invalid=${invalid('type')} aria-describedby=${described('type')}
          @change=${(e: Event) => c.change({ type: value(e) as NoteType, ...(isContactType(value(e) as NoteType) ? {} : { outcome: '' }) })}>
          ${NOTE_TYPES.map((type) => html`<option value=${type} ?selected=${form.type === type}>${t.type[type]}</option>`)}
        </select>${error('type')}</label>
      ${contact
        ? html`<label class="ck-field">${t.outcomeField}
            <select name="outcome" data-field="outcome" aria-invalid=${invalid('outcome')} aria-describedby=${described('outcome')} @change=${(e: Event) => c.change({ outcome: value(e) as NoteOutcome })}>
              ${NOTE_OUTCOMES.map((o) => html`<option value=${o} ?selected=${form.outcome === o}>${t.outcome[o]}</option>`)}
            </select>${error('outcome')}</label>`
        : nothing}
      <label class="ck-field">${t.occurredAtField}
        <input type="datetime-local" name="occurredAt" data-field="occurredAt" .value=${form.occurredAt} aria-invalid=${invalid('occurredAt')}
          aria-describedby=${described('occurredAt', 'note-occurred-hint')} @input=${(e: Event) => c.change({ occurredAt: value(e) })} />
        <span id="note-occurred-hint" class="hint">${t.occurredAtHint}</span>${error('occurredAt')}</label>
      <label class="ck-field">${t.durationField}
        <input type="number" inputmode="numeric" min="0" max="1440" name="durationMinutes" data-field="durationMinutes" .value=${form.duration}
          aria-invalid=${invalid('durationMinutes')} aria-describedby=${described('durationMinutes')} @input=${(e: Event) => c.change({ duration: value(e) })} /> ${error('durationMinutes')}</label>
    </div>
    <fieldset class="participants" part="participants-field" aria-describedby=${described('participants')}>
      <legend>${t.participantsLabel} <span class="hint">(${c.optional})</span></legend>
      ${form.participants.map(
        (p, i) => html`<div class="participant-row">
          <label class="ck-field">${t.participantName}
            <input name=${`participant-${i}-name`} data-field="participants" .value=${p.name} @input=${(e: Event) => c.change({ participants: form.participants.map((q, j) => (j === i ? { ...q, name: value(e) } : q)) })} /></label>
          <label class="ck-field">${t.participantRole}
            <input name=${`participant-${i}-role`} .value=${p.role} @input=${(e: Event) => c.change({ participants: form.participants.map((q, j) => (j === i ? { ...q, role: value(e) } : q)) })} /></label>
          <button type="button" class="ck-button" aria-label=${t.removeParticipant(p.name || String(i + 1))} @click=${() => c.change({ participants: form.participants.filter((_q, j) => j !== i) })}>×</button>
        </div>`,
      )}
      <button type="button" class="ck-button" data-action="add-participant" @click=${() => c.change({ participants: [...form.participants, { name: '', role: '' }] })}>${t.addParticipant}</button>
      ${error('participants')}
    </fieldset>
    <div class="row">
      <label class="check"><input type="checkbox" name="interpreterUsed" .checked=${form.interpreterUsed} @change=${(e: Event) => c.change({ interpreterUsed: (e.target as HTMLInputElement).checked })} />${t.interpreterField}</label>
      ${form.interpreterUsed
        ? html`<label class="ck-field">${t.interpreterLanguageField}
            <input name="interpreterLanguage" data-field="interpreter" dir="ltr" .value=${form.interpreterLanguage} aria-invalid=${invalid('interpreter')} aria-describedby=${described('interpreter')}
              @input=${(e: Event) => c.change({ interpreterLanguage: value(e) })} />${error('interpreter')}</label>`
        : nothing}
    </div>
    <label class="ck-field">${t.textField}
      <textarea name="text" data-field="text" rows="5" required .value=${form.text} aria-invalid=${invalid('text')} aria-describedby=${described('text')} @input=${(e: Event) => c.change({ text: value(e) })}></textarea>${error('text')}</label>
    ${form.mode === 'amend'
      ? html`<label class="ck-field">${t.reasonField}
          <input name="reason" data-field="reason" required .value=${form.reason} aria-invalid=${invalid('reason')} aria-describedby=${described('reason')} @input=${(e: Event) => c.change({ reason: value(e) })} />${error('reason')}</label>`
      : html`<label class="ck-field">${t.nextContactField} <span class="hint">(${c.optional})</span>
          <input type="date" name="nextContactDue" data-field="nextContactDue" .value=${form.nextContactDue} aria-invalid=${invalid('nextContactDue')} aria-describedby=${described('nextContactDue', 'note-next-contact-hint')}
            @input=${(e: Event) => c.change({ nextContactDue: value(e) })} />${renderDateHint('note-next-contact-hint', form.nextContactDue, c.localize)}${error('nextContactDue')}</label>`}
    <div class="actions" part="form-actions">
      ${form.mode === 'amend'
        ? html`<button type="submit" class="ck-button primary" data-sign="true" ?disabled=${c.busy}>${t.saveAmendment}</button>`
        : html`<button type="submit" class="ck-button" data-sign="false" ?disabled=${c.busy}>${t.saveDraft}</button>
            <button type="submit" class="ck-button primary" data-sign="true" ?disabled=${c.busy}>${t.sign}</button>`}
      ${form.mode !== 'new' ? html`<button type="button" class="ck-button" @click=${c.cancel}>${t.cancelEdit}</button>` : nothing}
    </div>
  </form>`;
}
