import { html, nothing, type TemplateResult } from 'lit';
import type { Disclosure } from '@casekit/core';
import { printedDate, type PrintLanguage } from '../../internal/print-language.js';
import type { Translation } from '../../translations/types.js';
import { disclosureWords } from './disclosure-text.js';
import type { DayPeriod } from './disclosures-period.js';

export interface PrintViewData {
  /** The client's name as shown (empty when the client record could not be read). */
  clientName: string;
  /** A line naming the agency (the element's `agency`), printed under the title when set. */
  agency?: string | undefined;
  period: DayPeriod;
  disclosures: readonly Disclosure[];
  /** `YYYY-MM-DD`, printed as the copy's date. */
  today: string;
  timeZone: string;
  language: PrintLanguage;
}

/**
 * The client's copy of the account: for each disclosure when, with whom, what, why, on what grounds
 * and by whom, in the client's language, below a toolbar in the user's language that is not printed.
 */
export function renderPrintView(data: PrintViewData, ui: Translation, back: () => void, printNow: () => void): TemplateResult {
  const { locale, table } = data.language;
  const p = table.disclosures;
  const day = (date: string) => printedDate(locale, date);
  return html`<div class="print-toolbar" part="print-toolbar">
      <button type="button" class="ck-button" data-action="back" @click=${back}>${ui.disclosures.backToList}</button>
      <button type="button" class="ck-button primary" data-action="print-now" @click=${printNow}>${ui.disclosures.printNow}</button>
    </div>
    <article class="print" part="print" lang=${locale} dir=${table.$dir} aria-labelledby="disclosures-print-title">
      <h2 id="disclosures-print-title">${p.printTitle}</h2>
      ${data.agency ? html`<p class="print-agency" data-print="agency">${data.agency}</p>` : nothing}
      <p class="print-sub" data-print="sub">${data.clientName ? html`${p.printFor(data.clientName)} · ` : nothing}${p.printDate(day(data.today))}</p>
      <p data-print="period">${p.printPeriod(day(data.period.from), day(data.period.to))}</p>
      <p>${p.printIntro}</p>
      ${data.disclosures.length
        ? html`<ol class="print-list">
            ${data.disclosures.map((disclosure) => {
              const w = disclosureWords(disclosure, { table, locale, timeZone: data.timeZone, day });
              return html`<li data-print-disclosure=${disclosure.sourceId}>
                <strong>${p.printItem(p.printWhen, w.date)}</strong>
                <span data-print="with">${p.printItem(p.printWith, `${w.recipient} (${w.kind})`)}</span>
                <span data-print="what">${p.printItem(p.printWhat, w.information)}</span>
                ${w.purpose ? html`<span data-print="why">${p.printItem(p.printWhy, w.purpose)}</span>` : nothing}
                <span data-print="basis">${p.printItem(p.printBasis, w.basisDetail ? `${w.basis} (${w.basisDetail})` : w.basis)}</span>
                <span data-print="by">${p.printItem(p.printBy, w.by)}</span>
              </li>`;
            })}
          </ol>`
        : html`<p data-print="none">${p.printNone}</p>`}
      <p class="print-questions">${p.printQuestions}</p>
    </article>`;
}
