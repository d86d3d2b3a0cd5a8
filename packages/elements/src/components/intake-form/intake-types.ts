import type { Answers, Assessment, IntakeResult, Priority } from '@casekit/core';

/** The client fields of the intake section (all strings as typed, so a draft restores them exactly). */
export interface IntakeClientFields {
  given: string;
  family: string;
  birthDate: string;
  phone: string;
  /** BCP 47 tag or ''. */
  language: string;
  interpreterNeeded: boolean;
}

/** The case fields of the intake section. */
export interface IntakeCaseFields {
  program: string;
  priority: Priority;
}

/** What `<ck-intake-form>` keeps in a draft (`manager.drafts`, `data`) and in its form state. */
export interface IntakeDraftData {
  format: 'ck-intake-form/1';
  questionnaireId: string;
  questionnaireVersion: string;
  /** Every answer typed, including answers to questions hidden right now. */
  answers: Answers;
  client: IntakeClientFields;
  caseFields: IntakeCaseFields;
}

/** What `submit()` resolves to once saved. */
export type IntakeSubmitResult = { mode: 'intake'; result: IntakeResult } | { mode: 'assessment'; assessment: Assessment };

/** `intake`: creates client + case + assessment; `assessment`: adds an assessment to `case-id`; `answers`: no submit (a host form owns it). */
export type IntakeFormMode = 'intake' | 'assessment' | 'answers';

/** Where the form is: being edited, loading a stored draft, saving, or saved (the confirmation shows). */
export type IntakePhase = 'editing' | 'loading' | 'submitting' | 'submitted';
