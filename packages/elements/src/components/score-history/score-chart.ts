import { html, svg, type SVGTemplateResult, type TemplateResult } from 'lit';

/** One point as the chart draws it, labels already localized. */
export interface ChartPoint {
  at: string;
  value: number;
  dateText: string;
  valueText: string;
  bandText?: string;
}

/** A severity band of the score's rule (inclusive `min`..`max`), its label localized. */
export interface ChartBand {
  min: number;
  max: number;
  label: string;
}

const WIDTH = 320;
const HEIGHT = 160;
const LEFT = 30;
const RIGHT = 12;
const TOP = 10;
const BOTTOM = 26;

/**
 * A small line chart of one score over time: `role="img"`, named by its `<title>` and described, with
 * every value and date, by its `<desc>` (the table beside it is the full alternative). Severity bands
 * are shaded behind the line, darker as they rise; time runs left to right in calendar proportion
 * (the axis follows `dir` through a mirrored transform only for the drawing, never for the text).
 */
export function scoreChart(id: string, title: string, description: string, points: readonly ChartPoint[], bands: readonly ChartBand[], rtl: boolean): TemplateResult {
  const top = Math.max(1, ...points.map((p) => p.value), ...bands.map((b) => b.max));
  const bottom = Math.min(0, ...points.map((p) => p.value), ...bands.map((b) => b.min));
  const plotWidth = WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const y = (value: number) => TOP + plotHeight - ((value - bottom) / Math.max(1, top - bottom)) * plotHeight;
  const times = points.map((p) => Date.parse(p.at));
  const first = Math.min(...times);
  const span = Math.max(...times) - first;
  const xOf = (i: number) => {
    const share = span > 0 ? (times[i]! - first) / span : 0.5;
    return LEFT + (rtl ? 1 - share : share) * plotWidth;
  };
  const zones: SVGTemplateResult[] = bands.map((band, i) => {
    const upper = bands[i + 1]?.min ?? band.max;
    return svg`<rect class="band band-${Math.min(i, 4)}" x=${LEFT} y=${y(upper)} width=${plotWidth} height=${Math.max(0, y(band.min) - y(upper))}></rect>`;
  });
  const path = points.map((p, i) => `${i ? 'L' : 'M'}${xOf(i).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  const ticks = [...new Set([bottom, ...bands.map((b) => b.min).filter((v) => v > bottom), top])];
  return html`<svg class="chart" part="chart" role="img" aria-labelledby="${id}-title ${id}-desc" viewBox="0 0 ${WIDTH} ${HEIGHT}" data-chart=${id}>
    <title id="${id}-title">${title}</title>
    <desc id="${id}-desc">${description}</desc>
    ${zones}
    ${ticks.map((v) => svg`<text class="tick" x=${LEFT - 4} y=${y(v)} text-anchor="end" dominant-baseline="central">${v}</text>`)}
    <line class="axis" x1=${LEFT} y1=${TOP + plotHeight} x2=${LEFT + plotWidth} y2=${TOP + plotHeight}></line>
    <path class="line" part="line" d=${path}></path>
    ${points.map(
      (p, i) => svg`<g class="point" data-value=${p.value}>
        <circle part="point" cx=${xOf(i)} cy=${y(p.value)} r="4"></circle>
        <text class="value" x=${xOf(i)} y=${y(p.value) - 8} text-anchor="middle">${p.valueText}</text>
      </g>`,
    )}
    ${points.length
      ? svg`<text class="date" x=${xOf(0)} y=${HEIGHT - 6} text-anchor=${points.length > 1 ? (rtl ? 'end' : 'start') : 'middle'}>${points[0]!.dateText}</text>`
      : null}
    ${points.length > 1 ? svg`<text class="date" x=${xOf(points.length - 1)} y=${HEIGHT - 6} text-anchor=${rtl ? 'start' : 'end'}>${points[points.length - 1]!.dateText}</text>` : null}
  </svg>`;
}
