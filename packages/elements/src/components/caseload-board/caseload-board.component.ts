import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { repeat } from 'lit/directives/repeat.js';
import { styleProps } from '../../internal/style-props.js';
import {
  OPEN_CASE_STATUSES,
  PRIORITIES,
  TransitionError,
  ValidationError,
  type CaseloadQuery,
  type CaseManager,
  type CaseRecord,
  type CaseStatus,
  type ClosureReason,
  type Priority,
} from '@casekit/core';
import { ManagerController } from '../../controllers/manager-controller.js';
import { CasekitElement } from '../../internal/casekit-element.js';
import { localToday } from '../../internal/dates.js';
import type { LocalizedError } from '../../translations/error-messages.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import { caseloadBoardStyles } from './caseload-board.styles.js';
import { BoardWindowController, CARD_GAP, LIST, type ColumnWindow } from './board-window.js';
import { BoardFocusController } from './board-focus.js';
import { renderToolbar } from './board-toolbar.js';
import { CardMoveController } from './card-move-controller.js';
import { renderCard, renderRow, renderSkeleton, type CaseCardContext } from './case-card.js';
import { moveQuestions, renderMoveDialog, type MoveDialogState } from './move-dialog.js';
import { SerialRunner } from '../../internal/serial-runner.js';
import { PendingLoads } from './pending-loads.js';
import { filtersInScope, offeredAssignees } from './assignee-scope.js';
import { TransferController } from './transfer-controller.js';
import { renderTransferDialog } from './transfer-dialog.js';
import { renderSelectionBar } from './selection-bar.js';
import type { TransferReceiver } from '../../events/events.js';
import type { CaseloadFilters, CaseloadGroupBy, CaseloadSort, CaseloadView } from '../../events/caseload-filters.js';

// Shared with events.ts (ck-filter-change); re-exported so the public API stays where it was.
export type { CaseloadFilters, CaseloadView, CaseloadGroupBy, CaseloadSort } from '../../events/caseload-filters.js';

/** Status columns shown by default (cancelled and entered-in-error are reachable through the Move dialog). */
export const DEFAULT_STATUS_COLUMNS: readonly CaseStatus[] = ['referred', 'intake', 'waitlist', 'active', 'on-hold', 'closed'];
/** Upper bound of cards/rows in the DOM at once, whatever the caseload size. */
export const MAX_RENDERED = 140;

interface ColumnData {
  key: string;
  total: number;
  items: CaseRecord[];
  /** `items`' ids, for the windowing's height lookups. */
  ids: string[];
  cursor?: string;
  done: boolean;
  loading: boolean;
}

/**
 * @summary A caseload as a board (columns by status or by priority) or a list, with filters, sort,
 * counts, due badges and moves through the core state machine — by mouse or keyboard.
 *
 * Renders only what is visible: each column (and the list) is windowed and pages in cases with the
 * query cursor as the user scrolls, so the DOM holds at most ~140 cards at any caseload size. Cards
 * are as tall as their content (their heights are measured); the next window of each column is
 * loaded ahead, and skeleton cards stand where a page is still loading. Re-renders when cases change
 * anywhere (this tab, another manager, another tab).
 *
 * Keyboard: each column is a listbox of cards, and the board has one Tab stop (the card focused
 * last). Up/Down move within a column, Left/Right to the next column, Home/End to a column's first
 * and last card; Enter opens a card; M opens the Move dialog; Space picks it up, the arrow keys
 * choose a column, Space (or Enter) drops and Escape cancels. After a move focus stays on the moved
 * card in its new column. `focus()` focuses the Tab-stop card; `focusCase(id)` a given case's card;
 * when the element is re-attached after the user opened a case, focus returns to that case's card.
 * Pointer users also get a Move control on each card; list rows have a Move button.
 *
 * Moves are offered (Move button, drag, keyboard pick-up) only for cases the policy lets the actor
 * move (`manager.can`: `transition` when grouped by status, `update` by priority); other cards can
 * still be opened.
 *
 * Transfers (`cases.transfer`): cards of open cases the policy lets the actor `transfer` (with no
 * transfer waiting) can be selected — X on the card (its listbox is then multi-selectable and the card
 * `aria-selected`), its select box or Ctrl/⌘-click, or a list row's checkbox. While cases are selected
 * a bar says how many, with "Transfer…" and "Clear selection"; T on a card opens the Transfer dialog
 * for the selection (or for that card alone when none is selected), Escape clears the selection. The
 * dialog asks for the receiving case manager (the `assignees` the host lists and the named assignees
 * of the cases on the board, less the one every chosen case already has), a reason (required) and
 * "Receiver must accept", and shows what `reports.previewTransfer` says the transfer does to each
 * worker's load — in words and as a table of the score and its weighted parts, before and after
 * (actors who may not see those loads, by default everyone but supervisors and admins, are told so
 * and may still transfer). A card of a case waiting for its receiver shows "Transfer to … pending".
 * Refusals (policy, a closed case, one already waiting, a stale version) show in the dialog in plain
 * words and write nothing; several cases move all or none.
 *
 * Narrower than 600 px (the element's own width, through a container query), the filter controls
 * fold behind one "Filters (n)" toggle button (`aria-expanded`; n active filters), so the board
 * comes first; from 600 px the toolbar shows every control and no toggle.
 *
 * The assignee (case-manager) filter offers only assignees whose caseload the policy lets the actor
 * see (the check core makes before a query with that assignee), whatever the actor's role is
 * called; it is hidden when that leaves only the actor's own cases, and otherwise shows when the
 * cases have more than one assignee, `assignees` is set or an assignee filter is active. When the
 * manager (the actor) changes, the previous actor's cases and messages are cleared, and an assignee
 * filter the new actor may not use is dropped (firing `ck-filter-change`).
 *
 * @fires ck-case-open - The user opened a case (click, Enter). `detail: { caseId, clientId, record }`.
 * @fires ck-case-move - Cancelable. A move is about to be saved; `preventDefault()` vetoes it. `detail: CaseMoveDetail`.
 * @fires ck-case-moved - A move was saved. `detail: { record, field, from, to }`.
 * @fires ck-case-transfer - Cancelable. A transfer is about to be saved; `preventDefault()` vetoes it. `detail: CaseTransferDetail`.
 * @fires ck-case-transferred - A transfer was saved (or requested). `detail: CaseTransferredDetail`.
 * @fires ck-filter-change - The user changed filters, sort, view or grouping (or an actor switch dropped an assignee filter the new actor may not use).
 * @fires ck-error - Core refused something (the message is also shown in the element). `detail: ErrorDetail`.
 *
 * @slot toolbar-start - Extra controls before the filters (e.g. a "New case" button).
 * @slot toolbar-end - Extra controls after the view switch.
 *
 * @csspart toolbar - The filter and view bar.
 * @csspart filters-toggle - The "Filters (n)" button that shows or hides the filter controls when the element is narrower than 600 px.
 * @csspart search - The text search input.
 * @csspart summary - The "N cases" line.
 * @csspart alert - The error message banner.
 * @csspart board - The row of columns.
 * @csspart column - One column.
 * @csspart column-header - A column's heading (label and count).
 * @csspart column-count - The count in a column heading.
 * @csspart column-body - A column's scrolling area.
 * @csspart card - One case card.
 * @csspart card-name - The client name on a card.
 * @csspart card-skeleton - A placeholder card where a case is still loading.
 * @csspart badge - Any badge (priority, due, risk, need).
 * @csspart priority-badge - The priority badge (also `badge`).
 * @csspart due-badge - The next-contact badge: overdue, due soon or due (also `badge`; `data-due` says which).
 * @csspart risk-badge - The moderate / high risk badge (also `badge`).
 * @csspart need-badge - One badge per open need (also `badge`).
 * @csspart move-button - A card's Move control or a row's Move button.
 * @csspart list - The list (table) view.
 * @csspart row - One list row.
 * @csspart dialog - The move / closure-reason dialog, and the Transfer dialog.
 * @csspart transfer-dialog - The Transfer dialog (also `dialog`).
 * @csspart transfer-alert - A refused transfer's message in the dialog.
 * @csspart transfer-confirm - The dialog's Transfer / Request transfer button.
 * @csspart preview - The workload preview in the Transfer dialog.
 * @csspart preview-words - Each worker's load change in words.
 * @csspart preview-table - One worker's score and its parts, before and after.
 * @csspart selection - The bar shown while cases are selected for a transfer.
 * @csspart transfer-button - Its "Transfer…" button.
 * @csspart select-toggle - A card's select box (pointer; keyboard users press X).
 * @csspart select-checkbox - A list row's select checkbox.
 * @csspart transfer-badge - "Transfer to … pending" on a card or row (also `badge`).
 *
 * @cssprop --ck-caseload-board-height - Height of the element (columns scroll inside). Default 40rem.
 * @cssprop --ck-caseload-board-background - Element background.
 * @cssprop --ck-caseload-board-column-width - Minimum column width. Default 16rem.
 * @cssprop --ck-caseload-board-column-background - Column background.
 * @cssprop --ck-caseload-board-card-height - Minimum card height (cards grow with their content). Default auto.
 * @cssprop --ck-caseload-board-card-background - Card background.
 * @cssprop --ck-caseload-board-card-border - Card border color.
 * @cssprop --ck-caseload-board-card-shadow - Card shadow.
 * @cssprop --ck-caseload-board-row-height - List row height. Default 3rem.
 * @cssprop --ck-caseload-board-drop-highlight - Outline of a picked-up card and of the target column.
 */
export class CkCaseloadBoard extends CasekitElement {
  static override styles = [sharedStyles, caseloadBoardStyles];

  /** `board` (columns) or `list` (a table). */
  @property({ reflect: true }) view: CaseloadView = 'board';

  /** Board columns: by case `status` (moves are status transitions) or by `priority` (moves change priority; open cases only). */
  @property({ attribute: 'group-by', reflect: true }) groupBy: CaseloadGroupBy = 'status';

  /** Status columns, in order, when grouped by status. Default: referred, intake, waitlist, active, on hold, closed. */
  @property({ attribute: false }) columns: readonly CaseStatus[] = DEFAULT_STATUS_COLUMNS;

  /** Current filters (the toolbar edits them; set them to preset a view). */
  @property({ attribute: false }) filters: CaseloadFilters = {};

  /** Sort order inside columns and the list. */
  @property() sort: CaseloadSort = 'dueDate';

  @property() direction: 'asc' | 'desc' = 'asc';

  /** Today's date (`YYYY-MM-DD`) for overdue and due-soon badges. Default: `manager.today()` (the manager's clock and time zone, as core decides overdue). */
  @property() today?: string;

  /** A case is "due soon" this many days ahead. */
  @property({ type: Number, attribute: 'due-soon-days' }) dueSoonDays = 3;

  /** Cases fetched per query page. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 100;

  /** Names for the case-manager filter (`id` -> name). Without it, names are taken from the cases loaded. Only assignees whose caseload the actor may see are offered. */
  @property({ attribute: false }) assignees: readonly { id: string; name: string }[] = [];

  /** Hides the filter bar (the host drives `filters`, `sort`, `view`). */
  @property({ type: Boolean, attribute: 'no-toolbar' }) noToolbar = false;

  /** Heading level of column titles (`aria-level`). */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 3;

  /** Accessible name of the element. Default: "Caseload", translated. */
  @property() label?: string;

  /**
   * How far a seeding or import the host is running has got, e.g. from `importCaseload`'s
   * `onProgress` (`board.progress = { done, total }`). While set and the board has no cases, the
   * empty columns (or the empty list) say "Loading cases… 1,200 of 10,000" (numbers formatted for
   * the language) instead of "No cases", the first as a `progressbar` — read when reached, not
   * announced on every update. A `total` of 0 or less shows "Loading cases…" alone. Unset it
   * (`undefined`) when the import ends; the empty state is then as before.
   */
  @property({ attribute: false }) progress?: { done: number; total: number };

  @state() private data = new Map<string, ColumnData>();
  @state() private loaded = false;
  @state() private message?: string;
  @state() private liveText = '';
  @state() private dialog?: MoveDialogState;
  @state() private assigneeIds: string[] = [];
  /** The folded filters (below 600 px wide) are open. */
  @state() private filtersOpen = false;

  @query('dialog.move-dialog') private dialogEl?: HTMLDialogElement;

  private readonly casekit = new ManagerController(this, {
    collections: ['cases'],
    onManager: (manager) => this.onManagerChange(manager),
    onChange: () => void this.refresh(),
  });

  /** Scroll positions, viewport and item sizes: which cards of each column to render. */
  private readonly columnWindow = new BoardWindowController(this);

  /** Drag and drop and keyboard pick-up of cards. */
  private readonly moves = new CardMoveController(this, {
    localize: this.localize,
    groupBy: () => this.groupBy,
    targetsFor: (record, includeHidden) => this.targetsFor(record, includeHidden),
    canMove: (record) => this.canMove(record),
    columnLabel: (key) => this.columnLabel(key),
    columnCountText: (key) => this.countText(this.data.get(key)?.total ?? 0),
    announce: (text) => this.announce(text),
    open: (record) => this.open(record),
    requestMove: (record, to, via) => void this.requestMove(record, to, via),
    openMoveDialog: (e, record) => this.openMoveDialog(e, record),
    focusAfterRender: (caseId) => (this.focusAfterRender = caseId),
    activeElement: () => this.shadowRoot?.activeElement as HTMLElement | null,
  });

  /** Roving tabindex, arrow-key navigation, the last case opened. */
  private readonly focusing = new BoardFocusController(this, {
    root: () => this.renderRoot,
    rtl: () => this.localize.dir === 'rtl',
    columnKeys: () => this.columnKeys(),
    total: (key) => this.data.get(key)?.total ?? 0,
    columnOf: (caseId) => this.columnOf(caseId),
    indexOf: (key, caseId) => this.indexOf(key, caseId),
    find: (key, index) => this.findItem(key, index),
    reveal: (key, index) => this.reveal(key, index),
  });

  /** Selecting cases and the Transfer dialog (see transfer-controller.ts). */
  private readonly transfers = new TransferController(this, {
    localize: this.localize,
    manager: () => this.activeManager,
    loaded: (caseId) => this.loadedCase(caseId),
    receivers: () => this.receivers(),
    announce: (text) => this.announce(text),
    track: (work) => this.pending.track(work),
    emit: (type, detail) => this.emit(type, detail),
    reportError: (error, operation, fieldLabel) => this.reportError(error, operation, fieldLabel),
    returnFocus: (caseId) => void this.returnFocus(caseId),
  });

  private generation = 0;
  /** The manager the board last loaded for: another one is another actor (or storage). */
  private shownFor?: CaseManager;
  private resetScrollPending = false;
  private scrollToTop = false;
  private readonly assigneeNames = new Map<string, string>();
  private searchTimer?: ReturnType<typeof setTimeout>;
  private focusAfterRender?: string;

  /** Resolves when the data in view has been (re)loaded. For tests and hosts that need to wait. */
  get loadComplete(): Promise<void> {
    return (async () => {
      // A render can start loads (a property change reloads, a window pages in or prefetches):
      // settle renders and loads in turn until a render leaves nothing loading.
      await this.updateComplete;
      while (!this.pending.idle) {
        await this.pending.whenIdle();
        await this.updateComplete;
      }
    })();
  }

  /** Reloads and page loads in flight (what `loadComplete` waits for). */
  private readonly pending = new PendingLoads();
  private readonly reloads = new SerialRunner(() => this.load());

  /**
   * A new manager (first one, `manager` set, provider changed) or the same one after re-attaching.
   * Nothing seen or said under a previous actor stays: their cases, counts and banner go, and an
   * assignee filter the new actor may not use is dropped before the reload, so one person's cases
   * are never shown under another's name.
   */
  private onManagerChange(manager: CaseManager | undefined): void {
    if (manager !== this.shownFor) {
      if (this.shownFor) {
        this.generation++; // a load still running for the previous manager lands nowhere
        this.data = new Map();
        this.loaded = false;
        this.message = undefined;
        this.assigneeIds = [];
        this.moves.grab = undefined;
        this.dialog = undefined;
        this.transfers.reset();
      }
      this.shownFor = manager;
      const filters = manager ? filtersInScope(manager, this.filters) : this.filters;
      if (filters !== this.filters) this.userChange({ filters });
    }
    void this.refresh({ resetScroll: true });
  }

  /** Reloads counts and the cases in view (done automatically on every core change). */
  async refresh(options: { resetScroll?: boolean } = {}): Promise<void> {
    if (options.resetScroll) this.resetScrollPending = true;
    // A call during a run returns at once, but the run in progress (tracked) picks it up.
    await this.pending.track(this.reloads.run());
  }

  /**
   * Focuses the card of a case (in the list view, its row), scrolling and paging it in; by default
   * the case the user opened last. A host that shows the board again after showing a case calls
   * this (a re-attached element does it by itself). Resolves false when the case is not on the board.
   */
  async focusCase(caseId?: string): Promise<boolean> {
    await this.loadComplete;
    return this.focusing.focusCase(caseId);
  }

  /** Focuses the board's Tab stop: the card focused last (or the first card), else the first control. */
  override focus(options?: FocusOptions): void {
    if (!this.hasUpdated) return super.focus(options);
    const target =
      this.focusing.currentCard() ??
      this.renderRoot?.querySelector<HTMLElement>('.list-body .open') ??
      // The first control shown: the filters toggle or the folded controls are hidden, by width.
      [...(this.renderRoot?.querySelectorAll<HTMLElement>('input, select, button:not([disabled])') ?? [])].find((n) => n.getClientRects().length > 0);
    if (target) target.focus(options);
    else super.focus(options);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.focusing.restorePending) void this.restoreFocus();
  }

  /** Back from a case: once reloaded, focus its card, unless the page has put focus elsewhere. */
  private async restoreFocus(): Promise<void> {
    this.focusing.restorePending = false;
    await this.loadComplete;
    if (this.isConnected && this.focusIsNowhere()) await this.focusing.focusCase();
  }

  /** Focus is on nothing in particular (the body), or on a card or the dialog of this board: moving it takes nothing from the user. */
  private focusIsNowhere(): boolean {
    const active = document.activeElement;
    if (!active || active === document.body) return true;
    if (active !== this) return false;
    const inner = this.shadowRoot?.activeElement;
    return !inner || !!inner.closest('.card, dialog');
  }

  /** After a keyboard or dialog move, focus follows the card into its new column. */
  private async focusMoved(caseId: string, to: string): Promise<void> {
    // The change notification (a microtask or two after the save) reloads the board.
    await new Promise((resolve) => setTimeout(resolve, 0));
    await this.loadComplete;
    const key = this.view === 'list' ? LIST : to;
    if (!this.data.get(key)?.ids.includes(caseId)) {
      await this.refresh();
      await this.loadComplete;
    }
    if (this.focusIsNowhere()) await this.focusing.focusCase(caseId);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.searchTimer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const reload = ['view', 'groupBy', 'columns', 'filters', 'sort', 'direction'] as const;
    if (this.hasUpdated && reload.some((key) => changed.has(key))) {
      this.moves.grab = undefined;
      void this.refresh({ resetScroll: true });
    }
  }

  protected override updated(): void {
    // Watch scroller sizes (windowing needs the viewport height).
    this.columnWindow.observeScrollers();
    if (this.scrollToTop) {
      this.scrollToTop = false;
      this.columnWindow.scrollAllToTop();
    }
    this.columnWindow.measure();
    // Page in whatever the windows now need.
    // Page in whatever the windows now need, and the next window of each (so scrolling on shows cards, not skeletons).
    for (const col of this.data.values()) {
      const { prefetchEnd } = this.windowOf(col);
      if (prefetchEnd > col.items.length && !col.done && !col.loading) void this.ensureLoaded(col.key, prefetchEnd);
    }
    if (this.focusAfterRender) {
      const target = this.renderRoot.querySelector<HTMLElement>(`[data-id="${CSS.escape(this.focusAfterRender)}"]`);
      if (target) {
        this.focusAfterRender = undefined;
        target.focus();
      }
    }
    this.focusing.keepFocus();
    const dialog = this.dialogEl;
    if (dialog && this.dialog && !dialog.open) dialog.showModal();
    if (dialog && !this.dialog && dialog.open) dialog.close();
    const transferDialog = this.renderRoot.querySelector<HTMLDialogElement>('dialog.transfer-dialog');
    if (transferDialog && this.transfers.dialog && !transferDialog.open) transferDialog.showModal();
    if (transferDialog && !this.transfers.dialog && transferDialog.open) transferDialog.close();
  }

  /** After the Transfer dialog: back to the case's card once the board shows the result, unless focus went elsewhere. */
  private async returnFocus(caseId: string | undefined): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await this.loadComplete;
    if (!this.focusIsNowhere()) return;
    if (!caseId || !(await this.focusing.focusCase(caseId))) this.focus();
  }

  /** The board's copy of a case, if it is loaded. */
  private loadedCase(caseId: string): CaseRecord | undefined {
    for (const col of this.data.values()) {
      const i = col.ids.indexOf(caseId);
      if (i >= 0) return col.items[i];
    }
    return undefined;
  }

  /** Who a case may be transferred to: the host's `assignees`, then the named assignees of the cases on the board. */
  private receivers(): TransferReceiver[] {
    const out = new Map<string, string>();
    for (const a of this.assignees) out.set(a.id, a.name);
    for (const id of this.assigneeIds) if (!out.has(id) && this.assigneeNames.has(id)) out.set(id, this.assigneeNames.get(id)!);
    return [...out].map(([id, name]) => ({ id, name }));
  }

  // ---------------------------------------------------------------- data

  private get activeManager(): CaseManager | undefined {
    return this.casekit.value;
  }

  private columnKeys(): string[] {
    return this.groupBy === 'priority' ? [...PRIORITIES].reverse() : [...this.columns];
  }

  private baseQuery(): CaseloadQuery {
    const f = this.filters;
    const q: CaseloadQuery = { sort: this.sort, direction: this.direction };
    if (f.assigneeId) q.assigneeId = f.assigneeId;
    if (f.program) q.program = [f.program];
    if (f.priority) q.priority = [f.priority];
    if (f.riskLevel) q.riskLevel = [f.riskLevel];
    if (f.needDomain) q.needDomain = [f.needDomain];
    if (f.overdue) q.overdue = true;
    if (f.text?.trim()) q.text = f.text.trim();
    q.status = this.groupBy === 'status' ? [...this.columns] : [...OPEN_CASE_STATUSES];
    return q;
  }

  private queryFor(key: string): CaseloadQuery {
    const base = this.baseQuery();
    if (key === LIST) return base;
    if (this.groupBy === 'status') return { ...base, status: [key as CaseStatus] };
    return { ...base, priority: base.priority ? base.priority.filter((p) => p === key) : [key as Priority] };
  }

  private async load(): Promise<void> {
    const manager = this.activeManager;
    const gen = ++this.generation;
    if (!manager) {
      this.data = new Map();
      this.loaded = false;
      return;
    }
    // A load after a filter/view change announces the new count; one after a data change stays quiet
    // (it would talk over "moved to ...").
    const announceCount = this.resetScrollPending && this.loaded;
    if (this.resetScrollPending) this.columnWindow.forgetScroll();
    try {
      const base = this.baseQuery();
      // Counts, first pages and the assignee list are asked for at once: on IndexedDB at 100,000 cases
      // each is tens of milliseconds, and one after another they kept the first card off screen ~300 ms.
      const { assigneeId: _ignored, ...withoutAssignee } = base;
      // Every assignee of the cases this actor may see (whatever the assignee filter): the filter shows when there is more than one.
      const assignees = manager.cases.countBy('assigneeId', withoutAssignee);
      assignees.catch(() => undefined); // reported below, unless this load was overtaken
      const keys = this.columnKeys();
      const next = new Map<string, ColumnData>();
      const columns = this.view === 'board' ? keys : [LIST];
      for (const key of columns) next.set(key, { key, total: 0, items: [], ids: [], done: false, loading: false });
      const [counts] = await Promise.all([
        manager.cases.countBy(this.groupBy, base),
        // The window as if the column were endless: its count is not known yet (a short column just ends).
        ...[...next.values()].map((col) => this.fill(manager, col, this.windowOf({ ...col, total: Number.MAX_SAFE_INTEGER }).end, gen)),
      ]);
      for (const col of next.values()) col.total = col.key === LIST ? keys.reduce((n, key) => n + (counts[key] ?? 0), 0) : (counts[col.key] ?? 0);
      if (gen !== this.generation) return;
      if (this.resetScrollPending) {
        this.resetScrollPending = false;
        this.scrollToTop = true;
      }
      this.data = next;
      this.loaded = true;
      const total = [...next.values()].reduce((n, c) => n + c.total, 0);
      if (announceCount) this.announce(this.countText(total));
      const byAssignee = await assignees;
      if (gen !== this.generation) return;
      this.assigneeIds = Object.keys(byAssignee).filter(Boolean).sort();
    } catch (error) {
      if (gen === this.generation) this.message = this.reportError(error, 'load').message;
    }
  }

  /** Loads pages into `col` until it holds `needed` items or the query is exhausted. */
  private async fill(manager: CaseManager, col: ColumnData, needed: number, gen: number): Promise<void> {
    while (!col.done && col.items.length < needed) {
      const limit = Math.min(1000, Math.max(this.pageSize, needed - col.items.length));
      const page = await manager.cases.query({ ...this.queryFor(col.key), limit, ...(col.cursor ? { cursor: col.cursor } : {}) });
      if (gen !== this.generation) return;
      col.items.push(...page.items);
      col.ids.push(...page.items.map((item) => item.id));
      for (const item of page.items) if (item.assigneeId && item.assigneeName) this.assigneeNames.set(item.assigneeId, item.assigneeName);
      col.cursor = page.nextCursor;
      col.done = !page.nextCursor;
    }
  }

  private async ensureLoaded(key: string, needed: number): Promise<void> {
    const col = this.data.get(key);
    const manager = this.activeManager;
    if (!col || !manager || col.loading) return;
    col.loading = true;
    await this.pending.track(this.fillColumn(manager, col, needed));
  }

  private async fillColumn(manager: CaseManager, col: ColumnData, needed: number): Promise<void> {
    try {
      await this.fill(manager, col, needed, this.generation);
    } catch (error) {
      this.message = this.reportError(error, 'load').message;
      col.done = true;
    } finally {
      col.loading = false;
      this.requestUpdate();
    }
  }

  // ---------------------------------------------------------------- windowing

  /** What to render of a column (or the list), and how far to load ahead. */
  private windowOf(col: Pick<ColumnData, 'key' | 'total' | 'ids'>): ColumnWindow {
    if (this.view === 'board') {
      // The board shares the DOM budget between its columns (at least 6 cards each).
      const cap = Math.max(6, Math.floor(MAX_RENDERED / Math.max(1, this.data.size || this.columnKeys().length)));
      return this.columnWindow.column(col.key, col.ids, col.total, cap);
    }
    const slot = this.columnWindow.rowSlot;
    const [start, end] = this.columnWindow.range(col.key, col.total, slot, MAX_RENDERED);
    return { start, end, top: start * slot, height: col.total * slot, prefetchEnd: Math.min(col.total, end + (end - start)) };
  }

  // ---------------------------------------------------------------- labels

  private columnLabel(key: string): string {
    const t = this.localize.t;
    return this.groupBy === 'status' ? (t.status as Record<string, string>)[key] ?? key : (t.priority as Record<string, string>)[key] ?? key;
  }

  private programLabel(program: string): string {
    return this.localize.t.programs[program] ?? program;
  }

  private assigneeLabel(id: string): string {
    return this.assignees.find((a) => a.id === id)?.name ?? this.assigneeNames.get(id) ?? id;
  }

  private countText(n: number): string {
    return this.localize.t.board.caseCount(n, this.localize.number(n));
  }

  private announce(text: string): void {
    this.liveText = text === this.liveText ? `${text}\u00a0` : text;
  }

  // ---------------------------------------------------------------- render

  protected override render(): TemplateResult {
    const t = this.localize.t;
    const total = [...this.data.values()].reduce((n, c) => n + c.total, 0);
    return html`
      <div class="root" dir=${this.localize.dir} lang=${this.localize.lang} role="region" aria-label=${this.label ?? t.board.label}>
        ${this.noToolbar ? nothing : this.renderToolbar()}
        ${this.renderSummary(total)}
        ${renderSelectionBar({ localize: this.localize, transfers: this.transfers })}
        ${this.message
          ? html`<div class="ck-alert alert" part="alert" role="alert">
              <span>${this.message}</span>
              <button type="button" class="ck-button" @click=${() => (this.message = undefined)}>${t.common.dismiss}</button>
            </div>`
          : nothing}
        ${this.view === 'board' ? this.renderBoard() : this.renderList()}
        <p id="card-hint" class="sr-only">${t.board.cardHint}</p>
        <p id="card-hint-open" class="sr-only">${t.board.cardHintReadOnly}</p>
        <p id="card-hint-transfer" class="sr-only">${t.transfer.cardHint}</p>
        <div class="sr-only" role="status" aria-live="polite" aria-atomic="true">${this.liveText}</div>
        ${this.renderDialog()}
        ${renderTransferDialog({ localize: this.localize, transfers: this.transfers, nameOf: (id) => this.receivers().find((r) => r.id === id)?.name ?? this.assigneeLabel(id) })}
      </div>
    `;
  }

  private renderToolbar(): TemplateResult {
    return renderToolbar({
      localize: this.localize,
      filters: this.filters,
      sort: this.sort,
      direction: this.direction,
      view: this.view,
      groupBy: this.groupBy,
      ...this.assigneeFilter(),
      assigneeLabel: (id) => this.assigneeLabel(id),
      programLabel: (program) => this.programLabel(program),
      setFilter: (key, value) => this.setFilter(key, value),
      onSearchInput: (e) => this.onSearchInput(e),
      onSortChange: (e) => this.onSortChange(e),
      userChange: (change) => this.userChange(change),
      filtersOpen: this.filtersOpen,
      toggleFilters: () => (this.filtersOpen = !this.filtersOpen),
    });
  }

  /** What the case-manager filter offers: only caseloads the policy lets this actor see. */
  private assigneeFilter(): { showAssignee: boolean; assigneeIds: string[] } {
    const manager = this.activeManager;
    const current = this.filters.assigneeId;
    const candidates = [...this.assignees.map((a) => a.id), ...this.assigneeIds, ...(current ? [current] : [])];
    const offered = manager ? offeredAssignees(manager, candidates) : [];
    const showAssignee = offered.length > 0 && (this.assignees.length > 0 || offered.length > 1 || !!current);
    return { showAssignee, assigneeIds: offered };
  }

  private renderBoard(): TemplateResult {
    const keys = this.columnKeys();
    const windows = new Map<string, ColumnWindow>();
    const rendered = new Map<string, CaseRecord[]>();
    for (const key of keys) {
      const col = this.data.get(key);
      const win = col ? this.windowOf(col) : { start: 0, end: 0, top: 0, height: 0, prefetchEnd: 0 };
      windows.set(key, win);
      rendered.set(key, col ? col.items.slice(win.start, Math.min(win.end, col.items.length)) : []);
    }
    const cards = { ...this.cardContext(), tabStopId: this.focusing.tabStop(rendered) };
    // Without a card to focus, a board wider than the element could not be scrolled by keyboard.
    const noCards = [...rendered.values()].every((items) => !items.length);
    return html`<div
      class="board"
      part="board"
      role=${noCards ? 'group' : nothing}
      aria-label=${noCards ? this.label ?? this.localize.t.board.label : nothing}
      tabindex=${noCards ? '0' : nothing}
    >
      ${keys.map((key) => this.renderColumn(key, windows.get(key)!, cards))}
    </div>`;
  }

  private renderColumn(key: string, win: ColumnWindow, cards: CaseCardContext): TemplateResult {
    const t = this.localize.t;
    const col = this.data.get(key);
    const total = col?.total ?? 0;
    const label = this.columnLabel(key);
    const { grab, dragging, dragOver } = this.moves;
    const source = dragging ?? grab?.record;
    const sourceKey = source ? (source[this.groupBy] as string) : undefined;
    const allowed = source && key !== sourceKey ? this.targetsFor(source).includes(key) : false;
    const isTarget = (grab && grab.targets[grab.index] === key) || (dragging && dragOver === key && allowed);
    const classes = {
      column: true,
      'drop-allowed': !!source && allowed,
      'drop-refused': !!source && !allowed && key !== sourceKey,
      'drop-target': !!isTarget,
    };
    // Cases in the window that are not loaded yet get a skeleton of the estimated card size.
    const items: (CaseRecord | number)[] = [];
    for (let i = win.start; i < win.end; i++) items.push(col?.items[i] ?? i);
    const loading = items.some((item) => typeof item === 'number');
    const skeletonHeight = this.columnWindow.cardSlot - CARD_GAP;
    return html`
      <section
        class=${classMap(classes)}
        part="column"
        data-column=${key}
        aria-labelledby="col-${key}"
        @dragover=${(e: DragEvent) => this.moves.onDragOver(e, key)}
        @dragleave=${() => (this.moves.dragOver = undefined)}
        @drop=${(e: DragEvent) => this.moves.onDrop(e, key)}
      >
        <div class="column-header" part="column-header" role="heading" aria-level=${this.headingLevel} id="col-${key}">
          <span>${label}</span>
          <span class="count ck-badge" part="column-count badge" aria-label=${t.board.columnCount(label, total, this.localize.number(total))}
            >${this.localize.number(total)}</span
          >
        </div>
        <div class="scroller" part="column-body" data-key=${key} @scroll=${this.columnWindow.onScroll}>
          ${total === 0
            ? this.renderEmpty(t.board.emptyColumn)
            : html`<ul
                class="spacer"
                role="listbox"
                aria-labelledby="col-${key}"
                aria-multiselectable=${items.some((item) => typeof item !== 'number' && this.transfers.canTransfer(item)) ? 'true' : nothing}
                aria-busy=${loading ? 'true' : 'false'}
                ${styleProps({ height: `${win.height}px`, 'padding-top': `${win.top}px` })}
              >
                ${repeat(
                  items,
                  (item) => (typeof item === 'number' ? `skeleton-${item}` : item.id),
                  (item, n) => (typeof item === 'number' ? renderSkeleton(item, skeletonHeight) : renderCard(item, win.start + n, total, cards)),
                )}
              </ul>`}
        </div>
      </section>
    `;
  }

  private renderList(): TemplateResult {
    const t = this.localize.t;
    const col = this.data.get(LIST);
    const total = col?.total ?? 0;
    const { start, end } = col ? this.windowOf(col) : { start: 0, end: 0 };
    const rows = this.cardContext();
    const visible: { record: CaseRecord; index: number }[] = [];
    if (col) for (let i = start; i < end && i < col.items.length; i++) visible.push({ record: col.items[i]!, index: i });
    return html`
      <div class="list" part="list" role="table" aria-label=${this.label ?? t.board.label} aria-rowcount=${total + 1}>
        <div class="list-head" role="rowgroup">
          <div class="row" role="row" aria-rowindex="1">
            <span role="columnheader">${t.board.client}</span>
            <span role="columnheader">${t.board.status}</span>
            <span role="columnheader" class="wide">${t.board.priority}</span>
            <span role="columnheader" class="wide">${t.board.risk}</span>
            <span role="columnheader">${t.board.nextContact}</span>
            <span role="columnheader" class="wide">${t.board.assignee}</span>
            <span role="columnheader"><span class="sr-only">${t.board.actions}</span></span>
          </div>
        </div>
        <div class="scroller list-body" data-key=${LIST} @scroll=${this.columnWindow.onScroll}>
          ${total === 0
            ? this.renderEmpty(t.board.emptyList)
            : html`<div role="rowgroup" class="spacer" ${styleProps({ height: `${total * this.columnWindow.rowSlot}px` })}>
                ${repeat(visible, (v) => v.record.id, (v) => renderRow(v.record, v.index, rows))}
              </div>`}
        </div>
      </div>
    `;
  }

  /** The host's import progress, while it is set and the board has no cases: what to show and say. */
  private importProgress(): { text: string; done?: number; total?: number; valueText?: string } | undefined {
    const progress = this.progress;
    if (!progress || [...this.data.values()].some((col) => col.total > 0)) return undefined;
    const t = this.localize.t;
    if (!(Number.isFinite(progress.total) && progress.total > 0)) return { text: t.board.loadingCases };
    const total = progress.total;
    const done = Math.min(Math.max(0, progress.done || 0), total);
    const [doneText, totalText] = [this.localize.number(done), this.localize.number(total)];
    return { text: t.board.loadingCasesProgress(doneText, totalText), done, total, valueText: t.board.progressOf(doneText, totalText) };
  }

  /** An empty column or list: the import's progress while the board has no cases, else `text`. */
  private renderEmpty(text: string): TemplateResult {
    const progress = this.importProgress();
    return html`<p class="empty">${progress ? progress.text : this.loaded ? text : this.localize.t.common.loading}</p>`;
  }

  /**
   * The summary line: the case count, or while importing into an empty board the one progressbar
   * (outside the columns and the list table, which may hold only their own roles). A progressbar is
   * read when reached, not announced on every update.
   */
  private renderSummary(total: number): TemplateResult {
    const t = this.localize.t;
    const progress = this.importProgress();
    const text = this.loaded ? this.countText(total) : this.activeManager ? t.common.loading : t.errors.noManager;
    // No whitespace around the text: hosts and tests read the summary's textContent.
    return html`<p class="summary" part="summary">${progress
        ? html`<span
            role="progressbar"
            aria-label=${t.board.loadingCases}
            aria-valuemin="0"
            aria-valuemax=${progress.total ?? nothing}
            aria-valuenow=${progress.done ?? nothing}
            aria-valuetext=${progress.valueText ?? nothing}
            >${progress.text}</span
          >`
        : text}</p>`;
  }

  /** What case-card.ts reads and calls; rebuilt each render. */
  private cardContext(): CaseCardContext {
    return {
      localize: this.localize,
      today: this.today ?? this.activeManager?.today() ?? localToday(),
      dueSoonDays: this.dueSoonDays,
      groupBy: this.groupBy,
      rowSlot: this.columnWindow.rowSlot,
      moves: this.moves,
      transfers: this.transfers,
      assigneeLabel: (id) => this.assigneeLabel(id),
      programLabel: (program) => this.programLabel(program),
      open: (record) => this.open(record),
      canMove: (record) => this.canMove(record),
      openMoveDialog: (e, record) => this.openMoveDialog(e, record),
      onCardKey: (e, record, index) => {
        if (!this.moves.onCardKey(e, record) && !this.transfers.onCardKey(e, record)) this.focusing.onCardKey(e, record[this.groupBy], index);
      },
      onCardFocus: (record) => this.focusing.onCardFocus(record, record[this.groupBy]),
      onCardBlur: (card) => this.focusing.onCardBlur(card),
    };
  }

  private renderDialog(): TemplateResult {
    const d = this.dialog;
    return renderMoveDialog(d, {
      localize: this.localize,
      targets: d ? this.targetsFor(d.record, true) : [],
      columnLabel: (key) => this.columnLabel(key),
      update: (next) => (this.dialog = next),
      onSubmit: (e) => void this.onDialogSubmit(e),
      onCancel: (e) => this.closeDialog(e),
      onClosed: () => this.onDialogClosed(),
    });
  }

  // ---------------------------------------------------------------- user actions

  private userChange(change: Partial<Pick<CkCaseloadBoard, 'filters' | 'sort' | 'direction' | 'view' | 'groupBy'>>): void {
    Object.assign(this, change);
    this.emit('ck-filter-change', { filters: this.filters, sort: this.sort, direction: this.direction, view: this.view, groupBy: this.groupBy });
  }

  private setFilter(key: keyof CaseloadFilters, value: string | boolean | undefined): void {
    const filters = { ...this.filters } as Record<string, unknown>;
    if (value === undefined || value === '') delete filters[key];
    else filters[key] = value;
    this.userChange({ filters: filters as CaseloadFilters });
  }

  private onSearchInput(e: Event): void {
    const value = (e.target as HTMLInputElement).value;
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => this.setFilter('text', value.trim() ? value : undefined), 200);
  }

  private onSortChange(e: Event): void {
    const [sort, direction] = (e.target as HTMLSelectElement).value.split(':') as [CaseloadSort, 'asc' | 'desc'];
    this.userChange({ sort, direction });
  }

  private open(record: CaseRecord): void {
    this.focusing.lastOpened = record.id;
    this.emit('ck-case-open', { caseId: record.id, clientId: record.clientId, record });
  }

  /** The policy lets this actor move the case: change its status (`transition`) or its priority (`update`). */
  private canMove(record: CaseRecord): boolean {
    const manager = this.activeManager;
    if (!manager) return false;
    return manager.can({ action: this.groupBy === 'status' ? 'transition' : 'update', collection: 'cases', record, case: record });
  }

  /** Where a case may go from its column: allowed transitions (status) or other priorities. */
  private targetsFor(record: CaseRecord, includeHidden = false): string[] {
    if (this.groupBy === 'priority') return this.columnKeys().filter((k) => k !== record.priority);
    const allowed = this.activeManager?.cases.allowedTransitions(record) ?? [];
    return includeHidden ? allowed : allowed.filter((s) => this.columns.includes(s));
  }

  /** The column `caseId` is in: among the cases loaded, else where its record says (if that column is shown). */
  private async columnOf(caseId: string): Promise<string | undefined> {
    for (const col of this.data.values()) if (col.ids.includes(caseId)) return col.key;
    const manager = this.activeManager;
    if (!manager) return undefined;
    try {
      const record = await manager.cases.get(caseId);
      const key = this.view === 'list' ? LIST : (record[this.groupBy] as string);
      return this.data.has(key) ? key : undefined;
    } catch {
      return undefined; // not found, or not this actor's to see
    }
  }

  /** Index of `caseId` in column `key`, paging the column in until it is found or the column ends. */
  private async indexOf(key: string, caseId: string): Promise<number> {
    // Bounded: a column that never ends (a misbehaving storage) must not spin for ever.
    for (let page = 0; page < 1000; page++) {
      const col = this.data.get(key);
      if (!col || !this.activeManager) return -1;
      const index = col.ids.indexOf(caseId);
      if (index >= 0 || col.done) return index;
      if (col.loading) await this.loadComplete;
      else await this.ensureLoaded(key, col.items.length + this.pageSize);
    }
    return -1;
  }

  /** Scrolls column `key` (or the list) until item `index` is rendered; its card (a row's open button). */
  private findItem(key: string, index: number): HTMLElement | null {
    const selector = key === LIST ? `.list-body [data-index="${index}"] .open` : `.scroller[data-key="${CSS.escape(key)}"] .card[data-index="${index}"]`;
    return this.renderRoot.querySelector<HTMLElement>(selector);
  }

  private async reveal(key: string, index: number): Promise<HTMLElement | null> {
    const find = () => this.findItem(key, index);
    const scroller = this.renderRoot.querySelector<HTMLElement>(`.scroller[data-key="${CSS.escape(key)}"]`);
    const col = this.data.get(key);
    if (find() || !scroller || !col) return find();
    scroller.scrollTop = key === LIST ? index * this.columnWindow.rowSlot : this.columnWindow.offsetOf(col.ids, index);
    this.columnWindow.setScrollTop(key, scroller.scrollTop);
    this.requestUpdate();
    await this.loadComplete;
    return find();
  }

  private openMoveDialog(e: Event, record: CaseRecord): void {
    e.preventDefault();
    e.stopPropagation();
    this.moves.grab = undefined;
    if (!this.canMove(record)) return;
    const targets = this.targetsFor(record, true);
    if (!targets.length) {
      this.announce(this.localize.t.board.noTargets(record.clientName));
      this.message = this.localize.t.board.noTargets(record.clientName);
      return;
    }
    this.focusAfterRender = record.id;
    this.dialog = { record, field: this.groupBy, to: targets[0], chooseTarget: true, via: 'dialog' };
  }

  private closeDialog(e?: Event): void {
    e?.preventDefault();
    this.dialog = undefined;
  }

  private onDialogClosed(): void {
    if (this.dialog) this.dialog = undefined;
    if (this.focusAfterRender) this.requestUpdate();
  }

  private async onDialogSubmit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const d = this.dialog;
    if (!d || !d.to || d.busy) return;
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const closureReason = (data.get('closureReason') as string | null) || undefined;
    const reason = ((data.get('reason') as string | null) ?? '').trim() || undefined;
    const issues = [];
    const { needsClosure, needsReason } = moveQuestions(d);
    if (needsClosure && !closureReason) issues.push({ path: ['closureReason'], code: 'required', message: 'required' });
    if (needsReason && !reason) issues.push({ path: ['reason'], code: 'required', message: 'required' });
    if (issues.length) {
      this.dialog = { ...d, error: this.localize.error(new ValidationError(issues)) };
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('dialog [aria-invalid="true"]')?.focus();
      return;
    }
    if (d.field === 'status' && !this.targetsFor(d.record, true).includes(d.to)) {
      this.dialog = { ...d, error: this.localize.error(this.refusal(d.record, d.to)) };
      return;
    }
    this.dialog = { ...d, busy: true, error: undefined };
    const extra = { ...(closureReason ? { closureReason: closureReason as ClosureReason } : {}), ...(reason ? { reason } : {}) };
    const result = await this.commitMove(d.record, d.to, d.via, extra);
    if (result === true) this.dialog = undefined;
    else if (this.dialog) this.dialog = { ...this.dialog, busy: false, error: result };
  }

  private refusal(record: CaseRecord, to: string): TransitionError {
    return new TransitionError('case', record.status, to, this.activeManager?.cases.allowedTransitions(record) ?? []);
  }

  /**
   * Moves a case to a column: checks the state machine, asks for a closure reason / reason when
   * needed, then saves through core.
   */
  private async requestMove(record: CaseRecord, to: string, via: 'drag' | 'keyboard'): Promise<void> {
    if (record[this.groupBy] === to) return;
    if (this.groupBy === 'status') {
      if (!this.targetsFor(record, true).includes(to)) {
        const described = this.reportError(this.refusal(record, to), 'move');
        this.message = described.message;
        this.announce(described.message);
        return;
      }
      const needsDialog = (to === 'closed' && !record.pendingApproval) || record.status === 'closed' || to === 'entered-in-error';
      if (needsDialog) {
        this.dialog = { record, field: 'status', to, chooseTarget: false, via };
        return;
      }
    }
    const result = await this.commitMove(record, to, via, {});
    if (result !== true) this.message = result.message;
  }

  /** Fires the cancelable `ck-case-move`, then saves. True on success (or veto); the localized error otherwise. */
  private async commitMove(
    record: CaseRecord,
    to: string,
    via: 'drag' | 'keyboard' | 'dialog',
    extra: { closureReason?: ClosureReason; reason?: string },
  ): Promise<true | LocalizedError> {
    const t = this.localize.t;
    const manager = this.activeManager;
    const field = this.groupBy;
    const from = record[field];
    if (!manager) return this.reportError(new Error('no manager'), 'move');
    const proceed = this.emit('ck-case-move', {
      caseId: record.id,
      record,
      field,
      from,
      to: to as CaseStatus | Priority,
      via,
      ...extra,
    });
    if (!proceed) {
      this.announce(t.board.moveVetoed(record.clientName));
      return true;
    }
    this.announce(t.board.moving(record.clientName, this.columnLabel(to)));
    try {
      const ref = { id: record.id, version: record.version };
      const saved =
        field === 'status' ? await manager.cases.transition(ref, to as CaseStatus, extra) : await manager.cases.update(ref, { priority: to as Priority });
      this.message = undefined;
      if (via !== 'drag') void this.focusMoved(record.id, to);
      this.announce(saved.pendingApproval && !record.pendingApproval ? t.board.pendingApproval : t.board.moved(record.clientName, this.columnLabel(to)));
      this.emit('ck-case-moved', { record: saved, field, from, to });
      return true;
    } catch (error) {
      return this.reportError(error, 'move');
    }
  }
}
