import type { NeedDomain } from '../records/common.js';
import type { Answers } from './answers.js';
import { compileQuestionnaire } from './compile.js';
import { needsOf } from './derive-needs.js';
import { Evaluation, type ExpressionOutcome } from './evaluation.js';
import type { QuestionnaireDefinition } from './questionnaire-schema.js';
import { flagsOf, scoresOf, type FlagResult, type ScoreResult } from './scoring.js';
import { collectIssues, type ResponseIssue } from './validate-response.js';
import { pruneFrame } from './visibility.js';

export interface ResponseEvaluation {
  /** The answers as they would be stored (hidden and blank answers dropped). */
  response: Answers;
  issues: ResponseIssue[];
  scores: Record<string, ScoreResult>;
  flags: FlagResult[];
  needs: NeedDomain[];
}

/**
 * Everything a form shows after an edit, from one evaluation (visibility is computed once and shared):
 * the stored response, issues, scores, flags and derived needs.
 */
export function evaluateResponse(
  definition: QuestionnaireDefinition,
  answers: Answers,
  options: { lang?: string; expressions?: ExpressionOutcome } = {},
): ResponseEvaluation {
  const evaluation = new Evaluation(compileQuestionnaire(definition), answers, options.expressions ?? null);
  return {
    response: pruneFrame(evaluation, evaluation.compiled.index.roots, evaluation.root, {}),
    issues: collectIssues(evaluation, options),
    scores: scoresOf(evaluation, options),
    flags: flagsOf(evaluation, options),
    needs: needsOf(evaluation),
  };
}
