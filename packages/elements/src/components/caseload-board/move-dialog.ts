import { html, nothing, type TemplateResult } from 'lit';
import { CLOSURE_REASONS, type CaseRecord } from '@casekit/core';
import type { LocalizeController } from '../../controllers/localize-controller.js';
import type { LocalizedError } from '../../translations/error-messages.js';
import type { CaseloadGroupBy } from '../../events/caseload-filters.js';

/** A move that needs the user: chosen from the Move button, or a drop/keyboard move that needs a reason. */
export interface MoveDialogState {
  record: CaseRecord;
  field: CaseloadGroupBy;
  to?: string;
  /** Opened from the Move button: the user picks the target here. */
  chooseTarget: boolean;
  via: 'drag' | 'keyboard' | 'dialog';
  error?: LocalizedError;
  busy?: boolean;
}

/**
 * What a status move asks before it is saved: a closure reason when closing (unless it only asks for
 * approval), a reason when reopening a closed case or recording an error (core requires them).
 */
export function moveQuestions(d: Pick<MoveDialogState, 'record' | 'field' | 'to'>): { needsClosure: boolean; needsReason: boolean } {
  return {
    needsClosure: d.field === 'status' && d.to === 'closed' && !d.record.pendingApproval,
    needsReason: d.field === 'status' && (d.record.status === 'closed' || d.to === 'entered-in-error'),
  };
}

export interface MoveDialogContext {
  localize: LocalizeController;
  /** Every column the case may move to (hidden status columns included). */
  targets: string[];
  columnLabel(key: string): string;
  /** The user picked another target column. */
  update(next: MoveDialogState): void;
  onSubmit(e: SubmitEvent): void;
  /** Cancel button and Escape. */
  onCancel(e?: Event): void;
  /** The `<dialog>` closed by any means. */
  onClosed(): void;
}

/** The modal Move dialog (target, closure reason, note); empty and closed without `d`. */
export function renderMoveDialog(d: MoveDialogState | undefined, ctx: MoveDialogContext): TemplateResult {
  const t = ctx.localize.t;
  const fieldError = (path: string) => d?.error?.fields.get(path);
  const { needsClosure, needsReason } = d ? moveQuestions(d) : { needsClosure: false, needsReason: false };
  const general = d?.error && d.error.fields.size === 0 ? d.error.message : undefined;
  return html`
    <dialog class="move-dialog" part="dialog" aria-labelledby="dialog-title" @cancel=${ctx.onCancel} @close=${ctx.onClosed}>
      ${d
        ? html`<form method="dialog" @submit=${ctx.onSubmit} novalidate>
            <h2 id="dialog-title">${t.board.dialogTitle(d.record.clientName)}</h2>
            ${general ? html`<div class="ck-alert" role="alert">${general}</div>` : nothing}
            ${d.chooseTarget
              ? html`<label class="ck-field">
                  <span>${t.board.moveTo}</span>
                  <select name="to" @change=${(e: Event) => ctx.update({ ...d, to: (e.target as HTMLSelectElement).value, error: undefined })}>
                    ${ctx.targets.map((key) => html`<option value=${key} ?selected=${d.to === key}>${ctx.columnLabel(key)}</option>`)}
                  </select>
                </label>`
              : html`<p>${t.board.moveTo}: <strong>${d.to ? ctx.columnLabel(d.to) : ''}</strong></p>`}
            ${needsClosure
              ? html`<label class="ck-field">
                    <span>${t.board.closureReason} (${t.common.required})</span>
                    <select
                      name="closureReason"
                      aria-invalid=${fieldError('closureReason') ? 'true' : 'false'}
                      aria-describedby="closure-error"
                      aria-required="true"
                    >
                      <option value="">${t.board.choose}</option>
                      ${CLOSURE_REASONS.map((r) => html`<option value=${r}>${t.closureReasons[r]}</option>`)}
                    </select>
                  </label>
                  <span id="closure-error" class="ck-field-error">${fieldError('closureReason') ?? ''}</span>`
              : nothing}
            ${d.field === 'status'
              ? html`<label class="ck-field">
                    <span>${needsReason ? `${t.board.reasonRequired} (${t.common.required})` : `${t.board.note} (${t.common.optional})`}</span>
                    <textarea name="reason" aria-invalid=${fieldError('reason') ? 'true' : 'false'} aria-describedby="reason-error" aria-required=${needsReason ? 'true' : 'false'}></textarea>
                  </label>
                  <span id="reason-error" class="ck-field-error">${fieldError('reason') ?? ''}</span>`
              : nothing}
            <div class="actions">
              <button type="button" class="ck-button" @click=${ctx.onCancel}>${t.common.cancel}</button>
              <button type="submit" class="ck-button primary" ?disabled=${d.busy || !d.to}>${t.board.confirmMove}</button>
            </div>
          </form>`
        : nothing}
    </dialog>
  `;
}
