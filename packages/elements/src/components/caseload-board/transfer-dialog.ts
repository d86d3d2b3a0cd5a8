import { html, nothing, type TemplateResult } from 'lit';
import { PRIORITIES, RISK_LEVELS, type TransferPreview, type WorkerLoad, type WorkloadWeights } from '@casekit/core';
import type { LocalizeController } from '../../controllers/localize-controller.js';
import type { TransferReceiver } from '../../events/events.js';
import type { TransferController, TransferDialogState } from './transfer-controller.js';

export interface TransferDialogContext {
  localize: LocalizeController;
  transfers: TransferController;
  /** A case manager's name for the preview (the load's own name, else the board's). */
  nameOf(id: string): string;
}

/** One line of a worker's preview table: a part of the score (its count before and after) or the score. */
interface Metric {
  key: string;
  label: string;
  value(load: WorkerLoad): number;
}

/** The score and the parts of it that weigh something under these weights, in the order the score adds them. */
function metrics(weights: WorkloadWeights, localize: LocalizeController): Metric[] {
  const t = localize.t;
  const w = t.transfer;
  const part = (label: string, weight: number) => w.scorePart(label, localize.number(weight));
  const out: Metric[] = [{ key: 'score', label: w.score, value: (l) => l.score }];
  if (weights.openCase) out.push({ key: 'openCases', label: part(w.openCases, weights.openCase), value: (l) => l.openCases });
  for (const r of [...RISK_LEVELS].reverse()) {
    if (weights.risk[r]) out.push({ key: `risk.${r}`, label: part(w.riskCases(t.risk[r]), weights.risk[r]), value: (l) => l.byRisk[r] });
  }
  for (const p of [...PRIORITIES].reverse()) {
    if (weights.priority[p]) out.push({ key: `priority.${p}`, label: part(w.priorityCases(t.priority[p]), weights.priority[p]), value: (l) => l.byPriority[p] });
  }
  if (weights.overdueContact) out.push({ key: 'overdueContacts', label: part(w.overdueContacts, weights.overdueContact), value: (l) => l.overdueContacts });
  if (weights.openReferral) out.push({ key: 'openReferrals', label: part(w.openReferrals, weights.openReferral), value: (l) => l.openReferrals });
  return out;
}

/** One worker's load before and after, as a table (caption: who; rows: the score and its parts). */
function workerTable(side: { before: WorkerLoad; after: WorkerLoad }, caption: string, rows: Metric[], localize: LocalizeController): TemplateResult {
  const w = localize.t.transfer;
  const n = (v: number) => localize.number(v);
  return html`<table class="load" part="preview-table" data-worker=${side.before.assigneeId}>
    <caption>${caption}</caption>
    <thead>
      <tr>
        <td></td>
        <th scope="col">${w.before}</th>
        <th scope="col">${w.after}</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (m) => html`<tr data-metric=${m.key}>
          <th scope="row">${m.label}</th>
          <td class="before">${n(m.value(side.before))}</td>
          <td class="after">${n(m.value(side.after))}</td>
        </tr>`,
      )}
    </tbody>
  </table>`;
}

/** The preview: each worker's load in words ("goes from 5 to 9.5"), then in numbers with the score's parts. */
function renderPreview(d: TransferDialogState, ctx: TransferDialogContext): TemplateResult {
  const { localize } = ctx;
  const w = localize.t.transfer;
  const p = d.preview;
  let body: TemplateResult;
  if (p.state === 'none') body = html`<p>${w.previewChoose}</p>`;
  else if (p.state === 'loading') body = html`<p>${w.previewLoading}</p>`;
  else if (p.state === 'unavailable') body = html`<p>${w.previewUnavailable}</p>`;
  else if (p.state === 'error') body = html`<p class="ck-field-error">${p.message}</p>`;
  else {
    const preview: TransferPreview = p.value;
    const rows = metrics(preview.weights, localize);
    const sides = [
      { side: preview.to, caption: w.receives(ctx.nameOf(preview.to.before.assigneeId)) },
      ...preview.from.map((side) => ({ side, caption: w.gives(side.before.assigneeName ?? ctx.nameOf(side.before.assigneeId)) })),
    ];
    const name = (side: { before: WorkerLoad }) => side.before.assigneeName ?? ctx.nameOf(side.before.assigneeId);
    body = html`<p class="preview-words" part="preview-words">
        ${sides.map(({ side }) => w.loadChange(name(side), localize.number(side.before.score), localize.number(side.after.score))).join(' ')}
      </p>
      <div class="preview-tables">${sides.map(({ side, caption }) => workerTable(side, caption, rows, localize))}</div>`;
  }
  return html`<section class="preview" part="preview" aria-labelledby="transfer-preview-title">
    <h3 id="transfer-preview-title">${w.preview}</h3>
    <div aria-live="polite">${body}</div>
  </section>`;
}

/**
 * The modal Transfer dialog: the cases, the receiver (only those offered), a required reason,
 * "Receiver must accept", the workload preview, and Transfer / Request transfer. Empty and closed
 * without a dialog state.
 */
export function renderTransferDialog(ctx: TransferDialogContext): TemplateResult {
  const { localize, transfers } = ctx;
  const d = transfers.dialog;
  const t = localize.t;
  const w = t.transfer;
  const receivers: TransferReceiver[] = d ? transfers.offered() : [];
  const error = (key: 'to' | 'reason') => d?.errors.get(key);
  const invalid = (key: 'to' | 'reason') => (error(key) ? 'true' : 'false');
  const value = (e: Event) => (e.target as HTMLInputElement).value;
  return html`
    <dialog
      class="transfer-dialog"
      part="dialog transfer-dialog"
      aria-labelledby="transfer-title"
      @cancel=${(e: Event) => {
        e.preventDefault();
        transfers.close();
      }}
    >
      ${d
        ? html`<form
            novalidate
            @submit=${(e: Event) => {
              e.preventDefault();
              void transfers.submit();
            }}
          >
            <h2 id="transfer-title">${w.dialogTitle(d.records.length, localize.number(d.records.length), d.records[0]!.clientName)}</h2>
            ${d.message ? html`<div class="ck-alert" part="transfer-alert" role="alert">${d.message}</div>` : nothing}
            ${d.records.length > 1
              ? html`<ul class="transfer-cases" aria-label=${w.casesLabel}>
                  ${d.records.map((r) => html`<li>${r.clientName}${r.assigneeId ? ` · ${ctx.nameOf(r.assigneeId)}` : ''}</li>`)}
                </ul>`
              : nothing}
            <label class="ck-field">
              <span>${w.receiver} (${t.common.required})</span>
              <select
                id="transfer-to"
                name="to"
                aria-required="true"
                aria-invalid=${invalid('to')}
                aria-describedby="transfer-to-error"
                ?disabled=${!receivers.length}
                @change=${(e: Event) => transfers.update({ toId: value(e) })}
              >
                <option value="" ?selected=${!d.toId}>${t.board.choose}</option>
                ${receivers.map((r) => html`<option value=${r.id} ?selected=${d.toId === r.id}>${r.name}</option>`)}
              </select>
            </label>
            <span id="transfer-to-error" class="ck-field-error">${receivers.length ? error('to') ?? '' : w.noReceivers}</span>
            <label class="ck-field">
              <span>${w.reason} (${t.common.required})</span>
              <textarea
                id="transfer-reason"
                name="reason"
                maxlength="2000"
                aria-required="true"
                aria-invalid=${invalid('reason')}
                aria-describedby="transfer-reason-error"
                .value=${d.reason}
                @input=${(e: Event) => transfers.update({ reason: value(e) })}
              ></textarea>
            </label>
            <span id="transfer-reason-error" class="ck-field-error">${error('reason') ?? ''}</span>
            <label class="ck-field check">
              <input
                type="checkbox"
                name="requireAcceptance"
                aria-describedby="transfer-accept-hint"
                .checked=${d.requireAcceptance}
                @change=${(e: Event) => transfers.update({ requireAcceptance: (e.target as HTMLInputElement).checked })}
              />
              <span>${w.requireAcceptance}</span>
            </label>
            <span id="transfer-accept-hint" class="hint">${w.requireAcceptanceHint}</span>
            ${renderPreview(d, ctx)}
            <div class="actions">
              <button type="button" class="ck-button" @click=${() => transfers.close()}>${t.common.cancel}</button>
              <button type="submit" class="ck-button primary" part="transfer-confirm" ?disabled=${d.busy || !receivers.length}>
                ${d.requireAcceptance ? w.confirmRequest : w.confirm}
              </button>
            </div>
          </form>`
        : nothing}
    </dialog>
  `;
}
