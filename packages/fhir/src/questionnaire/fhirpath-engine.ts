import { FHIRPATH, type Answers, type ExpressionEngine, type ExpressionRequest, type InstanceRef, type QuestionnaireDefinition } from '@casekit/core';
import type { Questionnaire, QuestionnaireResponse, QuestionnaireResponseItem } from '@medplum/fhirtypes';
import fhirpath from 'fhirpath';
import r4 from 'fhirpath/fhir-context/r4/index.js';
import { toFhirQuestionnaireResponse } from './response.js';
import { toFhirQuestionnaire } from './to-questionnaire.js';

export interface FhirPathEngineOptions {
  /**
   * Extra environment variables, e.g. `{ patient }` for forms whose expressions use the SDC launch
   * context `%patient`. Without them such expressions fail and are reported as expression issues.
   */
  environment?: Readonly<Record<string, unknown>>;
}

/**
 * casekit's ExpressionEngine for SDC `text/fhirpath` expressions, on the `fhirpath` package with its R4
 * model. Each expression sees `%resource` (the in-progress QuestionnaireResponse, every item present,
 * hidden items' answers left out), `%questionnaire` (the definition as an R4 Questionnaire, so
 * `ordinalValue` extensions on options are there), `%context` (the item's QuestionnaireResponse item, or
 * the response for questionnaire-level variables) and the variables in scope.
 */
export function createFhirPathEngine(options: FhirPathEngineOptions = {}): ExpressionEngine {
  const questionnaires = new WeakMap<QuestionnaireDefinition, Questionnaire>();
  const responses = new WeakMap<Answers, { definition: QuestionnaireDefinition; response: QuestionnaireResponse }>();
  const compiledExpressions = new Map<string, (resource: unknown, vars: Record<string, unknown>) => unknown[]>();

  const questionnaireFor = (definition: QuestionnaireDefinition) => {
    let q = questionnaires.get(definition);
    // A plain copy: fhirpath annotates what it reads, and definitions are frozen.
    if (!q) questionnaires.set(definition, (q = JSON.parse(JSON.stringify(toFhirQuestionnaire(definition))) as Questionnaire));
    return q;
  };
  const responseFor = (definition: QuestionnaireDefinition, answers: Answers) => {
    const cached = responses.get(answers);
    if (cached?.definition === definition) return cached.response;
    const response = toFhirQuestionnaireResponse({ answers, status: 'in-progress' }, definition, { includeUnanswered: true });
    responses.set(answers, { definition, response });
    return response;
  };

  return {
    supports: (language) => language === FHIRPATH,
    evaluate(request: ExpressionRequest): unknown[] {
      const questionnaire = questionnaireFor(request.definition);
      const response = responseFor(request.definition, request.answers);
      const context = request.linkId ? findItem(response.item ?? [], request.linkId, request.at) : undefined;
      const vars: Record<string, unknown> = {
        ...options.environment,
        ...request.variables,
        resource: response,
        rootResource: response,
        questionnaire,
      };
      const text = request.expression.expression;
      const key = `${context ? 'item' : 'root'}\u0000${text}`;
      let run = compiledExpressions.get(key);
      if (!run) {
        const compiled = context
          ? fhirpath.compile({ base: 'QuestionnaireResponse.item', expression: text }, r4)
          : fhirpath.compile(text, r4);
        run = (resource, env) => compiled(resource as object, env as Record<string, never>) as unknown[];
        compiledExpressions.set(key, run);
      }
      return run(context ?? response, vars);
    },
  };
}

/**
 * The response item for `linkId` inside the instances `at` names (repeated groups carry the instance id
 * as `id`); for a repeating group named in `at`, that instance itself.
 */
function findItem(items: readonly QuestionnaireResponseItem[], linkId: string, at: readonly InstanceRef[]): QuestionnaireResponseItem | undefined {
  for (const item of items) {
    const ref = at.find((r) => r.group === item.linkId);
    if (ref && item.id !== ref.instanceId) continue;
    if (item.linkId === linkId) return item;
    const nested = [...(item.item ?? []), ...(item.answer ?? []).flatMap((a) => a.item ?? [])];
    const found = findItem(nested, linkId, at);
    if (found) return found;
  }
  return undefined;
}
