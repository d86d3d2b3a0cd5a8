import { css } from 'lit';

// Logical properties only (inline-start, block-end), so right-to-left pages mirror without extra rules.
export const consentManagerStyles = css`
  :host {
    --ck-consent-manager-background: transparent;
    --ck-consent-manager-item-background: var(--_ck-surface-raised);
    --ck-consent-manager-item-border: var(--_ck-border);
    --ck-consent-manager-gap: var(--_ck-space-3);
    --ck-consent-manager-print-font-size: 1.0625rem;

    display: block;
    background: var(--ck-consent-manager-background);
  }
  .root,
  .form,
  .consent {
    display: flex;
    flex-direction: column;
    gap: var(--_ck-space-2);
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
  .heading:focus-visible,
  .consent-scope:focus-visible {
    outline: 2px solid var(--_ck-primary);
    outline-offset: 2px;
  }
  .form-heading,
  .consent-scope {
    font-weight: 600;
  }
  .summary,
  .empty,
  .hint,
  .meta {
    margin: 0;
    font-size: var(--_ck-fs-s);
    color: var(--_ck-text-muted);
  }
  .form {
    padding: var(--_ck-space-3);
    border: 1px solid var(--ck-consent-manager-item-border);
    border-radius: var(--_ck-radius-m);
  }
  .row,
  .actions,
  .dialog-actions,
  .consent-header,
  .meta,
  .print-toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: var(--_ck-space-2);
  }
  .consent-header {
    align-items: center;
  }
  .dialog-actions {
    justify-content: flex-end;
    margin-block-start: var(--_ck-space-3);
  }
  .list,
  .results {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .results {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_ck-space-1);
    margin-block-start: var(--_ck-space-1);
  }
  .list {
    display: flex;
    flex-direction: column;
    gap: var(--ck-consent-manager-gap);
  }
  .consent {
    padding: var(--_ck-space-3);
    background: var(--ck-consent-manager-item-background);
    border: 1px solid var(--ck-consent-manager-item-border);
    border-inline-start-width: 4px;
    border-radius: var(--_ck-radius-m);
  }
  /* Not in force: muted, with a dashed edge (the badge says which, in words). */
  .consent:is([data-state='expired'], [data-state='revoked'], [data-state='refused'], [data-state='enteredInError']) {
    border-style: dashed;
  }
  .consent p {
    margin: 0;
  }
  .purpose {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .ck-badge.success {
    background: var(--_ck-success-surface);
    color: var(--_ck-success);
    border-color: currentColor;
  }

  /* the client's printed copy */
  .print {
    display: flex;
    flex-direction: column;
    gap: var(--_ck-space-3);
    max-width: 46rem;
    font-size: var(--ck-consent-manager-print-font-size);
    line-height: 1.5;
  }
  .print h2 {
    font-size: 1.5em;
    margin: 0;
  }
  .print p {
    margin: 0;
  }
  .print-list {
    display: flex;
    flex-direction: column;
    gap: var(--_ck-space-3);
    padding-inline-start: 1.5em;
  }
  .print-list li {
    display: flex;
    flex-direction: column;
    break-inside: avoid;
  }
  @media print {
    :host {
      background: none;
      color: #000;
    }
    .print-toolbar,
    [role='status'] {
      display: none;
    }
    .print {
      max-width: none;
    }
  }
`;
