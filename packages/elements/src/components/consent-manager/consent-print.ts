import { html, nothing, type TemplateResult } from 'lit';
import { displayName, type Client, type Consent } from '@casekit/core';
import type { PrintLanguage } from '../../internal/print-language.js';
import type { Translation } from '../../translations/types.js';
import { periodText } from './consent-item.js';
import type { ConsentDisplayState } from './consent-state.js';

// The copy's language is resolved as every element's client copy is (shared with <ck-disclosures>).
export { resolvePrintLanguage, type PrintLanguage } from '../../internal/print-language.js';

export interface PrintViewData {
  client?: Client;
  consents: readonly Consent[];
  /** `YYYY-MM-DD`, printed as the copy's date. */
  today: string;
  language: PrintLanguage;
  state(consent: Consent): ConsentDisplayState;
}

/**
 * The client's copy: each consent (what, with whom, for what, when, its status), in the client's
 * language, below a toolbar in the user's language that is not printed. Text only, never HTML.
 */
export function renderPrintView(data: PrintViewData, ui: Translation, back: () => void, printNow: () => void): TemplateResult {
  const { locale, table } = data.language;
  const p = table.consentManager;
  const day = (date: string) => format(locale, date);
  const dateTime = (instant: string) => format(locale, instant.slice(0, 10));
  return html`<div class="print-toolbar" part="print-toolbar">
      <button type="button" class="ck-button" data-action="back" @click=${back}>${ui.consentManager.backToList}</button>
      <button type="button" class="ck-button primary" data-action="print-now" @click=${printNow}>${ui.consentManager.printNow}</button>
    </div>
    <article class="print" part="print" lang=${locale} dir=${table.$dir} aria-labelledby="consent-print-title">
      <h2 id="consent-print-title">${p.printTitle}</h2>
      <p class="print-sub">${data.client ? html`${p.printFor(displayName(data.client.name))} · ` : nothing}${p.printDate(day(data.today))}</p>
      <p>${p.printIntro}</p>
      ${data.consents.length
        ? html`<ol class="print-list">
            ${data.consents.map(
              (consent) => html`<li data-print-consent=${consent.id}>
                <strong>${p.scope[consent.scope]}</strong>
                <span>${p.grantee(consent.grantee?.name ?? p.anyProvider)}</span>
                <span>${consent.purpose}</span>
                <span>${periodText(consent, p, day)}</span>
                <span>${p.sourceLine(p.source[consent.source], consent.sourceReference)} · ${dateTime(consent.dateTime)}</span>
                <span data-print="status">${p.printStatus(p.state[data.state(consent)])}</span>
              </li>`,
            )}
          </ol>`
        : html`<p>${p.printNone}</p>`}
      <p class="print-withdraw">${p.printWithdraw}</p>
    </article>`;
}

function format(locale: string, date: string): string {
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
  } catch {
    return date;
  }
}
