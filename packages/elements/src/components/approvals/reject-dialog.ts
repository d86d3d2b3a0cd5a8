import { html, nothing, type TemplateResult } from 'lit';
import type { Translation } from '../../translations/types.js';
import type { ApprovalRow } from './approval-rows.js';

/** The reject dialog: the request being sent back and the reason typed so far. */
export interface RejectDialogState {
  row: ApprovalRow;
  reason: string;
  /** The reason field's problem (empty, too long): shown beside it, nothing written. */
  reasonError?: string;
  busy?: boolean;
}

export interface RejectDialogContext {
  t: Translation;
  dialog: RejectDialogState | undefined;
  /** "Case closure · Rosa Hernández". */
  title(row: ApprovalRow): string;
  change(reason: string): void;
  submit(): void;
  cancel(e?: Event): void;
  closed(): void;
}

/** A native modal `<dialog>` (focus is trapped, Escape cancels); its content is rendered only while open. */
export function renderRejectDialog(c: RejectDialogContext): TemplateResult {
  const { t, dialog: d } = c;
  const a = t.approvals;
  const onSubmit = (e: SubmitEvent) => {
    e.preventDefault();
    c.submit();
  };
  return html`<dialog part="dialog" aria-labelledby="reject-dialog-title" aria-describedby=${d ? 'reject-dialog-description' : nothing} @cancel=${c.cancel} @close=${c.closed}>
    ${d
      ? html`<form method="dialog" novalidate @submit=${onSubmit}>
          <h2 id="reject-dialog-title">${a.rejectTitle}</h2>
          <p id="reject-dialog-description">${c.title(d.row)}<br /><span class="hint">${a.rejectHint[d.row.kind]}</span></p>
          <label class="ck-field">${a.reasonField} (${t.common.required})
            <textarea
              name="reason"
              rows="3"
              autofocus
              aria-required="true"
              .value=${d.reason}
              aria-invalid=${d.reasonError ? 'true' : 'false'}
              aria-describedby=${d.reasonError ? 'reject-reason-error' : nothing}
              @input=${(e: Event) => c.change((e.target as HTMLTextAreaElement).value)}
            ></textarea>
            ${d.reasonError ? html`<span class="ck-field-error" id="reject-reason-error" part="field-error">${d.reasonError}</span>` : nothing}</label
          >
          <div class="dialog-actions">
            <button type="button" class="ck-button" data-action="cancel" @click=${c.cancel}>${t.common.cancel}</button>
            <button type="submit" class="ck-button primary" data-action="confirm-reject" ?disabled=${!!d.busy}>${d.busy ? a.rejecting : a.confirmReject}</button>
          </div>
        </form>`
      : nothing}
  </dialog>`;
}
