import { ActorSchema, type Actor } from './records/common.js';
import * as z from 'zod/mini';
import { parse } from './internal/parse.js';
import { ManagerContext, type ManagerSettings } from './internal/context.js';
import { guard } from './internal/guard.js';
import { isTimeZone, runtimeTimeZone } from './internal/calendar.js';
import { defaultPolicy, type Policy, type PolicyRequest } from './policy/policy.js';
import type { ChangeListener, StoragePort, Unsubscribe } from './storage/storage-port.js';
import { createClientsApi, type ClientsApi } from './client/clients-api.js';
import { createCasesApi, type CasesApi } from './case/cases-api.js';
import { createAuditApi, type AuditApi } from './audit/audit-api.js';
import { createReferralsApi, type ReferralsApi } from './referral/referrals-api.js';
import { createConsentsApi, type ConsentsApi } from './consent/consents-api.js';
import { createDisclosuresApi, type DisclosuresApi } from './disclosures/disclosures-api.js';
import { createDirectoryApi, type DirectoryApi } from './directory/directory-api.js';
import { createPlansApi, type PlansApi } from './care-plan/plans-api.js';
import { createNotesApi, type NotesApi } from './note/notes-api.js';
import { createDraftsApi, type DraftsApi } from './draft/drafts-api.js';
import { createReportsApi, type ReportsApi } from './reports/caseload-report.js';
import { createWorkloadApi, type WorkloadApi } from './case-transfer/workload.js';
import { exportCaseload, importCaseload, type CaseloadExport, type ImportOptions } from './transfer/caseload-transfer.js';
import { createAssessmentsApi, type AssessmentsApi } from './assessment/assessments-api.js';
import { createSyncApi, type SyncApi } from './sync/sync-api.js';
import { parseQuestionnaire } from './questionnaire/compile.js';
import type { QuestionnaireDefinition } from './questionnaire/questionnaire-schema.js';
import type { ExpressionEngine } from './questionnaire/expressions.js';
import { createWorklistApi, parseWorklistSettings, type WorklistApi } from './worklist/worklist-api.js';
import type { WorklistSettings } from './worklist/worklist-schema.js';

export interface CaseManagerOptions {
  /** Where records live: `createMemoryStorage()`, `createDexieStorage(...)` from @casekit/storage-dexie, ... */
  storage: StoragePort;
  /** Who is acting. Every write and audit event is attributed to this actor. */
  actor: Actor;
  /** Who may do what. Default: `defaultPolicy` (case managers on their own caseload, supervisors on all, viewers read-only). */
  policy?: Policy;
  /** Current time. Default: `() => new Date()`. Inject a fixed clock in tests. */
  clock?: () => Date;
  /** New record ids. Default: `crypto.randomUUID()`. */
  ids?: () => string;
  /** Require a supervisor's approval before a case closes / a care plan becomes active. Default: both off. */
  approvals?: Partial<ManagerSettings['approvals']>;
  /** Days a sent referral may wait for acceptance or rejection before it is overdue. Default: 3. */
  referralAcknowledgementDays?: number;
  /** Your own questionnaire definitions, beside the shipped ones (social-needs intake, PHQ-9). Validated here. */
  questionnaires?: QuestionnaireDefinition[];
  /**
   * Evaluates SDC expressions (e.g. `createFhirPathEngine()` from @casekit/fhir) when an assessment is
   * submitted: calculated answers (a PHQ-9 total) are recomputed rather than taken as sent, and items an
   * `enableWhenExpression` hides are not required. Without one, a questionnaire's expressions do not run
   * in core (the intake form still shows them when it has an engine).
   */
  expressionEngine?: ExpressionEngine;
  /**
   * The IANA time zone whose calendar decides "today": what is due today, overdue, or up for review
   * (`America/Los_Angeles`). Default: the runtime's. Set it when the host serves an agency in one zone
   * from a server in another; the elements take "today" from `manager.today()`.
   */
  timeZone?: string;
  /**
   * The worklist's rules: ranking weights over `DEFAULT_WORKLIST_RANKING`, how many days ahead an
   * expiring consent is listed (default 14), and after how many days a sent referral is overdue for
   * completion (default 30). Each `manager.worklist(...)` call may override them.
   */
  worklist?: WorklistSettings;
}

/** The case-management API for one actor over one storage. */
export interface CaseManager {
  readonly actor: Actor;
  readonly storage: StoragePort;
  /** The time zone "today" is decided in (see `CaseManagerOptions.timeZone`). */
  readonly timeZone: string;
  /** Today's date (`YYYY-MM-DD`) by the manager's clock in its time zone: the day due and overdue are judged by. */
  today(): string;
  readonly clients: ClientsApi;
  readonly cases: CasesApi;
  readonly audit: AuditApi;
  /** Closed-loop referrals to directory or free-text services (Gravity SDOH Task flow). */
  readonly referrals: ReferralsApi;
  /** Client consents (FHIR Consent), e.g. to share information with a provider. */
  readonly consents: ConsentsApi;
  /** The accounting of disclosures of a client's information (HIPAA §164.528): referrals sent, provider access, exports. */
  readonly disclosures: DisclosuresApi;
  /** The service directory: provider organisations and their services (Open Referral HSDS shape). */
  readonly directory: DirectoryApi;
  /** Care plans with goals, interventions/tasks and progress entries. */
  readonly plans: PlansApi;
  /** Contact and progress notes; signed notes are immutable, corrected by amendments. */
  readonly notes: NotesApi;
  /** Work in progress (e.g. an intake form) that survives reloads; private to the actor. */
  readonly drafts: DraftsApi;
  /**
   * The actor's "today" queue: contacts due, overdue referrals, plan reviews and tasks due, expiring
   * consents, approvals waiting and new referrals, ranked with reasons. `worklist.snooze` / `worklist.done` act on a row.
   */
  readonly worklist: WorklistApi;
  /** Caseload metrics over a period, and acuity-weighted workloads for balancing (`workload`, `previewTransfer`). */
  readonly reports: ReportsApi & WorkloadApi;
  /** Completed questionnaires (intake, PHQ-9, ...) with scores and derived needs. */
  readonly assessments: AssessmentsApi;
  /**
   * The sync with a system of record elsewhere, when the storage has one (`@casekit/storage-fhir`):
   * online and queue status, and the conflicts of changes made offline. Undefined on local storages.
   */
  readonly sync: SyncApi | undefined;
  /**
   * Every record of every collection this actor may read, as JSON (audited as one `export` event;
   * supervisors and admins by default). Records the policy hides from the actor are left out.
   */
  exportCaseload(): Promise<CaseloadExport>;
  /**
   * Loads an export, all or nothing: every record is validated (schemas, ids unique in the file,
   * references resolvable in the file or in storage, audit events only added, never changed) before
   * anything is written; then the parsed records are stored as one unit, with progress, together with
   * one `import` audit event. Any failure — an invalid file, a storage error, a throwing `onProgress` —
   * leaves storage as it was.
   */
  importCaseload(data: unknown, options?: ImportOptions): Promise<{ imported: Record<string, number> }>;
  /**
   * Whether the policy lets this actor do something, without trying it: for UIs that offer only
   * allowed actions. Pass the record and, for case-scoped records, its case, as the API would.
   */
  can(request: Omit<PolicyRequest, 'actor'>): boolean;
  /**
   * Called after every committed change, including changes from other tabs (`remote: true`). Changes
   * to the audit log (every read writes one event) are left out unless `includeAudit` is set.
   */
  subscribe(listener: ChangeListener, options?: { includeAudit?: boolean }): Unsubscribe;
  /** The same manager acting as someone else (e.g. a role switch in a demo), sharing storage and options. */
  withActor(actor: Actor): CaseManager;
}

export function createCaseManager(options: CaseManagerOptions): CaseManager {
  const actor = parse(ActorSchema, options.actor, ['actor']);
  const settings: ManagerSettings = {
    approvals: { caseClosure: false, planActivation: false, ...options.approvals },
    referralAcknowledgementDays: options.referralAcknowledgementDays ?? 3,
    // The host's definitions; shipped instruments (intake, PHQ-9) are loaded on first use unless a host
    // definition has the same id.
    questionnaires: new Map((options.questionnaires ?? []).map((q) => parseQuestionnaire(q)).map((q) => [q.id, q])),
    ...(options.expressionEngine ? { expressionEngine: options.expressionEngine } : {}),
    timeZone: parse(TimeZoneSchema, options.timeZone ?? runtimeTimeZone(), ['timeZone']),
  };
  const context = new ManagerContext(
    options.storage,
    actor,
    options.policy ?? defaultPolicy,
    options.clock ?? (() => new Date()),
    options.ids ?? randomId,
    settings,
  );
  const worklistMethods = guard(context, 'worklist', createWorklistApi(context, parseWorklistSettings(options.worklist)));
  const worklist: WorklistApi = Object.assign((worklistOptions?: Parameters<WorklistApi>[0]) => worklistMethods.list(worklistOptions), {
    snooze: worklistMethods.snooze,
    done: worklistMethods.done,
  });
  const transfer = guard(context, 'manager', {
    exportCaseload: () => exportCaseload(context),
    importCaseload: (data: unknown, importOptions?: ImportOptions) => importCaseload(context, data, importOptions),
  });
  return {
    actor,
    storage: options.storage,
    timeZone: settings.timeZone,
    today: () => context.today(),
    clients: guard(context, 'clients', createClientsApi(context)),
    cases: guard(context, 'cases', createCasesApi(context)),
    audit: guard(context, 'audit', createAuditApi(context)),
    referrals: guard(context, 'referrals', createReferralsApi(context)),
    consents: guard(context, 'consents', createConsentsApi(context)),
    disclosures: guard(context, 'disclosures', createDisclosuresApi(context)),
    directory: guard(context, 'directory', createDirectoryApi(context)),
    plans: guard(context, 'plans', createPlansApi(context)),
    notes: guard(context, 'notes', createNotesApi(context)),
    drafts: guard(context, 'drafts', createDraftsApi(context)),
    worklist,
    reports: guard(context, 'reports', { ...createReportsApi(context), ...createWorkloadApi(context) }),
    assessments: guard(context, 'assessments', createAssessmentsApi(context)),
    sync: options.storage.sync ? guard(context, 'sync', createSyncApi(context, options.storage.sync)) : undefined,
    exportCaseload: transfer.exportCaseload,
    importCaseload: transfer.importCaseload,
    can: (request) => context.allows(request),
    subscribe: (listenerInput, subscribeOptionsInput) => {
      // Checked here, not at the first change: a listener that is not a function would fail on every change.
      const listener = parse(z.custom<ChangeListener>((value) => typeof value === 'function', 'The listener must be a function'), listenerInput, ['listener']);
      const subscribeOptions = parse(z.strictObject({ includeAudit: z.optional(z.boolean()) }), subscribeOptionsInput ?? {}, ['options']);
      return options.storage.subscribe((batch) => {
        // Reads write audit events; a host that reloads on every change and reads on every reload
        // would loop forever if those reached it. Audit changes are delivered only when asked for.
        const changes = subscribeOptions.includeAudit ? batch.changes : batch.changes.filter((c) => c.collection !== 'audit');
        if (changes.length) listener(changes.length === batch.changes.length ? batch : { ...batch, changes });
      });
    },
    withActor: (next) => createCaseManager({ ...options, actor: next }),
  };
}

const TimeZoneSchema = z.string().check(z.refine(isTimeZone, 'Use an IANA time zone, e.g. "America/Los_Angeles" or "UTC"'));

function randomId(): string {
  if (crypto?.randomUUID) return crypto.randomUUID();
  // Non-secure contexts (e.g. a page opened from file://) lack randomUUID; getRandomValues is enough for ids.
  const bytes = crypto ? crypto.getRandomValues(new Uint8Array(16)) : Uint8Array.from({ length: 16 }, () => Math.floor(Math.random() * 256));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
