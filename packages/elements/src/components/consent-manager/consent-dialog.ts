import { html, nothing, type TemplateResult } from 'lit';
import type { Consent } from '@casekit/core';
import type { Translation } from '../../translations/types.js';

/** The reason dialog: revoke a consent, or mark it entered in error. */
export interface ReasonDialogState {
  kind: 'revoke' | 'entered-in-error';
  /** The consent as it was when the dialog opened: the change is based on its version. */
  consent: Consent;
  reason: string;
  /** Core's message for the reason field. */
  reasonError?: string;
  /** Any other refusal (a conflict, a permission, a refused transition). */
  message?: string;
  conflict?: boolean;
  busy?: boolean;
}

export interface ReasonDialogContext {
  t: Translation;
  dialog: ReasonDialogState | undefined;
  grantee(consent: Consent): string;
  change(reason: string): void;
  submit(): void;
  cancel(e?: Event): void;
  closed(): void;
  reload(): void;
}

/** A native modal `<dialog>` (focus is trapped, Escape cancels); its content is rendered only while open. */
export function renderReasonDialog(c: ReasonDialogContext): TemplateResult {
  const { t, dialog: d } = c;
  const cm = t.consentManager;
  const onSubmit = (e: SubmitEvent) => {
    e.preventDefault();
    c.submit();
  };
  return html`<dialog part="dialog" aria-labelledby="consent-dialog-title" aria-describedby=${d ? 'consent-dialog-description' : nothing} @cancel=${c.cancel} @close=${c.closed}>
    ${d
      ? html`<form method="dialog" novalidate @submit=${onSubmit}>
          <h2 id="consent-dialog-title">${d.kind === 'revoke' ? cm.revokeTitle : cm.enteredInErrorTitle}</h2>
          <p id="consent-dialog-description">${cm.scope[d.consent.scope]} · ${c.grantee(d.consent)}${d.kind === 'revoke' ? html`<br /><span class="hint">${cm.revokeHint}</span>` : nothing}</p>
          ${d.message
            ? html`<div class="ck-alert" role="alert" part="dialog-alert">
                <span>${d.message}</span>
                ${d.conflict ? html`<button type="button" class="ck-button" data-action="reload" @click=${c.reload}>${t.common.reload}</button>` : nothing}
              </div>`
            : nothing}
          <label class="ck-field">${cm.reasonField} (${t.common.required})
            <textarea name="reason" rows="3" autofocus aria-required="true" .value=${d.reason} aria-invalid=${d.reasonError ? 'true' : 'false'}
              aria-describedby=${d.reasonError ? 'consent-reason-error' : nothing} @input=${(e: Event) => c.change((e.target as HTMLTextAreaElement).value)}></textarea>
            ${d.reasonError ? html`<span class="ck-field-error" id="consent-reason-error" part="field-error">${d.reasonError}</span>` : nothing}</label>
          <div class="dialog-actions">
            <button type="button" class="ck-button" data-action="cancel" @click=${c.cancel}>${t.common.cancel}</button>
            <button type="submit" class="ck-button primary" data-action="confirm" ?disabled=${!!d.busy}>
              ${d.busy ? cm.saving : d.kind === 'revoke' ? cm.confirmRevoke : cm.confirmEnteredInError}
            </button>
          </div>
        </form>`
      : nothing}
  </dialog>`;
}
