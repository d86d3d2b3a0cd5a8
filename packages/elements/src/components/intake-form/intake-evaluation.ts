import {
  applyExpressions,
  evaluateResponse,
  visibleItems,
  type Answers,
  type ExpressionEngine,
  type ExpressionResult,
  type QuestionnaireDefinition,
  type ResponseEvaluation,
  type ResponseIssue,
  type VisibleItem,
} from '@casekit/core';

/** One evaluation of the answers: what is shown, where each problem goes, and core's response, scores, flags and needs. */
export interface IntakeEvaluation {
  /** The answers with calculated ones written in (so they are saved and submitted like typed ones). */
  answers: Answers;
  evaluation: ResponseEvaluation;
  /** Visible items in form order. */
  order: VisibleItem[];
  visible: Map<string, VisibleItem>;
  /** A visible item's key by its answer path (`household.0.age`), to place core's issues. */
  byPath: Map<string, string>;
  /** The first problem of each visible item. */
  issuesByKey: Map<string, ResponseIssue>;
  /** Keys of items an expression calculates (shown read-only). */
  calculated: ReadonlySet<string>;
}

export function evaluateIntake(definition: QuestionnaireDefinition, draft: Answers, engine: ExpressionEngine | undefined, lang: string): IntakeEvaluation {
  let expressions: ExpressionResult | undefined;
  let answers = draft;
  if (engine) {
    expressions = applyExpressions(definition, answers, engine);
    answers = expressions.answers;
  }
  const evaluation = evaluateResponse(definition, answers, expressions ? { lang, expressions } : { lang });
  const order = visibleItems(definition, answers, expressions ? { expressions } : {});
  const byPath = new Map(order.map((v) => [v.path.join('.'), v.key]));
  const issuesByKey = new Map<string, ResponseIssue>();
  for (const issue of evaluation.issues) {
    if (issue.code === 'unknown') continue; // answers to removed questions: dropped on submit, not the user's problem
    const key = byPath.get(issue.path.join('.'));
    if (key !== undefined && !issuesByKey.has(key)) issuesByKey.set(key, issue);
  }
  return { answers, evaluation, order, visible: new Map(order.map((v) => [v.key, v])), byPath, issuesByKey, calculated: expressions?.calculated ?? new Set() };
}
