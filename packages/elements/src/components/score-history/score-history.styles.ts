import { css } from 'lit';

export const scoreHistoryStyles = css`
  :host {
    display: block;
    background: var(--ck-score-history-background, transparent);
  }
  .header {
    display: flex;
    align-items: baseline;
    justify-content: space-between;
    gap: var(--ck-space-2, 0.5rem);
    flex-wrap: wrap;
  }
  .heading {
    font-size: 1.1em;
    font-weight: 600;
    margin: 0;
  }
  .heading:focus-visible {
    outline: 2px solid var(--ck-color-focus, #1d4ed8);
    outline-offset: 2px;
  }
  .series-list {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--ck-space-4, 1rem);
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 20rem), 1fr));
  }
  .series {
    border: 1px solid var(--ck-color-border, #d0d5dd);
    border-radius: var(--ck-radius-m, 8px);
    padding: var(--ck-space-3, 0.75rem);
  }
  .series-title {
    font-weight: 600;
    margin: 0 0 var(--ck-space-1, 0.25rem);
  }
  .latest {
    margin: 0 0 var(--ck-space-2, 0.5rem);
    color: var(--ck-color-text-muted, #475467);
  }
  .chart {
    width: 100%;
    height: auto;
    display: block;
  }
  .band {
    fill: var(--ck-score-history-band, var(--ck-color-danger, #b91c1c));
  }
  .band-0 {
    fill-opacity: 0.03;
  }
  .band-1 {
    fill-opacity: 0.07;
  }
  .band-2 {
    fill-opacity: 0.11;
  }
  .band-3 {
    fill-opacity: 0.16;
  }
  .band-4 {
    fill-opacity: 0.22;
  }
  .axis {
    stroke: var(--ck-color-border, #d0d5dd);
  }
  .line {
    fill: none;
    stroke: var(--ck-score-history-line, var(--ck-color-primary, #1a56db));
    stroke-width: 2;
  }
  .point circle {
    fill: var(--ck-score-history-point, var(--ck-color-primary, #1a56db));
  }
  .tick,
  .date,
  .value {
    font-size: 10px;
    fill: var(--ck-color-text, #101828);
  }
  .tick,
  .date {
    fill: var(--ck-color-text-muted, #475467);
  }
  table {
    border-collapse: collapse;
    width: 100%;
    margin-top: var(--ck-space-2, 0.5rem);
  }
  th,
  td {
    text-align: start;
    padding: 0.25rem 0.5rem;
    border-bottom: 1px solid var(--ck-color-border, #d0d5dd);
  }
  .empty {
    color: var(--ck-color-text-muted, #475467);
  }
  @media (forced-colors: active) {
    .line {
      stroke: CanvasText;
    }
    .point circle {
      fill: CanvasText;
    }
  }
`;
