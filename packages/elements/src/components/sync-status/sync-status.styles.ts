import { css } from 'lit';

export const syncStatusStyles = css`
  :host {
    display: block;
    font: var(--_ck-fs-s) / 1.4 var(--_ck-font);
    color: var(--_ck-text);
  }
  [part~='bar'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_ck-space-2);
  }
  [part~='state'] {
    display: inline-flex;
    align-items: center;
    gap: var(--_ck-space-1);
  }
  [part~='dot'] {
    inline-size: 0.6em;
    block-size: 0.6em;
    border-radius: 50%;
    background: var(--ck-sync-status-online, var(--_ck-success));
  }
  :host([state='offline']) [part~='dot'],
  :host([state='blocked']) [part~='dot'] {
    background: var(--ck-sync-status-offline, var(--_ck-warning));
  }
  :host([state='conflict']) [part~='dot'] {
    background: var(--ck-sync-status-conflict, var(--_ck-danger));
  }
  [part~='last-sync'] {
    color: var(--_ck-text-muted);
  }
  [part~='conflicts'] {
    margin-block-start: var(--_ck-space-2);
    padding: var(--_ck-space-3);
    border: 1px solid var(--_ck-border);
    border-radius: var(--_ck-radius-m);
    background: var(--_ck-surface-raised);
  }
  [part~='conflicts'] h2,
  [part~='conflict'] h3 {
    margin: 0 0 var(--_ck-space-2);
    font-size: var(--_ck-fs-m);
  }
  [part~='conflict'] {
    margin: 0;
    padding-block: var(--_ck-space-2);
    border-block-start: 1px solid var(--_ck-border);
  }
  [part~='diff'] {
    border-collapse: collapse;
    inline-size: 100%;
    margin-block: var(--_ck-space-2);
  }
  [part~='diff'] th,
  [part~='diff'] td {
    padding: var(--_ck-space-1) var(--_ck-space-2);
    border: 1px solid var(--_ck-border);
    text-align: start;
    vertical-align: top;
    overflow-wrap: anywhere;
  }
  [part~='actions'] {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_ck-space-2);
  }
`;
