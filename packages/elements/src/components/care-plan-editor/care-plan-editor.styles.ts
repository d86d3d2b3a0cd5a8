import { css } from 'lit';

export const carePlanEditorStyles = css`
  :host {
    --ck-care-plan-editor-background: var(--_ck-surface);
    --ck-care-plan-editor-goal-background: var(--_ck-surface-raised);
    --ck-care-plan-editor-goal-border: var(--_ck-border);
    --ck-care-plan-editor-accent: var(--_ck-primary);
    --ck-care-plan-editor-notice-background: var(--_ck-warning-surface);
    --ck-care-plan-editor-print-font-size: 1.0625rem;

    display: block;
    background: var(--ck-care-plan-editor-background);
    container-type: inline-size;
  }
  .root {
    display: flex;
    flex-direction: column;
    gap: var(--_ck-space-3);
    padding: var(--_ck-space-2) 0;
  }
  h2,
  h3,
  h4,
  h5,
  h6,
  p,
  ul,
  ol {
    margin: 0;
  }
  ul,
  ol {
    padding: 0;
    list-style: none;
  }
  .empty,
  .hint,
  .subtitle {
    color: var(--_ck-text-muted);
    font-size: var(--_ck-fs-s);
  }
  .grow {
    flex: 1 1 12rem;
    min-width: 0;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: var(--_ck-space-2) var(--_ck-space-3);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: var(--_ck-space-2);
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_ck-space-1) var(--_ck-space-2);
    font-size: var(--_ck-fs-s);
    color: var(--_ck-text-muted);
  }
  .ck-badge.success {
    background: var(--_ck-success-surface);
    color: var(--_ck-success);
    border-color: currentColor;
  }
  .ck-field textarea {
    min-height: 3.5rem;
    resize: vertical;
  }

  /* header */
  .header {
    display: flex;
    flex-direction: column;
    gap: var(--_ck-space-2);
    padding-block-end: var(--_ck-space-3);
    border-block-end: 1px solid var(--_ck-border);
  }
  .title-row {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-start;
    justify-content: space-between;
    gap: var(--_ck-space-2);
  }
  .title {
    font-size: var(--_ck-fs-l);
  }
  .header-actions {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: var(--_ck-space-2);
  }
  .notice {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--_ck-space-2);
    padding: var(--_ck-space-2) var(--_ck-space-3);
    border: 1px solid var(--_ck-warning);
    border-inline-start-width: 4px;
    border-radius: var(--_ck-radius-s);
    background: var(--ck-care-plan-editor-notice-background);
    color: var(--_ck-text);
  }
  .notice > div:first-child {
    display: flex;
    flex-direction: column;
    gap: 2px;
  }
  .create {
    display: flex;
    flex-direction: column;
    gap: var(--_ck-space-2);
    padding: var(--_ck-space-3);
    border: 1px dashed var(--_ck-border-strong);
    border-radius: var(--_ck-radius-m);
  }

  /* sections */
  .section-heading {
    font-size: var(--_ck-fs-m);
  }
  .section-heading .count {
    font-weight: normal;
    color: var(--_ck-text-muted);
    font-size: var(--_ck-fs-s);
  }
  .suggestions {
    display: flex;
    flex-direction: column;
    gap: var(--_ck-space-2);
    padding: var(--_ck-space-3);
    border-radius: var(--_ck-radius-m);
    background: var(--_ck-primary-surface);
    color: var(--_ck-text);
  }
  .suggestions .hint {
    color: var(--_ck-text);
  }
  .suggestions ul {
    display: flex;
    flex-direction: column;
    gap: var(--_ck-space-2);
  }
  .suggestion {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_ck-space-2);
  }
  .goals {
    display: flex;
    flex-direction: column;
    gap: var(--_ck-space-3);
  }
  .domain {
    display: flex;
    flex-direction: column;
    gap: var(--_ck-space-2);
  }
  .domain-heading {
    font-size: var(--_ck-fs-s);
    text-transform: uppercase;
    letter-spacing: 0.04em;
    padding-inline-start: var(--_ck-space-2);
    border-inline-start: 4px solid var(--ck-care-plan-editor-accent);
  }
  .goal {
    display: flex;
    flex-direction: column;
    gap: var(--_ck-space-2);
    padding: var(--_ck-space-3);
    border: 1px solid var(--ck-care-plan-editor-goal-border);
    border-radius: var(--_ck-radius-m);
    background: var(--ck-care-plan-editor-goal-background);
    box-shadow: var(--_ck-shadow-card);
  }
  .goal-head {
    display: flex;
    align-items: flex-start;
    justify-content: space-between;
    gap: var(--_ck-space-2);
  }
  .goal-title {
    font-size: var(--_ck-fs-m);
    overflow-wrap: anywhere;
  }
  .goal-body {
    display: grid;
    grid-template-columns: 1fr;
    gap: var(--_ck-space-3);
  }
  @container (min-width: 48rem) {
    .goal-body {
      grid-template-columns: 3fr 2fr;
    }
    .goal-body .referrals {
      grid-column: 1 / -1;
    }
  }
  .goal-body > section {
    display: flex;
    flex-direction: column;
    gap: var(--_ck-space-2);
    min-width: 0;
  }
  .sub-heading {
    font-size: var(--_ck-fs-s);
    color: var(--_ck-text-muted);
  }
  .task,
  .entry,
  .referrals li {
    display: flex;
    flex-direction: column;
    gap: var(--_ck-space-1);
    padding: var(--_ck-space-2);
    border-radius: var(--_ck-radius-s);
    background: var(--_ck-surface-sunken);
  }
  .tasks ul,
  .progress ol,
  .referrals ul {
    display: flex;
    flex-direction: column;
    gap: var(--_ck-space-1);
  }
  .referrals li {
    flex-direction: row;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_ck-space-2);
  }
  .task-main {
    display: flex;
    align-items: baseline;
    gap: var(--_ck-space-2);
  }
  .task-text,
  .entry-text {
    overflow-wrap: anywhere;
    white-space: pre-wrap;
  }
  /* A collapsed form's button sits under the list it adds to, not stretched across it. */
  .open-form {
    align-self: flex-start;
    margin-block-start: var(--_ck-space-2);
  }
  .task-form,
  .progress-form,
  .goal-form {
    display: flex;
    flex-direction: column;
    gap: var(--_ck-space-2);
  }
  .goal-form-section {
    display: flex;
    flex-direction: column;
    gap: var(--_ck-space-2);
    padding-block-start: var(--_ck-space-3);
    border-block-start: 1px solid var(--_ck-border);
  }

  /* status menus */
  .menu-wrap {
    position: relative;
    display: inline-block;
  }
  .menu-button {
    min-height: 1.75rem;
    padding-block: 0;
    border-radius: 999px;
  }
  .menu {
    position: absolute;
    inset-block-start: calc(100% + 2px);
    inset-inline-start: 0;
    z-index: 10;
    display: flex;
    flex-direction: column;
    min-width: 12rem;
    padding: var(--_ck-space-1);
    border: 1px solid var(--_ck-border-strong);
    border-radius: var(--_ck-radius-s);
    background: var(--_ck-surface-raised);
    box-shadow: var(--_ck-shadow-dialog);
  }
  .menu [role='menuitem'] {
    font: inherit;
    font-size: var(--_ck-fs-s);
    text-align: start;
    padding: var(--_ck-space-1) var(--_ck-space-2);
    border: 0;
    border-radius: var(--_ck-radius-s);
    background: transparent;
    color: var(--_ck-text);
    cursor: pointer;
  }
  .menu [role='menuitem']:hover,
  .menu [role='menuitem']:focus {
    background: var(--_ck-primary-surface);
  }

  /* dialogs */
  dialog {
    --_ck-dialog-width: 32rem;
  }
  dialog.refer {
    --_ck-dialog-width: 40rem;
  }
  dialog form {
    display: flex;
    flex-direction: column;
    gap: var(--_ck-space-3);
  }
  fieldset {
    display: flex;
    flex-direction: column;
    gap: var(--_ck-space-2);
    margin: 0;
    padding: var(--_ck-space-2) var(--_ck-space-3);
    border: 1px solid var(--_ck-border);
    border-radius: var(--_ck-radius-s);
    min-width: 0;
  }
  legend {
    font-size: var(--_ck-fs-s);
    font-weight: 600;
    padding-inline: var(--_ck-space-1);
  }
  .services {
    max-height: 18rem;
    overflow: auto;
  }
  .service {
    display: flex;
    align-items: flex-start;
    gap: var(--_ck-space-2);
    padding: var(--_ck-space-2);
    border-radius: var(--_ck-radius-s);
    cursor: pointer;
  }
  .service:has(input:checked) {
    background: var(--_ck-primary-surface);
  }
  .service input {
    margin-block-start: 0.2rem;
  }
  .service-text {
    display: flex;
    flex-direction: column;
    gap: 2px;
  }
  .service-meta {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_ck-space-1) var(--_ck-space-2);
    font-size: var(--_ck-fs-s);
    color: var(--_ck-text-muted);
  }
  .check {
    display: flex;
    align-items: center;
    gap: var(--_ck-space-2);
  }

  /* print copy */
  .print-toolbar {
    display: flex;
    gap: var(--_ck-space-2);
  }
  .print {
    display: flex;
    flex-direction: column;
    gap: var(--_ck-space-3);
    max-width: 46rem;
    font-size: var(--ck-care-plan-editor-print-font-size);
    line-height: 1.5;
  }
  .print h2 {
    font-size: 1.5em;
  }
  .print h3 {
    font-size: 1.2em;
    margin-block-end: var(--_ck-space-2);
  }
  .print ol,
  .print ul {
    display: flex;
    flex-direction: column;
    gap: var(--_ck-space-2);
  }
  .print-goals {
    list-style: decimal;
    padding-inline-start: 1.5em;
  }
  .print-steps li {
    display: flex;
    gap: var(--_ck-space-2);
  }
  .print-steps li > span:last-child {
    display: flex;
    flex-direction: column;
  }
  .print .box {
    flex: none;
    width: 1em;
    height: 1em;
    margin-block-start: 0.25em;
    border: 2px solid currentColor;
    border-radius: 2px;
  }
  .print-detail {
    color: var(--_ck-text-muted);
  }
  .print-calls .phone {
    display: block;
    font-weight: 600;
    color: var(--_ck-text);
  }

  @media print {
    :host {
      background: none;
      color: #000;
    }
    .print-toolbar,
    .notice,
    .ck-alert,
    button,
    form,
    dialog {
      display: none !important;
    }
    .goal {
      box-shadow: none;
      break-inside: avoid;
    }
    .print {
      max-width: none;
      font-size: 12pt;
    }
    .print-detail {
      color: #333;
    }
    .print section {
      break-inside: avoid;
    }
  }
`;
