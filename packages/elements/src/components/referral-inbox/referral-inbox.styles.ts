import { css } from 'lit';

export const referralInboxStyles = css`
  :host {
    display: block;
    background: var(--ck-referral-inbox-background, transparent);
  }
  .root {
    display: flex;
    flex-direction: column;
    gap: var(--_ck-space-3);
  }
  .header {
    display: flex;
    align-items: baseline;
    gap: var(--_ck-space-3);
    flex-wrap: wrap;
  }
  .heading {
    font-size: 1.1em;
    font-weight: 600;
    flex: 1;
  }
  .filter {
    flex-direction: row;
    align-items: center;
    gap: var(--_ck-space-2);
  }
  .summary,
  .empty {
    margin: 0;
    color: var(--_ck-text-muted);
  }
  .rows {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: var(--_ck-space-2);
  }
  .row {
    padding: var(--_ck-space-2) var(--_ck-space-3);
    border: 1px solid var(--_ck-border);
    border-inline-start-width: 4px;
    border-radius: var(--_ck-radius-s);
    background: var(--ck-referral-inbox-row-background, var(--_ck-surface));
  }
  .row.overdue {
    border-inline-start-color: var(--ck-referral-inbox-overdue, var(--_ck-danger));
  }
  .row-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_ck-space-2);
  }
  .toggle {
    font: inherit;
    font-weight: 600;
    color: inherit;
    background: none;
    border: 0;
    padding: 2px 0;
    cursor: pointer;
    text-align: start;
    text-decoration: underline;
    text-underline-offset: 3px;
  }
  .toggle:focus-visible {
    outline: 2px solid var(--_ck-focus, currentColor);
    outline-offset: 2px;
  }
  .facts {
    margin: var(--_ck-space-1) 0 0;
    display: flex;
    flex-wrap: wrap;
    gap: 0 var(--_ck-space-3);
    font-size: var(--_ck-fs-s);
    color: var(--_ck-text-muted);
  }
  .facts .service {
    color: var(--_ck-text);
  }
  .detail {
    margin-block-start: var(--_ck-space-3);
    display: flex;
    flex-direction: column;
    gap: var(--_ck-space-2);
  }
  .detail[hidden] {
    display: none;
  }
  .detail p {
    margin: 0;
  }
  .subheading {
    font-weight: 600;
  }
  .reason,
  .outcome {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .outcome {
    display: flex;
    flex-direction: column;
  }
  .referred-by,
  .not-shared,
  .hint {
    font-size: var(--_ck-fs-s);
    color: var(--_ck-text-muted);
  }
  .packet {
    display: flex;
    flex-direction: column;
    gap: var(--_ck-space-1);
  }
  .shared {
    margin: 0;
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr));
    gap: var(--_ck-space-1) var(--_ck-space-3);
  }
  .shared dt {
    font-size: var(--_ck-fs-s);
    color: var(--_ck-text-muted);
  }
  .shared dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .shared dd.missing {
    font-style: italic;
    color: var(--_ck-text-muted);
  }
  .actions,
  .form-actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_ck-space-2);
  }
  .inbox-form {
    display: flex;
    flex-direction: column;
    gap: var(--_ck-space-2);
    padding: var(--_ck-space-2) var(--_ck-space-3);
    border: 1px solid var(--_ck-border);
    border-radius: var(--_ck-radius-s);
    max-inline-size: 40rem;
  }
  .form-title {
    font-weight: 600;
  }
  .results {
    border: 0;
    margin: 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: var(--_ck-space-1) var(--_ck-space-3);
  }
  .results legend {
    padding: 0;
    margin-block-end: var(--_ck-space-1);
    font-weight: 600;
  }
  .choice {
    display: inline-flex;
    align-items: center;
    gap: var(--_ck-space-1);
  }
`;
