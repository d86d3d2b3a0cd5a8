import { html, nothing, type TemplateResult } from 'lit';
import type { Translation } from '../../translations/types.js';
import type { ApprovalRow } from './approval-rows.js';

export interface ApprovalItemContext {
  t: Translation;
  /** The client's name, or the words for "not shown". */
  client(row: ApprovalRow): string;
  /** "yesterday (Nov 23, 2026, 7:00 AM)". */
  when(iso: string): string;
  number(n: number): string;
  /** The key of the row being approved right now (its buttons are disabled). */
  busyKey: string | undefined;
  onApprove(row: ApprovalRow): void;
  onReject(row: ApprovalRow): void;
}

/** One request: what, for whom, who asked when and why; Approve / Reject when the actor may decide. */
export function renderApprovalItem(row: ApprovalRow, c: ApprovalItemContext): TemplateResult {
  const a = c.t.approvals;
  const kind = a.kind[row.kind];
  const client = c.client(row);
  const caseLabel = row.caseTitle ?? (row.program ? (c.t.programs[row.program] ?? row.program) : undefined);
  const busy = c.busyKey === row.key;
  return html`<li class="item" part="item" data-key=${row.key} data-kind=${row.kind}>
    <div class="item-header" part="item-header">
      <span class="ck-badge" part="badge kind">${kind}</span>
      <span class="item-title" part="item-title">${client}</span>
    </div>
    ${caseLabel ? html`<p part="case">${a.caseLine(caseLabel)}</p>` : nothing}
    ${row.planTitle !== undefined
      ? html`<p part="plan">${a.planLine(row.planTitle)}${row.goalsCount !== undefined ? html` · <span part="goals">${a.goals(row.goalsCount, c.number(row.goalsCount))}</span>` : nothing}</p>`
      : nothing}
    ${row.closureReason ? html`<p part="closure-reason">${a.closureReason(c.t.closureReasons[row.closureReason] ?? row.closureReason)}</p>` : nothing}
    ${row.note ? html`<p class="note" part="note">${a.note(row.note)}</p>` : nothing}
    <p class="meta" part="requested">${a.requestedBy(row.requestedBy.name || row.requestedBy.id)} · <time datetime=${row.requestedAt}>${c.when(row.requestedAt)}</time></p>
    ${row.canDecide
      ? html`<div class="actions" part="actions">
          <button type="button" class="ck-button primary" part="approve-button" data-action="approve" aria-label=${busy ? nothing : a.approveLabel(kind, client)} ?disabled=${busy} @click=${() => c.onApprove(row)}>
            ${busy ? a.approving : a.approve}
          </button>
          <button type="button" class="ck-button" part="reject-button" data-action="reject" aria-label=${a.rejectLabel(kind, client)} ?disabled=${busy} @click=${() => c.onReject(row)}>
            ${a.reject}
          </button>
        </div>`
      : html`<p class="meta" part="waiting">${a.waiting}</p>`}
  </li>`;
}
