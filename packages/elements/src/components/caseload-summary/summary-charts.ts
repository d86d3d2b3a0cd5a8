import { html, svg, type SVGTemplateResult, type TemplateResult } from 'lit';
import { styleProps } from '../../internal/style-props.js';

/** One bar of a chart and one row of its table. */
export interface Bar {
  key: string;
  label: string;
  value: number;
  tone?: 'success' | 'danger' | 'muted';
}

export interface ChartContext {
  /** Formats a number in the element's language. */
  n: (value: number) => string;
  /** "Active: 2", the accessible name of a bar's button. */
  item: (label: string, value: string) => string;
  showTables: boolean;
  categoryHeader: string;
}

const ROW = 26;
const LABEL_WIDTH = 118;
const WIDTH = 320;
const VALUE_WIDTH = 40;

/**
 * A horizontal bar chart: `role="img"`, named by its `<title>`, described (with every number) by its
 * `<desc>`. With `select`, each row also gets a button laid over it: an image cannot hold controls,
 * so the buttons sit beside the SVG in the DOM and cover their rows on screen (sized in percent of
 * the chart, which keeps its aspect ratio at any width).
 */
export function barChart(ctx: ChartContext, id: string, title: string, bars: Bar[], description: string, select?: (bar: Bar) => void): TemplateResult {
  const barMax = WIDTH - LABEL_WIDTH - VALUE_WIDTH - 8;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = bars.length * ROW + 4;
  const rows: SVGTemplateResult[] = bars.map((b, i) => {
    const y = i * ROW + 4;
    const w = b.value ? Math.max(2, (b.value / max) * barMax) : 0;
    return svg`<g data-key=${b.key}>
      <text class="bar-label" x=${LABEL_WIDTH - 6} y=${y + 9} text-anchor="end" dominant-baseline="central">${b.label}</text>
      <rect class="track" x=${LABEL_WIDTH} y=${y} width=${barMax} height="18" rx="3"></rect>
      <rect class="bar ${b.tone ?? ''}" part="bar" x=${LABEL_WIDTH} y=${y} width=${w} height="18" rx="3" data-value=${b.value}></rect>
      <text class="bar-value" x=${LABEL_WIDTH + w + 4} y=${y + 9} dominant-baseline="central">${ctx.n(b.value)}</text>
    </g>`;
  });
  const chart = html`<svg class="bars" part="chart" role="img" aria-labelledby="${id}-title ${id}-desc" viewBox="0 0 ${WIDTH} ${height}" data-chart=${id}>
    <title id="${id}-title">${title}</title>
    <desc id="${id}-desc">${description}</desc>
    ${rows}
  </svg>`;
  if (!select) return chart;
  const percent = (v: number) => `${(v / height) * 100}%`;
  return html`<div class="chart-wrap">
    ${chart}
    <ul class="bar-buttons" role="list" aria-label=${title}>
      ${bars.map(
        (b, i) =>
          html`<li>
            <button
              type="button"
              class="bar-button"
              part="bar-button"
              data-select=${`${id}:${b.key}`}
              aria-label=${ctx.item(b.label, ctx.n(b.value))}
              aria-describedby="select-hint"
              ${styleProps({ top: percent(i * ROW + 2), height: percent(ROW) })}
              @click=${() => select(b)}
            ></button>
          </li>`,
      )}
    </ul>
  </div>`;
}

/** The loop-closure ring. */
export function gauge(rateText: string, rate: number | null, title: string, description: string): TemplateResult {
  const size = 120;
  const radius = 48;
  const circumference = 2 * Math.PI * radius;
  const filled = rate === null ? 0 : Math.max(0, Math.min(1, rate)) * circumference;
  return html`<svg class="gauge" part="chart gauge" role="img" aria-labelledby="gauge-title gauge-desc" viewBox="0 0 ${size} ${size}" data-chart="gauge">
    <title id="gauge-title">${title}</title>
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
  </svg>`;
}

/** The same numbers as a table (visually hidden unless `showTables`). */
export function dataTable(ctx: ChartContext, id: string, title: string, rows: [string, string, string][], valueHeader: string): TemplateResult {
  return html`<div class=${ctx.showTables ? 'table-wrap' : 'table-wrap sr-only'}>
    <table class="data" part="table" data-table=${id}>
      <caption>${title}</caption>
      <thead>
        <tr>
          <th scope="col">${ctx.categoryHeader}</th>
          <th scope="col">${valueHeader}</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(([key, label, value]) => html`<tr data-key=${key}><th scope="row">${label}</th><td>${value}</td></tr>`)}
      </tbody>
    </table>
  </div>`;
}


/**
 * A share as one horizontal bar (0–100 %): `role="img"`, named by its `<title>`, described by its
 * `<desc>` (the sentence with the numbers). No rate (nothing known): an empty track.
 */
export function meter(id: string, title: string, description: string, rate: number | null, rateText: string): TemplateResult {
  const barMax = WIDTH - VALUE_WIDTH - 8;
  const w = rate === null ? 0 : Math.max(0, Math.min(1, rate)) * barMax;
  return html`<svg class="meter" part="chart meter" role="img" aria-labelledby="${id}-title ${id}-desc" viewBox="0 0 ${WIDTH} 22" data-chart=${id}>
    <title id="${id}-title">${title}</title>
    <desc id="${id}-desc">${description}</desc>
    <rect class="track" x="0" y="2" width=${barMax} height="18" rx="3"></rect>
    <rect class="bar success" part="bar" x="0" y="2" width=${w} height="18" rx="3" data-value=${rate ?? ''}></rect>
    <text class="bar-value" x=${barMax + 6} y="11" dominant-baseline="central">${rate === null ? '–' : rateText}</text>
  </svg>`;
}
