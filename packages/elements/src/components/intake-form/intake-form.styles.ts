import { css } from 'lit';

export const intakeFormStyles = css`
  :host {
    --ck-intake-form-background: var(--_ck-surface);
    --ck-intake-form-max-width: 48rem;
    --ck-intake-form-gap: var(--_ck-space-4);
    --ck-intake-form-section-background: var(--_ck-surface-raised);
    --ck-intake-form-section-border: var(--_ck-border);
    --ck-intake-form-instance-background: var(--_ck-surface-sunken);
    --ck-intake-form-label-color: var(--_ck-text);
    --ck-intake-form-error-color: var(--_ck-danger);
    --ck-intake-form-critical-background: var(--_ck-danger-surface);
    --ck-intake-form-critical-color: var(--_ck-danger);
    --ck-intake-form-flag-top: 0;

    display: block;
    background: var(--ck-intake-form-background);
    container-type: inline-size;
  }
  .root {
    display: flex;
    flex-direction: column;
    gap: var(--ck-intake-form-gap);
    max-width: var(--ck-intake-form-max-width);
  }
  h2,
  h3 {
    margin: 0;
    line-height: 1.25;
  }
  h2 {
    font-size: var(--_ck-fs-l);
  }
  h3 {
    font-size: var(--_ck-fs-m);
  }
  .description,
  .help,
  .hint {
    margin: 0;
    color: var(--_ck-text-muted);
    font-size: var(--_ck-fs-s);
  }
  form {
    display: flex;
    flex-direction: column;
    gap: var(--ck-intake-form-gap);
    margin: 0;
  }
  fieldset {
    margin: 0;
    min-width: 0;
    border: 0;
    padding: 0;
  }
  legend {
    padding: 0;
  }
  .section,
  .group {
    display: flex;
    flex-direction: column;
    gap: var(--_ck-space-3);
    padding: var(--_ck-space-3) var(--_ck-space-4) var(--_ck-space-4);
    border: 1px solid var(--ck-intake-form-section-border);
    border-radius: var(--_ck-radius-m);
    background: var(--ck-intake-form-section-background);
  }
  .section > legend,
  .group > legend,
  .repeat > legend {
    font-weight: 600;
    font-size: var(--_ck-fs-m);
    padding: 0 var(--_ck-space-1);
    color: var(--ck-intake-form-label-color);
  }
  .group .group {
    border-style: dashed;
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 13rem), 1fr));
    gap: var(--_ck-space-3);
  }
  .question {
    display: flex;
    flex-direction: column;
    gap: var(--_ck-space-1);
  }
  .question > label,
  .choices > legend {
    font-weight: 500;
    color: var(--ck-intake-form-label-color);
    font-size: var(--_ck-fs-m);
  }
  .req {
    font-weight: 400;
    font-size: var(--_ck-fs-s);
    color: var(--_ck-text-muted);
  }
  .question input[type='text'],
  .question input[type='date'],
  .question input[type='tel'],
  .question select,
  .question textarea {
    font: inherit;
    color: var(--_ck-text);
    background: var(--_ck-surface);
    border: 1px solid var(--_ck-border-strong);
    border-radius: var(--_ck-radius-s);
    min-height: 2.25rem;
    padding: var(--_ck-space-1) var(--_ck-space-2);
    max-width: 100%;
  }
  .question textarea {
    min-height: 5rem;
    resize: vertical;
  }
  .question input.narrow {
    max-width: 12rem;
  }
  [aria-invalid='true'] {
    border-color: var(--ck-intake-form-error-color) !important;
  }
  .choices {
    display: flex;
    flex-direction: column;
    gap: var(--_ck-space-1);
  }
  .choices.inline .options {
    flex-direction: row;
    flex-wrap: wrap;
    gap: var(--_ck-space-1) var(--_ck-space-4);
  }
  .options {
    display: flex;
    flex-direction: column;
    gap: var(--_ck-space-1);
  }
  .option {
    display: flex;
    align-items: flex-start;
    gap: var(--_ck-space-2);
    min-height: 1.75rem;
    cursor: pointer;
  }
  .option input {
    margin: 0.2rem 0 0;
    width: 1rem;
    height: 1rem;
    flex: none;
    accent-color: var(--_ck-primary);
  }
  .error {
    margin: 0;
    color: var(--ck-intake-form-error-color);
    font-size: var(--_ck-fs-s);
    font-weight: 500;
  }
  .display {
    margin: 0;
  }
  .repeat {
    display: flex;
    flex-direction: column;
    gap: var(--_ck-space-3);
  }
  /* Items nested under a question (FHIR item.item) sit indented below it. */
  .nested {
    margin-inline-start: var(--ck-space-4, 1rem);
    padding-inline-start: var(--ck-space-3, 0.75rem);
    border-inline-start: 2px solid var(--ck-color-border, #d0d7de);
  }
  .with-unit {
    display: inline-flex;
    align-items: center;
    gap: var(--ck-space-2, 0.5rem);
  }
  .unit {
    color: var(--ck-intake-form-label-color, inherit);
  }
  .readonly output {
    display: block;
    font-weight: 600;
    padding-block: var(--ck-space-1, 0.25rem);
  }
  .answer-list {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--ck-space-2, 0.5rem);
  }
  .answer-list .answer {
    display: flex;
    gap: var(--ck-space-2, 0.5rem);
    align-items: center;
  }

  .instance {
    display: flex;
    flex-direction: column;
    gap: var(--_ck-space-3);
    padding: var(--_ck-space-3);
    border: 1px solid var(--ck-intake-form-section-border);
    border-radius: var(--_ck-radius-m);
    background: var(--ck-intake-form-instance-background);
  }
  .instance > legend {
    font-weight: 600;
    font-size: var(--_ck-fs-s);
    padding: 0 var(--_ck-space-1);
  }
  .instance-actions,
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_ck-space-2);
    align-items: center;
  }
  .ck-button.danger {
    color: var(--_ck-danger);
    border-color: currentColor;
  }
  .ck-button:disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
  .flags {
    position: sticky;
    top: var(--ck-intake-form-flag-top);
    z-index: 1;
    display: flex;
    flex-direction: column;
    gap: var(--_ck-space-2);
  }
  .flags:empty {
    display: none;
  }
  .flag-list {
    display: flex;
    flex-direction: column;
    gap: var(--_ck-space-2);
  }
  .flag {
    display: flex;
    gap: var(--_ck-space-2);
    align-items: flex-start;
    padding: var(--_ck-space-2) var(--_ck-space-3);
    border-radius: var(--_ck-radius-s);
    border: 1px solid var(--_ck-warning);
    background: var(--_ck-warning-surface);
    color: var(--_ck-warning);
    font-weight: 600;
  }
  .flag.critical {
    border-width: 2px;
    border-color: var(--ck-intake-form-critical-color);
    background: var(--ck-intake-form-critical-background);
    color: var(--ck-intake-form-critical-color);
    box-shadow: var(--_ck-shadow-card);
  }
  .flag.info {
    border-color: var(--_ck-border-strong);
    background: var(--_ck-surface-sunken);
    color: var(--_ck-text);
    font-weight: 500;
  }
  .summary dl {
    display: grid;
    grid-template-columns: minmax(8rem, max-content) 1fr;
    gap: var(--_ck-space-1) var(--_ck-space-3);
    margin: 0;
  }
  .summary dt {
    color: var(--_ck-text-muted);
  }
  .summary dd {
    margin: 0;
    display: flex;
    flex-wrap: wrap;
    gap: var(--_ck-space-1);
  }
  .error-summary {
    display: flex;
    flex-direction: column;
    gap: var(--_ck-space-2);
    padding: var(--_ck-space-3) var(--_ck-space-4);
    border: 2px solid var(--_ck-danger);
    border-radius: var(--_ck-radius-m);
    background: var(--_ck-danger-surface);
    color: var(--_ck-text);
  }
  .error-summary h3 {
    color: var(--_ck-danger);
  }
  .error-summary ul {
    margin: 0;
    padding-inline-start: var(--_ck-space-4);
  }
  .error-summary a {
    color: var(--_ck-danger);
    font-weight: 500;
  }
  .confirmation {
    display: flex;
    flex-direction: column;
    gap: var(--_ck-space-3);
    padding: var(--_ck-space-3) var(--_ck-space-4);
    border: 1px solid var(--_ck-success);
    border-radius: var(--_ck-radius-m);
    background: var(--_ck-success-surface);
  }
  .confirmation h3 {
    color: var(--_ck-success);
  }
  .duplicates {
    display: flex;
    flex-direction: column;
    gap: var(--_ck-space-2);
    padding: var(--_ck-space-3);
    border: 1px solid var(--_ck-warning);
    border-radius: var(--_ck-radius-s);
    background: var(--_ck-warning-surface);
  }
  .duplicates ul {
    margin: 0;
    padding: 0;
    list-style: none;
    display: flex;
    flex-direction: column;
    gap: var(--_ck-space-2);
  }
  .duplicates li {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_ck-space-2);
    align-items: center;
  }
  .draft-status {
    font-size: var(--_ck-fs-s);
    color: var(--_ck-text-muted);
    min-height: 1.25em;
  }
  .notice {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_ck-space-2);
    align-items: center;
    padding: var(--_ck-space-2) var(--_ck-space-3);
    border: 1px solid var(--_ck-warning);
    border-radius: var(--_ck-radius-s);
    background: var(--_ck-warning-surface);
    color: var(--_ck-text);
  }
  /* Questions on one answer scale (PHQ-9): a table, stacked again in narrow containers. */
  .scale-table {
    width: 100%;
    border-collapse: collapse;
  }
  .scale-table th,
  .scale-table td {
    padding: var(--_ck-space-2);
    border-block-end: 1px solid var(--ck-intake-form-section-border);
    vertical-align: middle;
  }
  .scale-table thead th {
    font-size: var(--_ck-fs-s);
    font-weight: 600;
    text-align: center;
  }
  .scale-table tbody th {
    text-align: start;
    font-weight: 500;
    color: var(--ck-intake-form-label-color);
  }
  .scale-table td {
    text-align: center;
  }
  .scale-table td .option {
    justify-content: center;
  }
  .scale-option-text {
    display: none;
  }
  @container (max-width: 37.5rem) {
    .scale-table,
    .scale-table tbody,
    .scale-table tr,
    .scale-table th,
    .scale-table td {
      display: block;
    }
    .scale-table thead {
      display: none;
    }
    .scale-table tbody th,
    .scale-table td {
      border: 0;
      padding: var(--_ck-space-1) 0;
      text-align: start;
    }
    .scale-table tr {
      padding-block: var(--_ck-space-2);
      border-block-end: 1px solid var(--ck-intake-form-section-border);
    }
    .scale-table td .option {
      justify-content: flex-start;
    }
    .scale-option-text {
      display: inline;
    }
  }
  @container (max-width: 30rem) {
    .section,
    .group {
      padding: var(--_ck-space-2) var(--_ck-space-3) var(--_ck-space-3);
    }
    .summary dl {
      grid-template-columns: 1fr;
    }
  }
`;
