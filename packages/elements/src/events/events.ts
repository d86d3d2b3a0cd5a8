import type { CaseloadFilters } from './caseload-filters.js';
import type { CaseRecord, CaseStatus, CasekitErrorCode, ClosureReason, CollectionName, Note, Priority } from '@casekit/core';

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

/** Who receives a transferred case: a case manager's actor id and name (as `cases.transfer` takes it). */
export interface TransferReceiver {
  id: string;
  name: string;
}

/**
 * `ck-case-transfer` (cancelable): the user committed the Transfer dialog of `<ck-caseload-board>` and
 * casekit is about to call `cases.transfer`. Call `preventDefault()` to veto; nothing is written.
 */
export interface CaseTransferDetail {
  caseIds: string[];
  /** The cases as the board had them (their versions are what the transfer is based on). */
  records: CaseRecord[];
  to: TransferReceiver;
  reason: string;
  /** The receiver must accept before the case is theirs (`pendingTransfer`). */
  requireAcceptance: boolean;
}

/** `ck-case-transferred`: the transfer was saved; `records` are the cases as stored (with `pendingTransfer` when it waits). */
export interface CaseTransferredDetail {
  records: CaseRecord[];
  to: TransferReceiver;
  reason: string;
  requireAcceptance: boolean;
}

/** `ck-filter-change`: the user changed the caseload's filters, sort or view (persist them if you like). */
export interface FilterChangeDetail {
  filters: CaseloadFilters;
  sort: 'dueDate' | 'priority' | 'risk' | 'updatedAt';
  direction: 'asc' | 'desc';
  view: 'board' | 'list';
  groupBy: 'status' | 'priority';
}

/**
 * `ck-intake-submit` (cancelable): `<ck-intake-form>` validated the answers and is about to save them.
 * Nothing is written yet; `preventDefault()` vetoes the submit (the form stays as it is).
 */
export interface IntakeSubmitDetail {
  /** `intake`: a client (new or `clientId`), a new case and the assessment; `assessment`: an assessment for `caseId`. */
  mode: 'intake' | 'assessment';
  questionnaireId: string;
  questionnaireVersion: string;
  /** The answers as they will be stored (hidden and blank answers dropped). */
  answers: import('@casekit/core').Answers;
  scores: Record<string, import('@casekit/core').ScoreResult>;
  flags: import('@casekit/core').FlagResult[];
  needs: import('@casekit/core').NeedDomain[];
  /** The draft that is discarded once saved. */
  draftKey?: string;
  /** Intake mode: the client to create, or `{ id }` of an existing one. */
  client?: import('@casekit/core').ClientInput | { id: string };
  /** Intake mode: the fields of the new case. */
  case?: { program: string; priority: import('@casekit/core').Priority };
  clientId?: string;
  caseId?: string;
  assessmentId?: string;
}

/** `ck-intake-submitted`: `<ck-intake-form>` saved the intake (or assessment) in one transaction. */
export interface IntakeSubmittedDetail {
  mode: 'intake' | 'assessment';
  clientId: string;
  caseId: string;
  assessmentId: string;
  /** Intake mode: the client as stored. */
  client?: import('@casekit/core').Client;
  /** Intake mode: the new case as stored (derived needs added, risk raised by a critical flag). */
  case?: import('@casekit/core').CaseRecord;
  assessment: import('@casekit/core').Assessment;
  /**
   * Existing clients that look like the new one; also listed in the form's confirmation. An
   * `access: 'full'` entry is a client this actor may read (`client`, `reasons`); an
   * `access: 'restricted'` entry says only that a possible match exists on a caseload this actor
   * cannot see (`reasons`, no id, no name): the form asks the user to check with a supervisor.
   */
  possibleDuplicates: import('@casekit/core').DuplicateCandidate[];
}

/**
 * `ck-duplicate-review`: after an intake, the user asked to review a possible duplicate client (the host
 * opens or links it). Only fired for `access: 'full'` candidates: a restricted one offers no review.
 */
export interface DuplicateReviewDetail {
  /** The client the intake created. */
  clientId: string;
  caseId: string;
  /** The existing client that looks like the same person. */
  duplicateClientId: string;
  duplicate: Extract<import('@casekit/core').DuplicateCandidate, { access: 'full' }>;
}

/** What a `ck-plan-change` reports. `*-transition` changes carry `from` and `to`. */
export type PlanChangeKind =
  | 'plan-created'
  | 'plan-updated'
  | 'plan-transition'
  | 'goal-added'
  | 'goal-transition'
  | 'intervention-added'
  | 'intervention-updated'
  | 'intervention-transition'
  | 'progress-added';

/**
 * `ck-plan-change`: `<ck-care-plan-editor>` saved a change to a care plan (fired after each successful
 * write, never for changes made elsewhere).
 */
export interface PlanChangeDetail {
  planId: string;
  caseId: string;
  change: PlanChangeKind;
  /** The plan as stored after the change. */
  plan: import('@casekit/core').CarePlan;
  goalId?: string;
  interventionId?: string;
  /** Status before a transition. */
  from?: string;
  /** Status after a transition (for a plan activation waiting for approval: still `draft`, see `plan.approval`). */
  to?: string;
}

/**
 * `ck-referral-change`: a referral was created, sent or changed status. `<ck-referral-tracker>` fires it
 * after every saved send and status change (with `record`, `from`, `change`); `<ck-referral-inbox>` after
 * each answer of the receiving organisation (`change: 'transition'`, without `caseId`: it shows no case).
 */
export interface ReferralChangeDetail {
  referralId: string;
  caseId?: string;
  /** The status now. */
  status?: import('@casekit/core').ReferralStatus;
  /** The status before (`null` for a new referral). */
  from?: import('@casekit/core').ReferralStatus | null;
  /** What happened: `created`, `sent` (draft -> requested) or another status `transition`. */
  change?: 'created' | 'sent' | 'transition';
  /** The referral as stored after the change. */
  record?: import('@casekit/core').Referral;
  /** Set when a case manager recorded the receiving organisation's answer on its behalf. */
  recordedFor?: 'performer';
  /** True when it was sent without a consent on file (the override and its reason are audited). */
  consentOverride?: boolean;
  /** Other elements may add fields of their own. */
  [key: string]: unknown;
}

/** What a number of `<ck-caseload-summary>` counts: open cases (all, by status, by priority), overdue contacts, or overdue referrals. */
export type SummaryMetric = 'openCases' | 'byStatus' | 'byPriority' | 'contactsOverdue' | 'referralsAwaitingOverdue';

/**
 * `ck-summary-select`: the user chose a number (or bar) of `<ck-caseload-summary>`. For a count of cases,
 * `<ck-caseload-board>` with `filters = detail.filters` and `columns = detail.statuses` lists exactly the
 * cases counted. For a count of referrals (`referrals` is set) `filters` holds only the summary's scope
 * (assignee, program), `statuses` is empty, and the summary lists the referrals itself.
 */
export interface SummarySelectDetail {
  metric: SummaryMetric;
  /** The status or priority of the bar chosen. */
  key?: string;
  /** What the number is, as shown (localized), e.g. "Active" or "Overdue contacts". */
  label: string;
  /** The number shown. */
  count: number;
  /** The board filters that select the counted cases (or the summary's scope, for referrals). */
  filters: CaseloadFilters;
  /** The case statuses counted: the board's `columns`. Empty for referrals. */
  statuses: CaseStatus[];
  /** Set when the number counts referrals, not cases. */
  referrals?: 'overdue';
}

/** `ck-note-saved`, `ck-note-signed`, `ck-note-amended` (`<ck-case-notes>`): a note was saved as a draft, signed, or corrected by a signed amendment. */
export interface NoteChangeDetail {
  noteId: string;
  caseId: string;
  /** The note as stored (for `ck-note-amended`, the amendment). */
  record: Note;
  /** `ck-note-amended`: the id of the signed note corrected. */
  amends?: string;
}

/**
 * `ck-consent-change` (`<ck-consent-manager>`): a consent was recorded, revoked (now `inactive`) or marked
 * entered in error (fired after each successful write, never for changes made elsewhere).
 */
export interface ConsentChangeDetail {
  consentId: string;
  clientId: string;
  /** The status now (`active` or `rejected` for a recorded consent, `inactive` once revoked). */
  status: import('@casekit/core').ConsentStatus;
  change: 'recorded' | 'revoked' | 'entered-in-error';
  /** The consent as stored after the change. */
  record: import('@casekit/core').Consent;
}

/**
 * `ck-approval-decided` (`<ck-approvals>`): a supervisor approved or rejected a case closure or a plan
 * activation (fired after the decision was saved; the row has left the list).
 */
export interface ApprovalDecidedDetail {
  kind: 'case-closure' | 'plan-activation';
  /** The case (closure) or the plan (activation). */
  recordId: string;
  caseId: string;
  decision: 'approved' | 'rejected';
  /** The case or plan as stored after the decision. */
  record: CaseRecord | import('@casekit/core').CarePlan;
}

/** `ck-error`: core (or storage) refused something. `message` is already localized and shown in the element. */
export interface ErrorDetail {
  error: unknown;
  code: CasekitErrorCode | 'unknown';
  message: string;
  /** What the element was doing, e.g. `load`, `move`, `submit`. */
  operation: string;
}

/** `ck-sync-resolved`: the user resolved a conflict of a change made offline (`<ck-sync-status>`). */
export interface SyncResolvedDetail {
  collection: CollectionName;
  id: string;
  /** `mine`: their version was replaced by mine; `theirs`: my local version was replaced by theirs. */
  choice: 'mine' | 'theirs';
}

/**
 * `ck-worklist-open` (`<ck-worklist>`): the user chose "Open" on a row. The host navigates to what the
 * row is about: `recordRef` names the record (a task's `part` inside its plan); `caseId` and `clientId`
 * are absent on a provider's rows, which never show the case.
 */
export interface WorklistOpenDetail {
  item: import('@casekit/core').WorklistItem;
  recordRef: import('@casekit/core').WorklistRecordRef;
  caseId?: string;
  clientId?: string;
}

/**
 * `ck-worklist-change` (`<ck-worklist>`): a row was snoozed or marked done, or the transfer it asks about
 * was accepted or declined (already stored; the row has left the list).
 */
export interface WorklistChangeDetail {
  item: import('@casekit/core').WorklistItem;
  change: 'snoozed' | 'done' | 'transfer-accepted' | 'transfer-declined';
  /** The day a snoozed row comes back. */
  until?: string;
  /** `transfer-declined`: why. */
  reason?: string;
  /** `transfer-accepted`, `transfer-declined`: the case as stored. */
  record?: CaseRecord;
}

/** Every casekit event and its detail. Keep in step with `CK_EVENTS` and the global map below. */
export interface CkEventMap {
  'ck-case-open': CaseOpenDetail;
  'ck-case-move': CaseMoveDetail;
  'ck-case-moved': CaseMovedDetail;
  'ck-case-transfer': CaseTransferDetail;
  'ck-case-transferred': CaseTransferredDetail;
  'ck-filter-change': FilterChangeDetail;
  'ck-intake-submit': IntakeSubmitDetail;
  'ck-intake-submitted': IntakeSubmittedDetail;
  'ck-duplicate-review': DuplicateReviewDetail;
  'ck-plan-change': PlanChangeDetail;
  'ck-referral-change': ReferralChangeDetail;
  'ck-sync-resolved': SyncResolvedDetail;
  'ck-summary-select': SummarySelectDetail;
  'ck-approval-decided': ApprovalDecidedDetail;
  'ck-note-amended': NoteChangeDetail;
  'ck-note-signed': NoteChangeDetail;
  'ck-note-saved': NoteChangeDetail;
  'ck-consent-change': ConsentChangeDetail;
  'ck-worklist-open': WorklistOpenDetail;
  'ck-worklist-change': WorklistChangeDetail;
  'ck-error': ErrorDetail;
}
export type CkEventName = keyof CkEventMap;
export type CkEvent<K extends CkEventName> = CustomEvent<CkEventMap[K]>;

/** Which events a host may veto with `preventDefault()`. */
export const CK_EVENTS: { readonly [K in CkEventName]: { readonly cancelable: boolean } } = {
  'ck-case-open': { cancelable: false },
  'ck-case-move': { cancelable: true },
  'ck-case-moved': { cancelable: false },
  'ck-case-transfer': { cancelable: true },
  'ck-case-transferred': { cancelable: false },
  'ck-filter-change': { cancelable: false },
  'ck-intake-submit': { cancelable: true },
  'ck-intake-submitted': { cancelable: false },
  'ck-duplicate-review': { cancelable: false },
  'ck-plan-change': { cancelable: false },
  'ck-referral-change': { cancelable: false },
  'ck-sync-resolved': { cancelable: false },
  'ck-summary-select': { cancelable: false },
  'ck-approval-decided': { cancelable: false },
  'ck-note-amended': { cancelable: false },
  'ck-note-signed': { cancelable: false },
  'ck-note-saved': { cancelable: false },
  'ck-consent-change': { cancelable: false },
  'ck-worklist-open': { cancelable: false },
  'ck-worklist-change': { cancelable: false },
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
    'ck-case-transfer': CustomEvent<CaseTransferDetail>;
    'ck-case-transferred': CustomEvent<CaseTransferredDetail>;
    'ck-filter-change': CustomEvent<FilterChangeDetail>;
    'ck-intake-submit': CustomEvent<IntakeSubmitDetail>;
    'ck-intake-submitted': CustomEvent<IntakeSubmittedDetail>;
    'ck-duplicate-review': CustomEvent<DuplicateReviewDetail>;
    'ck-plan-change': CustomEvent<PlanChangeDetail>;
    'ck-referral-change': CustomEvent<ReferralChangeDetail>;
    'ck-sync-resolved': CustomEvent<SyncResolvedDetail>;
    'ck-summary-select': CustomEvent<SummarySelectDetail>;
    'ck-approval-decided': CustomEvent<ApprovalDecidedDetail>;
    'ck-note-amended': CustomEvent<NoteChangeDetail>;
    'ck-note-signed': CustomEvent<NoteChangeDetail>;
    'ck-note-saved': CustomEvent<NoteChangeDetail>;
    'ck-consent-change': CustomEvent<ConsentChangeDetail>;
    'ck-worklist-open': CustomEvent<WorklistOpenDetail>;
    'ck-worklist-change': CustomEvent<WorklistChangeDetail>;
    'ck-error': CustomEvent<ErrorDetail>;
  }
}
