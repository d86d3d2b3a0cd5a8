import type { ConsentScope, ConsentSource, NoteOutcome, NoteType, CaseStatus, ClosureReason, NeedDomain, PolicyAction, Priority, RiskLevel } from '@casekit/core';

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
  /** Case transfer on `<ck-caseload-board>` (selection, the Transfer dialog, the pending badge). */
  transfer: TransferMessages;
  intakeForm: IntakeFormMessages;
  carePlanEditor: CarePlanEditorMessages;
  referralTracker: ReferralTrackerMessages;
  caseloadSummary: CaseloadSummaryMessages;
  syncStatus: SyncStatusMessages;
  caseNotes: CaseNotesMessages;
  approvals: ApprovalsMessages;
  scoreHistory: ScoreHistoryMessages;
  consentManager: ConsentManagerMessages;
  worklist: WorklistMessages;
  referralInbox: ReferralInboxMessages;
  disclosures: DisclosuresMessages;
  sharePreview: SharePreviewMessages;
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
  /** Letters that spell a date field's format (`dd`, `mm`, `yyyy`; Spanish `aaaa`). */
  dateLetters: { day: string; month: string; year: string };
  /** A date field's hint: its format (`mm/dd/yyyy`), and once filled the date in words (`Tuesday, March 9, 2026`). */
  dateHint(pattern: string, date: string | undefined): string;
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
  /** The sign-in expired (a server-backed storage refused the token). */
  unauthenticated: string;
  /** A server-backed storage could not be reached or is failing. */
  unavailable: string;
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
  sortRisk: string;
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
  /** Instructions read with each card (a listbox option: Enter, Space, M, arrow keys). */
  cardHint: string;
  /** Instructions read with a card the user may not move. */
  cardHintReadOnly: string;
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
  /** Name of the progressbar an empty board shows while the host seeds or imports cases. */
  loadingCases: string;
  /** Text of that progress, e.g. "Loading cases… 1,200 of 10,000" (numbers formatted). */
  loadingCasesProgress(done: string, total: string): string;
  /** `aria-valuetext` of that progressbar, e.g. "1,200 of 10,000". */
  progressOf(done: string, total: string): string;
  /** The toggle that folds the filters on a narrow board; `count` active filters. */
  filtersToggle(count: number, formatted: string): string;
}

/** Case transfer on `<ck-caseload-board>`: selecting cases, the Transfer dialog and its workload preview. */
export interface TransferMessages {
  /** Read with a card the user may transfer (after the card's other hint). */
  cardHint: string;
  /** The list view's checkbox of a case. */
  selectCase(client: string): string;
  /** Announced when a card is (de)selected with X or a click. */
  selectedCase(client: string, count: number, formatted: string): string;
  deselectedCase(client: string, count: number, formatted: string): string;
  /** The selection bar: "2 cases selected". */
  selectedCount(count: number, formatted: string): string;
  /** The selection bar's button that opens the dialog. */
  transferSelected: string;
  clearSelection: string;
  /** The badge of a case waiting for its receiver. */
  pendingBadge(receiver: string): string;
  /** "Transfer María García" or "Transfer 3 cases". */
  dialogTitle(count: number, formatted: string, client: string): string;
  casesLabel: string;
  receiver: string;
  noReceivers: string;
  reason: string;
  requireAcceptance: string;
  requireAcceptanceHint: string;
  preview: string;
  previewChoose: string;
  previewLoading: string;
  /** The actor may not see one of the workloads (by default only supervisors and admins see them). */
  previewUnavailable: string;
  /** A worker's load in words: "Devon Baker's workload goes from 5 to 9.5". */
  loadChange(name: string, before: string, after: string): string;
  /** Whose row group in the preview: the receiver, or a current case manager. */
  receives(name: string): string;
  gives(name: string): string;
  before: string;
  after: string;
  score: string;
  /** A part of the score with its weight: "Open cases (+1 each)". */
  scorePart(part: string, weight: string): string;
  openCases: string;
  riskCases(level: string): string;
  priorityCases(level: string): string;
  overdueContacts: string;
  openReferrals: string;
  confirm: string;
  confirmRequest: string;
  /** `client` names the case when `count` is 1. */
  transferring(count: number, formatted: string, client: string, receiver: string): string;
  transferred(count: number, formatted: string, client: string, receiver: string): string;
  requested(count: number, formatted: string, client: string, receiver: string): string;
  /** The host vetoed the transfer (ck-case-transfer was cancelled). */
  vetoed: string;
  alreadyAssigned(client: string, receiver: string): string;
  alreadyPending(client: string, receiver: string): string;
  notOpen(client: string): string;
}

/** `<ck-referral-tracker>`. */
export interface ReferralTrackerMessages {
  label: string;
  count(count: number, formatted: string): string;
  empty: string;
  /** Referral statuses (core `REFERRAL_STATUSES`). */
  status: Record<import('@casekit/core').ReferralStatus, string>;
  urgency: Record<import('@casekit/core').ReferralUrgency, string>;
  outcome: Record<import('@casekit/core').ReferralOutcomeCode, string>;
  /** Who set a status: the referring side or the receiving organisation. */
  side: Record<import('@casekit/core').ReferralSide, string>;
  need: string;
  urgencyLabel: string;
  reason: string;
  contact: string;
  sentOn(date: string): string;
  answerDue(date: string): string;
  /** Badge: sent and not accepted or declined by the deadline. */
  overdue(date: string): string;
  notSent: string;
  /** The closed-loop step indicator. */
  progress: string;
  steps: { sent: string; acknowledged: string; inProgress: string; closed: string };
  stepDone: string;
  stepCurrent: string;
  stepPending: string;
  stepSkipped: string;
  /** "Sent, done, Nov 24" read by screen readers. */
  stepText(step: string, state: string, detail: string): string;
  outcomeLabel: string;
  statusReason: string;
  history(count: number, formatted: string): string;
  historyCreated(to: string): string;
  historyMove(from: string, to: string): string;
  historyBy(name: string, side: string): string;
  recordedForProvider: string;
  actions(service: string): string;
  /** Button labels for moving a referral to a status. */
  action: Record<import('@casekit/core').ReferralStatus, string>;
  recordAnswer: string;
  dialogTitle(action: string, service: string): string;
  recordTitle(service: string): string;
  recordHint(organization: string): string;
  answer: string;
  choose: string;
  reasonField: string;
  noteField: string;
  outcomeField: string;
  outcomeNoteField: string;
  save: string;
  consentRequired(client: string, organization: string): string;
  overrideReason: string;
  transitionRefused(from: string, to: string, allowed: string): string;
  transitionNone(from: string, to: string): string;
  announceSent(service: string): string;
  announceSentOverride(service: string): string;
  announceChanged(service: string, status: string): string;
  announceRecorded(service: string, status: string): string;
  saving: string;
}

/** `<ck-sync-status>`. */
export interface SyncStatusMessages {
  online: string;
  sending(count: number, formatted: string): string;
  offline(count: number, formatted: string): string;
  /** Queued changes wait although the server answers (sign-in expired, server failing). */
  blocked(count: number, formatted: string, reason: string): string;
  conflicts(count: number, formatted: string): string;
  lastSync(time: string): string;
  syncNow: string;
  review(count: number, formatted: string): string;
  hide: string;
  heading: string;
  none: string;
  staleWrite: string;
  createCollision: string;
  deletedElsewhere: string;
  refused(reason: string): string;
  field: string;
  mine: string;
  theirs: string;
  keepMine: string;
  takeTheirs: string;
  openCase: string;
  resolvedMine: string;
  resolvedTheirs: string;
  /** What a record of each collection is called in a conflict's title. */
  collections: Record<string, string>;
}

/** `<ck-caseload-summary>`. */
export interface CaseloadSummaryMessages {
  label: string;
  range(from: string, to: string): string;
  /** "Active: 4" in chart descriptions. */
  item(label: string, value: string): string;
  none: string;
  category: string;
  cases: string;
  value: string;
  openCases(count: number, formatted: string): string;
  byStatus: string;
  byPriority: string;
  contactsOverdue: string;
  contactsOverdueHint: string;
  referrals: string;
  referralsDesc(rate: string, closed: string, sent: string): string;
  noReferrals: string;
  sent: string;
  accepted: string;
  declined: string;
  completed: string;
  failed: string;
  loopClosureRate: string;
  medianDaysToAcceptance: string;
  awaitingOverdue: string;
  days(count: number, formatted: string): string;
  goals: string;
  goalsDesc(achieved: string, total: string): string;
  noGoals: string;
  achieved: string;
  inProgress: string;
  notAchieved: string;
  noAssessment: string;
  showTables: string;
  updated: string;
  /** Description of every number that is a control (screen readers hear it after the number). */
  selectHint: string;
  /** Heading of the list of referrals waiting past their acknowledgement deadline. */
  overdueReferrals: string;
  overdueNone: string;
  /** `when` is relative ("3 days ago", "yesterday"), `date` the deadline's day. */
  overdueDue(when: string, date: string): string;
  openCase: string;
  /** Accessible name of a row's "Open case" button: starts with the visible text (WCAG 2.5.3). */
  openCaseOf(client: string, service: string): string;
  /** The language-access panel: clients who need an interpreter (core's `languageAccess`). */
  languageAccess: string;
  languageAccessNone: string;
  interpreterClients(count: number, formatted: string): string;
  /** Meter title: referrals to services whose staff speak the client's language. */
  inTheirLanguage: string;
  inTheirLanguageDesc(rate: string, matched: string, known: string): string;
  /** Referrals were sent, but for none is it known whether the service speaks the language. */
  inTheirLanguageUnknown: string;
  noLanguageReferrals: string;
  /** Meter title: interpreter use at completed contacts. */
  interpreterUse: string;
  interpreterUseDesc(rate: string, used: string, recorded: string): string;
  /** Contacts were made, but none recorded whether an interpreter was used. */
  interpreterUseUnknown: string;
  noLanguageContacts: string;
  staffSpeakLanguage: string;
  interpretationOffered: string;
  noLanguageSupport: string;
  notKnown: string;
  contacts: string;
  interpreterUsed: string;
  interpreterNotUsed: string;
  notRecorded: string;
  /** A rate with its counts: "50% (1 of 2)". */
  rateOf(rate: string, part: string, whole: string): string;
  byLanguage: string;
  language: string;
  clients: string;
  /** Clients with no preferred language on file. */
  noLanguage: string;
}

/** `<ck-care-plan-editor>`. Statuses are core's FHIR codes; the print copy uses the same table in the client's language. */
export interface CarePlanEditorMessages {
  label: string;
  planFor(client: string): string;
  noPlan: string;
  noOpenPlan: string;
  /** Shown when the policy lets the user read the plan but not change it. */
  readOnly: string;
  planTitle: string;
  defaultTitle: string;
  createPlan: string;
  newPlan: string;
  choosePlan: string;
  planOption(title: string, status: string, date: string): string;
  planStatus: Record<import('@casekit/core').PlanStatus, string>;
  goalStatus: Record<import('@casekit/core').GoalLifecycleStatus, string>;
  achievement: Record<import('@casekit/core').AchievementStatus, string>;
  goalPriority: Record<import('@casekit/core').GoalPriority, string>;
  interventionStatus: Record<import('@casekit/core').InterventionStatus, string>;
  interventionKind: Record<import('@casekit/core').InterventionKind, string>;
  /** Plain-language default goal per need (replaces core's English default in the UI and the print copy). */
  suggestedGoal: Record<import('@casekit/core').NeedDomain, string>;
  status: string;
  planStatusMenu: string;
  goalStatusMenu(goal: string): string;
  taskStatusMenu(task: string): string;
  noTransitions: string;
  pendingApproval: string;
  approvalRejected(reason: string): string;
  reviewDate: string;
  saveReviewDate: string;
  reviewOn(date: string): string;
  reviewOverdue(date: string): string;
  noReviewDate: string;
  suggestedGoals: string;
  suggestedHint: string;
  addSuggested(goal: string): string;
  add: string;
  goals: string;
  noGoals: string;
  goalCount(count: number, formatted: string): string;
  addGoal: string;
  need: string;
  goalDescription: string;
  targetDate: string;
  target(date: string): string;
  priority: string;
  achievementLabel: string;
  tasks: string;
  noTasks: string;
  addTask: string;
  addTaskFor(goal: string): string;
  kind: string;
  taskDescription: string;
  assignee: string;
  unassigned: string;
  /** The "Who does it" choice for someone outside the case's team. */
  someoneElse: string;
  /** Label of the name field shown for "Someone else…". */
  assigneeName: string;
  dueDate: string;
  due(date: string): string;
  overdue(date: string): string;
  edit: string;
  editTask(task: string): string;
  save: string;
  progress: string;
  noProgress: string;
  progressNote: string;
  achievementUnchanged: string;
  addProgress: string;
  addProgressFor(goal: string): string;
  progressBy(date: string, name: string): string;
  achievementChange(to: string): string;
  refer: string;
  referGoal(goal: string): string;
  referrals: string;
  referTitle(need: string): string;
  referFor(goal: string): string;
  clientLanguage(language: string): string;
  interpreterNeeded: string;
  searchServices: string;
  searchPlaceholder: string;
  servicesFound(count: number, formatted: string): string;
  noServices: string;
  chooseService: string;
  languageSpoken(language: string): string;
  languageInterpretation: string;
  languageNone(language: string): string;
  phone(number: string): string;
  reason: string;
  urgency: string;
  sendNow: string;
  saveDraft: string;
  consentStep: string;
  consentOnFile(organization: string): string;
  consentNotOnFile(organization: string): string;
  overrideConsent: string;
  overrideReason: string;
  overrideUnavailable: string;
  referralSent(service: string): string;
  referralSentOverride(service: string): string;
  referralDrafted(service: string): string;
  transitionTitle(thing: string, status: string): string;
  reasonField: string;
  reasonRequired: string;
  confirm: string;
  changedElsewhere: string;
  changedElsewhereHint: string;
  conflictOnSave: string;
  reloaded: string;
  saving: string;
  planCreated: string;
  planSaved: string;
  goalAdded(goal: string): string;
  taskAdded(task: string): string;
  taskSaved(task: string): string;
  progressAdded: string;
  statusChanged(thing: string, status: string): string;
  activationRequested: string;
  reviewDateSaved(date: string): string;
  print: string;
  printIn(language: string): string;
  backToEditor: string;
  printTitle: string;
  printFor(client: string): string;
  printDate(date: string): string;
  printIntro: string;
  printReview(date: string): string;
  printGoals: string;
  printNoGoals: string;
  printBy(date: string): string;
  printNextSteps: string;
  printNoSteps: string;
  printWho(name: string): string;
  printWhen(date: string): string;
  printWhoToCall: string;
  printNoCalls: string;
  printPhone(number: string): string;
  printCaseManager(name: string): string;
}

/** Strings of `<ck-intake-form>` (question text comes from the definition, in its own languages). */
export interface IntakeFormMessages {
  choose: string;
  yes: string;
  no: string;
  clientSection: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  phone: string;
  language: string;
  languageNotRecorded: string;
  interpreterNeeded: string;
  caseSection: string;
  program: string;
  priority: string;
  /** Legend of one repeating-group entry: "Who lives with you? — entry 2". */
  instanceLabel(group: string, position: string): string;
  addInstance(group: string): string;
  /** `label` is an `instanceLabel`. */
  removeInstance(label: string): string;
  instanceAdded(label: string): string;
  instanceRemoved(label: string): string;
  maxInstances(max: string): string;
  /** Heading of the scores / needs / flags panel shown before submit. */
  summary: string;
  scoreValue(value: string, band: string | undefined): string;
  scoreIncomplete(answered: string, total: string): string;
  needs: string;
  noNeeds: string;
  flags: string;
  noFlags: string;
  criticalFlag(label: string): string;
  warningFlag(label: string): string;
  errorSummary(count: number, formatted: string): string;
  submitIntake: string;
  submitAssessment: string;
  /** Shown instead of the submit button when the policy refuses creating the client (intake mode). */
  readOnlyIntake: string;
  /** Shown instead of the submit button when the policy refuses adding an assessment to the case. */
  readOnlyAssessment: string;
  submitting: string;
  /** The host cancelled `ck-intake-submit`. */
  submitVetoed: string;
  intakeSaved(client: string): string;
  caseOpened(program: string, priority: string): string;
  assessmentSaved: string;
  duplicatesHeading(count: number, formatted: string): string;
  duplicatesHint: string;
  duplicateReasons: Record<'same-identifier' | 'same-birth-date-similar-name', string>;
  reviewDuplicate(client: string): string;
  /** Heading of a possible match on a caseload the user may not see (no name or id is shown). */
  restrictedDuplicateHeading: string;
  /** What to do about it: there is nothing to open, so ask someone who may see it. */
  restrictedDuplicateHint: string;
  bornOn(date: string): string;
  /** Shown with the possible duplicates found while the client is typed, before saving. */
  matchesWhileTypingHint: string;
  /** Button picking an existing client; its visible text is `useThisClient`. */
  useThisClient: string;
  useExistingClient(client: string): string;
  /** The intake will open a case for this client already on file. */
  existingClientChosen(client: string): string;
  existingClientHint: string;
  newClientInstead: string;
  startAnother: string;
  draftSaving: string;
  draftSaved: string;
  draftRestored: string;
  draftFailed: string;
  /** The draft was saved elsewhere (another tab) since it was loaded here. */
  draftConflict: string;
  keepMyDraft: string;
  loadOtherDraft: string;
  /** Beside a read-only answer an expression computes (e.g. a total score), for screen readers too. */
  calculated: string;
  /** Label of the unit list of a quantity question. */
  unit: string;
  /** A chosen file: only its name and size are shown (the contents stay with the host). */
  fileChosen(name: string, size: string): string;
  noFile: string;
  /** Label of the control for one answer of a question that takes several: "Allergies, answer 2". */
  answerLabel(question: string, position: string): string;
  addAnswer(question: string): string;
  removeAnswer(label: string): string;
  /** Read-only answer with no value yet (a calculation waiting for its inputs). */
  noValue: string;
  /** Problems with answers, by core issue code (`ResponseIssue.code`). */
  issues: IntakeIssueMessages;
}

export interface IntakeIssueMessages {
  required: string;
  requiredGroup: string;
  requiredRepeat: string;
  text: string;
  choice: string;
  number: string;
  integer: string;
  date: string;
  boolean: string;
  option: string;
  exclusive(option: string): string;
  min(value: string): string;
  max(value: string): string;
  dateMin(date: string): string;
  dateMax(date: string): string;
  minLength(count: number, formatted: string): string;
  maxLength(count: number, formatted: string): string;
  pattern: string;
  repeatsMin(count: number, formatted: string): string;
  repeatsMax(count: number, formatted: string): string;
  duplicate: string;
  invalid: string;
  dateTime: string;
  time: string;
  url: string;
  quantity: string;
  unitOption: string;
  attachment: string;
  reference: string;
  /** Bounds of a time or date-and-time answer (shown as given). */
  valueMin(value: string): string;
  valueMax(value: string): string;
}

/** A table that may leave any message out (English fills the gaps). */
export type PartialTranslation = { $code: string; $name?: string; $dir?: 'ltr' | 'rtl' } & {
  [K in Exclude<keyof Translation, '$code' | '$name' | '$dir'>]?: Partial<Translation[K]>;
};

/** `<ck-case-notes>`: the contact log of a case. */
export interface CaseNotesMessages {
  label: string;
  count(count: number, formattedCount: string): string;
  empty: string;
  loadMore: string;
  type: Record<NoteType, string>;
  outcome: Record<NoteOutcome, string>;
  status: { draft: string; signed: string; amended: string };
  /** "45 min". */
  duration(formattedMinutes: string): string;
  by(author: string): string;
  signedBy(name: string, date: string): string;
  participantsLabel: string;
  /** "Ana Hernández (daughter)". */
  participant(name: string, role: string): string;
  interpreterUsed: string;
  /** "Interpreter: Spanish". */
  interpreterLanguage(language: string): string;
  amends(date: string): string;
  amendedBy: string;
  amendmentReason(reason: string): string;
  // the form
  newNote: string;
  editDraft: string;
  amendNote: string;
  typeField: string;
  outcomeField: string;
  occurredAtField: string;
  occurredAtHint: string;
  durationField: string;
  participantName: string;
  participantRole: string;
  addParticipant: string;
  removeParticipant(name: string): string;
  interpreterField: string;
  interpreterLanguageField: string;
  textField: string;
  nextContactField: string;
  reasonField: string;
  saveDraft: string;
  sign: string;
  saveAmendment: string;
  edit: string;
  amend: string;
  cancelEdit: string;
  saving: string;
  saved: string;
  signed: string;
  amended: string;
  draftRestored: string;
}

export interface ScoreHistoryMessages {
  /** Default heading: "Outcomes over time". */
  label: string;
  empty: string;
  /** The axis/date column header. */
  dateHeader: string;
  scoreHeader: string;
  bandHeader: string;
  showTable: string;
  hideTable: string;
  /** "PHQ-9 total score: 20 on 1 Sept 2026 (Severe), then 11 on 29 Sept 2026 (Moderate) …" — the chart's description. */
  description(title: string, points: string): string;
  /** One point in the description: "20 on 1 Sept 2026 (Severe)". */
  point(value: string, date: string, band: string | undefined): string;
  /** "Latest: 4 (None–minimal), 16 lower than on 1 Sept 2026". */
  latest(value: string, band: string | undefined): string;
  /** The change since the first point, `change` already signed and formatted. */
  change(change: number, formattedAbsolute: string, firstDate: string): string;
  /** "1 assessment" / "3 assessments". */
  count(count: number, formattedCount: string): string;
}

/** `<ck-approvals>`: a supervisor's queue of case closures and plan activations waiting for approval. */
export interface ApprovalsMessages {
  label: string;
  /** "3 waiting for approval". */
  count(count: number, formattedCount: string): string;
  empty: string;
  /** For an actor the policy does not let approve (a case manager): not an error. */
  supervisorsOnly: string;
  kind: { 'case-closure': string; 'plan-activation': string };
  /** A row's title: "Case closure · Rosa Hernández". */
  rowTitle(kind: string, client: string): string;
  /** When the client's name is not shown (the actor may not read the client). */
  unknownClient: string;
  /** "Case: Housing and food". */
  caseLine(caseTitle: string): string;
  /** "Plan: Diabetes self-management". */
  planLine(title: string): string;
  /** "2 goals". */
  goals(count: number, formattedCount: string): string;
  requestedBy(name: string): string;
  /** "yesterday (Nov 23, 2026, 7:00 AM)": relative day, then the date and time. */
  when(relative: string, absolute: string): string;
  /** "Reason: Goals met" (the closure reason, from `closureReasons`). */
  closureReason(reason: string): string;
  /** The requester's note. */
  note(text: string): string;
  /** On a request the actor may not decide (their own, in a case view). */
  waiting: string;
  approve: string;
  reject: string;
  /** Accessible names of a row's buttons: "Approve case closure for Rosa Hernández". */
  approveLabel(kind: string, client: string): string;
  rejectLabel(kind: string, client: string): string;
  approving: string;
  /** Announced (polite) once the row has left the list. */
  approved(kind: string, client: string): string;
  rejected(kind: string, client: string): string;
  // the reject dialog
  rejectTitle: string;
  /** What happens on rejection, by kind. */
  rejectHint: { 'case-closure': string; 'plan-activation': string };
  reasonField: string;
  reasonRequired: string;
  confirmReject: string;
  rejecting: string;
  /** Another supervisor decided first (or the record changed): the list was reloaded. */
  alreadyDecided: string;
  loadMore: string;
}

/** `<ck-consent-manager>`: a client's consents to share information. */
export interface ConsentManagerMessages {
  label: string;
  count(count: number, formattedCount: string): string;
  empty: string;
  noClient: string;
  readOnly: string;
  scope: Record<ConsentScope, string>;
  source: Record<ConsentSource, string>;
  /** The state badge: in words, so it is never told by colour alone. */
  state: { active: string; expiring: string; expired: string; upcoming: string; pending: string; revoked: string; refused: string; enteredInError: string };
  /** The grantee of a consent without one. */
  anyProvider: string;
  /** "Shared with: Harbor Housing Partners". */
  grantee(name: string): string;
  /** "1 Dec 2026 – 31 May 2027" (both days included). */
  period(start: string, end: string): string;
  /** "From 1 Dec 2026, no end date". */
  periodOpen(start: string): string;
  /** "Given in writing · Form 2026-114". */
  sourceLine(source: string, reference?: string): string;
  recordedBy(name: string, date: string): string;
  /** The reason given when revoked or marked entered in error. */
  reason(reason: string): string;
  // actions
  record: string;
  print: string;
  /** "Print copy (Spanish)" when the copy is in another language than the page. */
  printIn(language: string): string;
  revoke: string;
  markEnteredInError: string;
  // the form
  formHeading: string;
  answerField: string;
  answerAgreed: string;
  answerRefused: string;
  scopeField: string;
  granteeField: string;
  granteeHint: string;
  granteeResults: string;
  /** The button choosing an organisation found in the directory. */
  granteeChoose(name: string): string;
  /** Shown once a directory organisation is chosen. */
  granteeChosen(name: string): string;
  purposeField: string;
  sourceField: string;
  sourceReferenceField: string;
  sourceReferenceHint: string;
  startField: string;
  startHint: string;
  endField: string;
  endHint: string;
  /** Core refused a period that ends before it starts. */
  endBeforeStart: string;
  save: string;
  saving: string;
  recorded: string;
  revoked: string;
  markedInError: string;
  // the reason dialog
  revokeTitle: string;
  enteredInErrorTitle: string;
  reasonField: string;
  revokeHint: string;
  confirmRevoke: string;
  confirmEnteredInError: string;
  // the client's printed copy
  printTitle: string;
  printFor(name: string): string;
  printDate(date: string): string;
  printIntro: string;
  printNone: string;
  printStatus(state: string): string;
  printWithdraw: string;
  backToList: string;
  printNow: string;
}

/** Facts of one worklist reason, already formatted in the element's locale (only those the reason has). */
export interface WorklistReasonText {
  /** Days (overdue, or the count in `days-overdue`). */
  days?: number;
  daysText?: string;
  /** The date the reason names (due, review, expiry, request), formatted. */
  date?: string;
  daysLeft?: number;
  daysLeftText?: string;
  /** How many open referrals rely on an expired consent. */
  referrals?: number;
  referralsText?: string;
  /** A priority, risk level, urgency or closure reason, already translated. */
  label?: string;
}

/** `<ck-worklist>`. */
export interface WorklistMessages {
  label: string;
  total(count: number, formatted: string): string;
  overdue(count: number, formatted: string): string;
  snoozed(count: number, formatted: string): string;
  filterLabel: string;
  allKinds: string;
  /** What a row asks (core `WORKLIST_KINDS`). */
  kinds: Record<import('@casekit/core').WorklistKind, string>;
  /** Why a row ranks where it does, by reason code (core `WORKLIST_REASON_CODES`). */
  reasons: Record<import('@casekit/core').WorklistReasonCode, (p: WorklistReasonText) => string>;
  /** A reason code this table does not know (a newer core): its code in words. */
  unknownReason(code: string): string;
  empty: string;
  emptyOn(date: string): string;
  /** "3 days overdue (due Nov 20, 2026)". */
  overdueBy(days: number, formatted: string, date: string): string;
  /** "Due today" / "Due tomorrow": `relative` from `Intl.RelativeTimeFormat`. */
  dueRelative(relative: string, date: string): string;
  /** When the row has no client or case to name. */
  noSubject: string;
  score(formatted: string): string;
  why: string;
  /** One line of the "why this order" list: the reason and what it added. */
  weight(reason: string, formatted: string): string;
  open: string;
  snooze: string;
  done: string;
  showMore: string;
  snoozeTitle(what: string): string;
  untilField: string;
  reasonField: string;
  untilAfterToday: string;
  confirmSnooze: string;
  snoozedUntil(what: string, date: string): string;
  markedDone(what: string): string;
  /** A transfer-request row: who asked, and why. */
  transferFrom(name: string, reason: string): string;
  accept: string;
  decline: string;
  declineTitle(what: string): string;
  declineReason: string;
  confirmDecline: string;
  accepted(what: string): string;
  declined(what: string): string;
}

/** `<ck-referral-inbox>`: the referrals sent to a receiving organisation, as its staff see them. */
export interface ReferralInboxMessages {
  label: string;
  count(count: number, formatted: string): string;
  empty: string;
  /** Neither `organization-id` nor the actor names an organisation. */
  noOrganization: string;
  /** `referral-id` names a referral sent to another organisation (or none). */
  notFound: string;
  filterLabel: string;
  filters: { all: string; new: string; inProgress: string; closed: string; custom: string };
  /** The status words a receiving organisation reads (`requested` is "New" to them), by core `REFERRAL_STATUSES`. */
  status: Record<import('@casekit/core').ReferralStatus, string>;
  urgency(label: string): string;
  sent(date: string): string;
  answerDue(date: string): string;
  /** Said in words beside the row's mark, so it is never told by colour alone. */
  overdue(date: string): string;
  reason: string;
  referredBy(name: string): string;
  /** Heading over the client details the referral carries. */
  sharedHeading: string;
  /** Labels of the client details a packet may hold. */
  fields: { name: string; phone: string; email: string; address: string; language: string; interpreter: string; birthDate: string };
  interpreterNeeded: string;
  interpreterNotNeeded: string;
  /** A detail the client agreed to share that their record did not have. */
  notRecorded: string;
  /** "Not shared with you: Email and Address." */
  notShared(fields: string): string;
  /** Always shown: nothing beyond the packet reaches the organisation. */
  otherDetails: string;
  nameOnly: string;
  /** A referral sent before packets were kept, or without one. */
  noPacket: string;
  outcome(code: string, note: string): string;
  statusReason(reason: string): string;
  actions(client: string): string;
  accept: string;
  decline: string;
  start: string;
  resume: string;
  recordOutcome: string;
  declineTitle(client: string): string;
  declineReason: string;
  declineHint: string;
  confirmDecline: string;
  outcomeTitle(client: string): string;
  resultField: string;
  /** The two results, named by the status they set. */
  results: { completed: string; failed: string };
  outcomeCode: string;
  outcomeNote: string;
  outcomeNoteHint: string;
  saveOutcome: string;
  saving: string;
  /** Announced after a change was saved: "Referral of Bao Tran: Accepted." */
  changed(client: string, status: string): string;
}

/**
 * `<ck-disclosures>`: a client's accounting of disclosures (HIPAA §164.528). The `print*` strings are
 * the client's copy, taken from the table of the client's language.
 */
export interface DisclosuresMessages {
  label: string;
  noClient: string;
  /** The actor may not read the account (by default only supervisors, admins and viewers may). */
  notAllowed: string;
  /** The period shown: dates already formatted. */
  period(from: string, to: string): string;
  count(count: number, formatted: string): string;
  empty: string;
  periodLegend: string;
  from: string;
  to: string;
  showPeriod: string;
  dateRequired: string;
  /** The start is after the end. */
  periodOrder: string;
  print: string;
  /** "Print copy (Spanish)": the copy will be in the client's language, not the page's. */
  printIn(language: string): string;
  backToList: string;
  printNow: string;
  /** The table's caption. */
  caption: string;
  date: string;
  recipient: string;
  information: string;
  purpose: string;
  by: string;
  kind: Record<'referral' | 'provider-access' | 'export', string>;
  /** What was shared, by the field names core gives (`clientName`, `phone`, `caseload`...); joined as a list. */
  fields: Record<string, string>;
  /** A labelled line of the client's copy ("When: November 24, 2026"). */
  printItem(label: string, value: string): string;
  accessRead: string;
  /** A provider changed the referral's status (statuses already translated). */
  accessTransition(from: string, to: string): string;
  accessOther(action: string): string;
  /** The consent on file: when it was given (date formatted), and its purpose as written. */
  basisConsent(date: string): string;
  basisConsentUndated: string;
  basisConsentPurpose(purpose: string): string;
  /** Shared without consent: who overrode, when (formatted), and their reason as written. */
  basisOverride(by: string, date: string, reason: string): string;
  basisNone: string;
  printTitle: string;
  printFor(name: string): string;
  printPeriod(from: string, to: string): string;
  printDate(date: string): string;
  printIntro: string;
  printNone: string;
  printWhen: string;
  printWith: string;
  printWhat: string;
  printWhy: string;
  printBasis: string;
  printBy: string;
  printQuestions: string;
}

/**
 * The "before sending" step of `<ck-referral-tracker>` and the care-plan editor's refer dialog: what
 * the receiving organisation will get (`referrals.sharePreview`), and on what basis.
 */
export interface SharePreviewMessages {
  /** The step's heading: "Check before sending: Emergency food boxes". */
  title(service: string): string;
  /** Label of the line naming the service and organisation. */
  to: string;
  /** "Emergency food boxes, Riverside Community Food Bank". */
  destination(service: string, organization: string): string;
  /** Heading of the shared fields: "What Riverside Community Food Bank will receive". */
  receives(organization: string): string;
  /** Labels of the packet's fields (`name` is the client's name). */
  fields: { name: string; phone: string; email: string; address: string; language: string; interpreterNeeded: string; birthDate: string };
  interpreterYes: string;
  interpreterNo: string;
  /** Fields the basis allows but the client record has no value for: `fields` is a list in words. */
  notOnRecord(fields: string): string;
  /** The sentence that nothing else is shared. */
  nothingElse: string;
  /** Label of the basis line. */
  basis: string;
  basisConsent(given: string, until: string): string;
  basisConsentOpen(given: string): string;
  /** A consent is on file, but this actor may not read it (its dates). */
  basisConsentUndated: string;
  basisOverride(reason: string): string;
  /** No consent on file and an override may be given. */
  consentMissing(client: string, organization: string): string;
  /** No consent on file and no override is possible here. */
  consentMissingNoOverride(client: string, organization: string): string;
  /** Re-reads the preview (after a consent was recorded elsewhere). */
  checkAgain: string;
  overrideReason: string;
  /** Legend of the override's optional shares. */
  overrideShares: string;
  overrideHint: string;
  /** Re-previews with the override typed. */
  previewOverride: string;
  send: string;
  back: string;
  preparing: string;
  /** In the care-plan editor: after "consent is missing". */
  draftInstead: string;
  /** The referral changed (conflict) between preview and send. */
  changed: string;
  /** Sending was refused for want of consent after the preview showed one (it ended or was revoked). */
  consentEnded: string;
  /** The override typed differs from the one previewed: the preview was redone instead of sending. */
  updated: string;
}
