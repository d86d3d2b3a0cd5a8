import { html, nothing, type TemplateResult } from 'lit';
import type { LanguageAccessByLanguage, LanguageAccessReport } from '@casekit/core';
import type { CaseloadSummaryMessages } from '../../translations/types.js';
import { dataTable, meter, type ChartContext } from './summary-charts.js';

export interface LanguageAccessContext {
  s: CaseloadSummaryMessages;
  chart: ChartContext;
  /** A share as a percentage in the element's language. */
  percent: (value: number) => string;
  /** A language code's name in the element's language (`vi` → "Vietnamese"). */
  languageName: (code: string) => string;
  headingLevel: number;
}

/**
 * The "Language access" panel, from core's `languageAccess` (clients who need an interpreter): the two
 * shares in words and as meters, the same numbers as a (hidden) table, and a row per client language.
 * With no such client in the period, one sentence says so.
 */
export function languageAccessPanel(ctx: LanguageAccessContext, report: LanguageAccessReport): TemplateResult {
  const { s, chart } = ctx;
  const heading = html`<div role="heading" aria-level=${ctx.headingLevel} id="language-access-heading" class="panel-heading" part="panel-heading">${s.languageAccess}</div>`;
  if (report.clients === 0) {
    return html`<section class="panel language-access" part="panel language-access" data-panel="language-access" aria-labelledby="language-access-heading">
      ${heading}
      <p class="muted" data-language-access="none">${s.languageAccessNone}</p>
    </section>`;
  }
  const { referrals: r, contacts: c } = report;
  const matchedText = r.matchedRate === null ? s.notKnown : ctx.percent(r.matchedRate);
  const useText = c.interpreterUseRate === null ? s.notKnown : ctx.percent(c.interpreterUseRate);
  const matchedDesc =
    r.matchedRate !== null ? s.inTheirLanguageDesc(matchedText, chart.n(r.staffSpeakLanguage), chart.n(r.sent - r.unknown)) : r.sent ? s.inTheirLanguageUnknown : s.noLanguageReferrals;
  const useDesc =
    c.interpreterUseRate !== null ? s.interpreterUseDesc(useText, chart.n(c.interpreterUsed), chart.n(c.total - c.notRecorded)) : c.total ? s.interpreterUseUnknown : s.noLanguageContacts;
  const rows: [string, string, string][] = [
    ['clients', s.clients, chart.n(report.clients)],
    ['sent', s.sent, chart.n(r.sent)],
    ['staffSpeakLanguage', s.staffSpeakLanguage, chart.n(r.staffSpeakLanguage)],
    ['interpretationOffered', s.interpretationOffered, chart.n(r.interpretationOffered)],
    ['noLanguageSupport', s.noLanguageSupport, chart.n(r.noLanguageSupport)],
    ['unknown', s.notKnown, chart.n(r.unknown)],
    ['matchedRate', s.inTheirLanguage, matchedText],
    ['contacts', s.contacts, chart.n(c.total)],
    ['interpreterUsed', s.interpreterUsed, chart.n(c.interpreterUsed)],
    ['interpreterNotUsed', s.interpreterNotUsed, chart.n(c.interpreterNotUsed)],
    ['notRecorded', s.notRecorded, chart.n(c.notRecorded)],
    ['interpreterUseRate', s.interpreterUse, useText],
  ];
  return html`<section class="panel language-access" part="panel language-access" data-panel="language-access" aria-labelledby="language-access-heading">
    ${heading}
    <p class="language-clients" data-language-access="clients">${s.interpreterClients(report.clients, chart.n(report.clients))}</p>
    <div class="language-figures">
      <div class="language-figure" data-language-access="matched">
        <p><span class="figure-value">${matchedText}</span> <span class="figure-label">${s.inTheirLanguage}</span></p>
        ${meter('language-matched', s.inTheirLanguage, matchedDesc, r.matchedRate, matchedText)}
        <p class="muted" aria-hidden="true">${matchedDesc}</p>
      </div>
      <div class="language-figure" data-language-access="interpreter">
        <p><span class="figure-value">${useText}</span> <span class="figure-label">${s.interpreterUse}</span></p>
        ${meter('language-interpreter', s.interpreterUse, useDesc, c.interpreterUseRate, useText)}
        <p class="muted" aria-hidden="true">${useDesc}</p>
      </div>
    </div>
    ${dataTable(chart, 'language-access', s.languageAccess, rows, s.value)} ${languageTable(ctx, report.byLanguage)}
  </section>`;
}

/** A row per client language: always shown (it is the breakdown, not a chart's fallback). */
function languageTable(ctx: LanguageAccessContext, rows: readonly LanguageAccessByLanguage[]): TemplateResult | typeof nothing {
  const { s, chart } = ctx;
  if (!rows.length) return nothing;
  const share = (rate: number | null, part: number, whole: number) => (rate === null ? s.notKnown : s.rateOf(ctx.percent(rate), chart.n(part), chart.n(whole)));
  // The box scrolls on narrow screens: a Tab stop, named like the table, so keyboard users can scroll it.
  return html`<div class="table-scroll" tabindex="0" role="region" aria-label=${s.byLanguage}>
    <table class="data languages" part="table" data-table="languages">
      <caption>${s.byLanguage}</caption>
      <thead>
        <tr>
          <th scope="col">${s.language}</th>
          <th scope="col">${s.clients}</th>
          <th scope="col">${s.sent}</th>
          <th scope="col">${s.staffSpeakLanguage}</th>
          <th scope="col">${s.contacts}</th>
          <th scope="col">${s.interpreterUsed}</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (row) => html`<tr data-language=${row.language ?? ''}>
            <th scope="row">${row.language ? ctx.languageName(row.language) : s.noLanguage}</th>
            <td>${chart.n(row.clients)}</td>
            <td>${chart.n(row.referrals.sent)}</td>
            <td>${share(row.referrals.matchedRate, row.referrals.staffSpeakLanguage, row.referrals.sent - row.referrals.unknown)}</td>
            <td>${chart.n(row.contacts.total)}</td>
            <td>${share(row.contacts.interpreterUseRate, row.contacts.interpreterUsed, row.contacts.total - row.contacts.notRecorded)}</td>
          </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}
