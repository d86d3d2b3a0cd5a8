// One shape for every bench's budget rows, so `pnpm bench` can print them as one table and write the
// README's budget table from it (misses included). A bench hands `reportBudgets` its rows; each row's
// figures are raw samples (milliseconds, or another `unit`), summarised here as min / median / max.
import { mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const RESULTS_DIR = fileURLToPath(new URL('./bench-results/', import.meta.url));

/**
 * @typedef {number | number[] | string} Figure  samples (summarised), one value, or text as measured
 * @typedef {{
 *   area: string, metric: string, target: string,
 *   budget?: number, unit?: 'ms' | 'MB' | 'KB' | 's' | 'x' | '',
 *   casekit: Figure, baseline?: Figure, baselineHow?: string, naive?: Figure, naiveHow?: string, note?: string,
 * }} BudgetRow
 * `budget`: the target as a number in `unit`; the row is met when casekit's median is at most that.
 */

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
};

function formatValue(v, unit = 'ms') {
  if (unit === 'ms') return v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v < 10 ? v.toFixed(1) : Math.round(v)} ms`;
  if (unit === 'x') return `${v.toFixed(2)}×`;
  if (Number.isInteger(v)) return `${v.toLocaleString('en')} ${unit}`.trim();
  return `${v < 10 ? v.toFixed(1) : Math.round(v * 10) / 10} ${unit}`.trim();
}

/** "min / median / max" of samples, one value, or the text given. */
export function formatFigure(figure, unit = 'ms') {
  if (figure === undefined) return '—';
  if (typeof figure === 'string') return figure;
  if (typeof figure === 'number') return formatValue(figure, unit);
  if (!figure.length) return '—';
  const sorted = [...figure].sort((a, b) => a - b);
  if (sorted.length === 1) return formatValue(sorted[0], unit);
  return `${formatValue(sorted[0], unit)} / **${formatValue(median(sorted), unit)}** / ${formatValue(sorted.at(-1), unit)}`;
}

/** The median a row is judged by (undefined for text). */
export function centre(figure) {
  if (typeof figure === 'number') return figure;
  if (Array.isArray(figure) && figure.length) return median(figure);
  return undefined;
}

export function verdict(row) {
  const value = centre(row.casekit);
  if (row.budget === undefined || value === undefined) return '';
  return value <= row.budget ? 'met' : '**missed**';
}

/** Growth exponent: the log-log slope between two (size, median) points. 0 = flat, 1 = linear. */
export function growth(sizeA, valueA, sizeB, valueB) {
  return Math.log(valueB / valueA) / Math.log(sizeB / sizeA);
}

const HEADER = '| area | measure | target | casekit (min / **median** / max) | | baseline (same run) | baseline way |\n| --- | --- | --- | --- | --- | --- | --- |';

/** @param {BudgetRow[]} rows */
export function budgetTable(rows) {
  const lines = rows.map((r) => {
    const baseline = [r.baseline !== undefined ? formatFigure(r.baseline, r.unit) : '', r.naive !== undefined ? `naive: ${formatFigure(r.naive, r.unit)}` : ''].filter(Boolean).join('; ') || '—';
    const how = [r.baselineHow, r.naiveHow && `naive: ${r.naiveHow}`].filter(Boolean).join('; ') || '—';
    const casekit = formatFigure(r.casekit, r.unit) + (r.note ? ` (${r.note})` : '');
    return `| ${r.area} | ${r.metric} | ${r.target} | ${casekit} | ${verdict(r)} | ${baseline} | ${how} |`;
  });
  return [HEADER, ...lines].join('\n');
}

/**
 * Prints a bench's budget rows and saves them for `pnpm bench` (bench-results/<name>.json, not committed).
 * @param {string} name  @param {string} context  one line: machine, browser, sizes  @param {BudgetRow[]} rows
 */
export function reportBudgets(name, context, rows) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, `${name}.json`), JSON.stringify({ name, context, at: new Date().toISOString(), rows }, null, 1));
  console.log(`\n${context}\n\n${budgetTable(rows)}\n`);
}

/** Every saved result, in the order given (then the rest). */
export function readResults(order = []) {
  if (!existsSync(RESULTS_DIR)) return [];
  const all = readdirSync(RESULTS_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(RESULTS_DIR, f), 'utf8')));
  const rank = (r) => (order.includes(r.name) ? order.indexOf(r.name) : order.length);
  return all.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}
