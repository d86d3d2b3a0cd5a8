import type { CaseStatus, ClosureReason, NeedDomain, PolicyAction, Priority, RiskLevel } from '@casekit/core';

/**
 * The typed translation table. Every string an element shows comes from here (English is the
 * fallback for anything a registered language leaves out). Messages that take values are functions,
 * so word order and plurals stay in the translator's hands; numbers and dates arrive already
 * formatted by `Intl` in the element's locale.
 *
 * Adding strings for a new element: add a section (e.g. `intake: IntakeMessages`) here, then the
 * same section to `en.ts` (required) and `es.ts` (type-checked as complete too).
 */
export interface Translation {
  /** BCP 47 code of this table, e.g. `en`, `es`, `es-MX`. */
  $code: string;
  /** The language's own name, e.g. `Español`. */
  $name: string;
  /** Writing direction used when no ancestor sets `dir`. */
  $dir: 'ltr' | 'rtl';

  common: CommonMessages;
  /** Case statuses (core `CASE_STATUSES`). */
  status: Record<CaseStatus, string>;
  priority: Record<Priority, string>;
  risk: Record<RiskLevel, string>;
  needs: Record<NeedDomain, string>;
  closureReasons: Record<ClosureReason, string>;
  /** Built-in programs; unknown program strings are shown as they are. */
  programs: Record<string, string>;
  /** Field labels by path (`closureReason`, `name.family`, ...), used in validation messages. */
  fields: Record<string, string>;
  errors: ErrorMessages;
  board: BoardMessages;
}

export interface CommonMessages {
  loading: string;
  cancel: string;
  close: string;
  confirm: string;
  dismiss: string;
  retry: string;
  reload: string;
  keepEditing: string;
  any: string;
  optional: string;
  required: string;
  /** "2 of 5". */
  ofTotal(position: string, total: string): string;
}

export interface ErrorMessages {
  /** Heading over a list of field problems. */
  validationSummary(count: number, formattedCount: string): string;
  required(field: string): string;
  tooShort(field: string): string;
  tooLong(field: string): string;
  invalidFormat(field: string): string;
  invalidValue(field: string): string;
  invalid(field: string): string;
  /** A write was based on an old version: someone else saved first. */
  conflict: string;
  /** The policy refused; `action` is from `permissionActions`, `thing` from `collections`. */
  permission(action: string, thing: string): string;
  permissionActions: Record<PolicyAction, string>;
  collections: Record<string, string>;
  /** A state machine refused `from -> to`; `allowed` is an `Intl.ListFormat` list of statuses (may be empty). */
  transition(from: string, to: string, allowed: string): string;
  transitionNone(from: string, to: string): string;
  notFound(thing: string): string;
  storage: string;
  quotaExceeded: string;
  databaseBlocked: string;
  databaseClosed: string;
  noManager: string;
  unknown: string;
}

export interface BoardMessages {
  label: string;
  search: string;
  searchPlaceholder: string;
  assignee: string;
  unassigned: string;
  program: string;
  priority: string;
  risk: string;
  need: string;
  overdueOnly: string;
  sort: string;
  sortDueAsc: string;
  sortDueDesc: string;
  sortPriority: string;
  sortUpdated: string;
  view: string;
  viewBoard: string;
  viewList: string;
  groupBy: string;
  groupByStatus: string;
  groupByPriority: string;
  filters: string;
  clearFilters: string;
  /** Summary and live announcement after a (re)load. */
  caseCount(count: number, formatted: string): string;
  columnCount(column: string, count: number, formatted: string): string;
  emptyColumn: string;
  emptyList: string;
  overdue(date: string): string;
  dueSoon(date: string): string;
  due(date: string): string;
  riskBadge(level: string): string;
  moreNeeds(count: string): string;
  client: string;
  status: string;
  nextContact: string;
  actions: string;
  move: string;
  moveCase(client: string): string;
  /** Instructions read with each card. */
  cardHint: string;
  pickedUp(client: string, from: string, target: string): string;
  target(column: string, count: string): string;
  noTargets(client: string): string;
  moveCancelled(client: string): string;
  moved(client: string, to: string): string;
  /** The host vetoed the move (ck-case-move was cancelled). */
  moveVetoed(client: string): string;
  moving(client: string, to: string): string;
  dialogTitle(client: string): string;
  moveTo: string;
  closureReason: string;
  choose: string;
  reasonRequired: string;
  note: string;
  confirmMove: string;
  pendingApproval: string;
}

/** A table that may leave any message out (English fills the gaps). */
export type PartialTranslation = { $code: string; $name?: string; $dir?: 'ltr' | 'rtl' } & {
  [K in Exclude<keyof Translation, '$code' | '$name' | '$dir'>]?: Partial<Translation[K]>;
};
