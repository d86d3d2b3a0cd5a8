import { setAnswer, type Answers, type AnswerScalar, type AnswerValue, type InstanceRef } from './answers.js';
import { compileQuestionnaire } from './compile.js';
import type { ItemNode } from './definition-index.js';
import { isCoding, isQuantity } from './enable-when.js';
import { Evaluation, itemKey, type ExpressionOutcome, type Frame } from './evaluation.js';
import type { Expression, QuestionnaireDefinition, Variable } from './questionnaire-schema.js';

/*
 * SDC expressions (variable, calculatedExpression, enableWhenExpression, initialExpression) without a
 * language runtime in core: definitions keep the expression text and a host passes an ExpressionEngine
 * (e.g. `createFhirPathEngine()` from @casekit/fhir) that evaluates one expression against the answers.
 * Core decides what is evaluated when, in which scope, and what the results do to the answers.
 */

/** The FHIRPath media type used by SDC expressions. */
export const FHIRPATH = 'text/fhirpath';

/** One expression to evaluate, with what SDC puts in scope. */
export interface ExpressionRequest {
  readonly expression: Expression;
  /** The checked definition (the engine may render it as `%questionnaire`). */
  readonly definition: QuestionnaireDefinition;
  /** The in-progress answers (the engine renders them as `%resource`, a QuestionnaireResponse). */
  readonly answers: Answers;
  /** The item the expression belongs to (`%context`); absent for questionnaire-level variables. */
  readonly linkId?: string;
  /** Instances of the repeating groups enclosing that item, outermost first. */
  readonly at: readonly InstanceRef[];
  /** Variables in scope, by name without `%`, each a collection of values. */
  readonly variables: Readonly<Record<string, unknown[]>>;
}

export interface ExpressionEngine {
  /** Whether it evaluates this language (e.g. `text/fhirpath`); other expressions are skipped. */
  supports(language: string): boolean;
  /** The result as a collection of FHIR JSON values (numbers, strings, booleans, Codings, Quantities...). Throws when the expression fails. */
  evaluate(request: ExpressionRequest): unknown[];
}

/** An expression that failed; the item keeps its previous answer (or visibility) and the form goes on. */
export interface ExpressionIssue {
  /** The item, or undefined for a questionnaire-level variable. */
  linkId?: string;
  /** Which expression: `variable:<name>`, `calculatedExpression`, `enableWhenExpression` or `initialExpression`. */
  kind: string;
  message: string;
}

export interface ExpressionResult extends ExpressionOutcome {
  /** The answers with every calculated value written in (a new object; the input is not changed). */
  answers: Answers;
  /** `itemKey`s of the items whose answer is calculated: a UI shows them read-only. */
  calculated: ReadonlySet<string>;
  issues: ExpressionIssue[];
}

/**
 * Evaluates variables, calculatedExpression and enableWhenExpression for the answers, repeating until the
 * calculated answers settle (a calculation may depend on another), at most `maxPasses` times. Pass the
 * result to `evaluateResponse`/`validateResponse`/`visibleItems` as `expressions` and store its `answers`.
 */
export function applyExpressions(
  definition: QuestionnaireDefinition,
  answers: Answers,
  engine: ExpressionEngine,
  options: { maxPasses?: number } = {},
): ExpressionResult {
  const compiled = compileQuestionnaire(definition);
  const maxPasses = options.maxPasses ?? 5;
  let current = answers;
  let enabled = new Map<string, boolean>();
  const calculated = new Set<string>();
  let issues: ExpressionIssue[] = [];

  for (let pass = 0; pass < maxPasses; pass++) {
    let changed = false;
    enabled = new Map();
    issues = [];
    const evaluation = new Evaluation(compiled, current);
    const run = (expression: Expression, kind: string, linkId: string | undefined, at: readonly InstanceRef[], variables: Record<string, unknown[]>) => {
      if (!engine.supports(expression.language)) return undefined;
      try {
        return engine.evaluate({ expression, definition: compiled.definition, answers: current, linkId, at, variables });
      } catch (error) {
        issues.push({ linkId, kind, message: error instanceof Error ? error.message : String(error) });
        return undefined;
      }
    };
    const scope = (list: readonly Variable[] | undefined, linkId: string | undefined, at: readonly InstanceRef[], inherited: Record<string, unknown[]>) => {
      if (!list?.length) return inherited;
      const variables = { ...inherited };
      for (const variable of list) variables[variable.name] = run(variable, `variable:${variable.name}`, linkId, at, variables) ?? [];
      return variables;
    };
    const walk = (nodes: readonly ItemNode[], frame: Frame, at: readonly InstanceRef[], inherited: Record<string, unknown[]>) => {
      for (const node of nodes) {
        const item = node.item;
        // A repeating group's variables are evaluated per instance (its %context is that instance).
        const variables = node.repeats ? inherited : scope(item.variables, node.linkId, at, inherited);
        const key = itemKey(frame.key, node.linkId);
        if (item.enableWhenExpression) {
          const result = run(item.enableWhenExpression, 'enableWhenExpression', node.linkId, at, variables);
          if (result) enabled.set(key, result.length === 1 && result[0] === true);
        }
        if ('calculatedExpression' in item && item.calculatedExpression) {
          calculated.add(key);
          const result = run(item.calculatedExpression, 'calculatedExpression', node.linkId, at, variables);
          if (result) {
            const value = answerFromResult(node, result);
            if (!sameValue(value, frame.answers[node.linkId])) {
              current = setAnswer(current, node.linkId, value, at);
              changed = true;
            }
          }
        }
        if (node.repeats) {
          for (const instance of evaluation.instanceFrames(node, frame)) {
            const inside = [...at, instance.ref!];
            walk(node.children, instance, inside, scope(item.variables, node.linkId, inside, inherited));
          }
        } else if (node.children.length) {
          walk(node.children, frame, at, variables);
        }
      }
    };
    walk(compiled.index.roots, evaluation.root, [], scope(compiled.definition.variables, undefined, [], {}));
    if (!changed) break;
  }
  return { answers: current, enabled, calculated, issues };
}

/**
 * The answers a new response starts with: each question's `initial`, then its `initialExpression` when
 * an engine is given (evaluated against the empty response; host context such as `%patient` is the
 * engine's business). Top-level and non-repeating questions only: repeating groups start empty.
 */
export function initialAnswers(definition: QuestionnaireDefinition, options: { engine?: ExpressionEngine } = {}): { answers: Answers; issues: ExpressionIssue[] } {
  const compiled = compileQuestionnaire(definition);
  let answers: Answers = {};
  const issues: ExpressionIssue[] = [];
  const engine = options.engine;
  const rootVariables: Record<string, unknown[]> = {};
  const evaluate = (expression: Expression, kind: string, linkId: string | undefined, variables: Record<string, unknown[]>) => {
    if (!engine?.supports(expression.language)) return undefined;
    try {
      return engine.evaluate({ expression, definition: compiled.definition, answers, linkId, at: [], variables });
    } catch (error) {
      issues.push({ linkId, kind, message: error instanceof Error ? error.message : String(error) });
      return undefined;
    }
  };
  for (const variable of compiled.definition.variables ?? []) {
    rootVariables[variable.name] = evaluate(variable, `variable:${variable.name}`, undefined, rootVariables) ?? [];
  }
  const walk = (nodes: readonly ItemNode[], inherited: Record<string, unknown[]>) => {
    for (const node of nodes) {
      if (node.repeats) continue;
      const item = node.item;
      let variables = inherited;
      if (item.variables?.length) {
        variables = { ...inherited };
        for (const variable of item.variables) variables[variable.name] = evaluate(variable, `variable:${variable.name}`, node.linkId, variables) ?? [];
      }
      if ('initial' in item && item.initial !== undefined) answers = setAnswer(answers, node.linkId, item.initial);
      if ('initialExpression' in item && item.initialExpression) {
        const result = evaluate(item.initialExpression, 'initialExpression', node.linkId, variables);
        const value = result && answerFromResult(node, result);
        if (value !== undefined) answers = setAnswer(answers, node.linkId, value);
      }
      walk(node.children, variables);
    }
  };
  walk(compiled.index.roots, rootVariables);
  return { answers, issues };
}

/**
 * Turns an expression's result into an answer of the item's type: the first value (all of them when the
 * question repeats); a Coding becomes the option's code when it is one of the options. Undefined when
 * the result is empty or has no value of a fitting type (the answer is then cleared).
 */
export function answerFromResult(node: ItemNode, result: readonly unknown[]): AnswerValue | undefined {
  const values = result.map((value) => scalarFromResult(node, value)).filter((value): value is AnswerScalar => value !== undefined);
  if (!values.length) return undefined;
  return node.multiple ? values : values[0];
}

function scalarFromResult(node: ItemNode, value: unknown): AnswerScalar | undefined {
  const item = node.item;
  const number = typeof value === 'number' ? value : isQuantity(value) ? value.value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  switch (item.type) {
    case 'integer':
      return Number.isFinite(number) ? Math.round(number) : undefined;
    case 'decimal':
      return Number.isFinite(number) ? number : undefined;
    case 'quantity': {
      if (!Number.isFinite(number)) return undefined;
      const unit = isQuantity(value) ? value : item.unit ? { unit: item.unit.display, system: item.unit.system, code: item.unit.code } : {};
      return withoutUndefined({ value: number, unit: unit.unit, system: unit.system, code: unit.code });
    }
    case 'boolean':
      return typeof value === 'boolean' ? value : undefined;
    case 'string':
    case 'text':
    case 'url':
    case 'date':
    case 'dateTime':
    case 'time':
      return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
    case 'choice':
    case 'multi-choice':
    case 'open-choice': {
      const options = node.options!;
      if (typeof value === 'string') return options.has(value) || item.type === 'open-choice' || !options.size ? value : undefined;
      if (!isCoding(value)) return undefined;
      if (value.code !== undefined && options.has(value.code)) return value.code;
      return item.type === 'open-choice' || !options.size
        ? withoutUndefined({ system: value.system, code: value.code, display: value.display })
        : undefined;
    }
    case 'attachment':
    case 'reference':
      return typeof value === 'object' && value !== null ? (value as AnswerScalar) : undefined;
    default:
      return undefined;
  }
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
