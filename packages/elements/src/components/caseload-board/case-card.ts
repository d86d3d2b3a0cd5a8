import { html, nothing, type TemplateResult } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { styleProps } from '../../internal/style-props.js';
import { OPEN_CASE_STATUSES, type CaseRecord } from '@casekit/core';
import type { LocalizeController } from '../../controllers/localize-controller.js';
import { addDays } from '../../internal/dates.js';
import type { CaseloadGroupBy } from '../../events/caseload-filters.js';
import type { CardMoveController } from './card-move-controller.js';
import type { TransferController } from './transfer-controller.js';

/** What cards and rows read from the board and call back into it. */
export interface CaseCardContext {
  localize: LocalizeController;
  /** `YYYY-MM-DD`, for due badges. */
  today: string;
  dueSoonDays: number;
  groupBy: CaseloadGroupBy;
  /** List windowing: each row is absolutely placed at `index * rowSlot`. */
  rowSlot: number;
  moves: CardMoveController;
  /** Which cases are selected for a transfer, and which the actor may transfer. */
  transfers: TransferController;
  /** The case whose card is the board's one Tab stop (roving tabindex); the others are reached with the arrow keys. */
  tabStopId?: string;
  assigneeLabel(id: string): string;
  programLabel(program: string): string;
  open(record: CaseRecord): void;
  /** The policy lets the actor move this case (Move button, drag, pick-up). */
  canMove(record: CaseRecord): boolean;
  openMoveDialog(e: Event, record: CaseRecord): void;
  onCardKey(e: KeyboardEvent, record: CaseRecord, index: number): void;
  onCardFocus(record: CaseRecord): void;
  onCardBlur(card: HTMLElement): void;
}

/**
 * One board card, an option of its column's listbox: focusable (one card of the board is a Tab stop)
 * and, when the actor may move it, draggable. Enter opens it, Space picks it up, M opens the Move
 * dialog (see CardMoveController); the arrow keys, Home and End move between cards (BoardFocusController).
 * It is as tall as its content: badges wrap instead of being cut off.
 */
export function renderCard(record: CaseRecord, index: number, total: number, ctx: CaseCardContext): TemplateResult {
  const t = ctx.localize.t;
  const moves = ctx.moves;
  const movable = ctx.canMove(record);
  const grabbed = moves.grab?.record.id === record.id;
  const transfers = ctx.transfers;
  const selectable = transfers.canTransfer(record) || transfers.isSelected(record.id);
  const selected = transfers.isSelected(record.id);
  return html`
    <li
      class=${classMap({ card: true, grabbed, selected, dragging: moves.dragging?.id === record.id })}
      part="card"
      role="option"
      tabindex=${record.id === ctx.tabStopId ? 0 : -1}
      draggable=${movable ? 'true' : 'false'}
      data-id=${record.id}
      data-index=${index}
      aria-posinset=${index + 1}
      aria-setsize=${total}
      aria-selected=${selectable ? (selected ? 'true' : 'false') : nothing}
      aria-describedby=${`${movable ? 'card-hint' : 'card-hint-open'}${selectable ? ' card-hint-transfer' : ''}`}
      @click=${(e: MouseEvent) => {
        // The Move and select controls inside the card have their own actions; Ctrl/⌘-click selects too.
        if ((e.target as Element).closest('.move, .select')) return;
        if (selectable && (e.ctrlKey || e.metaKey)) transfers.toggle(record);
        else ctx.open(record);
      }}
      @keydown=${(e: KeyboardEvent) => ctx.onCardKey(e, record, index)}
      @focus=${() => ctx.onCardFocus(record)}
      @blur=${(e: FocusEvent) => {
        moves.onCardBlur(record);
        ctx.onCardBlur(e.currentTarget as HTMLElement);
      }}
      @dragstart=${(e: DragEvent) => moves.onDragStart(e, record)}
      @dragend=${moves.onDragEnd}
    >
      <div class="line">
        ${selectable
          ? // Pointer only, like the Move control: keyboard users press X (the card's hint says so).
            html`<span class="select" part="select-toggle" aria-hidden="true" data-checked=${selected ? 'true' : 'false'} @click=${() => transfers.toggle(record)}></span>`
          : nothing}
        <span class="name" part="card-name">${record.clientName}</span>
        ${priorityBadge(record, ctx.localize)}
      </div>
      <div class="meta">${record.title ? record.title : ctx.programLabel(record.program)}${record.assigneeId && ctx.groupBy === 'status' ? ` · ${ctx.assigneeLabel(record.assigneeId)}` : ''}</div>
      <div class="line wrap">
        <div class="badges">${transferBadge(record, ctx.localize)} ${dueBadge(record, ctx)} ${riskBadge(record, ctx.localize)} ${needBadges(record, ctx.localize)}</div>
        ${movable
          ? // An option's content is presentational, so this is no button: keyboard and screen-reader
            // users reach the same dialog with M (the card's hint says so); this is the pointer's way in.
            html`<span class="ck-button move" part="move-button" aria-hidden="true" @click=${(e: Event) => ctx.openMoveDialog(e, record)}>${t.board.move}</span>`
          : nothing}
      </div>
    </li>
  `;
}

/** A placeholder of the estimated card size where a case is still loading (fast scroll, slow storage). */
export function renderSkeleton(index: number, height: number): TemplateResult {
  return html`<li class="skeleton" part="card-skeleton" aria-hidden="true" data-index=${index} ${styleProps({ height: `${height}px` })}></li>`;
}

/** One row of the list view. */
export function renderRow(record: CaseRecord, index: number, ctx: CaseCardContext): TemplateResult {
  const t = ctx.localize.t;
  return html`
    <div class="row" part="row" role="row" aria-rowindex=${index + 2} data-index=${index} ${styleProps({ transform: `translateY(${index * ctx.rowSlot}px)` })}>
      <span role="cell" class="name-cell">
        ${ctx.transfers.canTransfer(record) || ctx.transfers.isSelected(record.id)
          ? html`<input type="checkbox" class="select-row" part="select-checkbox" aria-label=${t.transfer.selectCase(record.clientName)} .checked=${ctx.transfers.isSelected(record.id)} @change=${() => ctx.transfers.toggle(record)} />`
          : nothing}
        <button type="button" class="open" data-id=${record.id} @click=${() => ctx.open(record)}>${record.clientName}</button>
      </span>
      <span role="cell">${t.status[record.status]}</span>
      <span role="cell" class="wide">${priorityBadge(record, ctx.localize)}</span>
      <span role="cell" class="wide">${t.risk[record.riskLevel]}</span>
      <span role="cell">${dueBadge(record, ctx)}</span>
      <span role="cell" class="wide">${record.assigneeId ? ctx.assigneeLabel(record.assigneeId) : t.board.unassigned} ${transferBadge(record, ctx.localize)}</span>
      <span role="cell">
        ${ctx.canMove(record)
          ? html`<button type="button" class="ck-button move" part="move-button" aria-label=${t.board.moveCase(record.clientName)} @click=${(e: Event) => ctx.openMoveDialog(e, record)}>
              ${t.board.move}
            </button>`
          : nothing}
      </span>
    </div>
  `;
}

/** "Transfer to Devon Baker pending": the case waits for its receiver to accept. */
function transferBadge(record: CaseRecord, localize: LocalizeController): TemplateResult | typeof nothing {
  const pending = record.pendingTransfer;
  if (!pending) return nothing;
  return html`<span class="ck-badge info" part="badge transfer-badge" data-transfer-to=${pending.to.id}>${localize.t.transfer.pendingBadge(pending.to.name)}</span>`;
}

function priorityBadge(record: CaseRecord, localize: LocalizeController): TemplateResult {
  const tone = record.priority === 'urgent' ? 'danger' : record.priority === 'high' ? 'warning' : '';
  return html`<span class="ck-badge ${tone}" part="badge priority-badge" data-priority=${record.priority}>${localize.t.priority[record.priority]}</span>`;
}

function riskBadge(record: CaseRecord, localize: LocalizeController): TemplateResult | typeof nothing {
  if (record.riskLevel === 'low') return nothing;
  const t = localize.t;
  return html`<span class="ck-badge ${record.riskLevel === 'high' ? 'danger' : ''}" part="badge risk-badge" data-risk=${record.riskLevel}>${t.board.riskBadge(t.risk[record.riskLevel])}</span>`;
}

/** Next contact date of an open case: overdue, due within `dueSoonDays`, or later. */
function dueBadge(record: CaseRecord, ctx: CaseCardContext): TemplateResult | typeof nothing {
  const due = record.nextContactDue;
  // A closed or cancelled case's last due date is history, not work: never "overdue" (core's one definition).
  if (!due || !OPEN_CASE_STATUSES.includes(record.status)) return nothing;
  const t = ctx.localize.t;
  const today = ctx.today;
  const date = ctx.localize.date(due, { month: 'short', day: 'numeric' });
  if (due < today) return html`<span class="ck-badge danger" part="badge due-badge" data-due="overdue">${t.board.overdue(date)}</span>`;
  if (due <= addDays(today, ctx.dueSoonDays)) return html`<span class="ck-badge warning" part="badge due-badge" data-due="soon">${t.board.dueSoon(date)}</span>`;
  return html`<span class="ck-badge" part="badge due-badge" data-due="later">${t.board.due(date)}</span>`;
}

/** Every open need, one badge each (cards grow to show them). */
function needBadges(record: CaseRecord, localize: LocalizeController): TemplateResult[] {
  const t = localize.t;
  return record.needs.filter((n) => n.status !== 'resolved').map((n) => html`<span class="ck-badge" part="badge need-badge" data-need=${n.domain}>${t.needs[n.domain]}</span>`);
}
