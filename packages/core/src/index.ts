/**
 * `@casekit/core` — the case-management domain without a user interface: zod schemas and types for
 * clients, cases, assessments and questionnaires, care plans, closed-loop referrals, notes, consent
 * and the service directory; `createCaseManager`, which enforces the policy and the state machines
 * and writes an append-only audit trail; the storage port and an in-memory adapter. No DOM, no
 * network: it runs in browsers, workers and Node alike.
 *
 * @packageDocumentation
 */

export { createCaseManager } from './case-manager.js';
export type { CaseManager, CaseManagerOptions } from './case-manager.js';

export * from './errors/index.js';

export {
  ActorSchema,
  ActorRefSchema,
  AddressSchema,
  ContactPointsSchema,
  NeedDomainSchema,
  NEED_DOMAINS,
  KNOWN_ROLES,
  StatusChangeSchema,
} from './records/common.js';
export type { Actor, ActorRef, Address, ContactPoints, KnownRole, NeedDomain, StatusChange } from './records/common.js';
export { COLLECTIONS, RecordMetaSchema } from './records/record.js';
export type { CollectionName, RecordMeta } from './records/record.js';
export type { VersionRef } from './internal/writer.js';
export type { StateMachine } from './internal/state-machine.js';
export { canTransition } from './internal/state-machine.js';
export { searchTokens } from './internal/search-tokens.js';

export { defaultPolicy, isOnCase, isTransferReceiver } from './policy/policy.js';
export type { Policy, PolicyAction, PolicyRequest } from './policy/policy.js';

export { AuditEventSchema, AUDIT_ACTIONS } from './audit/audit-schema.js';
export type { AuditEvent, AuditAction } from './audit/audit-schema.js';
export type { AuditApi, AuditPageOptions } from './audit/audit-api.js';

export { ClientSchema, ClientInputSchema, IdentifierSchema, HumanNameSchema, displayName } from './client/client-schema.js';
export type { Client, ClientInput, Identifier, HumanName } from './client/client-schema.js';
export type { ClientsApi, ClientPatch } from './client/clients-api.js';
export type { DuplicateCandidate } from './client/duplicates.js';

export {
  CaseSchema,
  CaseInputSchema,
  CaseUpdateSchema,
  CASE_STATUSES,
  OPEN_CASE_STATUSES,
  PROGRAMS,
  PRIORITIES,
  PRIORITY_RANK,
  RISK_LEVELS,
  CLOSURE_REASONS,
} from './case/case-schema.js';
export type { CaseRecord, CaseInput, CaseUpdate, CaseStatus, Priority, RiskLevel, ClosureReason, CareTeamMember, IdentifiedNeed } from './case/case-schema.js';
export { CASE_MACHINE } from './case/case-machine.js';
export { isCaseOverdue } from './case/overdue.js';
export { calendarDateIn, isTimeZone, runtimeTimeZone, startOfNextDayIn } from './internal/calendar.js';
export type { CasesApi, CaseloadQuery, CaseTransitionOptions } from './case/cases-api.js';

// Case transfers and acuity-weighted caseload balancing
export { TransferTargetSchema, PendingTransferSchema } from './case/case-schema.js';
export type { TransferTarget, PendingTransfer } from './case/case-schema.js';
export { MAX_CASES_PER_TRANSFER } from './case-transfer/case-transfers-api.js';
export type { CaseTransfersApi, TransferOptions, PendingTransfersQuery } from './case-transfer/case-transfers-api.js';
export { DEFAULT_WORKLOAD_WEIGHTS, OPEN_REFERRAL_STATUSES, workloadScore } from './case-transfer/workload.js';
export type { WorkloadApi, WorkloadWeights, WorkloadWeightsInput, WorkerLoad, WorkloadCounts, WorkloadQuery, Workload, TransferPreview } from './case-transfer/workload.js';

// Care plans (FHIR CarePlan, Goal, CarePlan.activity)
export {
  CarePlanSchema,
  PlanInputSchema,
  PlanPatchSchema,
  PlanPeriodSchema,
  PlanApprovalSchema,
  GoalSchema,
  GoalInputSchema,
  GoalPatchSchema,
  InterventionSchema,
  InterventionInputSchema,
  InterventionPatchSchema,
  ProgressEntrySchema,
  ProgressInputSchema,
  PlanStatusSchema,
  GoalLifecycleStatusSchema,
  AchievementStatusSchema,
  GoalPrioritySchema,
  InterventionKindSchema,
  InterventionStatusSchema,
  PLAN_STATUSES,
  OPEN_PLAN_STATUSES,
  OPEN_INTERVENTION_STATUSES,
  GOAL_LIFECYCLE_STATUSES,
  OPEN_GOAL_STATUSES,
  INITIAL_GOAL_STATUSES,
  ACHIEVEMENT_STATUSES,
  GOAL_PRIORITIES,
  INTERVENTION_KINDS,
  INTERVENTION_STATUSES,
  INITIAL_INTERVENTION_STATUSES,
} from './care-plan/plan-schema.js';
export type {
  CarePlan,
  PlanInput,
  PlanPatch,
  PlanPeriod,
  PlanApproval,
  PlanStatus,
  PlanTransitionOptions,
  Goal,
  GoalInput,
  GoalPatch,
  GoalLifecycleStatus,
  GoalTransitionOptions,
  GoalSuggestion,
  AchievementStatus,
  GoalPriority,
  Intervention,
  InterventionInput,
  InterventionPatch,
  InterventionKind,
  InterventionStatus,
  ProgressEntry,
  ProgressInput,
} from './care-plan/plan-schema.js';
export { PLAN_MACHINE, GOAL_MACHINE, INTERVENTION_MACHINE } from './care-plan/plan-machines.js';
export { GOAL_SUGGESTIONS, suggestGoalsFor } from './care-plan/goal-suggestions.js';
export type { PlansApi, DueForReviewOptions } from './care-plan/plans-api.js';

// Notes (FHIR Communication / DocumentReference)
export {
  NoteSchema,
  NoteInputSchema,
  NotePatchSchema,
  AmendmentInputSchema,
  SignOptionsSchema,
  NoteTypeSchema,
  NoteStatusSchema,
  NOTE_TYPES,
  CONTACT_NOTE_TYPES,
  NOTE_STATUSES,
  NoteOutcomeSchema,
  NoteParticipantSchema,
  NoteInterpreterSchema,
  NOTE_OUTCOMES,
  isCompletedContact,
} from './note/note-schema.js';
export type {
  Note,
  NoteView,
  NoteInput,
  NotePatch,
  NoteType,
  NoteStatus,
  NoteOutcome,
  NoteParticipant,
  NoteInterpreter,
  AmendmentInput,
  SignOptions,
  NotePageOptions,
} from './note/note-schema.js';
export { NOTE_MACHINE } from './note/notes-api.js';
export type { NotesApi } from './note/notes-api.js';

// Referrals, consent and the service directory.
export {
  ReferralSchema,
  ReferralFieldsSchema,
  ReferralServiceSchema,
  ReferralServiceInputSchema,
  ReferralStatusSchema,
  ReferralStatusChangeSchema,
  ReferralOutcomeSchema,
  ReferralConsentSchema,
  ReferralUrgencySchema,
  REFERRAL_STATUSES,
  REFERRAL_SIDES,
  REFERRAL_SIDE_STATUSES,
  TERMINAL_REFERRAL_STATUSES,
  REFERRAL_URGENCIES,
  REFERRAL_OUTCOME_CODES,
} from './referral/referral-schema.js';
export type {
  Referral,
  ReferralService,
  ReferralServiceInput,
  ReferralStatus,
  ReferralStatusChange,
  ReferralSide,
  ReferralOutcome,
  ReferralOutcomeCode,
  ReferralConsent,
  ReferralUrgency,
} from './referral/referral-schema.js';
export { REFERRAL_MACHINE, allowedReferralTransitions } from './referral/referral-machine.js';
export { ReferralInputSchema, ReferralPatchSchema } from './referral/referrals-api.js';
export type { ReferralsApi, ReferralInput, ReferralPatch, ReferralTransitionOptions, ReferralOverdueQuery, ConsentOverrideInput } from './referral/referrals-api.js';

export {
  ConsentSchema,
  ConsentInputSchema,
  ConsentStatusSchema,
  ConsentScopeSchema,
  ConsentGranteeSchema,
  CONSENT_STATUSES,
  CONSENT_SCOPES,
  CONSENT_SOURCES,
} from './consent/consent-schema.js';
export type { Consent, ConsentInput, ConsentStatus, ConsentScope, ConsentSource, ConsentGrantee, ConsentPeriod } from './consent/consent-schema.js';
export { CONSENT_MACHINE } from './consent/consent-machine.js';
export { isConsentInForce, granteeCovers, findShareConsent } from './consent/consents-api.js';
export type { ConsentsApi, ConsentTransitionOptions, ShareTarget } from './consent/consents-api.js';
export type { DisclosuresApi, Disclosure, DisclosureAccount } from './disclosures/disclosures-api.js';

export {
  OrganizationSchema,
  OrganizationInputSchema,
  OrganizationPatchSchema,
  ServiceSchema,
  ServiceInputSchema,
  ServicePatchSchema,
  ServiceSearchSchema,
  EligibilitySchema,
  TaxonomyTermSchema,
  SERVICE_STATUSES,
} from './directory/directory-schema.js';
export type {
  Organization,
  OrganizationInput,
  OrganizationPatch,
  Service,
  ServiceInput,
  ServicePatch,
  ServiceStatus,
  ServiceSearch,
  ServiceSearchResult,
  LanguageMatch,
  Eligibility,
  TaxonomyTerm,
} from './directory/directory-schema.js';
export { sameLanguage, matchLanguage } from './directory/directory-api.js';
export type { DirectoryApi } from './directory/directory-api.js';
export type { DirectoryImport, DirectoryImportResult } from './directory/directory-import.js';

export { createMemoryStorage } from './storage/memory-storage.js';
export type { MemoryStorageOptions } from './storage/memory-storage.js';
export { APPEND_ONLY_COLLECTIONS } from './storage/storage-port.js';
export { notifyListeners } from './storage/notify-listeners.js';
export type { StorageSync, StorageSyncEvent, StorageConflict, SyncStatus } from './storage/storage-sync.js';
export type { SyncApi, SyncConflictView } from './sync/sync-api.js';
export type {
  StoragePort,
  StoredRecord,
  FindQuery,
  CountQuery,
  KeyRange,
  IndexKey,
  IndexKeyPart,
  Page,
  WriteOperation,
  LoadChunk,
  LoadOptions,
  RecordChange,
  ChangeBatch,
  ChangeListener,
  Unsubscribe,
} from './storage/storage-port.js';
export { INDEXES, indexDefinition, indexKeys } from './storage/indexes.js';
export type { IndexDefinition } from './storage/indexes.js';
export { CaseQuerySchema, CASE_SORTS, CASE_GROUP_FIELDS, RISK_ORDER, caseStatusRuns, caseMatches, caseSortKey, caseGroupValue, caseSearchTokens, NO_DUE_DATE } from './storage/case-query.js';
export type { CaseQuery, NormalizedCaseQuery, CaseGroupField } from './storage/case-query.js';
export { compareKeys, encodeCursor, decodeCursor, inRange, startsWith } from './storage/keys.js';
export type { CursorPosition } from './storage/keys.js';
export { planOperations, assertLoadAppendsOnly } from './storage/apply-operations.js';
export { pageOf, compareEntries } from './storage/paging.js';
export type { KeyedEntry } from './storage/paging.js';

export { DraftSchema } from './draft/draft-schema.js';
export type { Draft } from './draft/draft-schema.js';
export type { DraftsApi, DraftInput } from './draft/drafts-api.js';

export { CASELOAD_FORMAT, CASELOAD_FORMAT_VERSION } from './transfer/caseload-transfer.js';
export type { CaseloadExport, ImportOptions, ImportProgress } from './transfer/caseload-transfer.js';
export { RECORD_SCHEMAS, checkRecord } from './transfer/record-schemas.js';
export type { RecordCheck } from './transfer/record-schemas.js';

export { AssessmentSchema, ASSESSMENT_STATUSES } from './assessment/assessment-schema.js';
export type { Assessment } from './assessment/assessment-schema.js';
export type { AssessmentsApi, SubmitAssessmentInput, IntakeInput, IntakeResult } from './assessment/assessments-api.js';
export { scoreHistory } from './assessment/score-history.js';
export type { ScorePoint, ScoreSeries } from './assessment/score-history.js';
export * from './questionnaire/index.js';

export type { ReportsApi, ReportRange, CaseloadReport } from './reports/caseload-report.js';
export type { LanguageAccessByLanguage, LanguageAccessReport } from './reports/language-access.js';

export {
  WORKLIST_KINDS,
  WORKLIST_REASON_CODES,
  DEFAULT_WORKLIST_RANKING,
  WorklistKindSchema,
  WorklistOptionsSchema,
  WorklistRankingSchema,
  WorklistSettingsSchema,
  SnoozeOptionsSchema,
} from './worklist/worklist-schema.js';
export type {
  WorklistKind,
  WorklistReasonCode,
  WorklistReason,
  WorklistRanking,
  WorklistRankingInput,
  WorklistSettings,
  WorklistOptions,
  WorklistRecordRef,
  WorklistSubject,
  WorklistItem,
  WorklistCounts,
  WorklistPage,
  SnoozeOptions,
} from './worklist/worklist-schema.js';
export type { WorklistApi } from './worklist/worklist-api.js';
// The referral packet: what a receiving organisation sees of the client, by the consent's `shares`.
export { SHAREABLE_CLIENT_FIELDS, ShareableClientFieldSchema, SharesSchema } from './consent/consent-schema.js';
export type { ShareableClientField } from './consent/consent-schema.js';
export { ReferralPacketSchema } from './referral/referral-schema.js';
export type { ReferralPacket } from './referral/referral-schema.js';
export { buildReferralPacket } from './referral/referral-packet.js';
export type { NewReferralShareTarget, ReferralSharePreview, ReferralSharePreviewOptions, ReferralShareBasis } from './referral/referrals-api.js';
