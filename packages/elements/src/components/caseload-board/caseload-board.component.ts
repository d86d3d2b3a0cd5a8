import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { styleMap } from 'lit/directives/style-map.js';
import {
  CLOSURE_REASONS,
  NEED_DOMAINS,
  OPEN_CASE_STATUSES,
  PRIORITIES,
  PROGRAMS,
  RISK_LEVELS,
  TransitionError,
  ValidationError,
  type CaseloadQuery,
  type CaseManager,
  type CaseRecord,
  type CaseStatus,
  type ClosureReason,
  type NeedDomain,
  type Priority,
  type RiskLevel,
} from '@casekit/core';
import { ManagerController } from '../../controllers/manager-controller.js';
import { CasekitElement } from '../../internal/casekit-element.js';
import { addDays, localToday } from '../../internal/dates.js';
import type { LocalizedError } from '../../translations/error-messages.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import { caseloadBoardStyles } from './caseload-board.styles.js';

/** Filters a user (or the host) applies to the caseload. Unset means "any". */
export interface CaseloadFilters {
  assigneeId?: string;
  program?: string;
  priority?: Priority;
  riskLevel?: RiskLevel;
  needDomain?: NeedDomain;
  /** Only cases whose next contact date has passed. */
  overdue?: boolean;
  /** Words matched against client name, case title and tags. */
  text?: string;
}

export type CaseloadView = 'board' | 'list';
export type CaseloadGroupBy = 'status' | 'priority';
export type CaseloadSort = 'dueDate' | 'priority' | 'updatedAt';

/** Status columns shown by default (cancelled and entered-in-error are reachable through the Move dialog). */
export const DEFAULT_STATUS_COLUMNS: readonly CaseStatus[] = ['referred', 'intake', 'waitlist', 'active', 'on-hold', 'closed'];
/** Upper bound of cards/rows in the DOM at once, whatever the caseload size. */
export const MAX_RENDERED = 140;
const OVERSCAN = 3;
const CARD_GAP = 8;
const LIST = '__list';

interface ColumnData {
  key: string;
  total: number;
  items: CaseRecord[];
  cursor?: string;
  done: boolean;
  loading: boolean;
}

interface MoveDialogState {
  record: CaseRecord;
  field: CaseloadGroupBy;
  to?: string;
  /** Opened from the Move button: the user picks the target here. */
  chooseTarget: boolean;
  via: 'drag' | 'keyboard' | 'dialog';
  error?: LocalizedError;
  busy?: boolean;
}

interface GrabState {
  record: CaseRecord;
  targets: string[];
  index: number;
}

/**
 * @summary A caseload as a board (columns by status or by priority) or a list, with filters, sort,
 * counts, due badges and moves through the core state machine — by mouse or keyboard.
 *
 * Renders only what is visible: each column (and the list) is windowed and pages in cases with the
 * query cursor as the user scrolls, so the DOM holds at most ~140 cards at any caseload size.
 * Re-renders when cases change anywhere (this tab, another manager, another tab).
 *
 * Keyboard: Tab to a card; Enter opens it; Space picks it up, the arrow keys choose a column, Space
 * (or Enter) drops and Escape cancels; Up/Down move between cards in a column. Every card and row
 * also has a Move button that opens a dialog.
 *
 * @fires ck-case-open - The user opened a case (click, Enter). `detail: { caseId, clientId, record }`.
 * @fires ck-case-move - Cancelable. A move is about to be saved; `preventDefault()` vetoes it. `detail: CaseMoveDetail`.
 * @fires ck-case-moved - A move was saved. `detail: { record, field, from, to }`.
 * @fires ck-filter-change - The user changed filters, sort, view or grouping.
 * @fires ck-error - Core refused something (the message is also shown in the element). `detail: ErrorDetail`.
 *
 * @slot toolbar-start - Extra controls before the filters (e.g. a "New case" button).
 * @slot toolbar-end - Extra controls after the view switch.
 *
 * @csspart toolbar - The filter and view bar.
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
 * @csspart badge - Any badge (priority, due, risk, need).
 * @csspart move-button - A card's or row's Move button.
 * @csspart list - The list (table) view.
 * @csspart row - One list row.
 * @csspart dialog - The move / closure-reason dialog.
 *
 * @cssprop --ck-caseload-board-height - Height of the element (columns scroll inside). Default 40rem.
 * @cssprop --ck-caseload-board-background - Element background.
 * @cssprop --ck-caseload-board-column-width - Minimum column width. Default 16rem.
 * @cssprop --ck-caseload-board-column-background - Column background.
 * @cssprop --ck-caseload-board-card-height - Card height (cards are fixed-height for windowing). Default 6.5rem.
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

  /** Today's date (`YYYY-MM-DD`) for overdue and due-soon badges. Default: the user's local date. Set it when the manager runs on an injected clock. */
  @property() today?: string;

  /** A case is "due soon" this many days ahead. */
  @property({ type: Number, attribute: 'due-soon-days' }) dueSoonDays = 3;

  /** Cases fetched per query page. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 100;

  /** Names for the case-manager filter (`id` -> name). Without it, names are taken from the cases loaded. */
  @property({ attribute: false }) assignees: readonly { id: string; name: string }[] = [];

  /** Hides the filter bar (the host drives `filters`, `sort`, `view`). */
  @property({ type: Boolean, attribute: 'no-toolbar' }) noToolbar = false;

  /** Heading level of column titles (`aria-level`). */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 3;

  /** Accessible name of the element. Default: "Caseload", translated. */
  @property() label?: string;

  @state() private data = new Map<string, ColumnData>();
  @state() private loaded = false;
  @state() private message?: string;
  @state() private liveText = '';
  @state() private grab?: GrabState;
  @state() private dragging?: CaseRecord;
  @state() private dragOver?: string;
  @state() private dialog?: MoveDialogState;
  @state() private assigneeIds: string[] = [];

  @query('dialog') private dialogEl?: HTMLDialogElement;

  private readonly casekit = new ManagerController(this, {
    collections: ['cases'],
    onManager: () => void this.refresh({ resetScroll: true }),
    onChange: () => void this.refresh(),
  });

  private generation = 0;
  private refreshing = false;
  private refreshAgain = false;
  private resetScrollPending = false;
  private scrollToTop = false;
  private readonly scrollTops = new Map<string, number>();
  private readonly viewports = new Map<string, number>();
  private cardSlot = 112;
  private rowSlot = 48;
  private readonly assigneeNames = new Map<string, string>();
  private readonly resizeObserver = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver((entries) => this.onResize(entries));
  private readonly observed = new WeakSet<Element>();
  private searchTimer?: ReturnType<typeof setTimeout>;
  private focusAfterRender?: string;

  /** Resolves when the data in view has been (re)loaded. For tests and hosts that need to wait. */
  get loadComplete(): Promise<void> {
    return (async () => {
      await this.updateComplete;
      while (this.refreshing || [...this.data.values()].some((c) => c.loading)) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      await this.updateComplete;
    })();
  }

  /** Reloads counts and the cases in view (done automatically on every core change). */
  async refresh(options: { resetScroll?: boolean } = {}): Promise<void> {
    if (options.resetScroll) this.resetScrollPending = true;
    if (this.refreshing) {
      this.refreshAgain = true;
      return;
    }
    this.refreshing = true;
    try {
      do {
        this.refreshAgain = false;
        await this.load();
      } while (this.refreshAgain);
    } finally {
      this.refreshing = false;
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
    clearTimeout(this.searchTimer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const reload = ['view', 'groupBy', 'columns', 'filters', 'sort', 'direction'] as const;
    if (this.hasUpdated && reload.some((key) => changed.has(key))) {
      this.grab = undefined;
      void this.refresh({ resetScroll: true });
    }
  }

  protected override updated(): void {
    // Watch scroller sizes (windowing needs the viewport height).
    for (const el of this.renderRoot.querySelectorAll<HTMLElement>('.scroller')) {
      if (!this.observed.has(el)) {
        this.observed.add(el);
        this.resizeObserver?.observe(el);
        this.viewports.set(el.dataset.key!, el.clientHeight || 600);
      }
    }
    if (this.scrollToTop) {
      this.scrollToTop = false;
      for (const el of this.renderRoot.querySelectorAll<HTMLElement>('.scroller')) el.scrollTop = 0;
      this.scrollTops.clear();
    }
    this.measure();
    // Page in whatever the windows now need.
    for (const col of this.data.values()) {
      const [, end] = this.windowOf(col);
      if (end > col.items.length && !col.done && !col.loading) void this.ensureLoaded(col.key, end);
    }
    if (this.focusAfterRender) {
      const target = this.renderRoot.querySelector<HTMLElement>(`[data-id="${CSS.escape(this.focusAfterRender)}"]`);
      if (target) {
        this.focusAfterRender = undefined;
        target.focus();
      }
    }
    const dialog = this.dialogEl;
    if (dialog && this.dialog && !dialog.open) dialog.showModal();
    if (dialog && !this.dialog && dialog.open) dialog.close();
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
    if (this.resetScrollPending) this.scrollTops.clear();
    try {
      const base = this.baseQuery();
      const counts = await manager.cases.countBy(this.groupBy, base);
      const keys = this.columnKeys();
      const next = new Map<string, ColumnData>();
      if (this.view === 'board') {
        for (const key of keys) next.set(key, { key, total: counts[key] ?? 0, items: [], done: !counts[key], loading: false });
      } else {
        const total = keys.reduce((n, key) => n + (counts[key] ?? 0), 0);
        next.set(LIST, { key: LIST, total, items: [], done: total === 0, loading: false });
      }
      await Promise.all([...next.values()].map((col) => this.fill(manager, col, this.windowOf(col)[1], gen)));
      const showAssignee = this.assignees.length > 0 || manager.actor.role !== 'case-manager';
      const { assigneeId: _ignored, ...withoutAssignee } = base;
      const byAssignee = showAssignee ? await manager.cases.countBy('assigneeId', withoutAssignee) : {};
      if (gen !== this.generation) return;
      this.assigneeIds = Object.keys(byAssignee).filter(Boolean).sort();
      if (this.resetScrollPending) {
        this.resetScrollPending = false;
        this.scrollToTop = true;
      }
      this.data = next;
      this.loaded = true;
      const total = [...next.values()].reduce((n, c) => n + c.total, 0);
      if (announceCount) this.announce(this.countText(total));
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

  private itemSlot(): number {
    return this.view === 'board' ? this.cardSlot : this.rowSlot;
  }

  /** Index range [start, end) of the items to render in a column (or the list). */
  private windowOf(col: ColumnData): [number, number] {
    const size = this.itemSlot();
    const top = this.scrollTops.get(col.key) ?? 0;
    const height = this.viewports.get(col.key) ?? 600;
    const cap = this.view === 'board' ? Math.max(6, Math.floor(MAX_RENDERED / Math.max(1, this.data.size || this.columnKeys().length))) : MAX_RENDERED;
    const start = Math.max(0, Math.floor(top / size) - OVERSCAN);
    const end = Math.min(col.total, Math.ceil((top + height) / size) + OVERSCAN, start + cap);
    return [start, end];
  }

  private measure(): void {
    const card = this.renderRoot.querySelector<HTMLElement>('.card');
    if (card && card.offsetHeight) {
      const slot = card.offsetHeight + CARD_GAP;
      if (Math.abs(slot - this.cardSlot) > 0.5) {
        this.cardSlot = slot;
        this.requestUpdate();
      }
    }
    const row = this.renderRoot.querySelector<HTMLElement>('.list-body .row');
    if (row && row.offsetHeight && Math.abs(row.offsetHeight - this.rowSlot) > 0.5) {
      this.rowSlot = row.offsetHeight;
      this.requestUpdate();
    }
  }

  private onResize(entries: ResizeObserverEntry[]): void {
    let changed = false;
    for (const entry of entries) {
      const el = entry.target as HTMLElement;
      const key = el.dataset.key;
      if (key && this.viewports.get(key) !== el.clientHeight) {
        this.viewports.set(key, el.clientHeight);
        changed = true;
      }
    }
    if (changed) this.requestUpdate();
  }

  private onScroll(event: Event): void {
    const el = event.currentTarget as HTMLElement;
    this.scrollTops.set(el.dataset.key!, el.scrollTop);
    this.requestUpdate();
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
        <p class="summary" part="summary">${this.loaded ? this.countText(total) : this.activeManager ? t.common.loading : t.errors.noManager}</p>
        ${this.message
          ? html`<div class="ck-alert alert" part="alert" role="alert">
              <span>${this.message}</span>
              <button type="button" class="ck-button" @click=${() => (this.message = undefined)}>${t.common.dismiss}</button>
            </div>`
          : nothing}
        ${this.view === 'board' ? this.renderBoard() : this.renderList()}
        <p id="card-hint" class="sr-only">${t.board.cardHint}</p>
        <div class="sr-only" role="status" aria-live="polite" aria-atomic="true">${this.liveText}</div>
        ${this.renderDialog()}
      </div>
    `;
  }

  private renderToolbar(): TemplateResult {
    const t = this.localize.t;
    const f = this.filters;
    const anyLabel = t.common.any;
    const sortValue = `${this.sort}:${this.direction}`;
    const showAssignee = this.assignees.length > 0 || this.assigneeIds.length > 1 || (this.activeManager && this.activeManager.actor.role !== 'case-manager');
    const assigneeIds = [...new Set([...this.assignees.map((a) => a.id), ...this.assigneeIds])];
    const select = <T extends string>(label: string, key: keyof CaseloadFilters, values: readonly T[], text: (v: T) => string) => html`
      <label class="ck-field">
        <span>${label}</span>
        <select @change=${(e: Event) => this.setFilter(key, (e.target as HTMLSelectElement).value || undefined)}>
          <option value="" ?selected=${!f[key]}>${anyLabel}</option>
          ${values.map((v) => html`<option value=${v} ?selected=${f[key] === v}>${text(v)}</option>`)}
        </select>
      </label>
    `;
    return html`
      <div class="toolbar" part="toolbar" role="search" aria-label=${t.board.filters}>
        <slot name="toolbar-start"></slot>
        <label class="ck-field search">
          <span>${t.board.search}</span>
          <input
            type="search"
            part="search"
            placeholder=${t.board.searchPlaceholder}
            .value=${live(f.text ?? '')}
            @input=${this.onSearchInput}
          />
        </label>
        ${showAssignee ? select(t.board.assignee, 'assigneeId', assigneeIds, (id) => this.assigneeLabel(id)) : nothing}
        ${select(t.board.program, 'program', PROGRAMS, (p) => this.programLabel(p))}
        ${select(t.board.priority, 'priority', [...PRIORITIES].reverse(), (p) => t.priority[p])}
        ${select(t.board.risk, 'riskLevel', RISK_LEVELS, (r) => t.risk[r])}
        ${select(t.board.need, 'needDomain', NEED_DOMAINS, (n) => t.needs[n])}
        <label class="ck-field check">
          <input type="checkbox" .checked=${live(!!f.overdue)} @change=${(e: Event) => this.setFilter('overdue', (e.target as HTMLInputElement).checked || undefined)} />
          <span>${t.board.overdueOnly}</span>
        </label>
        <label class="ck-field">
          <span>${t.board.sort}</span>
          <select @change=${this.onSortChange}>
            <option value="dueDate:asc" ?selected=${sortValue === 'dueDate:asc'}>${t.board.sortDueAsc}</option>
            <option value="dueDate:desc" ?selected=${sortValue === 'dueDate:desc'}>${t.board.sortDueDesc}</option>
            <option value="priority:asc" ?selected=${this.sort === 'priority'}>${t.board.sortPriority}</option>
            <option value="updatedAt:desc" ?selected=${this.sort === 'updatedAt'}>${t.board.sortUpdated}</option>
          </select>
        </label>
        ${this.view === 'board'
          ? html`<label class="ck-field">
              <span>${t.board.groupBy}</span>
              <select @change=${(e: Event) => this.userChange({ groupBy: (e.target as HTMLSelectElement).value as CaseloadGroupBy })}>
                <option value="status" ?selected=${this.groupBy === 'status'}>${t.board.groupByStatus}</option>
                <option value="priority" ?selected=${this.groupBy === 'priority'}>${t.board.groupByPriority}</option>
              </select>
            </label>`
          : nothing}
        <div class="segmented" role="group" aria-label=${t.board.view}>
          <button type="button" class="ck-button" data-view="board" aria-pressed=${this.view === 'board' ? 'true' : 'false'} @click=${() => this.userChange({ view: 'board' })}>
            ${t.board.viewBoard}
          </button>
          <button type="button" class="ck-button" data-view="list" aria-pressed=${this.view === 'list' ? 'true' : 'false'} @click=${() => this.userChange({ view: 'list' })}>
            ${t.board.viewList}
          </button>
        </div>
        <slot name="toolbar-end"></slot>
      </div>
    `;
  }

  private renderBoard(): TemplateResult {
    const keys = this.columnKeys();
    return html`<div class="board" part="board">${keys.map((key) => this.renderColumn(key))}</div>`;
  }

  private renderColumn(key: string): TemplateResult {
    const t = this.localize.t;
    const col = this.data.get(key);
    const total = col?.total ?? 0;
    const label = this.columnLabel(key);
    const source = this.dragging ?? this.grab?.record;
    const sourceKey = source ? (source[this.groupBy] as string) : undefined;
    const allowed = source && key !== sourceKey ? this.targetsFor(source).includes(key) : false;
    const isTarget = (this.grab && this.grab.targets[this.grab.index] === key) || (this.dragging && this.dragOver === key && allowed);
    const classes = {
      column: true,
      'drop-allowed': !!source && allowed,
      'drop-refused': !!source && !allowed && key !== sourceKey,
      'drop-target': !!isTarget,
    };
    const [start, end] = col ? this.windowOf(col) : [0, 0];
    const slot = this.cardSlot;
    const visible: { record: CaseRecord; index: number }[] = [];
    if (col) for (let i = start; i < end && i < col.items.length; i++) visible.push({ record: col.items[i]!, index: i });
    return html`
      <section
        class=${classMap(classes)}
        part="column"
        data-column=${key}
        aria-labelledby="col-${key}"
        @dragover=${(e: DragEvent) => this.onDragOver(e, key)}
        @dragleave=${() => (this.dragOver = undefined)}
        @drop=${(e: DragEvent) => this.onDrop(e, key)}
      >
        <div class="column-header" part="column-header" role="heading" aria-level=${this.headingLevel} id="col-${key}">
          <span>${label}</span>
          <span class="count ck-badge" part="column-count badge" aria-label=${t.board.columnCount(label, total, this.localize.number(total))}
            >${this.localize.number(total)}</span
          >
        </div>
        <div class="scroller" part="column-body" data-key=${key} @scroll=${this.onScroll}>
          ${total === 0
            ? html`<p class="empty">${this.loaded ? t.board.emptyColumn : t.common.loading}</p>`
            : html`<ul class="spacer" role="list" aria-labelledby="col-${key}" style=${styleMap({ height: `${total * slot + CARD_GAP}px` })}>
                ${repeat(visible, (v) => v.record.id, (v) => this.renderCard(v.record, v.index, total))}
              </ul>`}
        </div>
      </section>
    `;
  }

  private renderCard(record: CaseRecord, index: number, total: number): TemplateResult {
    const t = this.localize.t;
    const grabbed = this.grab?.record.id === record.id;
    return html`
      <li
        class=${classMap({ card: true, grabbed, dragging: this.dragging?.id === record.id })}
        part="card"
        tabindex="0"
        draggable="true"
        data-id=${record.id}
        data-index=${index}
        aria-posinset=${index + 1}
        aria-setsize=${total}
        aria-describedby="card-hint"
        style=${styleMap({ transform: `translateY(${index * this.cardSlot + CARD_GAP}px)` })}
        @click=${(e: Event) => this.onCardClick(e, record)}
        @keydown=${(e: KeyboardEvent) => this.onCardKey(e, record, index)}
        @blur=${() => this.onCardBlur(record)}
        @dragstart=${(e: DragEvent) => this.onDragStart(e, record)}
        @dragend=${this.onDragEnd}
      >
        <div class="line">
          <span class="name" part="card-name">${record.clientName}</span>
          ${this.priorityBadge(record)}
        </div>
        <div class="meta">${record.title ? record.title : this.programLabel(record.program)}${record.assigneeId && this.groupBy === 'status' ? ` · ${this.assigneeLabel(record.assigneeId)}` : ''}</div>
        <div class="line">
          <div class="badges">
            ${this.dueBadge(record)} ${record.riskLevel !== 'low' ? html`<span class="ck-badge ${record.riskLevel === 'high' ? 'danger' : ''}" part="badge">${t.board.riskBadge(t.risk[record.riskLevel])}</span>` : nothing}
            ${this.needBadges(record)}
          </div>
          <button type="button" class="ck-button move" part="move-button" aria-label=${t.board.moveCase(record.clientName)} @click=${(e: Event) => this.openMoveDialog(e, record)}>
            ${t.board.move}
          </button>
        </div>
      </li>
    `;
  }

  private renderList(): TemplateResult {
    const t = this.localize.t;
    const col = this.data.get(LIST);
    const total = col?.total ?? 0;
    const [start, end] = col ? this.windowOf(col) : [0, 0];
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
        <div class="scroller list-body" data-key=${LIST} @scroll=${this.onScroll}>
          ${total === 0
            ? html`<p class="empty">${this.loaded ? t.board.emptyList : t.common.loading}</p>`
            : html`<div role="rowgroup" class="spacer" style=${styleMap({ height: `${total * this.rowSlot}px` })}>
                ${repeat(visible, (v) => v.record.id, (v) => this.renderRow(v.record, v.index))}
              </div>`}
        </div>
      </div>
    `;
  }

  private renderRow(record: CaseRecord, index: number): TemplateResult {
    const t = this.localize.t;
    return html`
      <div class="row" part="row" role="row" aria-rowindex=${index + 2} data-index=${index} style=${styleMap({ transform: `translateY(${index * this.rowSlot}px)` })}>
        <span role="cell"><button type="button" class="open" data-id=${record.id} @click=${() => this.open(record)}>${record.clientName}</button></span>
        <span role="cell">${t.status[record.status]}</span>
        <span role="cell" class="wide">${this.priorityBadge(record)}</span>
        <span role="cell" class="wide">${t.risk[record.riskLevel]}</span>
        <span role="cell">${this.dueBadge(record)}</span>
        <span role="cell" class="wide">${record.assigneeId ? this.assigneeLabel(record.assigneeId) : t.board.unassigned}</span>
        <span role="cell">
          <button type="button" class="ck-button move" part="move-button" aria-label=${t.board.moveCase(record.clientName)} @click=${(e: Event) => this.openMoveDialog(e, record)}>
            ${t.board.move}
          </button>
        </span>
      </div>
    `;
  }

  private priorityBadge(record: CaseRecord): TemplateResult {
    const tone = record.priority === 'urgent' ? 'danger' : record.priority === 'high' ? 'warning' : '';
    return html`<span class="ck-badge ${tone}" part="badge">${this.localize.t.priority[record.priority]}</span>`;
  }

  private dueBadge(record: CaseRecord): TemplateResult | typeof nothing {
    const due = record.nextContactDue;
    if (!due) return nothing;
    const t = this.localize.t;
    const today = this.today ?? localToday();
    const date = this.localize.date(due, { month: 'short', day: 'numeric' });
    if (due < today) return html`<span class="ck-badge danger" part="badge" data-due="overdue">${t.board.overdue(date)}</span>`;
    if (due <= addDays(today, this.dueSoonDays)) return html`<span class="ck-badge warning" part="badge" data-due="soon">${t.board.dueSoon(date)}</span>`;
    return html`<span class="ck-badge" part="badge" data-due="later">${t.board.due(date)}</span>`;
  }

  private needBadges(record: CaseRecord): TemplateResult | typeof nothing {
    const open = record.needs.filter((n) => n.status !== 'resolved');
    if (!open.length) return nothing;
    const t = this.localize.t;
    return html`<span class="ck-badge" part="badge">${t.needs[open[0]!.domain]}${open.length > 1 ? ` ${t.board.moreNeeds(this.localize.number(open.length - 1))}` : ''}</span>`;
  }

  private renderDialog(): TemplateResult {
    const t = this.localize.t;
    const d = this.dialog;
    const fieldError = (path: string) => d?.error?.fields.get(path);
    const needsClosure = d?.field === 'status' && d.to === 'closed' && !d.record.pendingApproval;
    const needsReason = d?.field === 'status' && (d.record.status === 'closed' || d.to === 'entered-in-error');
    const targets = d ? this.targetsFor(d.record, true) : [];
    const general = d?.error && d.error.fields.size === 0 ? d.error.message : undefined;
    return html`
      <dialog part="dialog" aria-labelledby="dialog-title" @cancel=${this.closeDialog} @close=${this.onDialogClosed}>
        ${d
          ? html`<form method="dialog" @submit=${this.onDialogSubmit} novalidate>
              <h2 id="dialog-title">${t.board.dialogTitle(d.record.clientName)}</h2>
              ${general ? html`<div class="ck-alert" role="alert">${general}</div>` : nothing}
              ${d.chooseTarget
                ? html`<label class="ck-field">
                    <span>${t.board.moveTo}</span>
                    <select name="to" @change=${(e: Event) => (this.dialog = { ...d, to: (e.target as HTMLSelectElement).value, error: undefined })}>
                      ${targets.map((key) => html`<option value=${key} ?selected=${d.to === key}>${this.columnLabel(key)}</option>`)}
                    </select>
                  </label>`
                : html`<p>${t.board.moveTo}: <strong>${d.to ? this.columnLabel(d.to) : ''}</strong></p>`}
              ${needsClosure
                ? html`<label class="ck-field">
                      <span>${t.board.closureReason} (${t.common.required})</span>
                      <select
                        name="closureReason"
                        aria-invalid=${fieldError('closureReason') ? 'true' : 'false'}
                        aria-describedby="closure-error"
                        aria-required="true"
                      >
                        <option value="">${t.board.choose}</option>
                        ${CLOSURE_REASONS.map((r) => html`<option value=${r}>${t.closureReasons[r]}</option>`)}
                      </select>
                    </label>
                    <span id="closure-error" class="ck-field-error">${fieldError('closureReason') ?? ''}</span>`
                : nothing}
              ${d.field === 'status'
                ? html`<label class="ck-field">
                      <span>${needsReason ? `${t.board.reasonRequired} (${t.common.required})` : `${t.board.note} (${t.common.optional})`}</span>
                      <textarea name="reason" aria-invalid=${fieldError('reason') ? 'true' : 'false'} aria-describedby="reason-error" aria-required=${needsReason ? 'true' : 'false'}></textarea>
                    </label>
                    <span id="reason-error" class="ck-field-error">${fieldError('reason') ?? ''}</span>`
                : nothing}
              <div class="actions">
                <button type="button" class="ck-button" @click=${this.closeDialog}>${t.common.cancel}</button>
                <button type="submit" class="ck-button primary" ?disabled=${d.busy || !d.to}>${t.board.confirmMove}</button>
              </div>
            </form>`
          : nothing}
      </dialog>
    `;
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
    this.emit('ck-case-open', { caseId: record.id, clientId: record.clientId, record });
  }

  private onCardClick(e: Event, record: CaseRecord): void {
    if ((e.target as Element).closest('button')) return;
    this.open(record);
  }

  /** Where a case may go from its column: allowed transitions (status) or other priorities. */
  private targetsFor(record: CaseRecord, includeHidden = false): string[] {
    if (this.groupBy === 'priority') return this.columnKeys().filter((k) => k !== record.priority);
    const allowed = this.activeManager?.cases.allowedTransitions(record) ?? [];
    return includeHidden ? allowed : allowed.filter((s) => this.columns.includes(s));
  }

  private onCardKey(e: KeyboardEvent, record: CaseRecord, index: number): void {
    if (e.target !== e.currentTarget) return;
    const t = this.localize.t;
    const rtl = this.localize.dir === 'rtl';
    const grab = this.grab?.record.id === record.id ? this.grab : undefined;
    if (grab) {
      const forward = e.key === 'ArrowDown' || e.key === (rtl ? 'ArrowLeft' : 'ArrowRight');
      const back = e.key === 'ArrowUp' || e.key === (rtl ? 'ArrowRight' : 'ArrowLeft');
      if (forward || back) {
        e.preventDefault();
        const n = grab.targets.length;
        const next = (grab.index + (forward ? 1 : -1) + n) % n;
        this.grab = { ...grab, index: next };
        const key = grab.targets[next]!;
        this.announce(t.board.target(this.columnLabel(key), this.countText(this.data.get(key)?.total ?? 0)));
      } else if (e.key === ' ' || e.key === 'Enter') {
        e.preventDefault();
        const to = grab.targets[grab.index]!;
        this.grab = undefined;
        this.focusAfterRender = record.id;
        void this.requestMove(record, to, 'keyboard');
      } else if (e.key === 'Escape') {
        e.preventDefault();
        this.grab = undefined;
        this.announce(t.board.moveCancelled(record.clientName));
      }
      return;
    }
    switch (e.key) {
      case 'Enter':
        e.preventDefault();
        this.open(record);
        break;
      case ' ': {
        e.preventDefault();
        const targets = this.targetsFor(record);
        if (!targets.length) {
          this.announce(t.board.noTargets(record.clientName));
          return;
        }
        this.grab = { record, targets, index: 0 };
        this.announce(t.board.pickedUp(record.clientName, this.columnLabel(record[this.groupBy]), this.columnLabel(targets[0]!)));
        break;
      }
      case 'ArrowDown':
      case 'ArrowUp':
        e.preventDefault();
        void this.focusCard(record[this.groupBy], index + (e.key === 'ArrowDown' ? 1 : -1));
        break;
      case 'm':
      case 'M':
        this.openMoveDialog(e, record);
        break;
    }
  }

  private onCardBlur(record: CaseRecord): void {
    // Leaving a picked-up card cancels the pick-up (unless focus is moving because of a re-render).
    queueMicrotask(() => {
      if (this.grab?.record.id !== record.id) return;
      const active = this.shadowRoot?.activeElement as HTMLElement | null;
      if (active?.dataset.id !== record.id) this.grab = undefined;
    });
  }

  private async focusCard(key: string, index: number): Promise<void> {
    const col = this.data.get(key);
    if (!col || index < 0 || index >= col.total) return;
    const scroller = this.renderRoot.querySelector<HTMLElement>(`.scroller[data-key="${CSS.escape(key)}"]`);
    const find = () => this.renderRoot.querySelector<HTMLElement>(`.scroller[data-key="${CSS.escape(key)}"] [data-index="${index}"]`);
    let card = find();
    if (!card && scroller) {
      scroller.scrollTop = index * this.cardSlot;
      this.scrollTops.set(key, scroller.scrollTop);
      this.requestUpdate();
      await this.loadComplete;
      card = find();
    }
    card?.focus();
    card?.scrollIntoView({ block: 'nearest' });
  }

  private onDragStart(e: DragEvent, record: CaseRecord): void {
    this.grab = undefined;
    this.dragging = record;
    if (e.dataTransfer) {
      e.dataTransfer.effectAllowed = 'move';
      e.dataTransfer.setData('application/x-casekit-case', record.id);
      e.dataTransfer.setData('text/plain', record.clientName);
    }
  }

  private onDragEnd(): void {
    this.dragging = undefined;
    this.dragOver = undefined;
  }

  private onDragOver(e: DragEvent, key: string): void {
    if (!this.dragging || this.dragging[this.groupBy] === key) return;
    // Accept drops on every other column: a refused one explains why instead of silently ignoring.
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = this.targetsFor(this.dragging).includes(key) ? 'move' : 'none';
    this.dragOver = key;
  }

  private onDrop(e: DragEvent, key: string): void {
    const record = this.dragging;
    this.onDragEnd();
    if (!record || record[this.groupBy] === key) return;
    e.preventDefault();
    void this.requestMove(record, key, 'drag');
  }

  private openMoveDialog(e: Event, record: CaseRecord): void {
    e.preventDefault();
    e.stopPropagation();
    this.grab = undefined;
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
    const needsClosure = d.field === 'status' && d.to === 'closed' && !d.record.pendingApproval;
    const needsReason = d.field === 'status' && (d.record.status === 'closed' || d.to === 'entered-in-error');
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
      this.focusAfterRender ??= record.id;
      this.announce(saved.pendingApproval && !record.pendingApproval ? t.board.pendingApproval : t.board.moved(record.clientName, this.columnLabel(to)));
      this.emit('ck-case-moved', { record: saved, field, from, to });
      return true;
    } catch (error) {
      return this.reportError(error, 'move');
    }
  }
}
