import { displayName, extractClientFields, type Answers, type CaseManager, type ClientInput, type Priority, type QuestionnaireDefinition, type ResponseEvaluation } from '@casekit/core';
import type { LocalizeController } from '../../controllers/localize-controller.js';
import type { IntakeSubmitDetail, IntakeSubmittedDetail } from '../../events/events.js';
import { clientInput } from './intake-client-section.js';
import { duplicatesAnnouncement } from './intake-confirmation.js';
import type { IntakeFormState } from './intake-form-state.js';
import type { IntakeSubmitResult } from './intake-types.js';

// What a submit of <ck-intake-form> sends and says once validated: the cancelable event's detail, the
// one save core is asked for (an assessment on the case, or client + case + assessment), what that
// save resolves to and what `ck-intake-submitted` carries, and the sentence announced once saved.

/** What both kinds of save send: the questionnaire, the stored answers, the draft to discard with them. */
export interface SubmissionCommon {
  questionnaireId: string;
  questionnaireVersion: string;
  answers: Answers;
  draftKey: string;
  /** The UI language, when it is a language tag (the language the answers were given in). */
  language?: string;
}

export type Submission =
  | { mode: 'assessment'; caseId: string; common: SubmissionCommon }
  | { mode: 'intake'; client: ClientInput | { id: string }; case: { program: string; priority: Priority }; common: SubmissionCommon };

const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** The language field of a submission: only a real language tag is sent. */
export const submissionLanguage = (lang: string): { language?: string } => (LANGUAGE_TAG.test(lang) ? { language: lang } : {});

/**
 * Saves through core in one call — an assessment on the case, or client + case + assessment in one
 * transaction (an existing client when `client` is `{ id }`) — and says what `submit()` resolves to
 * and what `ck-intake-submitted` carries.
 */
export async function saveSubmission(manager: CaseManager, submission: Submission): Promise<{ saved: IntakeSubmitResult; submitted: IntakeSubmittedDetail }> {
  if (submission.mode === 'assessment') {
    const assessment = await manager.assessments.submit({ caseId: submission.caseId, ...submission.common });
    return {
      saved: { mode: 'assessment', assessment },
      submitted: { mode: 'assessment', clientId: assessment.clientId, caseId: assessment.caseId, assessmentId: assessment.id, assessment, possibleDuplicates: [] },
    };
  }
  const result = await manager.assessments.intake({ client: submission.client, case: submission.case, ...submission.common });
  return {
    saved: { mode: 'intake', result },
    submitted: {
      mode: 'intake',
      clientId: result.client.id,
      caseId: result.case.id,
      assessmentId: result.assessment.id,
      client: result.client,
      case: result.case,
      assessment: result.assessment,
      possibleDuplicates: result.possibleDuplicates,
    },
  };
}

/** What a submit reads from the form once its answers are valid. */
export interface SubmitInput {
  definition: QuestionnaireDefinition;
  evaluation: ResponseEvaluation;
  mode: 'intake' | 'assessment';
  /** The client and case fields as typed, and which client fields the questionnaire asks itself. */
  state: Pick<IntakeFormState, 'client' | 'caseFields' | 'asks'>;
  /** The element's `client-id`, `case-id` and `program`. */
  clientId: string | undefined;
  caseId: string | undefined;
  program: string | undefined;
  /** The existing client picked from the possible duplicates instead of the client fields. */
  chosenClientId: string | undefined;
  draftKey: string;
}

/** The `ck-intake-submit` detail, and the save to make once the host did not veto it (`draftKey` and `lang` read then). */
export function prepareSubmit(input: SubmitInput): { detail: IntakeSubmitDetail; submission(draftKey: string, lang: string): Submission } {
  const { definition, evaluation, mode, state } = input;
  const client = mode === 'intake' ? clientInput(state.client, input.clientId ?? input.chosenClientId, state.asks, extractClientFields(definition, evaluation.response)) : undefined;
  const caseInput = mode === 'intake' ? { program: input.program || state.caseFields.program, priority: state.caseFields.priority } : undefined;
  const detail: IntakeSubmitDetail = {
    mode,
    questionnaireId: definition.id,
    questionnaireVersion: definition.version,
    answers: evaluation.response,
    scores: evaluation.scores,
    flags: evaluation.flags,
    needs: evaluation.needs,
    draftKey: input.draftKey,
    ...(client ? { client } : {}),
    ...(caseInput ? { case: caseInput } : {}),
    ...(input.caseId ? { caseId: input.caseId } : {}),
    ...(input.clientId || input.chosenClientId !== undefined ? { clientId: input.clientId ?? input.chosenClientId! } : {}),
  };
  const submission = (draftKey: string, lang: string): Submission => {
    const common = { questionnaireId: definition.id, questionnaireVersion: definition.version, answers: evaluation.response, draftKey, ...submissionLanguage(lang) };
    return mode === 'assessment' ? { mode, caseId: input.caseId!, common } : { mode: 'intake', client: client!, case: caseInput!, common };
  };
  return { detail, submission };
}

/** What the live region says once saved: the assessment, or the client's intake and any possible duplicates. */
export function savedAnnouncement(saved: IntakeSubmitResult, localize: LocalizeController): string {
  const tf = localize.t.intakeForm;
  if (saved.mode === 'assessment') return tf.assessmentSaved;
  const saidDuplicates = duplicatesAnnouncement(saved.result.possibleDuplicates, localize);
  return [tf.intakeSaved(displayName(saved.result.client.name)), saidDuplicates].filter(Boolean).join(' ');
}
