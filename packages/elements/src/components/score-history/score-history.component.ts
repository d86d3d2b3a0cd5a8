import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { localizedText, scoreHistory, type CaseManager, type QuestionnaireDefinition, type ScoreSeries } from '@casekit/core';
import { ManagerController } from '../../controllers/manager-controller.js';
import { CasekitElement } from '../../internal/casekit-element.js';
import { SerialRunner } from '../../internal/serial-runner.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import { scoreChart, type ChartBand, type ChartPoint } from './score-chart.js';
import { scoreHistoryStyles } from './score-history.styles.js';

/** A series with what the definition says about it (title and bands in the element's language). */
interface ShownSeries {
  series: ScoreSeries;
  title: string;
  bands: ChartBand[];
}

/**
 * @summary Outcomes over time: each scored instrument of a case (e.g. the PHQ-9 total at intake, 4 and
 * 8 weeks) as a small line chart over its severity bands, with the latest value, the change since the
 * first, and the same numbers as a table.
 *
 * Reads `manager.assessments.forCase` (an audited read, refused like any read the policy refuses) and
 * the questionnaire definitions for labels and bands; scores entered in error or incomplete are left
 * out (core `scoreHistory`). The chart is an image with a full text description; the table, always in
 * the accessibility tree, is shown on screen with `show-table` or the toggle.
 *
 * @fires ck-error - Core refused the read. `detail: ErrorDetail`.
 *
 * @slot header-end - Extra controls beside the heading.
 * @slot empty - Shown instead of the default text when the case has no scored assessments.
 *
 * @csspart header - The heading row.
 * @csspart heading - The element's heading (focused by `focus()`).
 * @csspart alert - The error banner.
 * @csspart list - The list of series.
 * @csspart series - One instrument's score.
 * @csspart series-title - Its title.
 * @csspart latest - The latest value and the change since the first.
 * @csspart chart - The SVG chart.
 * @csspart line - The line.
 * @csspart point - A point.
 * @csspart table - The table of values.
 * @csspart table-toggle - The "Show as table" button.
 *
 * @cssprop --ck-score-history-background - Element background.
 * @cssprop --ck-score-history-line - Line color (default: the primary color).
 * @cssprop --ck-score-history-point - Point color.
 * @cssprop --ck-score-history-band - Color of the severity bands (shaded lighter to darker).
 */
export class CkScoreHistory extends CasekitElement {
  static override styles = [sharedStyles, scoreHistoryStyles];

  /** The case whose assessments are charted. */
  @property({ attribute: 'case-id', reflect: true }) caseId?: string;

  /** Only this instrument (questionnaire id, e.g. `phq-9`). Default: every scored one. */
  @property() questionnaire?: string;

  /** Show the tables on screen (they are always available to screen readers). */
  @property({ type: Boolean, attribute: 'show-table', reflect: true }) showTable = false;

  /** Heading level of the element's title. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  /** Accessible name and heading. Default: "Outcomes over time", translated. */
  @property() label?: string;

  @state() private shown: ShownSeries[] = [];
  @state() private loaded = false;
  @state() private message?: string;

  private readonly casekit = new ManagerController(this, {
    collections: ['assessments'],
    onManager: () => void this.refresh(),
    onChange: () => void this.refresh(),
  });
  private readonly runner = new SerialRunner(() => this.load());

  /** The series shown, by instrument then score. */
  get series(): readonly ScoreSeries[] {
    return this.shown.map((s) => s.series);
  }

  /** Resolves when no load is running or queued and the element has rendered. */
  get loadComplete(): Promise<void> {
    return this.settle([this.runner]);
  }

  /** Reloads (done on every change to assessments). */
  refresh(): Promise<void> {
    return this.runner.run();
  }

  /** `focus()` goes to the heading: the element's controls are only the table toggle. */
  protected override focusTarget(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('#score-history-heading');
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.hasUpdated && (changed.has('caseId') || changed.has('questionnaire'))) void this.refresh();
    // Titles and band labels come from the definitions in the element's language.
    if (this.hasUpdated && changed.has('lang' as keyof CkScoreHistory)) void this.refresh();
  }

  private async load(): Promise<void> {
    const manager: CaseManager | undefined = this.casekit.value;
    const caseId = this.caseId;
    if (!manager || !caseId) {
      this.shown = [];
      this.loaded = !!manager;
      return;
    }
    try {
      const assessments = await manager.assessments.forCase(caseId);
      const wanted = scoreHistory(assessments).filter((s) => !this.questionnaire || s.questionnaireId === this.questionnaire);
      const lang = this.localize.lang;
      const shown = await Promise.all(
        wanted.map(async (series): Promise<ShownSeries> => {
          const definition: QuestionnaireDefinition | undefined = await manager.assessments.loadDefinition(series.questionnaireId, series.questionnaireVersion).catch(() => undefined);
          const rule = definition?.scoring?.find((r) => r.id === series.scoreId);
          return {
            series,
            title: rule ? localizedText(rule.label, lang) : definition ? localizedText(definition.title, lang) : series.questionnaireId,
            bands: (rule?.bands ?? []).map((b) => ({ min: b.min, max: b.max, label: localizedText(b.label, lang) })),
          };
        }),
      );
      if (caseId !== this.caseId) return;
      this.shown = shown;
      this.message = undefined;
    } catch (error) {
      this.shown = [];
      this.message = this.reportError(error, 'load').message;
    } finally {
      this.loaded = true;
    }
  }

  /** A point's band label in the element's language (the stored label is in the assessment's language). */
  private bandLabel(shown: ShownSeries, value: number, stored?: { label: string }): string | undefined {
    return shown.bands.find((b) => value >= b.min && value <= b.max)?.label ?? stored?.label;
  }

  private renderSeries(shown: ShownSeries, index: number): TemplateResult {
    const t = this.localize.t.scoreHistory;
    const date = (at: string) => this.localize.date(at, { dateStyle: 'medium' });
    const points: ChartPoint[] = shown.series.points.map((p) => ({
      at: p.at,
      value: p.value,
      dateText: date(p.at),
      valueText: this.localize.number(p.value),
      ...(this.bandLabel(shown, p.value, p.band) ? { bandText: this.bandLabel(shown, p.value, p.band)! } : {}),
    }));
    const last = points[points.length - 1]!;
    const change = shown.series.change;
    const latest = [t.latest(last.valueText, last.bandText), change === null ? undefined : t.change(change, this.localize.number(Math.abs(change)), points[0]!.dateText)].filter(Boolean).join(', ');
    const description = t.description(shown.title, this.localize.list(points.map((p) => t.point(p.valueText, p.dateText, p.bandText))));
    const id = `series-${index}`;
    return html`<li class="series" part="series" data-questionnaire=${shown.series.questionnaireId} data-score=${shown.series.scoreId}>
      <p class="series-title" part="series-title" id="${id}-name">${shown.title}</p>
      <p class="latest" part="latest">${latest} · ${t.count(points.length, this.localize.number(points.length))}</p>
      ${scoreChart(id, shown.title, description, points, shown.bands, this.localize.dir === 'rtl')}
      <table part="table" class=${this.showTable ? '' : 'sr-only'} aria-labelledby="${id}-name">
        <thead>
          <tr><th scope="col">${t.dateHeader}</th><th scope="col">${t.scoreHeader}</th><th scope="col">${t.bandHeader}</th></tr>
        </thead>
        <tbody>
          ${points.map((p) => html`<tr><th scope="row">${p.dateText}</th><td>${p.valueText}</td><td>${p.bandText ?? ''}</td></tr>`)}
        </tbody>
      </table>
    </li>`;
  }

  protected override render(): TemplateResult {
    const t = this.localize.t;
    const manager = this.casekit.value;
    return html`<section class="root" part="root" dir=${this.localize.dir} lang=${this.localize.lang} aria-labelledby="score-history-heading" aria-busy=${this.loaded ? 'false' : 'true'}>
      <div class="header" part="header">
        <div role="heading" aria-level=${this.headingLevel} id="score-history-heading" class="heading" part="heading" tabindex="-1">${this.label ?? t.scoreHistory.label}</div>
        ${this.shown.length
          ? html`<button type="button" class="ck-button" part="table-toggle" aria-pressed=${this.showTable ? 'true' : 'false'} @click=${() => (this.showTable = !this.showTable)}>
              ${t.scoreHistory.showTable}
            </button>`
          : nothing}
        <slot name="header-end"></slot>
      </div>
      ${!manager ? html`<p class="empty">${t.errors.noManager}</p>` : !this.loaded ? html`<p class="empty">${t.common.loading}</p>` : nothing}
      ${this.message ? html`<div class="ck-alert" part="alert" role="alert"><span>${this.message}</span></div>` : nothing}
      ${this.loaded && manager && this.caseId && !this.shown.length && !this.message ? html`<slot name="empty"><p class="empty">${t.scoreHistory.empty}</p></slot>` : nothing}
      ${this.shown.length ? html`<ul class="series-list" part="list" role="list">${this.shown.map((s, i) => this.renderSeries(s, i))}</ul>` : nothing}
    </section>`;
  }
}
