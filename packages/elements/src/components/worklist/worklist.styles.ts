import { css } from 'lit';

export const worklistStyles = css`
  :host {
    display: block;
    background: var(--ck-worklist-background, transparent);
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
  }
  .counts {
    margin: 0;
    color: var(--_ck-text-muted);
    flex: 1;
  }
  .filter {
    flex-direction: row;
    align-items: center;
    gap: var(--_ck-space-2);
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
    display: flex;
    flex-wrap: wrap;
    gap: var(--_ck-space-2) var(--_ck-space-3);
    padding: var(--_ck-space-2) var(--_ck-space-3);
    border: 1px solid var(--_ck-border);
    border-inline-start-width: 4px;
    border-radius: var(--_ck-radius-s);
    background: var(--ck-worklist-row-background, var(--_ck-surface));
  }
  .row.overdue {
    border-inline-start-color: var(--ck-worklist-overdue, var(--_ck-danger));
  }
  .row-main {
    flex: 1 1 20rem;
    min-width: 0;
  }
  .row-main p {
    margin: 0 0 2px;
  }
  .row-title {
    font-weight: 600;
  }
  .details,
  .why {
    font-size: var(--_ck-fs-s);
    color: var(--_ck-text-muted);
  }
  .row.overdue .when {
    color: var(--ck-worklist-overdue, var(--_ck-danger));
  }
  .reasons {
    list-style: none;
    margin: var(--_ck-space-1) 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: var(--_ck-space-1);
  }
  .why ul {
    margin: var(--_ck-space-1) 0 0;
    padding-inline-start: var(--_ck-space-4);
  }
  .actions {
    display: flex;
    gap: var(--_ck-space-2);
    align-items: flex-start;
  }
  .snooze-form {
    flex: 1 1 100%;
    display: flex;
    flex-wrap: wrap;
    gap: var(--_ck-space-2) var(--_ck-space-3);
    align-items: flex-end;
  }
  .form-actions {
    display: flex;
    gap: var(--_ck-space-2);
  }
  .more {
    align-self: center;
  }
  .empty {
    color: var(--_ck-text-muted);
  }
`;
