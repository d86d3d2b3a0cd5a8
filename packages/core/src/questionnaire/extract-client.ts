import type { Answers } from './answers.js';
import { compileQuestionnaire } from './compile.js';
import type { QuestionnaireDefinition } from './questionnaire-schema.js';

export interface ExtractedClientFields {
  language?: string;
  interpreterNeeded?: boolean;
}

const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/**
 * Client fields answered in a questionnaire (items marked with `extract`), from the stored (pruned)
 * response. Only top-level and non-repeating answers count; a choice code that is not a language
 * tag (such as `other`) is ignored.
 */
export function extractClientFields(definition: QuestionnaireDefinition, response: Answers): ExtractedClientFields {
  const fields: ExtractedClientFields = {};
  for (const node of compileQuestionnaire(definition).index.byLinkId.values()) {
    const item = node.item;
    if (!('extract' in item) || !item.extract) continue;
    const value = response[item.linkId];
    if (item.extract === 'client.language' && typeof value === 'string' && LANGUAGE_TAG.test(value)) fields.language = value;
    if (item.extract === 'client.interpreterNeeded' && typeof value === 'boolean') fields.interpreterNeeded = value;
  }
  return fields;
}
