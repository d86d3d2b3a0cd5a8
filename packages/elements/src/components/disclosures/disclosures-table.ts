import { html, nothing, type TemplateResult } from 'lit';
import type { Disclosure } from '@casekit/core';
import type { DisclosuresMessages } from '../../translations/types.js';
import type { DisclosureWords } from './disclosure-text.js';

/**
 * The account as a table, one row per disclosure in core's order (oldest first). Text only; what people
 * typed (names, reasons) is direction-isolated, so a Latin name keeps its order on a right-to-left page.
 */
export function renderDisclosureTable(t: DisclosuresMessages, rows: readonly { disclosure: Disclosure; words: DisclosureWords }[]): TemplateResult {
  // The box scrolls on narrow screens: a Tab stop, named like the table, so keyboard users can scroll it.
  return html`<div class="table-scroll" part="table-scroll" tabindex="0" role="region" aria-label=${t.caption}>
    <table class="disclosures" part="table">
      <caption class="sr-only">${t.caption}</caption>
      <thead>
        <tr>
          <th scope="col">${t.date}</th>
          <th scope="col">${t.recipient}</th>
          <th scope="col">${t.information}</th>
          <th scope="col">${t.purpose}</th>
          <th scope="col">${t.by}</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          ({ disclosure, words }) => html`<tr part="row" data-disclosure=${disclosure.sourceId} data-kind=${disclosure.kind}>
            <th scope="row" part="date"><bdi>${words.date}</bdi></th>
            <td part="recipient"><span class="recipient" dir="auto">${words.recipient}</span> <span class="kind">${words.kind}</span></td>
            <td part="information">${words.information}</td>
            <td part="purpose">
              ${words.purpose ? html`<span class="purpose-text" data-field="purpose" dir="auto">${words.purpose}</span>` : nothing}
              <span class="basis ${'override' in disclosure.basis ? 'override' : ''}" part="basis" data-field="basis">${words.basis}</span>
              ${words.basisDetail ? html`<span class="basis-detail">${words.basisDetail}</span>` : nothing}
            </td>
            <td part="by"><bdi>${words.by}</bdi></td>
          </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}
