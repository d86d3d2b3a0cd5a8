import type { Answers, CaseManager, ClientInput, Priority } from '@casekit/core';
import type { IntakeSubmittedDetail } from '../../events/events.js';
import type { IntakeSubmitResult } from './intake-types.js';

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
