import { css } from 'lit';

// Logical properties only (inline-start, block-end), so right-to-left pages mirror without extra rules.
export const approvalsStyles = css`
  :host {
    --ck-approvals-background: transparent;
    --ck-approvals-item-background: var(--_ck-surface-raised);
    --ck-approvals-item-border: var(--_ck-border);
    --ck-approvals-gap: var(--_ck-space-3);

    display: block;
    background: var(--ck-approvals-background);
  }
  .root,
  .item {
    display: flex;
    flex-direction: column;
    gap: var(--_ck-space-2);
  }
  .header,
  .item-header,
  .actions,
  .dialog-actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_ck-space-2);
  }
  .header {
    justify-content: space-between;
  }
  .heading {
    font-size: var(--_ck-fs-l);
    font-weight: 600;
  }
  .heading:focus-visible {
    outline: 2px solid var(--_ck-primary);
    outline-offset: 2px;
  }
  .summary,
  .empty,
  .hint,
  .meta {
    margin: 0;
    font-size: var(--_ck-fs-s);
    color: var(--_ck-text-muted);
  }
  .list {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: var(--ck-approvals-gap);
  }
  .item {
    padding: var(--_ck-space-3);
    background: var(--ck-approvals-item-background);
    border: 1px solid var(--ck-approvals-item-border);
    border-inline-start-width: 4px;
    border-radius: var(--_ck-radius-m);
  }
  .item p {
    margin: 0;
  }
  .item-title {
    font-weight: 600;
  }
  .note {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .dialog-actions {
    justify-content: flex-end;
    margin-block-start: var(--_ck-space-3);
  }
  dialog textarea {
    inline-size: 100%;
    box-sizing: border-box;
  }
`;
