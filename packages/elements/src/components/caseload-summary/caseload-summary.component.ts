import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { OPEN_CASE_STATUSES, PRIORITIES, type CaseManager, type CaseRecord, type CaseloadReport, type CaseStatus, type Priority, type Referral, type ReportRange } from '@casekit/core';
import { ManagerController } from '../../controllers/manager-controller.js';
import { CasekitElement } from '../../internal/casekit-element.js';
import { firstTabbable, focusableHeading } from '../../internal/focus-target.js';
import { SerialRunner } from '../../internal/serial-runner.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import { caseloadSummaryStyles } from './caseload-summary.styles.js';
import { barChart, dataTable, gauge, type Bar, type ChartContext } from './summary-charts.js';
import { selectionFor } from './summary-selection.js';
import { OverdueReferralsController, renderOverdueList } from './overdue-referrals.js';
import { languageAccessPanel } from './language-access-panel.js';
import { languageName } from '../../internal/language-name.js';

const DAY = 86_400_000;
/** Default reporting period: the last 30 days. */
export const DEFAULT_SUMMARY_DAYS = 30;

const isDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v);

/**
 * `from`/`to` attribute values to the report's instants: a calendar date (`2026-11-01`) means the
 * start of that day for `from` and the end of that day for `to` (the report's end is exclusive); an
 * ISO instant is used as it is. Without `to`: now; without `from`: 30 days before `to`. (The element
 * passes today's date as `to` when none is set.)
 */
export function summaryRange(from: string | undefined, to: string | undefined, now: Date = new Date()): { from: string; to: string } {
  const end = to ? (isDate(to) ? new Date(Date.parse(`${to}T00:00:00.000Z`) + DAY).toISOString() : to) : now.toISOString();
  const start = from ? (isDate(from) ? `${from}T00:00:00.000Z` : from) : new Date(Date.parse(end) - DEFAULT_SUMMARY_DAYS * DAY).toISOString();
  return { from: start, to: end };
}

/** A range bound as shown: a day boundary as its calendar date (the same day in every time zone), else the instant. */
function shownDay(instant: string, exclusiveEnd: boolean): string {
  if (!/T00:00:00(\.000)?Z$/.test(instant)) return exclusiveEnd ? new Date(Date.parse(instant) - 1).toISOString() : instant;
  return new Date(Date.parse(instant) - (exclusiveEnd ? DAY : 0)).toISOString().slice(0, 10);
}

/**
 * @summary Caseload metrics from core's `reports.caseload` as small accessible SVG charts, each with
 * a table of the same numbers: open cases by status and by priority, overdue contacts, referral
 * loop closure, goal achievement, and language access for clients who need an interpreter.
 *
 * Every chart is an `<svg role="img">` named by its `<title>` and described by a `<desc>` that reads
 * out the numbers; a `<table>` with the same numbers follows it (visually hidden until the user, or
 * the `show-tables` attribute, shows the tables). Numbers and percentages are formatted with `Intl`
 * in the element's language; colors come from the `--ck-*` tokens, so the dark theme works.
 * Reloads when cases, referrals or care plans change anywhere.
 *
 * The counts of cases (open cases, each status and priority bar, overdue contacts) are buttons: choosing
 * one fires `ck-summary-select` with the `<ck-caseload-board>` filters and columns that list exactly
 * those cases. "Waiting for an answer past the deadline" counts referrals: it shows (and hides) the
 * list of those referrals, read from `manager.referrals.overdue()` only while it is shown.
 * "Today" (the default period's end, how long a referral is overdue) is `manager.today()`, the
 * manager's time zone, unless `today` is set.
 *
 * "Language access" (core's `languageAccess`) says, for clients who need an interpreter, what share of
 * their referrals went to services whose staff speak their language and at what share of their
 * completed contacts an interpreter was used, in words and as two meters, with a table row per client
 * language; with no such client in the period, a sentence says so.
 *
 * `focus()` goes to the first number that is a button (open cases), else the heading.
 *
 * @fires ck-summary-select - A number was chosen. `detail: SummarySelectDetail` (`filters`, `statuses`, `count`, `referrals?`).
 * @fires ck-case-open - "Open case" in the overdue referrals list. `detail: { caseId, clientId, record }`.
 * @fires ck-error - Core refused the report (e.g. a case manager asking for another's caseload). `detail: ErrorDetail`.
 *
 * @slot header-end - Extra controls beside the heading (e.g. a period picker).
 *
 * @csspart header - The heading row.
 * @csspart heading - The element's heading.
 * @csspart range - The reporting period line.
 * @csspart toggle - The "show numbers as tables" button.
 * @csspart alert - The error banner.
 * @csspart grid - The grid of panels.
 * @csspart panel - One panel (chart or number).
 * @csspart panel-heading - A panel's heading.
 * @csspart chart - An SVG chart.
 * @csspart bar - One bar of a chart.
 * @csspart gauge - The loop-closure ring.
 * @csspart meter - A share as one bar (language access).
 * @csspart language-access - The language-access panel (a `panel`).
 * @csspart stat - A big number (open cases, overdue contacts, overdue referrals).
 * @csspart stat-button - A big number that is a button.
 * @csspart bar-button - The button over a bar (status and priority charts).
 * @csspart overdue - The list of overdue referrals (a `panel`).
 * @csspart overdue-list - Its list.
 * @csspart overdue-item - One overdue referral.
 * @csspart open-case - A referral's "Open case" button.
 * @csspart table - A data table.
 *
 * @cssprop --ck-caseload-summary-background - Element background.
 * @cssprop --ck-caseload-summary-panel-background - Panel background.
 * @cssprop --ck-caseload-summary-panel-border - Panel border color.
 * @cssprop --ck-caseload-summary-bar - Bar color.
 * @cssprop --ck-caseload-summary-bar-success - Color of "good outcome" bars and the closure ring.
 * @cssprop --ck-caseload-summary-bar-danger - Color of "bad outcome" bars.
 * @cssprop --ck-caseload-summary-bar-muted - Color of "no data" bars.
 * @cssprop --ck-caseload-summary-track - Background track of bars and the ring.
 * @cssprop --ck-caseload-summary-text - Chart text color.
 * @cssprop --ck-caseload-summary-panel-min-width - Minimum panel width before panels wrap. Default 16rem.
 */
export class CkCaseloadSummary extends CasekitElement {
  static override styles = [sharedStyles, caseloadSummaryStyles];

  /** Start of the period: a date (`2026-11-01`, from the start of that day) or an ISO instant. Default: 30 days before `to`. */
  @property() from?: string;

  /** End of the period: a date (`2026-11-30`, through the end of that day) or an ISO instant (exclusive). Default: through today. */
  @property() to?: string;

  /** Today's date (`YYYY-MM-DD`): the default period's end and how long referrals are overdue. Default: `manager.today()` (the manager's time zone). */
  @property() today?: string;

  /** One case manager's caseload (supervisors). Case managers always get their own. */
  @property({ attribute: 'assignee-id' }) assigneeId?: string;

  /** Only cases of this program. */
  @property() program?: string;

  /** Show the data tables instead of keeping them visually hidden (the toggle button changes it too). */
  @property({ type: Boolean, attribute: 'show-tables', reflect: true }) showTables = false;

  /** Show the list of referrals waiting past their deadline (the overdue-referrals number toggles it too). Read only while shown. */
  @property({ type: Boolean, attribute: 'show-overdue', reflect: true }) showOverdue = false;

  /** Heading level of the element's title; panel titles are one below (`aria-level`). */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  /** Accessible name and heading. Default: "Caseload summary", translated. */
  @property() label?: string;

  @state() private data?: CaseloadReport;
  @state() private message?: string;
  @state() private loading = false;

  private readonly casekit = new ManagerController(this, {
    collections: ['cases', 'referrals', 'plans'],
    onManager: () => void this.refresh(),
    onChange: () => void this.refresh(),
  });

  private readonly reloads = new SerialRunner(() => this.load());

  /** The overdue referrals, read on demand. */
  private readonly overdue = new OverdueReferralsController(this, {
    manager: () => this.activeManager,
    scope: () => this.data?.range,
    onError: (error) => (this.message = this.reportError(error, 'load-overdue').message),
  });

  private generation = 0;

  /** The report shown (undefined until loaded). */
  get report(): CaseloadReport | undefined {
    return this.data;
  }

  /** The overdue referrals listed (empty until the list has been shown and read). */
  get overdueReferrals(): readonly Referral[] {
    return this.overdue.items.map((item) => item.referral);
  }

  /** Resolves when the report (and the overdue list, when shown) has been (re)loaded and rendered. */
  get loadComplete(): Promise<void> {
    return this.settle([this.reloads, this.overdue]);
  }

  /** Reloads the report (done automatically on every relevant core change and attribute change). */
  async refresh(): Promise<void> {
    this.loading = true;
    try {
      await this.reloads.run();
    } finally {
      this.loading = this.reloads.busy;
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.hasUpdated) return;
    if ((['from', 'to', 'today', 'assigneeId', 'program'] as const).some((key) => changed.has(key))) void this.refresh();
    else if (changed.has('showOverdue') && this.showOverdue) void this.overdue.reload();
  }

  private get activeManager(): CaseManager | undefined {
    return this.casekit.value;
  }

  /** Today by the manager's clock and time zone, unless overridden. */
  private currentToday(manager: CaseManager | undefined): string | undefined {
    return this.today ?? manager?.today();
  }

  /** The report's period: `to` defaults to today (the manager's), through the end of that day. */
  private period(manager: CaseManager | undefined): { from: string; to: string } {
    return summaryRange(this.from, this.to ?? this.currentToday(manager));
  }

  private async load(): Promise<void> {
    const manager = this.activeManager;
    const gen = ++this.generation;
    if (!manager) {
      this.data = undefined;
      return;
    }
    try {
      const range: ReportRange = {
        ...this.period(manager),
        ...(this.assigneeId ? { assigneeId: this.assigneeId } : {}),
        ...(this.program ? { program: this.program } : {}),
      };
      const report = await manager.reports.caseload(range);
      if (gen !== this.generation) return;
      this.data = report;
      this.message = undefined;
      // The list follows the report (same scope, same changes), but only while it is shown.
      if (this.showOverdue) void this.overdue.reload();
    } catch (error) {
      if (gen !== this.generation) return;
      this.data = undefined;
      this.message = this.reportError(error, 'load').message;
    }
  }

  // ---------------------------------------------------------------- selection

  private select(choice: Parameters<typeof selectionFor>[1], label: string): void {
    const report = this.data;
    if (!report) return;
    const detail = selectionFor(report, choice, label);
    if (detail.referrals === 'overdue') this.showOverdue = !this.showOverdue;
    this.emit('ck-summary-select', detail);
  }

  private async openCase(referral: Referral, known?: CaseRecord): Promise<void> {
    const manager = this.activeManager;
    if (!manager) return;
    try {
      // Reading the case is what opening it means; the list read it already when its scope needed it.
      const record = known ?? (await manager.cases.get(referral.caseId));
      this.emit('ck-case-open', { caseId: record.id, clientId: record.clientId, record });
    } catch (error) {
      this.message = this.reportError(error, 'open').message;
    }
  }

  // ---------------------------------------------------------------- formatting

  private n(value: number): string {
    return this.localize.number(value);
  }

  private percent(value: number): string {
    return this.localize.number(value, { style: 'percent', maximumFractionDigits: 0 });
  }

  private describeBars(bars: Bar[]): string {
    const s = this.localize.t.caseloadSummary;
    return this.localize.list(bars.map((b) => s.item(b.label, this.n(b.value))));
  }

  private get chartContext(): ChartContext {
    const s = this.localize.t.caseloadSummary;
    return { n: (v) => this.n(v), item: s.item, showTables: this.showTables, categoryHeader: s.category };
  }

  /** The first number that is a button (open cases), else (loading, no manager) the heading. */
  protected override focusTarget(): HTMLElement | null {
    return firstTabbable(this.renderRoot, '[data-select]') ?? focusableHeading(this.renderRoot.querySelector<HTMLElement>('#summary-heading'));
  }

  // ---------------------------------------------------------------- render

  protected override render(): TemplateResult {
    const t = this.localize.t;
    const s = t.caseloadSummary;
    const label = this.label ?? s.label;
    const report = this.data;
    const range = report?.range ?? this.period(this.activeManager);
    const rangeText = s.range(this.localize.date(shownDay(range.from, false), { dateStyle: 'medium' }), this.localize.date(shownDay(range.to, true), { dateStyle: 'medium' }));
    return html`
      <section class="root" part="root" dir=${this.localize.dir} lang=${this.localize.lang} aria-labelledby="summary-heading" aria-busy=${this.loading ? 'true' : 'false'}>
        <div class="header" part="header">
          <div class="titles">
            <div role="heading" aria-level=${this.headingLevel} id="summary-heading" class="heading" part="heading">${label}</div>
            <p class="range" part="range">${rangeText}</p>
          </div>
          <div class="header-end">
            <slot name="header-end"></slot>
            <button type="button" class="ck-button" part="toggle" aria-pressed=${this.showTables ? 'true' : 'false'} @click=${() => (this.showTables = !this.showTables)}>
              ${s.showTables}
            </button>
          </div>
        </div>
        ${this.message ? html`<div class="ck-alert" part="alert" role="alert"><span>${this.message}</span></div>` : nothing}
        ${!this.activeManager ? html`<p class="muted">${t.errors.noManager}</p>` : !report ? (this.message ? nothing : html`<p class="muted">${t.common.loading}</p>`) : this.renderPanels(report)}
        <p id="select-hint" class="sr-only">${s.selectHint}</p>
      </section>
    `;
  }

  private renderPanels(report: CaseloadReport): TemplateResult {
    const t = this.localize.t;
    const s = t.caseloadSummary;
    const chart = this.chartContext;
    const byStatus: Bar[] = OPEN_CASE_STATUSES.map((status) => ({ key: status, label: t.status[status], value: report.openCases.byStatus[status] ?? 0 }));
    const byPriority: Bar[] = [...PRIORITIES].reverse().map((p) => ({ key: p, label: t.priority[p], value: report.openCases.byPriority[p] ?? 0 }));
    const g = report.goals;
    const goalBars: Bar[] = [
      { key: 'achieved', label: s.achieved, value: g.achieved, tone: 'success' },
      { key: 'inProgress', label: s.inProgress, value: g.inProgress },
      { key: 'notAchieved', label: s.notAchieved, value: g.notAchieved, tone: 'danger' },
      { key: 'noAssessment', label: s.noAssessment, value: g.noAssessment, tone: 'muted' },
    ];
    const goalTotal = g.achieved + g.inProgress + g.notAchieved + g.noAssessment;
    const level = this.headingLevel + 1;
    const openText = s.openCases(report.openCases.total, this.n(report.openCases.total));
    const manager = this.activeManager;
    return html`
      <div class="grid" part="grid">
        <section class="panel stats" part="panel" data-panel="overview" aria-labelledby="open-heading">
          <div role="heading" aria-level=${level} id="open-heading" class="panel-heading" part="panel-heading"><button
            type="button"
            class="link-button"
            part="stat-button"
            data-select="openCases"
            aria-describedby="select-hint"
            @click=${() => this.select({ metric: 'openCases' }, openText)}
          >${openText}</button></div>
          ${this.statButton('contactsOverdue', report.contactsOverdue, s.contactsOverdue, s.contactsOverdueHint)}
        </section>
        ${this.barPanel('status', s.byStatus, byStatus, s.cases, this.describeBars(byStatus), (b) => this.select({ metric: 'byStatus', key: b.key as CaseStatus }, b.label))}
        ${this.barPanel('priority', s.byPriority, byPriority, s.cases, this.describeBars(byPriority), (b) => this.select({ metric: 'byPriority', key: b.key as Priority }, b.label))}
        ${this.referralPanel(report)}
        ${this.barPanel(
          'goals',
          s.goals,
          goalBars,
          s.value,
          goalTotal ? `${s.goalsDesc(this.n(g.achieved), this.n(goalTotal))} ${this.describeBars(goalBars)}` : s.noGoals,
        )}
        ${this.showOverdue && manager
          ? renderOverdueList(this.overdue, {
              localize: this.localize,
              today: this.currentToday(manager)!,
              timeZone: manager.timeZone,
              headingLevel: level,
              onOpen: (referral, record) => void this.openCase(referral, record),
            })
          : nothing}
        ${languageAccessPanel(
          { s, chart, percent: (v) => this.percent(v), languageName: (code) => languageName(code, this.localize.lang), headingLevel: level },
          report.languageAccess,
        )}
      </div>
    `;
  }

  /** A big number that is a button. `overdue-referrals` discloses the list (`aria-expanded`); the others select cases. */
  private statButton(metric: 'contactsOverdue' | 'referralsAwaitingOverdue', value: number, label: string, hint?: string): TemplateResult {
    const disclosure = metric === 'referralsAwaitingOverdue';
    return html`<button
      type="button"
      class="stat"
      part="stat stat-button"
      data-stat=${metric}
      data-select=${metric}
      aria-describedby=${hint ? `${metric}-hint select-hint` : 'select-hint'}
      aria-expanded=${disclosure ? (this.showOverdue ? 'true' : 'false') : nothing}
      aria-controls=${disclosure && this.showOverdue ? 'overdue-referrals' : nothing}
      @click=${() => this.select({ metric }, label)}
    >
      <span class="stat-value ${value ? 'danger' : ''}">${this.n(value)}</span>
      <span class="stat-label">${label}</span>
      ${hint ? html`<span class="stat-hint" id="${metric}-hint">${hint}</span>` : nothing}
    </button>`;
  }

  private barPanel(id: string, title: string, bars: Bar[], valueHeader: string, description: string, select?: (bar: Bar) => void): TemplateResult {
    const chart = this.chartContext;
    return html`
      <section class="panel" part="panel" data-panel=${id} aria-labelledby="${id}-heading">
        <div role="heading" aria-level=${this.headingLevel + 1} id="${id}-heading" class="panel-heading" part="panel-heading">${title}</div>
        ${barChart(chart, id, title, bars, description, select)} ${dataTable(chart, id, title, bars.map((b) => [b.key, b.label, this.n(b.value)]), valueHeader)}
      </section>
    `;
  }

  private referralPanel(report: CaseloadReport): TemplateResult {
    const s = this.localize.t.caseloadSummary;
    const chart = this.chartContext;
    const r = report.referrals;
    const bars: Bar[] = [
      { key: 'sent', label: s.sent, value: r.sent },
      { key: 'accepted', label: s.accepted, value: r.accepted },
      { key: 'completed', label: s.completed, value: r.completed, tone: 'success' },
      { key: 'rejected', label: s.declined, value: r.rejected, tone: 'danger' },
      { key: 'failed', label: s.failed, value: r.failed, tone: 'danger' },
    ];
    const closed = r.completed + r.failed + r.rejected;
    const rate = r.loopClosureRate;
    const rateText = rate === null ? s.none : this.percent(rate);
    const description = rate === null ? s.noReferrals : s.referralsDesc(rateText, this.n(closed), this.n(r.sent));
    const rows: [string, string, string][] = [
      ...bars.map((b): [string, string, string] => [b.key, b.label, this.n(b.value)]),
      ['loopClosureRate', s.loopClosureRate, rateText],
      [
        'medianDaysToAcceptance',
        s.medianDaysToAcceptance,
        r.medianDaysToAcceptance === null ? s.none : s.days(r.medianDaysToAcceptance, this.localize.number(r.medianDaysToAcceptance, { maximumFractionDigits: 1 })),
      ],
      ['awaitingAcknowledgementOverdue', s.awaitingOverdue, this.n(r.awaitingAcknowledgementOverdue)],
    ];
    return html`
      <section class="panel" part="panel" data-panel="referrals" aria-labelledby="referrals-heading">
        <div role="heading" aria-level=${this.headingLevel + 1} id="referrals-heading" class="panel-heading" part="panel-heading">${s.referrals}</div>
        <div class="referral-charts">${gauge(rateText, rate, s.loopClosureRate, description)} ${barChart(chart, 'referrals', s.referrals, bars, this.describeBars(bars))}</div>
        ${this.statButton('referralsAwaitingOverdue', r.awaitingAcknowledgementOverdue, s.awaitingOverdue)}
        ${dataTable(chart, 'referrals', s.referrals, rows, s.value)}
      </section>
    `;
  }
}
