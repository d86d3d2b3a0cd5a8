import { html, nothing, type TemplateResult } from 'lit';
import { CONSENT_SCOPES, CONSENT_SOURCES, type ConsentScope, type ConsentSource, type Organization } from '@casekit/core';
import type { ConsentManagerMessages } from '../../translations/types.js';
import type { ConsentFieldKey, ConsentFormState } from './consent-form-state.js';

export interface ConsentFormContext {
  t: ConsentManagerMessages;
  optional: string;
  cancel: string;
  form: ConsentFormState;
  errors: ReadonlyMap<ConsentFieldKey, string>;
  /** Directory organisations matching the typed grantee name. */
  results: readonly Organization[];
  busy: boolean;
  change(patch: Partial<ConsentFormState>): void;
  /** The grantee name was typed: search the directory. */
  searchGrantee(text: string): void;
  chooseGrantee(organization: Organization): void;
  submit(): void;
  close(): void;
}

/**
 * The record form. A native form (Enter saves, Tab walks the fields in order); real `<label>`s; each
 * error is tied to its field by `aria-describedby`. The grantee is a text field with the directory's
 * matches as buttons below it (choose one, or keep the typed name for a provider not listed).
 */
export function renderConsentForm(c: ConsentFormContext): TemplateResult {
  const { t, form } = c;
  const value = (e: Event) => (e.target as HTMLInputElement).value;
  const invalid = (key: ConsentFieldKey) => (c.errors.has(key) ? 'true' : 'false');
  const described = (key: ConsentFieldKey, hint = '') => [hint, c.errors.has(key) ? `consent-${key}-error` : ''].filter(Boolean).join(' ') || nothing;
  const error = (key: ConsentFieldKey) => (c.errors.has(key) ? html`<span class="ck-field-error" id=${`consent-${key}-error`} part="field-error">${c.errors.get(key)}</span>` : nothing);
  const optional = html` <span class="hint">(${c.optional})</span>`;
  const onSubmit = (e: SubmitEvent) => {
    e.preventDefault();
    c.submit();
  };
  return html`<form class="form" part="form" aria-labelledby="consent-form-heading" novalidate @submit=${onSubmit}>
    <div role="heading" aria-level="3" id="consent-form-heading" class="form-heading" part="form-heading">${t.formHeading}</div>
    <div class="row">
      <label class="ck-field">${t.answerField}
        <select name="answer" aria-invalid=${invalid('answer')} aria-describedby=${described('answer')} @change=${(e: Event) => c.change({ answer: value(e) as ConsentFormState['answer'] })}>
          <option value="agreed" ?selected=${form.answer === 'agreed'}>${t.answerAgreed}</option>
          <option value="refused" ?selected=${form.answer === 'refused'}>${t.answerRefused}</option>
        </select>${error('answer')}</label>
      <label class="ck-field">${t.scopeField}
        <select name="scope" aria-invalid=${invalid('scope')} aria-describedby=${described('scope')} @change=${(e: Event) => c.change({ scope: value(e) as ConsentScope })}>
          ${CONSENT_SCOPES.map((scope) => html`<option value=${scope} ?selected=${form.scope === scope}>${t.scope[scope]}</option>`)}
        </select>${error('scope')}</label>
    </div>
    <div class="grantee" part="grantee-field">
      <label class="ck-field">${t.granteeField}${optional}
        <input name="grantee" autocomplete="off" .value=${form.granteeName} aria-invalid=${invalid('grantee')} aria-describedby=${described('grantee', 'consent-grantee-hint')}
          @input=${(e: Event) => c.searchGrantee(value(e))} />
        <span id="consent-grantee-hint" class="hint">${form.granteeId ? t.granteeChosen(form.granteeName) : t.granteeHint}</span>${error('grantee')}</label>
      ${c.results.length && !form.granteeId
        ? html`<ul class="results" part="grantee-results" role="list" aria-label=${t.granteeResults}>
            ${c.results.map(
              (org) => html`<li><button type="button" class="ck-button" data-organization=${org.id} aria-label=${t.granteeChoose(org.name)} @click=${() => c.chooseGrantee(org)}>${org.name}</button></li>`,
            )}
          </ul>`
        : nothing}
    </div>
    <label class="ck-field">${t.purposeField}
      <textarea name="purpose" rows="3" required aria-required="true" .value=${form.purpose} aria-invalid=${invalid('purpose')} aria-describedby=${described('purpose')}
        @input=${(e: Event) => c.change({ purpose: value(e) })}></textarea>${error('purpose')}</label>
    <div class="row">
      <label class="ck-field">${t.sourceField}
        <select name="source" aria-invalid=${invalid('source')} aria-describedby=${described('source')} @change=${(e: Event) => c.change({ source: value(e) as ConsentSource })}>
          ${CONSENT_SOURCES.map((source) => html`<option value=${source} ?selected=${form.source === source}>${t.source[source]}</option>`)}
        </select>${error('source')}</label>
      <label class="ck-field">${t.sourceReferenceField}${optional}
        <input name="sourceReference" .value=${form.sourceReference} aria-invalid=${invalid('sourceReference')} aria-describedby=${described('sourceReference', 'consent-reference-hint')}
          @input=${(e: Event) => c.change({ sourceReference: value(e) })} />
        <span id="consent-reference-hint" class="hint">${t.sourceReferenceHint}</span>${error('sourceReference')}</label>
    </div>
    <div class="row">
      <label class="ck-field">${t.startField}${optional}
        <input type="date" name="start" .value=${form.start} aria-invalid=${invalid('start')} aria-describedby=${described('start', 'consent-start-hint')} @input=${(e: Event) => c.change({ start: value(e) })} />
        <span id="consent-start-hint" class="hint">${t.startHint}</span>${error('start')}</label>
      <label class="ck-field">${t.endField}${optional}
        <input type="date" name="end" .value=${form.end} aria-invalid=${invalid('end')} aria-describedby=${described('end', 'consent-end-hint')} @input=${(e: Event) => c.change({ end: value(e) })} />
        <span id="consent-end-hint" class="hint">${t.endHint}</span>${error('end')}</label>
    </div>
    <div class="actions" part="form-actions">
      <button type="submit" class="ck-button primary" data-action="save" ?disabled=${c.busy}>${c.busy ? t.saving : t.save}</button>
      <button type="button" class="ck-button" data-action="cancel" @click=${c.close}>${c.cancel}</button>
    </div>
  </form>`;
}
