import { NEED_DOMAINS, type NeedDomain } from '../records/common.js';
import type { Answers } from './answers.js';
import { compileQuestionnaire } from './compile.js';
import { Evaluation } from './evaluation.js';
import type { QuestionnaireDefinition } from './questionnaire-schema.js';

/** Need domains whose rules hold for the answers: distinct, in NEED_DOMAINS order. Hidden answers do not count. */
export function deriveNeeds(definition: QuestionnaireDefinition, answers: Answers): NeedDomain[] {
  return needsOf(new Evaluation(compileQuestionnaire(definition), answers));
}

export function needsOf(evaluation: Evaluation): NeedDomain[] {
  const found = new Set<NeedDomain>();
  for (const { domain, rule } of evaluation.compiled.needRules) {
    if (!found.has(domain) && evaluation.testRule(rule)) found.add(domain);
  }
  return NEED_DOMAINS.filter((domain) => found.has(domain));
}
