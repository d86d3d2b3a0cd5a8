import type { CaseloadFilters } from '../components/caseload-board/caseload-board.component.js';
import type { CaseRecord, CaseStatus, CasekitErrorCode, ClosureReason, Priority } from '@casekit/core';

/** `ck-case-open`: the user asked to open a case (click, Enter). The host navigates. */
export interface CaseOpenDetail {
  caseId: string;
  clientId: string;
  record: CaseRecord;
}

/**
 * `ck-case-move` (cancelable): the user moved a case to another column and casekit is about to
 * change it (`status` through the state machine, or `priority`). Call `preventDefault()` to veto;
 * nothing is written.
 */
export interface CaseMoveDetail {
  caseId: string;
  record: CaseRecord;
  field: 'status' | 'priority';
  from: CaseStatus | Priority;
  to: CaseStatus | Priority;
  /** How the move was made. */
  via: 'drag' | 'keyboard' | 'dialog';
  closureReason?: ClosureReason;
  reason?: string;
}

/** `ck-case-moved`: a move was saved; `record` is the case as stored. */
export interface CaseMovedDetail {
  record: CaseRecord;
  field: 'status' | 'priority';
  from: string;
  to: string;
}

/** `ck-filter-change`: the user changed the caseload's filters, sort or view (persist them if you like). */
export interface FilterChangeDetail {
  filters: CaseloadFilters;
  sort: 'dueDate' | 'priority' | 'updatedAt';
  direction: 'asc' | 'desc';
  view: 'board' | 'list';
  groupBy: 'status' | 'priority';
}

/** `ck-intake-submit` (cancelable): an intake is about to be saved / was saved. Refined by ck-intake-form. */
export interface IntakeSubmitDetail {
  clientId?: string;
  caseId?: string;
  assessmentId?: string;
  [key: string]: unknown;
}

/** `ck-plan-change`: a care plan changed. Refined by ck-care-plan-editor. */
export interface PlanChangeDetail {
  planId: string;
  caseId?: string;
  change: string;
  [key: string]: unknown;
}

/** `ck-referral-change`: a referral was sent or its status changed. Refined by ck-referral-tracker. */
export interface ReferralChangeDetail {
  referralId: string;
  caseId?: string;
  status?: string;
  [key: string]: unknown;
}

/** `ck-error`: core (or storage) refused something. `message` is already localized and shown in the element. */
export interface ErrorDetail {
  error: unknown;
  code: CasekitErrorCode | 'unknown';
  message: string;
  /** What the element was doing, e.g. `load`, `move`, `submit`. */
  operation: string;
}

/** Every casekit event and its detail. Keep in step with `CK_EVENTS` and the global map below. */
export interface CkEventMap {
  'ck-case-open': CaseOpenDetail;
  'ck-case-move': CaseMoveDetail;
  'ck-case-moved': CaseMovedDetail;
  'ck-filter-change': FilterChangeDetail;
  'ck-intake-submit': IntakeSubmitDetail;
  'ck-plan-change': PlanChangeDetail;
  'ck-referral-change': ReferralChangeDetail;
  'ck-error': ErrorDetail;
}
export type CkEventName = keyof CkEventMap;
export type CkEvent<K extends CkEventName> = CustomEvent<CkEventMap[K]>;

/** Which events a host may veto with `preventDefault()`. */
export const CK_EVENTS: { readonly [K in CkEventName]: { readonly cancelable: boolean } } = {
  'ck-case-open': { cancelable: false },
  'ck-case-move': { cancelable: true },
  'ck-case-moved': { cancelable: false },
  'ck-filter-change': { cancelable: false },
  'ck-intake-submit': { cancelable: true },
  'ck-plan-change': { cancelable: false },
  'ck-referral-change': { cancelable: false },
  'ck-error': { cancelable: false },
};

/**
 * Dispatches a casekit event from `target`: bubbles, composed (crosses shadow roots), cancelable as
 * `CK_EVENTS` says. Returns false when a listener vetoed it.
 */
export function emit<K extends CkEventName>(target: EventTarget, type: K, detail: CkEventMap[K]): boolean {
  const event = new CustomEvent<CkEventMap[K]>(type, { detail, bubbles: true, composed: true, cancelable: CK_EVENTS[type].cancelable });
  return target.dispatchEvent(event);
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ck-case-open': CustomEvent<CaseOpenDetail>;
    'ck-case-move': CustomEvent<CaseMoveDetail>;
    'ck-case-moved': CustomEvent<CaseMovedDetail>;
    'ck-filter-change': CustomEvent<FilterChangeDetail>;
    'ck-intake-submit': CustomEvent<IntakeSubmitDetail>;
    'ck-plan-change': CustomEvent<PlanChangeDetail>;
    'ck-referral-change': CustomEvent<ReferralChangeDetail>;
    'ck-error': CustomEvent<ErrorDetail>;
  }
}
