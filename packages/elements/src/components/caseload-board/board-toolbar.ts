import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { NEED_DOMAINS, PRIORITIES, PROGRAMS, RISK_LEVELS } from '@casekit/core';
import type { LocalizeController } from '../../controllers/localize-controller.js';
import type { CaseloadFilters, CaseloadGroupBy, CaseloadSort, CaseloadView } from '../../events/caseload-filters.js';

export interface ToolbarContext {
  localize: LocalizeController;
  filters: CaseloadFilters;
  sort: CaseloadSort;
  direction: 'asc' | 'desc';
  view: CaseloadView;
  groupBy: CaseloadGroupBy;
  /** Show the case-manager filter (supervisors, or a host that lists case managers). */
  showAssignee: boolean;
  assigneeIds: string[];
  assigneeLabel(id: string): string;
  programLabel(program: string): string;
  setFilter(key: keyof CaseloadFilters, value: string | boolean | undefined): void;
  onSearchInput(e: Event): void;
  onSortChange(e: Event): void;
  /** A user change of sort, view or grouping (fires `ck-filter-change`). */
  userChange(change: { groupBy?: CaseloadGroupBy; view?: CaseloadView }): void;
  /** The folded filters are open (only matters below 600 px, where they fold). */
  filtersOpen: boolean;
  toggleFilters(): void;
}

/** Filters in effect, for the "Filters (n)" toggle (sort, view and grouping are not filters). */
export function activeFilterCount(f: CaseloadFilters): number {
  return [f.text?.trim(), f.assigneeId, f.program, f.priority, f.riskLevel, f.needDomain, f.overdue].filter(Boolean).length;
}

/**
 * Search, filters, sort, grouping and the board / list switch, between the toolbar slots. The nine
 * filter controls sit in one panel that, on a board narrower than 600 px (a container query on the
 * element, see the styles), folds behind a "Filters (n)" toggle; wider, the toggle is not shown.
 */
export function renderToolbar(ctx: ToolbarContext): TemplateResult {
  const t = ctx.localize.t;
  const f = ctx.filters;
  const anyLabel = t.common.any;
  const sortValue = `${ctx.sort}:${ctx.direction}`;
  const activeCount = activeFilterCount(f);
  const select = <T extends string>(label: string, key: keyof CaseloadFilters, values: readonly T[], text: (v: T) => string) => html`
    <label class="ck-field">
      <span>${label}</span>
      <select @change=${(e: Event) => ctx.setFilter(key, (e.target as HTMLSelectElement).value || undefined)}>
        <option value="" ?selected=${!f[key]}>${anyLabel}</option>
        ${values.map((v) => html`<option value=${v} ?selected=${f[key] === v}>${text(v)}</option>`)}
      </select>
    </label>
  `;
  return html`
    <div class="toolbar" part="toolbar" role="search" aria-label=${t.board.filters}>
      <slot name="toolbar-start"></slot>
      <button
        type="button"
        class="ck-button filters-toggle"
        part="filters-toggle"
        aria-expanded=${ctx.filtersOpen ? 'true' : 'false'}
        aria-controls="board-filters"
        @click=${ctx.toggleFilters}
      >
        ${t.board.filtersToggle(activeCount, ctx.localize.number(activeCount))}
      </button>
      <div class="filter-controls ${ctx.filtersOpen ? 'open' : ''}" id="board-filters">
        <label class="ck-field search">
          <span>${t.board.search}</span>
          <input type="search" part="search" placeholder=${t.board.searchPlaceholder} .value=${live(f.text ?? '')} @input=${ctx.onSearchInput} />
        </label>
        ${ctx.showAssignee ? select(t.board.assignee, 'assigneeId', ctx.assigneeIds, (id) => ctx.assigneeLabel(id)) : nothing}
        ${select(t.board.program, 'program', PROGRAMS, (p) => ctx.programLabel(p))}
        ${select(t.board.priority, 'priority', [...PRIORITIES].reverse(), (p) => t.priority[p])}
        ${select(t.board.risk, 'riskLevel', RISK_LEVELS, (r) => t.risk[r])}
        ${select(t.board.need, 'needDomain', NEED_DOMAINS, (n) => t.needs[n])}
        <label class="ck-field check">
          <input type="checkbox" .checked=${live(!!f.overdue)} @change=${(e: Event) => ctx.setFilter('overdue', (e.target as HTMLInputElement).checked || undefined)} />
          <span>${t.board.overdueOnly}</span>
        </label>
        <label class="ck-field">
          <span>${t.board.sort}</span>
          <select @change=${ctx.onSortChange}>
            <option value="dueDate:asc" ?selected=${sortValue === 'dueDate:asc'}>${t.board.sortDueAsc}</option>
            <option value="dueDate:desc" ?selected=${sortValue === 'dueDate:desc'}>${t.board.sortDueDesc}</option>
            <option value="priority:asc" ?selected=${ctx.sort === 'priority'}>${t.board.sortPriority}</option>
            <option value="risk:asc" ?selected=${ctx.sort === 'risk'}>${t.board.sortRisk}</option>
            <option value="updatedAt:desc" ?selected=${ctx.sort === 'updatedAt'}>${t.board.sortUpdated}</option>
          </select>
        </label>
        ${ctx.view === 'board'
          ? html`<label class="ck-field">
              <span>${t.board.groupBy}</span>
              <select @change=${(e: Event) => ctx.userChange({ groupBy: (e.target as HTMLSelectElement).value as CaseloadGroupBy })}>
                <option value="status" ?selected=${ctx.groupBy === 'status'}>${t.board.groupByStatus}</option>
                <option value="priority" ?selected=${ctx.groupBy === 'priority'}>${t.board.groupByPriority}</option>
              </select>
            </label>`
          : nothing}
      </div>
      <div class="segmented" role="group" aria-label=${t.board.view}>
        <button type="button" class="ck-button" data-view="board" aria-pressed=${ctx.view === 'board' ? 'true' : 'false'} @click=${() => ctx.userChange({ view: 'board' })}>
          ${t.board.viewBoard}
        </button>
        <button type="button" class="ck-button" data-view="list" aria-pressed=${ctx.view === 'list' ? 'true' : 'false'} @click=${() => ctx.userChange({ view: 'list' })}>
          ${t.board.viewList}
        </button>
      </div>
      <slot name="toolbar-end"></slot>
    </div>
  `;
}
