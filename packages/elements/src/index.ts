/**
 * `@casekit/elements` — Lit web components for casekit: `<ck-provider>`, `<ck-caseload-board>`,
 * `<ck-intake-form>`, `<ck-care-plan-editor>`, `<ck-referral-tracker>` and `<ck-caseload-summary>`,
 * with typed `ck-*` events, translations and theming through CSS parts and custom properties.
 *
 * This entry point only exports: importing it registers no element. Register them with
 * `@casekit/elements/define.js` (all) or one tag's entry point (`@casekit/elements/ck-caseload-board.js`).
 *
 * @packageDocumentation
 */

export { CasekitElement } from './internal/casekit-element.js';
export { ManagerController } from './controllers/manager-controller.js';
export type { ManagerControllerOptions, ManagerHost, WatchedCollection } from './controllers/manager-controller.js';
export { managerContext } from './controllers/manager-context.js';
export { LocalizeController, closestComposed } from './controllers/localize-controller.js';

export { emit, CK_EVENTS } from './events/events.js';
export type {
  CkEventMap,
  CkEventName,
  CkEvent,
  CaseOpenDetail,
  CaseMoveDetail,
  CaseMovedDetail,
  CaseTransferDetail,
  CaseTransferredDetail,
  TransferReceiver,
  FilterChangeDetail,
  IntakeSubmitDetail,
  PlanChangeDetail,
  ReferralChangeDetail,
  SyncResolvedDetail,
  NoteChangeDetail,
  SummarySelectDetail,
  SummaryMetric,
  ErrorDetail,
} from './events/events.js';

export { en, registerTranslation, registerTranslationLoader, loadTranslation, getTranslation, availableLanguages, describeError, issueKey } from './translations/index.js';
export type { Translation, PartialTranslation, TranslationLoader, LocalizedError, DescribeErrorOptions } from './translations/index.js';

export { sharedStyles } from './styles/shared.styles.js';

export { CkProvider } from './components/provider/provider.component.js';
export { CkCaseloadBoard, DEFAULT_STATUS_COLUMNS, MAX_RENDERED } from './components/caseload-board/caseload-board.component.js';
export type { CaseloadFilters, CaseloadView, CaseloadGroupBy, CaseloadSort } from './components/caseload-board/caseload-board.component.js';
export { CkCarePlanEditor } from './components/care-plan-editor/care-plan-editor.component.js';
export type { CarePlanEditorView, CarePlanAssignee } from './components/care-plan-editor/care-plan-editor.component.js';
export type { PlanChangeKind } from './events/events.js';
export type { CarePlanEditorMessages } from './translations/types.js';
export { CkIntakeForm } from './components/intake-form/intake-form.component.js';
export type { IntakeClientFields, IntakeCaseFields, IntakeDraftData, IntakeSubmitResult, IntakeFormMode } from './components/intake-form/intake-form.component.js';
export type { IntakeSubmittedDetail, DuplicateReviewDetail } from './events/events.js';
export type { IntakeFormMessages, IntakeIssueMessages } from './translations/types.js';
export { CkReferralTracker } from './components/referral-tracker/referral-tracker.component.js';
export { CkCaseloadSummary, summaryRange, DEFAULT_SUMMARY_DAYS } from './components/caseload-summary/caseload-summary.component.js';
export { CkSyncStatus, syncState } from './components/sync-status/sync-status.component.js';
export type { SyncState } from './components/sync-status/sync-status.component.js';
export type { ReferralTrackerMessages, CaseloadSummaryMessages, SyncStatusMessages } from './translations/types.js';
export { CkCaseNotes } from './components/case-notes/case-notes.component.js';
export { CkScoreHistory } from './components/score-history/score-history.component.js';
export type { CaseNotesMessages } from './translations/types.js';
export type { ScoreHistoryMessages } from './translations/types.js';
export { CkApprovals } from './components/approvals/approvals.component.js';
export type { ApprovalRow, ApprovalKind } from './components/approvals/approval-rows.js';
export type { ApprovalDecidedDetail } from './events/events.js';
export type { ApprovalsMessages } from './translations/types.js';
export { CkConsentManager } from './components/consent-manager/consent-manager.component.js';
export type { ConsentChangeDetail } from './events/events.js';
export type { ConsentManagerMessages } from './translations/types.js';
export { CkWorklist } from './components/worklist/worklist.component.js';
export type { WorklistOpenDetail, WorklistChangeDetail } from './events/events.js';
export type { WorklistMessages, WorklistReasonText, TransferMessages } from './translations/types.js';
export { CkReferralInbox } from './components/referral-inbox/referral-inbox.component.js';
export type { ReferralInboxMessages } from './translations/types.js';
export { CkDisclosures } from './components/disclosures/disclosures.component.js';
export type { DisclosuresMessages } from './translations/types.js';
export type { SharePreviewMessages } from './translations/types.js';
