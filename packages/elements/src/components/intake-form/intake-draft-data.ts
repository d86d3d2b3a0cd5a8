import { parseAnswers, PRIORITIES, type Answers, type Priority, type QuestionnaireDefinition } from '@casekit/core';
import { emptyClient } from './intake-client-section.js';
import type { IntakeCaseFields, IntakeClientFields, IntakeDraftData } from './intake-types.js';

/** What the form keeps in a draft: every answer (hidden ones too) and the client and case fields as typed. */
export function draftDataOf(definition: QuestionnaireDefinition, answers: Answers, client: IntakeClientFields, caseFields: IntakeCaseFields): IntakeDraftData {
  return { format: 'ck-intake-form/1', questionnaireId: definition.id, questionnaireVersion: definition.version, answers, client, caseFields };
}

/**
 * A stored draft read back, every field checked (drafts come from storage and other tabs); undefined
 * when it is not a draft of this questionnaire.
 */
export function parseDraftData(
  data: unknown,
  definition: QuestionnaireDefinition,
  defaultPriority: Priority,
): { answers: Answers; client: IntakeClientFields; caseFields: IntakeCaseFields } | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const draft = data as Partial<IntakeDraftData>;
  if (draft.format !== 'ck-intake-form/1' || draft.questionnaireId !== definition.id) return undefined;
  let answers: Answers;
  try {
    answers = parseAnswers(draft.answers ?? {});
  } catch {
    return undefined;
  }
  const client = draft.client ?? emptyClient();
  const fields = draft.caseFields;
  return {
    answers,
    client: {
      given: String(client.given ?? ''),
      family: String(client.family ?? ''),
      birthDate: String(client.birthDate ?? ''),
      phone: String(client.phone ?? ''),
      language: String(client.language ?? ''),
      interpreterNeeded: client.interpreterNeeded === true,
    },
    caseFields: {
      program: String(fields?.program ?? ''),
      priority: (PRIORITIES as readonly string[]).includes(fields?.priority ?? '') ? fields!.priority : defaultPriority,
    },
  };
}
