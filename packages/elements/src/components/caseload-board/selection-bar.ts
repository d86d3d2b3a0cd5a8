import { html, nothing, type TemplateResult } from 'lit';
import type { LocalizeController } from '../../controllers/localize-controller.js';
import type { TransferController } from './transfer-controller.js';

/**
 * Shown while cases are selected for a transfer: how many, "Transfer…" (opens the dialog) and "Clear
 * selection". Real buttons outside the listboxes, so pointer, keyboard and screen-reader users all
 * reach them (keyboard users also have T and Escape on a card).
 */
export function renderSelectionBar(ctx: { localize: LocalizeController; transfers: TransferController }): TemplateResult | typeof nothing {
  const { localize, transfers } = ctx;
  const count = transfers.selectedCount;
  if (!count) return nothing;
  const w = localize.t.transfer;
  return html`<div class="selection" part="selection" role="group" aria-label=${w.selectedCount(count, localize.number(count))}>
    <span class="selection-count">${w.selectedCount(count, localize.number(count))}</span>
    <button type="button" class="ck-button primary" part="transfer-button" @click=${() => transfers.open()}>${w.transferSelected}</button>
    <button type="button" class="ck-button" @click=${() => transfers.clear()}>${w.clearSelection}</button>
  </div>`;
}
