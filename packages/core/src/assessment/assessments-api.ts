import * as z from 'zod/mini';
import { NotFoundError, ValidationError } from '../errors/errors.js';
import type { ManagerContext } from '../internal/context.js';
import { parse, parseId, parseRef, ReasonSchema } from '../internal/parse.js';
import type { VersionRef, Writer } from '../internal/writer.js';
import { actorRef, Id, LanguageTag } from '../records/common.js';
import { CaseFieldsSchema, CaseSchema, type CaseRecord, type RiskLevel } from '../case/case-schema.js';
import { mergeNeeds } from '../case/needs.js';
import { ClientInputSchema, ClientSchema, displayName, type Client, type ClientInput } from '../client/client-schema.js';
import type { DuplicateCandidate } from '../client/duplicates.js';
import { duplicateHints } from '../client/duplicate-hints.js';
import { draftStorageId } from '../draft/drafts-api.js';
import type { Draft } from '../draft/draft-schema.js';
import { AnswersSchema, type Answers } from '../questionnaire/answers.js';
import { evaluateResponse, type ResponseEvaluation } from '../questionnaire/evaluate-response.js';
import { applyExpressions } from '../questionnaire/expressions.js';
import { isInstrumentId, loadInstrument } from '../questionnaire/instruments/registry.js';
import { extractClientFields } from '../questionnaire/extract-client.js';
import type { QuestionnaireDefinition } from '../questionnaire/questionnaire-schema.js';
import type { ScoreResult } from '../questionnaire/scoring.js';
import { AssessmentSchema, type Assessment } from './assessment-schema.js';

const SubmitSchema = z.object({
  caseId: Id,
  questionnaireId: z.string().check(z.minLength(1)),
  /** Defaults to the version the manager knows. */
  questionnaireVersion: z.optional(z.string().check(z.minLength(1))),
  answers: AnswersSchema,
  language: z.optional(LanguageTag),
  /** Draft to discard in the same transaction once the assessment is stored. */
  draftKey: z.optional(z.string().check(z.minLength(1))),
});
export type SubmitAssessmentInput = z.input<typeof SubmitSchema>;

const IntakeSchema = z.object({
  /** A new client, or `{ id }` of an existing one (e.g. after the host chose to link a duplicate). */
  client: z.union([z.strictObject({ id: Id }), ClientInputSchema]),
  case: z.extend(CaseFieldsSchema, { status: z._default(z.enum(['intake', 'active']), 'intake') }),
  questionnaireId: z.string().check(z.minLength(1)),
  questionnaireVersion: z.optional(z.string().check(z.minLength(1))),
  answers: AnswersSchema,
  language: z.optional(LanguageTag),
  draftKey: z.optional(z.string().check(z.minLength(1))),
});
export type IntakeInput = Omit<z.input<typeof IntakeSchema>, 'client'> & { client: ClientInput | { id: string } };

export interface IntakeResult {
  client: Client;
  case: CaseRecord;
  assessment: Assessment;
  /** Existing clients that look like the new one (empty when an existing client was used). */
  possibleDuplicates: DuplicateCandidate[];
}

export interface AssessmentsApi {
  /**
   * The definition for an id (and version), at once: those given to `createCaseManager`, and the
   * shipped instruments (intake, PHQ-9) once loaded — `loadDefinition` loads them; a `NotFoundError`
   * otherwise.
   */
  definition(questionnaireId: string, version?: string): QuestionnaireDefinition;
  /**
   * The definition for an id (and version), loading a shipped instrument on first use (each is a chunk
   * of its own, so a host downloads only the instruments it runs). `submit` and `intake` do this
   * themselves.
   */
  loadDefinition(questionnaireId: string, version?: string): Promise<QuestionnaireDefinition>;
  /**
   * Stores a completed questionnaire for a case. Answers are validated against the definition
   * (`ValidationError` paths like `['answers', 'household', 0, 'age']`); hidden items are dropped;
   * scores, flags and needs are computed; derived needs are added to the case and a critical flag
   * raises the case's risk level to high — all in one transaction.
   */
  submit(input: SubmitAssessmentInput): Promise<Assessment>;
  /** A whole intake in one transaction: the client (new or existing), a new case, and the assessment. */
  intake(input: IntakeInput): Promise<IntakeResult>;
  get(id: string): Promise<Assessment>;
  /** A case's assessments, newest first. */
  forCase(caseId: string): Promise<Assessment[]>;
  /** Marks an assessment as recorded in error (it stays in the record, excluded from reports). */
  markEnteredInError(ref: VersionRef, reason: string): Promise<Assessment>;
}

const RISK_ORDER: RiskLevel[] = ['low', 'moderate', 'high'];

/**
 * The highest risk an assessment's results call for: a critical flag means high; a complete score in a
 * band with `raisesRisk` means that level (a severe PHQ-9 total with item 9 at 0 is still a risk).
 */
function riskRaisedBy(flags: readonly { id: string; severity: string }[], scores: Readonly<Record<string, ScoreResult>>): { level: RiskLevel; because: string } | undefined {
  const causes: { level: RiskLevel; because: string }[] = [];
  const critical = flags.filter((flag) => flag.severity === 'critical');
  if (critical.length) causes.push({ level: 'high', because: `flag ${critical.map((f) => f.id).join(', ')}` });
  for (const [id, score] of Object.entries(scores)) {
    if (score.raisesRisk) causes.push({ level: score.raisesRisk, because: `score ${id} ${score.value} (${score.band?.code ?? ''})` });
  }
  const level = causes.reduce<RiskLevel | undefined>((top, c) => (!top || RISK_ORDER.indexOf(c.level) > RISK_ORDER.indexOf(top) ? c.level : top), undefined);
  return level && { level, because: causes.filter((c) => c.level === level).map((c) => c.because).join('; ') };
}

interface Evaluated {
  questions: QuestionnaireDefinition;
  evaluation: ResponseEvaluation;
}

const QuestionnaireIdSchema = z.string().check(z.minLength(1), z.maxLength(200));
const VersionSchema = z.optional(z.string().check(z.minLength(1), z.maxLength(100)));

export function createAssessmentsApi(context: ManagerContext): AssessmentsApi {
  // Shipped instruments as they are loaded; a host definition with the same id always wins.
  const instruments = new Map<string, QuestionnaireDefinition>();
  const lookup = (id: string) => context.settings.questionnaires.get(id) ?? instruments.get(id);

  function definition(questionnaireIdInput: string, versionInput?: string): QuestionnaireDefinition {
    const questionnaireId = parse(QuestionnaireIdSchema, questionnaireIdInput, ['questionnaireId']);
    const version = parse(VersionSchema, versionInput, ['version']);
    const found = lookup(questionnaireId);
    if (!found || (version !== undefined && found.version !== version)) {
      throw new NotFoundError('questionnaires', version ? `${questionnaireId}@${version}` : questionnaireId);
    }
    return found;
  }

  async function loadDefinition(questionnaireIdInput: string, versionInput?: string): Promise<QuestionnaireDefinition> {
    const questionnaireId = parse(QuestionnaireIdSchema, questionnaireIdInput, ['questionnaireId']);
    if (!lookup(questionnaireId) && isInstrumentId(questionnaireId)) {
      const loaded = await loadInstrument(questionnaireId);
      if (loaded) instruments.set(questionnaireId, loaded);
    }
    return definition(questionnaireId, versionInput);
  }

  /** The definition and the evaluation of valid answers; invalid answers are a ValidationError under `answers`. */
  function evaluateValid(input: Omit<SubmitAssessmentInput, 'caseId'>): Evaluated {
    const questions = definition(input.questionnaireId, input.questionnaireVersion);
    const engine = context.settings.expressionEngine;
    // Calculated answers are recomputed from the others, never taken as sent.
    const expressions = engine ? applyExpressions(questions, input.answers as Answers, engine) : undefined;
    const evaluation = evaluateResponse(questions, expressions?.answers ?? (input.answers as Answers), {
      ...(input.language ? { lang: input.language } : {}),
      ...(expressions ? { expressions } : {}),
    });
    if (evaluation.issues.length) {
      throw new ValidationError(evaluation.issues.map((issue) => ({ ...issue, path: ['answers', ...issue.path] })), 'Some answers need attention');
    }
    return { questions, evaluation };
  }

  /** Queues the assessment and its effects on the case (derived needs, risk raised by a critical flag). */
  function queueAssessment(writer: Writer, caseRecord: CaseRecord, caseBasedOn: 'new' | 'stored', input: Omit<SubmitAssessmentInput, 'caseId'>, { questions, evaluation }: Evaluated): { assessment: Assessment; case: CaseRecord } {
    const flags = evaluation.flags.map(({ id, label, severity }) => ({ id, label, severity }));
    const assessment = writer.create(
      'assessments',
      AssessmentSchema,
      {
        clientId: caseRecord.clientId,
        caseId: caseRecord.id,
        questionnaireId: questions.id,
        questionnaireVersion: questions.version,
        status: 'completed',
        statusHistory: [{ from: null, to: 'completed', at: writer.timestamp, by: actorRef(context.actor) }],
        answers: evaluation.response,
        scores: Object.fromEntries(
          Object.entries(evaluation.scores).map(([id, s]) => [id, { value: s.value, ...(s.band ? { band: s.band } : {}), complete: s.complete }]),
        ),
        flags,
        derivedNeeds: evaluation.needs,
        ...(input.language ? { language: input.language } : {}),
        completedAt: writer.timestamp,
        completedBy: actorRef(context.actor),
      },
      { caseId: caseRecord.id, clientId: caseRecord.clientId },
    );
    const needs = mergeNeeds(caseRecord.needs, evaluation.needs, { source: 'assessment', assessmentId: assessment.id, at: writer.timestamp });
    const riskRaise = riskRaisedBy(flags, evaluation.scores);
    const riskLevel: RiskLevel = riskRaise && RISK_ORDER.indexOf(riskRaise.level) > RISK_ORDER.indexOf(caseRecord.riskLevel) ? riskRaise.level : caseRecord.riskLevel;
    let updatedCase = caseRecord;
    if (needs.length !== caseRecord.needs.length || riskLevel !== caseRecord.riskLevel) {
      const next = { ...caseRecord, needs, riskLevel };
      if (caseBasedOn === 'new') {
        // The case is created in this same batch: replace its queued creation instead of updating it.
        updatedCase = writer.replaceCreated('cases', CaseSchema, next);
      } else {
        updatedCase = writer.update('cases', CaseSchema, caseRecord, next, {
          caseId: caseRecord.id,
          clientId: caseRecord.clientId,
          ...(riskLevel !== caseRecord.riskLevel ? { reason: `risk raised by assessment ${riskRaise!.because}` } : {}),
        });
      }
    }
    return { assessment, case: updatedCase };
  }

  async function queueDraftDiscard(writer: Writer, draftKey: string | undefined): Promise<void> {
    if (!draftKey) return;
    const draft = await context.storage.get<Draft & { id: string; version: number }>('drafts', draftStorageId(context.actor.id, draftKey));
    if (draft) writer.delete('drafts', draft, { caseId: draft.caseId, clientId: draft.clientId });
  }

  return {
    definition,
    loadDefinition,

    async submit(input) {
      const fields = parse(SubmitSchema, input);
      await loadDefinition(fields.questionnaireId, fields.questionnaireVersion);
      const caseRecord = await context.loadCase(fields.caseId);
      context.authorize({ action: 'create', collection: 'assessments', case: caseRecord });
      const writer = context.writer();
      const { assessment } = queueAssessment(writer, caseRecord, 'stored', fields, evaluateValid(fields));
      await queueDraftDiscard(writer, fields.draftKey);
      await writer.commit();
      return assessment;
    },

    async intake(input) {
      const fields = parse(IntakeSchema, input);
      await loadDefinition(fields.questionnaireId, fields.questionnaireVersion);
      const evaluated = evaluateValid(fields);
      const writer = context.writer();
      let client: Client;
      let possibleDuplicates: DuplicateCandidate[] = [];
      if ('id' in fields.client) {
        client = await context.load<Client>('clients', fields.client.id);
        // Opening a case for someone already on file needs read access to them: otherwise an intake
        // would put a colleague's client on this actor's caseload.
        context.authorizeClientRead(client, await context.casesOfClient(client.id));
      } else {
        // What the client said in the questionnaire fills the client record; a "yes, I need an
        // interpreter" in either place is never lost.
        const extracted = extractClientFields(evaluated.questions, evaluated.evaluation.response);
        fields.client = {
          ...fields.client,
          language: fields.client.language ?? extracted.language,
          interpreterNeeded: fields.client.interpreterNeeded || extracted.interpreterNeeded === true,
        };
        context.authorize({ action: 'create', collection: 'clients', record: fields.client });
        client = writer.create('clients', ClientSchema, fields.client);
      }
      const assignee = fields.case.assigneeId === undefined && context.actor.role === 'case-manager' ? { assigneeId: context.actor.id, assigneeName: context.actor.name } : {};
      const caseDraft = {
        ...fields.case,
        ...assignee,
        clientId: client.id,
        clientName: displayName(client.name),
        clientInterpreterNeeded: client.interpreterNeeded,
        statusHistory: [{ from: null, to: fields.case.status, at: writer.timestamp, by: actorRef(context.actor) }],
        openedAt: writer.timestamp,
        ...(fields.case.status === 'active' ? { activatedAt: writer.timestamp } : {}),
      };
      context.authorize({ action: 'create', collection: 'cases', record: caseDraft, case: caseDraft as unknown as CaseRecord });
      const created = writer.create('cases', CaseSchema, caseDraft, { clientId: client.id });
      const { assessment, case: caseRecord } = queueAssessment(writer, created, 'new', fields, evaluated);
      await queueDraftDiscard(writer, fields.draftKey);
      if (!('id' in fields.client)) {
        // Look for duplicates only once the intake is known to be valid, and report them beside the result.
        possibleDuplicates = await duplicateHints(context, writer, fields.client as Client);
      }
      await writer.commit();
      return { client, case: caseRecord, assessment, possibleDuplicates };
    },

    async get(idInput) {
      const assessment = await context.load<Assessment>('assessments', parseId(idInput));
      context.authorize({ action: 'read', collection: 'assessments', record: assessment, case: await context.loadCase(assessment.caseId) });
      await context.disclose('assessments', [assessment], { caseId: assessment.caseId, clientId: assessment.clientId });
      return assessment;
    },

    async forCase(caseIdInput) {
      const caseId = parseId(caseIdInput, ['caseId']);
      const caseRecord = await context.loadCase(caseId);
      context.authorize({ action: 'read', collection: 'assessments', record: { caseId }, case: caseRecord });
      const page = await context.storage.find<Assessment & { id: string; version: number }>('assessments', { index: 'caseId+completedAt', prefix: [caseId], reverse: true });
      const readable = page.items.filter((record) => context.allows({ action: 'read', collection: 'assessments', record, case: caseRecord }));
      await context.disclose('assessments', readable, { scope: caseId, caseId, clientId: caseRecord.clientId });
      return readable;
    },

    async markEnteredInError(refInput, reasonInput) {
      const ref = parseRef(refInput);
      const reason = parse(ReasonSchema, reasonInput, ['reason']);
      const before = await context.load<Assessment>('assessments', ref.id);
      const caseRecord = await context.loadCase(before.caseId);
      context.authorize({ action: 'transition', collection: 'assessments', record: before, case: caseRecord });
      if (before.status === 'entered-in-error') throw new ValidationError([{ path: ['status'], message: 'Already marked as entered in error', code: 'invalid' }]);
      const writer = context.writer();
      const next = { ...before, status: 'entered-in-error' as const, statusHistory: [...before.statusHistory, { from: before.status, to: 'entered-in-error', at: writer.timestamp, by: actorRef(context.actor), reason }] };
      const assessment = writer.update('assessments', AssessmentSchema, before, next, { action: 'transition', caseId: before.caseId, clientId: before.clientId, transition: { from: before.status, to: 'entered-in-error' }, reason }, ref.version);
      await writer.commit();
      return assessment;
    },
  };
}
