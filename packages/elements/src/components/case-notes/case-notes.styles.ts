import { css } from 'lit';

// Logical properties only (inline-start, block-end), so right-to-left pages mirror without extra rules.
export const caseNotesStyles = css`
  :host {
    --ck-case-notes-background: transparent;
    --ck-case-notes-note-background: var(--_ck-surface-raised);
    --ck-case-notes-note-border: var(--_ck-border);
    --ck-case-notes-draft-border: var(--_ck-border-strong);
    --ck-case-notes-gap: var(--_ck-space-3);

    display: block;
    background: var(--ck-case-notes-background);
  }
  .root,
  .form,
  .note {
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
  .form-heading,
  .note-type {
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
    border: 1px solid var(--ck-case-notes-note-border);
    border-radius: var(--_ck-radius-m);
  }
  .row,
  .participant-row,
  .actions,
  .note-header,
  .meta {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: var(--_ck-space-2);
  }
  .note-header {
    align-items: center;
  }
  .participants {
    border: 1px solid var(--ck-case-notes-note-border);
    border-radius: var(--_ck-radius-s);
    display: flex;
    flex-direction: column;
    gap: var(--_ck-space-2);
    align-items: start;
  }
  .check {
    display: inline-flex;
    gap: var(--_ck-space-1);
    align-items: center;
    min-height: 2rem;
  }
  .list,
  .inline-list {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .list {
    display: flex;
    flex-direction: column;
    gap: var(--ck-case-notes-gap);
  }
  .inline-list {
    display: inline;
  }
  .inline-list li {
    display: inline;
  }
  .inline-list li + li::before {
    content: ', ';
  }
  .note {
    padding: var(--_ck-space-3);
    background: var(--ck-case-notes-note-background);
    border: 1px solid var(--ck-case-notes-note-border);
    border-inline-start-width: 4px;
    border-radius: var(--_ck-radius-m);
  }
  .note[data-status='draft'] {
    border-style: dashed;
    border-color: var(--ck-case-notes-draft-border);
  }
  .note:focus-visible {
    outline: 2px solid var(--_ck-primary);
    outline-offset: 2px;
  }
  .text,
  .subject {
    margin: 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .note p {
    margin: 0;
  }
`;
