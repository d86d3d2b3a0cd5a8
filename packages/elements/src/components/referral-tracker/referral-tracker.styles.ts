import { css } from 'lit';

export const referralTrackerStyles = css`
  :host {
    --ck-referral-tracker-background: transparent;
    --ck-referral-tracker-card-background: var(--_ck-surface-raised);
    --ck-referral-tracker-card-border: var(--_ck-border);
    --ck-referral-tracker-card-shadow: var(--_ck-shadow-card);
    --ck-referral-tracker-step-done: var(--_ck-success);
    --ck-referral-tracker-step-current: var(--_ck-primary);
    --ck-referral-tracker-step-pending: var(--_ck-border-strong);
    --ck-referral-tracker-gap: var(--_ck-space-3);

    display: block;
    background: var(--ck-referral-tracker-background);
    container-type: inline-size;
  }
  .root {
    display: flex;
    flex-direction: column;
    gap: var(--_ck-space-2);
  }
  .header {
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
  .summary,
  .empty {
    margin: 0;
    font-size: var(--_ck-fs-s);
    color: var(--_ck-text-muted);
  }
  .alert button {
    flex: none;
  }
  .list {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: var(--ck-referral-tracker-gap);
  }
  .referral {
    display: flex;
    flex-direction: column;
    gap: var(--_ck-space-2);
    padding: var(--_ck-space-3);
    background: var(--ck-referral-tracker-card-background);
    border: 1px solid var(--ck-referral-tracker-card-border);
    border-radius: var(--_ck-radius-m);
    box-shadow: var(--ck-referral-tracker-card-shadow);
    min-width: 0;
  }
  .referral[aria-busy='true'] {
    opacity: 0.8;
  }
  .referral-header {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-start;
    justify-content: space-between;
    gap: var(--_ck-space-2);
  }
  .title {
    display: flex;
    flex-direction: column;
    min-width: 0;
  }
  .service {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .service:focus-visible {
    outline: 2px solid var(--_ck-focus);
  }
  .organization {
    font-size: var(--_ck-fs-s);
    color: var(--_ck-text-muted);
    overflow-wrap: anywhere;
  }
  .badges {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_ck-space-1);
  }
  .ck-badge.success {
    background: var(--_ck-success-surface);
    color: var(--_ck-success);
    border-color: currentColor;
  }
  .details {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(9rem, 1fr));
    gap: var(--_ck-space-1) var(--_ck-space-3);
    margin: 0;
    font-size: var(--_ck-fs-s);
  }
  .details .wide {
    grid-column: 1 / -1;
  }
  .details dt {
    color: var(--_ck-text-muted);
  }
  .details dd {
    margin: 0;
    overflow-wrap: anywhere;
    white-space: pre-line;
  }

  /* Closed-loop steps */
  .steps {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    grid-template-columns: repeat(4, minmax(0, 1fr));
    gap: var(--_ck-space-2);
    counter-reset: step;
  }
  @container (max-width: 30rem) {
    .steps {
      grid-template-columns: minmax(0, 1fr);
    }
  }
  .step {
    display: flex;
    align-items: flex-start;
    gap: var(--_ck-space-2);
    padding-block-start: var(--_ck-space-2);
    border-block-start: 3px solid var(--ck-referral-tracker-step-pending);
    font-size: var(--_ck-fs-s);
    min-width: 0;
  }
  .marker {
    flex: none;
    display: inline-grid;
    place-items: center;
    width: 1.25rem;
    height: 1.25rem;
    border-radius: 50%;
    border: 2px solid var(--ck-referral-tracker-step-pending);
    font-size: 0.75rem;
    line-height: 1;
  }
  .step-text {
    display: flex;
    flex-direction: column;
    min-width: 0;
  }
  .step-label {
    font-weight: 600;
  }
  .step-detail {
    color: var(--_ck-text-muted);
    overflow-wrap: anywhere;
  }
  .step[data-state='done'] {
    border-block-start-color: var(--ck-referral-tracker-step-done);
  }
  .step[data-state='done'] .marker {
    border-color: var(--ck-referral-tracker-step-done);
    background: var(--ck-referral-tracker-step-done);
    color: var(--_ck-surface);
  }
  .step[data-state='done'][data-tone='danger'] {
    border-block-start-color: var(--_ck-danger);
  }
  .step[data-state='done'][data-tone='danger'] .marker {
    border-color: var(--_ck-danger);
    background: var(--_ck-danger);
  }
  .step[data-state='done'][data-tone='muted'] {
    border-block-start-color: var(--_ck-border-strong);
  }
  .step[data-state='done'][data-tone='muted'] .marker {
    border-color: var(--_ck-border-strong);
    background: var(--_ck-border-strong);
  }
  .step[data-state='current'] {
    border-block-start-color: var(--ck-referral-tracker-step-current);
  }
  .step[data-state='current'] .marker {
    border-color: var(--ck-referral-tracker-step-current);
    background: var(--_ck-primary-surface);
  }
  .step[data-state='current'][data-tone='danger'] .step-detail {
    color: var(--_ck-danger);
  }
  .step[data-state='skipped'] {
    border-block-start-style: dashed;
  }
  .step[data-state='skipped'] .step-label,
  .step[data-state='pending'] .step-label {
    color: var(--_ck-text-muted);
    font-weight: 400;
  }

  .outcome {
    margin: 0;
    display: flex;
    flex-direction: column;
    gap: 2px;
    font-size: var(--_ck-fs-s);
  }
  .note,
  .reason {
    overflow-wrap: anywhere;
    white-space: pre-line;
  }
  .history summary {
    cursor: pointer;
    font-size: var(--_ck-fs-s);
    color: var(--_ck-text-muted);
    width: fit-content;
  }
  .history ol {
    margin: var(--_ck-space-2) 0 0;
    padding-inline-start: var(--_ck-space-4);
    display: flex;
    flex-direction: column;
    gap: var(--_ck-space-1);
    font-size: var(--_ck-fs-s);
  }
  .history li > * + * {
    margin-inline-start: var(--_ck-space-1);
  }
  .history time {
    color: var(--_ck-text-muted);
  }
  .history .reason {
    display: block;
    margin-inline-start: 0;
    font-style: italic;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_ck-space-2);
  }

  dialog h2 {
    margin: 0;
    font-size: var(--_ck-fs-l);
    overflow-wrap: anywhere;
  }
  dialog form {
    display: flex;
    flex-direction: column;
    gap: var(--_ck-space-3);
  }
  dialog textarea {
    min-height: 4rem;
    resize: vertical;
  }
  dialog .hint {
    margin: 0;
    font-size: var(--_ck-fs-s);
    color: var(--_ck-text-muted);
  }
  .ck-field-error:empty {
    display: none;
  }
  .dialog-actions {
    display: flex;
    justify-content: flex-end;
    flex-wrap: wrap;
    gap: var(--_ck-space-2);
  }
`;
