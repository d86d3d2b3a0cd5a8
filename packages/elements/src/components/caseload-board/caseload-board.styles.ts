import { css, unsafeCSS } from 'lit';
import { CARD_GAP } from './board-window.js';

export const caseloadBoardStyles = css`
  :host {
    --ck-caseload-board-height: 40rem;
    --ck-caseload-board-background: var(--_ck-surface);
    --ck-caseload-board-column-width: 16rem;
    --ck-caseload-board-column-background: var(--_ck-surface-sunken);
    --ck-caseload-board-card-height: auto;
    --ck-caseload-board-card-background: var(--_ck-surface-raised);
    --ck-caseload-board-card-border: var(--_ck-border);
    --ck-caseload-board-card-shadow: var(--_ck-shadow-card);
    --ck-caseload-board-row-height: 3rem;
    --ck-caseload-board-drop-highlight: var(--_ck-primary);

    display: flex;
    flex-direction: column;
    height: var(--ck-caseload-board-height);
    min-height: 16rem;
    background: var(--ck-caseload-board-background);
    container-type: inline-size;
  }
  .root {
    display: flex;
    flex-direction: column;
    gap: var(--_ck-space-2);
    height: 100%;
    min-height: 0;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: var(--_ck-space-2) var(--_ck-space-3);
    padding: var(--_ck-space-2) 0;
  }
  .toolbar .search {
    flex: 1 1 12rem;
    min-width: 10rem;
  }
  .toolbar .check {
    flex-direction: row;
    align-items: center;
    gap: var(--_ck-space-1);
    min-height: 2rem;
    color: var(--_ck-text);
  }
  .toolbar .check input {
    min-height: auto;
    width: 1rem;
    height: 1rem;
  }
  /* The filter controls take part in the toolbar's own flex layout, unless folded (below). */
  .filter-controls {
    display: contents;
  }
  .filters-toggle {
    display: none;
  }
  /* Below 600 px of the element's own width (not the window's) the nine filter controls fold
     behind one toggle, so the board comes first. */
  @container (width < 600px) {
    .filters-toggle {
      display: inline-block;
    }
    .filter-controls {
      display: none;
    }
    .filter-controls.open {
      display: flex;
      flex: 1 1 100%;
      flex-wrap: wrap;
      align-items: flex-end;
      gap: var(--_ck-space-2) var(--_ck-space-3);
    }
  }
  .segmented {
    display: inline-flex;
  }
  .segmented .ck-button:first-child {
    border-start-end-radius: 0;
    border-end-end-radius: 0;
  }
  .segmented .ck-button:last-child {
    border-start-start-radius: 0;
    border-end-start-radius: 0;
    margin-inline-start: -1px;
  }
  .summary {
    margin: 0;
    font-size: var(--_ck-fs-s);
    color: var(--_ck-text-muted);
  }
  .alert button {
    flex: none;
  }

  /* Board */
  .board {
    flex: 1;
    min-height: 0;
    display: flex;
    gap: var(--_ck-space-3);
    overflow-x: auto;
    padding-bottom: var(--_ck-space-1);
  }
  .column {
    flex: 1 0 var(--ck-caseload-board-column-width);
    max-width: 28rem;
    display: flex;
    flex-direction: column;
    min-height: 0;
    background: var(--ck-caseload-board-column-background);
    border: 2px solid transparent;
    border-radius: var(--_ck-radius-m);
  }
  .column.drop-allowed {
    border-style: dashed;
    border-color: var(--_ck-border-strong);
  }
  .column.drop-refused {
    border-style: dotted;
    border-color: var(--_ck-border);
    cursor: not-allowed;
  }
  .column.drop-target {
    border-style: solid;
    border-color: var(--ck-caseload-board-drop-highlight);
    background: var(--_ck-primary-surface);
  }
  .column-header {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--_ck-space-2);
    margin: 0;
    padding: var(--_ck-space-2) var(--_ck-space-3);
    font-size: var(--_ck-fs-m);
    font-weight: 600;
  }
  .count {
    font-weight: 400;
    font-variant-numeric: tabular-nums;
  }
  .scroller {
    flex: 1;
    min-height: 0;
    overflow-y: auto;
    overscroll-behavior: contain;
    position: relative;
  }
  .spacer {
    position: relative;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  /* Board columns: the rendered cards sit in normal flow (so each is as tall as its content) after
     padding that stands for the cards above the window; the height is that of the whole column. */
  ul.spacer {
    box-sizing: border-box;
    display: flex;
    flex-direction: column;
    gap: ${unsafeCSS(CARD_GAP)}px;
  }
  .empty {
    margin: 0;
    padding: var(--_ck-space-3);
    color: var(--_ck-text-muted);
    font-size: var(--_ck-fs-s);
  }
  .card,
  .skeleton {
    flex: none;
    margin-inline: var(--_ck-space-2);
    border-radius: var(--_ck-radius-s);
  }
  .card {
    min-height: var(--ck-caseload-board-card-height);
    display: flex;
    flex-direction: column;
    gap: 2px;
    padding: var(--_ck-space-2) var(--_ck-space-3);
    background: var(--ck-caseload-board-card-background);
    border: 1px solid var(--ck-caseload-board-card-border);
    box-shadow: var(--ck-caseload-board-card-shadow);
    cursor: pointer;
    contain: layout style;
  }
  .skeleton {
    box-sizing: border-box;
    background: var(--ck-caseload-board-card-background);
    border: 1px dashed var(--ck-caseload-board-card-border);
    opacity: 0.6;
  }
  .card:hover {
    border-color: var(--_ck-border-strong);
  }
  .card.grabbed {
    outline: 3px solid var(--ck-caseload-board-drop-highlight);
    outline-offset: 1px;
  }
  .card.dragging {
    opacity: 0.5;
  }
  .line {
    display: flex;
    align-items: center;
    gap: var(--_ck-space-1);
    min-width: 0;
  }
  .name {
    flex: 1;
    min-width: 0;
    font-weight: 600;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .meta {
    color: var(--_ck-text-muted);
    font-size: var(--_ck-fs-s);
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .line.wrap {
    flex-wrap: wrap;
    align-items: flex-end;
  }
  /* Badges wrap onto more lines rather than being cut off: the card grows. */
  .badges {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_ck-space-1);
    flex: 1 1 auto;
    min-width: 0;
  }
  .badges .ck-badge {
    max-width: 100%;
    white-space: normal;
    overflow-wrap: anywhere;
  }
  .move {
    margin-inline-start: auto;
    flex: none;
    display: inline-flex;
    align-items: center;
    min-height: 1.75rem;
    padding: 0 var(--_ck-space-2);
  }

  /* List */
  .list {
    flex: 1;
    min-height: 0;
    display: flex;
    flex-direction: column;
    border: 1px solid var(--_ck-border);
    border-radius: var(--_ck-radius-m);
    overflow: hidden;
  }
  .row {
    display: grid;
    grid-template-columns: minmax(8rem, 2fr) minmax(5rem, 1fr) minmax(4rem, 0.8fr) minmax(4rem, 0.8fr) minmax(7rem, 1.4fr) minmax(6rem, 1fr) auto;
    align-items: center;
    gap: var(--_ck-space-2);
    padding: 0 var(--_ck-space-3);
    height: var(--ck-caseload-board-row-height);
    border-bottom: 1px solid var(--_ck-border);
  }
  .row > * {
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .list-head .row {
    font-size: var(--_ck-fs-s);
    font-weight: 600;
    color: var(--_ck-text-muted);
    background: var(--ck-caseload-board-column-background);
  }
  .list-body .row {
    position: absolute;
    inset-inline: 0;
    top: 0;
    background: var(--ck-caseload-board-card-background);
  }
  .open {
    font: inherit;
    font-weight: 600;
    color: var(--_ck-primary);
    background: none;
    border: 0;
    padding: 0;
    cursor: pointer;
    text-align: start;
    text-decoration: underline;
    text-underline-offset: 2px;
    max-width: 100%;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  @container (max-width: 40rem) {
    .row {
      grid-template-columns: minmax(6rem, 1fr) minmax(5rem, auto) auto;
    }
    .row .wide {
      display: none;
    }
    .toolbar .ck-field:not(.search) {
      flex: 1 1 8rem;
    }
  }

  /* Transfer: selection, the pending badge, the dialog's preview */
  .card.selected {
    border-color: var(--ck-caseload-board-drop-highlight);
    background: var(--_ck-primary-surface);
  }
  .select {
    flex: none;
    box-sizing: border-box;
    inline-size: 1rem;
    block-size: 1rem;
    border: 2px solid var(--_ck-border-strong);
    border-radius: 3px;
    background: var(--_ck-surface);
    display: inline-flex;
    align-items: center;
    justify-content: center;
  }
  .select[data-checked='true'] {
    border-color: var(--_ck-primary);
    background: var(--_ck-primary);
  }
  .select[data-checked='true']::after {
    content: '';
    inline-size: 0.25rem;
    block-size: 0.5rem;
    border: solid var(--_ck-surface);
    border-width: 0 2px 2px 0;
    transform: translateY(-1px) rotate(45deg);
  }
  .ck-badge.info {
    background: var(--_ck-primary-surface);
    color: var(--_ck-primary);
    border-color: currentColor;
  }
  .selection {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_ck-space-2);
    padding: var(--_ck-space-1) var(--_ck-space-2);
    border: 1px solid var(--_ck-primary);
    border-radius: var(--_ck-radius-s);
    background: var(--_ck-primary-surface);
  }
  .selection-count {
    font-weight: 600;
    margin-inline-end: auto;
  }
  .name-cell {
    display: flex;
    align-items: center;
    gap: var(--_ck-space-1);
  }
  dialog .check {
    flex-direction: row;
    align-items: center;
    gap: var(--_ck-space-1);
  }
  dialog .hint {
    margin-block-start: calc(-1 * var(--_ck-space-2));
    font-size: var(--_ck-fs-s);
    color: var(--_ck-text-muted);
  }
  .transfer-dialog {
    --_ck-dialog-width: 36rem;
  }
  .transfer-cases {
    margin: 0;
    padding-inline-start: var(--_ck-space-4, 1rem);
  }
  .preview h3 {
    margin: 0 0 var(--_ck-space-1);
    font-size: var(--_ck-fs-m);
  }
  .preview p {
    margin: 0 0 var(--_ck-space-2);
  }
  .preview-tables {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_ck-space-3);
  }
  table.load {
    border-collapse: collapse;
    font-size: var(--_ck-fs-s);
    flex: 1 1 14rem;
  }
  table.load caption {
    text-align: start;
    font-weight: 600;
    padding-block-end: var(--_ck-space-1);
  }
  table.load th,
  table.load td {
    padding: 2px var(--_ck-space-1);
    border-block-end: 1px solid var(--_ck-border);
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  table.load th[scope='row'] {
    text-align: start;
    font-weight: 400;
  }
  table.load tr[data-metric='score'] > * {
    font-weight: 600;
  }

  /* Dialog */
  dialog {
    --_ck-dialog-width: 28rem;
  }
  dialog h2 {
    margin: 0 0 var(--_ck-space-3);
    font-size: var(--_ck-fs-l);
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
  .actions {
    display: flex;
    justify-content: flex-end;
    gap: var(--_ck-space-2);
  }
`;
