import * as z from 'zod/mini';
import { ActorRefSchema, Id, Instant, LanguageTag, NeedDomainSchema, StatusChangeSchema } from '../records/common.js';
import { RecordMetaSchema } from '../records/record.js';
import { AnswersSchema } from '../questionnaire/answers.js';

/** FHIR QuestionnaireResponse statuses a stored assessment can have (drafts live in `drafts`). */
export const ASSESSMENT_STATUSES = ['completed', 'amended', 'entered-in-error'] as const;

/**
 * A completed questionnaire (FHIR QuestionnaireResponse), stored with its definition id and version so
 * it is always read against the questions that were asked. Scores, flags and derived needs are kept as
 * computed at submission, so a later change to scoring rules never rewrites history.
 */
export const AssessmentSchema = z.extend(RecordMetaSchema, {
  clientId: Id,
  caseId: Id,
  questionnaireId: z.string().check(z.minLength(1), z.maxLength(200)),
  questionnaireVersion: z.string().check(z.minLength(1), z.maxLength(50)),
  status: z.enum(ASSESSMENT_STATUSES),
  statusHistory: z.array(StatusChangeSchema),
  /** Answers without hidden or blank items. */
  answers: AnswersSchema,
  scores: z.record(
    z.string(),
    z.object({
      value: z.nullable(z.number()),
      band: z.optional(z.object({ code: z.string(), label: z.string() })),
      complete: z.boolean(),
    }),
  ),
  flags: z.array(z.object({ id: z.string(), label: z.string(), severity: z.enum(['info', 'warning', 'critical']) })),
  derivedNeeds: z.array(NeedDomainSchema),
  /** Language the questions were asked in. */
  language: z.optional(LanguageTag),
  completedAt: Instant,
  completedBy: ActorRefSchema,
});
export type Assessment = z.infer<typeof AssessmentSchema>;
