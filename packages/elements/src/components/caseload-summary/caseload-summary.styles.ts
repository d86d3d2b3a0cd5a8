import { css } from 'lit';

export const caseloadSummaryStyles = css`
  :host {
    --ck-caseload-summary-background: transparent;
    --ck-caseload-summary-panel-background: var(--_ck-surface-raised);
    --ck-caseload-summary-panel-border: var(--_ck-border);
    --ck-caseload-summary-bar: var(--_ck-primary);
    --ck-caseload-summary-bar-success: var(--_ck-success);
    --ck-caseload-summary-bar-danger: var(--_ck-danger);
    --ck-caseload-summary-bar-muted: var(--_ck-border-strong);
    --ck-caseload-summary-track: var(--_ck-surface-sunken);
    --ck-caseload-summary-text: var(--_ck-text);
    --ck-caseload-summary-panel-min-width: 16rem;

    display: block;
    background: var(--ck-caseload-summary-background);
  }
  .root {
    display: flex;
    flex-direction: column;
    gap: var(--_ck-space-3);
  }
  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    justify-content: space-between;
    gap: var(--_ck-space-2);
  }
  .header-end {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_ck-space-2);
  }
  .heading {
    font-size: var(--_ck-fs-l);
    font-weight: 600;
  }
  .range,
  .muted {
    margin: 0;
    font-size: var(--_ck-fs-s);
    color: var(--_ck-text-muted);
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, var(--ck-caseload-summary-panel-min-width)), 1fr));
    gap: var(--_ck-space-3);
  }
  .panel {
    display: flex;
    flex-direction: column;
    gap: var(--_ck-space-2);
    min-width: 0;
    padding: var(--_ck-space-3);
    background: var(--ck-caseload-summary-panel-background);
    border: 1px solid var(--ck-caseload-summary-panel-border);
    border-radius: var(--_ck-radius-m);
  }
  .panel-heading {
    font-weight: 600;
  }
  .stat {
    margin: 0;
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: 2px;
  }
  /* Numbers that are buttons look like the numbers they were, plus a hover and the focus ring. */
  button.stat,
  .link-button {
    font: inherit;
    color: inherit;
    text-align: start;
    background: none;
    border: 0;
    border-radius: var(--_ck-radius-s);
    padding: 2px 4px;
    margin-inline-start: -4px;
    cursor: pointer;
  }
  .link-button {
    font-weight: inherit;
    text-decoration: underline;
    text-underline-offset: 0.2em;
  }
  button.stat:hover,
  .link-button:hover,
  .bar-button:hover {
    background: color-mix(in srgb, var(--ck-caseload-summary-bar) 12%, transparent);
  }
  .chart-wrap {
    position: relative;
    max-width: 32rem;
  }
  .bar-buttons {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .bar-button {
    position: absolute;
    inset-inline: 0;
    display: block;
    width: 100%;
    padding: 0;
    background: transparent;
    border: 0;
    border-radius: var(--_ck-radius-s);
    cursor: pointer;
  }
  .overdue {
    grid-column: 1 / -1;
  }
  .overdue-list {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
  }
  .overdue-item {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    column-gap: var(--_ck-space-3);
    row-gap: var(--_ck-space-1);
    padding-block: var(--_ck-space-2);
    border-block-end: 1px solid var(--_ck-border);
  }
  .overdue-client {
    font-weight: 600;
  }
  .overdue-due {
    color: var(--_ck-danger);
    font-size: var(--_ck-fs-s);
  }
  .overdue-item .ck-button {
    margin-inline-start: auto;
  }
  .stat-value {
    font-size: 2rem;
    font-weight: 600;
    line-height: 1.1;
    font-variant-numeric: tabular-nums;
  }
  .stat-value.danger {
    color: var(--_ck-danger);
  }
  .stat-hint {
    font-size: var(--_ck-fs-s);
    color: var(--_ck-text-muted);
  }
  /* Chart geometry is laid out left to right (text-anchor and x follow it); under dir=rtl 'end'
     would flip and labels would cover their bars. Text inside still shapes right to left. */
  svg {
    direction: ltr;
    display: block;
    width: 100%;
    height: auto;
    overflow: visible;
  }
  svg.bars {
    max-width: 32rem;
  }
  .referral-charts {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_ck-space-3);
  }
  .referral-charts svg.gauge {
    flex: none;
    width: 7rem;
  }
  .referral-charts svg.bars {
    flex: 1 1 12rem;
    min-width: 0;
  }
  text {
    fill: var(--ck-caseload-summary-text);
    font-family: var(--_ck-font);
    font-size: 12px;
  }
  .bar-value {
    font-variant-numeric: tabular-nums;
  }
  .gauge-value {
    font-size: 22px;
    font-weight: 600;
  }
  rect.track {
    fill: var(--ck-caseload-summary-track);
  }
  circle.track {
    stroke: var(--ck-caseload-summary-track);
  }
  circle.arc {
    stroke: var(--ck-caseload-summary-bar-success);
  }
  rect.bar {
    fill: var(--ck-caseload-summary-bar);
  }
  rect.bar.success {
    fill: var(--ck-caseload-summary-bar-success);
  }
  rect.bar.danger {
    fill: var(--ck-caseload-summary-bar-danger);
  }
  rect.bar.muted {
    fill: var(--ck-caseload-summary-bar-muted);
  }
  table.data {
    border-collapse: collapse;
    width: 100%;
    font-size: var(--_ck-fs-s);
  }
  table.data caption {
    text-align: start;
    font-weight: 600;
    padding-block-end: var(--_ck-space-1);
  }
  table.data th,
  table.data td {
    padding: 2px var(--_ck-space-2);
    border-block-end: 1px solid var(--_ck-border);
    text-align: start;
  }
  table.data td {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  table.data thead th {
    color: var(--_ck-text-muted);
    font-weight: 600;
  }
  table.data tbody th {
    font-weight: 400;
  }
  .language-access {
    grid-column: 1 / -1;
  }
  .language-access p {
    margin: 0;
  }
  .language-figures {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 16rem), 1fr));
    gap: var(--_ck-space-3);
  }
  .language-figure {
    display: flex;
    flex-direction: column;
    gap: var(--_ck-space-1);
  }
  .figure-value {
    font-size: 1.5rem;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  svg.meter {
    max-width: 24rem;
  }
  .table-scroll {
    overflow-x: auto;
  }
  table.languages thead th:not(:first-child) {
    text-align: end;
  }
`;
