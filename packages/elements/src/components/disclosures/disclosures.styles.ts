import { css } from 'lit';

// Logical properties only (inline-start, block-end), so right-to-left pages mirror without extra rules.
export const disclosuresStyles = css`
  :host {
    --ck-disclosures-background: transparent;
    --ck-disclosures-row-border: var(--_ck-border);
    --ck-disclosures-override: var(--_ck-warning);
    --ck-disclosures-print-font-size: 1.0625rem;

    display: block;
    background: var(--ck-disclosures-background);
  }
  .root {
    display: flex;
    flex-direction: column;
    gap: var(--_ck-space-3);
  }
  .header,
  .header-actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--_ck-space-2);
  }
  .heading {
    font-size: var(--_ck-fs-l);
    font-weight: 600;
  }
  .heading:focus-visible {
    outline: 2px solid var(--_ck-primary);
    outline-offset: 2px;
  }
  .client,
  .summary,
  .muted,
  .empty {
    margin: 0;
  }
  .summary,
  .muted,
  .empty,
  .kind,
  .basis-detail {
    font-size: var(--_ck-fs-s);
    color: var(--_ck-text-muted);
  }
  .notice {
    margin: 0;
    padding: var(--_ck-space-2) var(--_ck-space-3);
    border: 1px solid var(--_ck-border);
    border-inline-start-width: 4px;
    border-radius: var(--_ck-radius-s);
    background: var(--_ck-surface-sunken);
  }
  fieldset {
    margin: 0;
    padding: var(--_ck-space-2) var(--_ck-space-3);
    border: 1px solid var(--_ck-border);
    border-radius: var(--_ck-radius-m);
  }
  legend {
    padding-inline: var(--_ck-space-1);
    font-size: var(--_ck-fs-s);
    font-weight: 600;
  }
  .period-fields {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-start;
    gap: var(--_ck-space-3);
  }
  .period-fields .ck-button {
    margin-block-start: 1.25rem;
  }
  .table-scroll {
    overflow-x: auto;
    border-radius: var(--_ck-radius-s);
  }
  table.disclosures {
    width: 100%;
    border-collapse: collapse;
  }
  table.disclosures th,
  table.disclosures td {
    padding: var(--_ck-space-2);
    text-align: start;
    vertical-align: top;
    border-block-end: 1px solid var(--ck-disclosures-row-border);
    /* Break a long word only when it cannot fit: names and headers keep their columns wide enough. */
    overflow-wrap: break-word;
  }
  table.disclosures thead th {
    font-size: var(--_ck-fs-s);
    color: var(--_ck-text-muted);
    font-weight: 600;
  }
  table.disclosures tbody th {
    font-weight: 400;
    white-space: nowrap;
  }
  .recipient {
    font-weight: 600;
  }
  .recipient,
  .kind,
  .purpose-text,
  .basis,
  .basis-detail {
    display: block;
  }
  .purpose-text {
    white-space: pre-wrap;
  }
  .basis.override {
    color: var(--ck-disclosures-override);
    font-weight: 600;
  }
  .print-toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_ck-space-2);
  }

  /* the client's printed copy */
  .print {
    display: flex;
    flex-direction: column;
    gap: var(--_ck-space-3);
    max-width: 46rem;
    font-size: var(--ck-disclosures-print-font-size);
    line-height: 1.5;
  }
  .print h2 {
    font-size: 1.5em;
    margin: 0;
  }
  .print p {
    margin: 0;
  }
  .print-agency {
    font-weight: 600;
  }
  .print-list {
    display: flex;
    flex-direction: column;
    gap: var(--_ck-space-3);
    padding-inline-start: 1.5em;
    margin: 0;
  }
  .print-list li {
    display: flex;
    flex-direction: column;
    break-inside: avoid;
    overflow-wrap: anywhere;
  }
  @media print {
    :host {
      background: none;
      color: #000;
    }
    .print-toolbar {
      display: none;
    }
    .print {
      max-width: none;
    }
  }
`;
