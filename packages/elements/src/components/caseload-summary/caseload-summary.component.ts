import { html, nothing, svg, type PropertyValues, type SVGTemplateResult, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { OPEN_CASE_STATUSES, PRIORITIES, type CaseManager, type CaseloadReport, type ReportRange } from '@casekit/core';
import { ManagerController } from '../../controllers/manager-controller.js';
import { CasekitElement } from '../../internal/casekit-element.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import { caseloadSummaryStyles } from './caseload-summary.styles.js';

const DAY = 86_400_000;
/** Default reporting period: the last 30 days. */
export const DEFAULT_SUMMARY_DAYS = 30;

/** One bar of a chart and one row of its table. */
interface Bar {
  key: string;
  label: string;
  value: number;
  tone?: 'success' | 'danger' | 'muted';
}

/**
 * `from`/`to` attribute values to the report's instants: a calendar date (`2026-11-01`) means the
 * start of that day for `from` and the end of that day for `to` (the report's end is exclusive); an
 * ISO instant is used as it is. Without `to`: now; without `from`: 30 days before `to`.
 */
export function summaryRange(from: string | undefined, to: string | undefined, now: Date = new Date()): { from: string; to: string } {
  const isDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v);
  const end = to ? (isDate(to) ? new Date(Date.parse(`${to}T00:00:00.000Z`) + DAY).toISOString() : to) : now.toISOString();
  const start = from ? (isDate(from) ? `${from}T00:00:00.000Z` : from) : new Date(Date.parse(end) - DEFAULT_SUMMARY_DAYS * DAY).toISOString();
  return { from: start, to: end };
}

/**
 * @summary Caseload metrics from core's `reports.caseload` as small accessible SVG charts, each with
 * a table of the same numbers: open cases by status and by priority, overdue contacts, referral
 * loop closure, goal achievement.
 *
 * Every chart is an `<svg role="img">` named by its `<title>` and described by a `<desc>` that reads
 * out the numbers; a `<table>` with the same numbers follows it (visually hidden until the user, or
 * the `show-tables` attribute, shows the tables). Numbers and percentages are formatted with `Intl`
 * in the element's language; colors come from the `--ck-*` tokens, so the dark theme works.
 * Reloads when cases, referrals or care plans change anywhere.
 *
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
 * @csspart stat - A big number (open cases, overdue contacts).
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

  /** End of the period: a date (`2026-11-30`, through the end of that day) or an ISO instant (exclusive). Default: now. */
  @property() to?: string;

  /** One case manager's caseload (supervisors). Case managers always get their own. */
  @property({ attribute: 'assignee-id' }) assigneeId?: string;

  /** Only cases of this program. */
  @property() program?: string;

  /** Show the data tables instead of keeping them visually hidden (the toggle button changes it too). */
  @property({ type: Boolean, attribute: 'show-tables', reflect: true }) showTables = false;

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

  private generation = 0;
  private running = false;
  private again = false;

  /** The report shown (undefined until loaded). */
  get report(): CaseloadReport | undefined {
    return this.data;
  }

  /** Resolves when the report has been (re)loaded and rendered. */
  get loadComplete(): Promise<void> {
    return (async () => {
      await this.updateComplete;
      while (this.running) await new Promise((resolve) => setTimeout(resolve, 5));
      await this.updateComplete;
    })();
  }

  /** Reloads the report (done automatically on every relevant core change and attribute change). */
  async refresh(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    this.loading = true;
    try {
      do {
        this.again = false;
        await this.load();
      } while (this.again);
    } finally {
      this.running = false;
      this.loading = false;
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.hasUpdated && (changed.has('from') || changed.has('to') || changed.has('assigneeId') || changed.has('program'))) void this.refresh();
  }

  private get activeManager(): CaseManager | undefined {
    return this.casekit.value;
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
        ...summaryRange(this.from, this.to),
        ...(this.assigneeId ? { assigneeId: this.assigneeId } : {}),
        ...(this.program ? { program: this.program } : {}),
      };
      const report = await manager.reports.caseload(range);
      if (gen !== this.generation) return;
      this.data = report;
      this.message = undefined;
    } catch (error) {
      if (gen !== this.generation) return;
      this.data = undefined;
      this.message = this.reportError(error, 'load').message;
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

  // ---------------------------------------------------------------- render

  protected override render(): TemplateResult {
    const t = this.localize.t;
    const s = t.caseloadSummary;
    const label = this.label ?? s.label;
    const report = this.data;
    const range = report?.range ?? summaryRange(this.from, this.to);
    const rangeText = s.range(
      this.localize.date(range.from, { dateStyle: 'medium' }),
      this.localize.date(new Date(Date.parse(range.to) - 1), { dateStyle: 'medium' }),
    );
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
      </section>
    `;
  }

  private renderPanels(report: CaseloadReport): TemplateResult {
    const t = this.localize.t;
    const s = t.caseloadSummary;
    const byStatus: Bar[] = OPEN_CASE_STATUSES.map((status) => ({ key: status, label: t.status[status], value: report.openCases.byStatus[status] ?? 0 }));
    const byPriority: Bar[] = [...PRIORITIES].reverse().map((p) => ({ key: p, label: t.priority[p], value: report.openCases.byPriority[p] ?? 0 }));
    const r = report.referrals;
    const referralBars: Bar[] = [
      { key: 'sent', label: s.sent, value: r.sent },
      { key: 'accepted', label: s.accepted, value: r.accepted },
      { key: 'completed', label: s.completed, value: r.completed, tone: 'success' },
      { key: 'rejected', label: s.declined, value: r.rejected, tone: 'danger' },
      { key: 'failed', label: s.failed, value: r.failed, tone: 'danger' },
    ];
    const g = report.goals;
    const goalBars: Bar[] = [
      { key: 'achieved', label: s.achieved, value: g.achieved, tone: 'success' },
      { key: 'inProgress', label: s.inProgress, value: g.inProgress },
      { key: 'notAchieved', label: s.notAchieved, value: g.notAchieved, tone: 'danger' },
      { key: 'noAssessment', label: s.noAssessment, value: g.noAssessment, tone: 'muted' },
    ];
    const goalTotal = g.achieved + g.inProgress + g.notAchieved + g.noAssessment;
    const level = this.headingLevel + 1;
    return html`
      <div class="grid" part="grid">
        <section class="panel stats" part="panel" data-panel="overview" aria-labelledby="open-heading">
          <div role="heading" aria-level=${level} id="open-heading" class="panel-heading" part="panel-heading">${s.openCases(report.openCases.total, this.n(report.openCases.total))}</div>
          <p class="stat" part="stat" data-stat="contactsOverdue">
            <span class="stat-value ${report.contactsOverdue ? 'danger' : ''}">${this.n(report.contactsOverdue)}</span>
            <span class="stat-label">${s.contactsOverdue}</span>
            <span class="stat-hint">${s.contactsOverdueHint}</span>
          </p>
        </section>
        ${this.barPanel('status', s.byStatus, byStatus, s.cases, this.describeBars(byStatus))}
        ${this.barPanel('priority', s.byPriority, byPriority, s.cases, this.describeBars(byPriority))}
        ${this.referralPanel(report, referralBars)}
        ${this.barPanel(
          'goals',
          s.goals,
          goalBars,
          s.value,
          goalTotal ? `${s.goalsDesc(this.n(g.achieved), this.n(goalTotal))} ${this.describeBars(goalBars)}` : s.noGoals,
        )}
      </div>
    `;
  }

  private barPanel(id: string, title: string, bars: Bar[], valueHeader: string, description: string): TemplateResult {
    return html`
      <section class="panel" part="panel" data-panel=${id} aria-labelledby="${id}-heading">
        <div role="heading" aria-level=${this.headingLevel + 1} id="${id}-heading" class="panel-heading" part="panel-heading">${title}</div>
        ${this.barChart(id, title, bars, description)} ${this.table(id, title, bars.map((b) => [b.key, b.label, this.n(b.value)]), valueHeader)}
      </section>
    `;
  }

  private referralPanel(report: CaseloadReport, bars: Bar[]): TemplateResult {
    const s = this.localize.t.caseloadSummary;
    const r = report.referrals;
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
    const size = 120;
    const radius = 48;
    const circumference = 2 * Math.PI * radius;
    const filled = rate === null ? 0 : Math.max(0, Math.min(1, rate)) * circumference;
    return html`
      <section class="panel" part="panel" data-panel="referrals" aria-labelledby="referrals-heading">
        <div role="heading" aria-level=${this.headingLevel + 1} id="referrals-heading" class="panel-heading" part="panel-heading">${s.referrals}</div>
        <div class="referral-charts">
          <svg class="gauge" part="chart gauge" role="img" aria-labelledby="gauge-title gauge-desc" viewBox="0 0 ${size} ${size}" data-chart="gauge">
            <title id="gauge-title">${s.loopClosureRate}</title>
            <desc id="gauge-desc">${description}</desc>
            <circle class="track" cx=${size / 2} cy=${size / 2} r=${radius} fill="none" stroke-width="14"></circle>
            <circle
              class="arc"
              cx=${size / 2}
              cy=${size / 2}
              r=${radius}
              fill="none"
              stroke-width="14"
              stroke-dasharray="${filled} ${circumference}"
              transform="rotate(-90 ${size / 2} ${size / 2})"
            ></circle>
            <text class="gauge-value" x=${size / 2} y=${size / 2} text-anchor="middle" dominant-baseline="central">${rate === null ? '–' : rateText}</text>
          </svg>
          ${this.barChart('referrals', s.referrals, bars, this.describeBars(bars))}
        </div>
        ${this.table('referrals', s.referrals, rows, s.value)}
      </section>
    `;
  }

  /** A horizontal bar chart: `role="img"`, named by its `<title>`, described (with every number) by its `<desc>`. */
  private barChart(id: string, title: string, bars: Bar[], description: string): TemplateResult {
    const rowHeight = 26;
    const labelWidth = 118;
    const width = 320;
    const valueWidth = 40;
    const barMax = width - labelWidth - valueWidth - 8;
    const max = Math.max(1, ...bars.map((b) => b.value));
    const height = bars.length * rowHeight + 4;
    const rows: SVGTemplateResult[] = bars.map((b, i) => {
      const y = i * rowHeight + 4;
      const w = b.value ? Math.max(2, (b.value / max) * barMax) : 0;
      return svg`<g data-key=${b.key}>
        <text class="bar-label" x=${labelWidth - 6} y=${y + 9} text-anchor="end" dominant-baseline="central">${b.label}</text>
        <rect class="track" x=${labelWidth} y=${y} width=${barMax} height="18" rx="3"></rect>
        <rect class="bar ${b.tone ?? ''}" part="bar" x=${labelWidth} y=${y} width=${w} height="18" rx="3" data-value=${b.value}></rect>
        <text class="bar-value" x=${labelWidth + w + 4} y=${y + 9} dominant-baseline="central">${this.n(b.value)}</text>
      </g>`;
    });
    return html`<svg class="bars" part="chart" role="img" aria-labelledby="${id}-title ${id}-desc" viewBox="0 0 ${width} ${height}" data-chart=${id}>
      <title id="${id}-title">${title}</title>
      <desc id="${id}-desc">${description}</desc>
      ${rows}
    </svg>`;
  }

  private table(id: string, title: string, rows: [string, string, string][], valueHeader: string): TemplateResult {
    const s = this.localize.t.caseloadSummary;
    return html`<div class=${this.showTables ? 'table-wrap' : 'table-wrap sr-only'}>
      <table class="data" part="table" data-table=${id}>
        <caption>${title}</caption>
        <thead>
          <tr>
            <th scope="col">${s.category}</th>
            <th scope="col">${valueHeader}</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(([key, label, value]) => html`<tr data-key=${key}><th scope="row">${label}</th><td>${value}</td></tr>`)}
        </tbody>
      </table>
    </div>`;
  }
}
