import type { ValidationIssue } from '../errors/errors.js';
import { indexDefinition, type ItemNode } from './definition-index.js';
import type { Condition, QuestionnaireDefinition, RuleCondition } from './questionnaire-schema.js';

type Path = (string | number)[];
const ORDERED = new Set(['>', '<', '>=', '<=']);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Checks what the shape cannot: unique linkIds, conditions that point at existing questions with a
 * fitting answer type, sensible bounds, compilable patterns, scorable scoring items, and no cycles
 * among enableWhen conditions (which would make visibility undefined). Paths point into the definition.
 */
export function checkDefinition(definition: QuestionnaireDefinition): ValidationIssue[] {
  const index = indexDefinition(definition);
  const issues: ValidationIssue[] = [...index.issues];
  const add = (path: Path, message: string, code = 'custom') => issues.push({ path, message, code });

  for (const node of index.nodes) {
    const item = node.item;
    const at = node.definitionPath;
    (item.enableWhen ?? []).forEach((condition, i) => {
      const problem = checkQuestionCondition(condition, index.byLinkId, node);
      if (problem) add([...at, 'enableWhen', i, problem.field], problem.message, problem.code);
    });
    switch (item.type) {
      case 'string':
      case 'text':
      case 'url':
        if (item.minLength !== undefined && item.maxLength !== undefined && item.minLength > item.maxLength) {
          add([...at, 'minLength'], 'minLength is greater than maxLength');
        }
        if (item.pattern !== undefined) {
          try {
            new RegExp(item.pattern, 'u');
          } catch {
            add([...at, 'pattern'], 'pattern is not a valid regular expression');
          }
        }
        break;
      case 'integer':
      case 'decimal':
      case 'quantity':
      case 'date':
      case 'dateTime':
      case 'time':
        if (item.min !== undefined && item.max !== undefined && item.min > item.max) add([...at, 'min'], 'min is greater than max');
        break;
      case 'choice':
      case 'multi-choice':
      case 'open-choice': {
        if (!item.options.length && item.type !== 'open-choice' && !item.answerValueSet && !item.answerExpression) {
          add([...at, 'options'], 'A choice item needs options, an answerValueSet or an answerExpression');
        }
        const seen = new Set<string>();
        item.options.forEach((option, i) => {
          if (seen.has(option.code)) add([...at, 'options', i, 'code'], `Option code "${option.code}" is used twice`, 'duplicate');
          seen.add(option.code);
          if (option.exclusive && item.type !== 'multi-choice' && !(item.type === 'open-choice' && item.repeats)) {
            add([...at, 'options', i, 'exclusive'], 'Only multi-choice options can be exclusive');
          }
        });
        break;
      }
      case 'group':
        if (!item.repeats && (item.minRepeats !== undefined || item.maxRepeats !== undefined)) {
          add([...at, 'repeats'], 'minRepeats/maxRepeats need repeats: true');
        }
        if (item.minRepeats !== undefined && item.maxRepeats !== undefined && item.minRepeats > item.maxRepeats) {
          add([...at, 'minRepeats'], 'minRepeats is greater than maxRepeats');
        }
        break;
    }
  }

  const ruleIds = new Set<string>();
  (definition.scoring ?? []).forEach((rule, r) => {
    const at: Path = ['scoring', r];
    if (ruleIds.has(rule.id)) add([...at, 'id'], `Scoring rule id "${rule.id}" is used twice`, 'duplicate');
    ruleIds.add(rule.id);
    rule.items.forEach((linkId, i) => {
      const node = index.byLinkId.get(linkId);
      const problem = !node
        ? `No item has linkId "${linkId}"`
        : node.scope.length > 0
          ? `"${linkId}" is inside a repeating group and cannot be scored`
          : !['choice', 'multi-choice', 'open-choice', 'integer', 'decimal', 'quantity', 'boolean'].includes(node.item.type)
            ? `"${linkId}" is a ${node.item.type} item and has no score`
            : node.options && [...node.options.values()].some((o) => o.score === undefined)
              ? `Every option of "${linkId}" needs a score`
              : null;
      if (problem) add([...at, 'items', i], problem, node ? 'custom' : 'unknown-item');
    });
    (rule.bands ?? []).forEach((band, b) => {
      if (band.min > band.max) add([...at, 'bands', b, 'min'], 'Band min is greater than its max');
    });
  });

  const flagIds = new Set<string>();
  (definition.flags ?? []).forEach((flag, f) => {
    if (flagIds.has(flag.id)) add(['flags', f, 'id'], `Flag id "${flag.id}" is used twice`, 'duplicate');
    flagIds.add(flag.id);
    flag.when.forEach((condition, i) => {
      const problem = checkRuleCondition(condition, index.byLinkId, ruleIds);
      if (problem) add(['flags', f, 'when', i, problem.field], problem.message, problem.code);
    });
  });
  (definition.needRules ?? []).forEach((rule, n) => {
    rule.when.forEach((condition, i) => {
      const problem = checkRuleCondition(condition, index.byLinkId, ruleIds);
      if (problem) add(['needRules', n, 'when', i, problem.field], problem.message, problem.code);
    });
  });

  if (!issues.length) {
    const cycle = findCycle(index.nodes, index.byLinkId);
    if (cycle) add([...cycle.definitionPath, 'enableWhen'], `enableWhen of "${cycle.linkId}" depends on itself through other conditions`, 'cycle');
  }
  return issues;
}

interface Problem {
  field: string;
  message: string;
  code: string;
}

function checkRuleCondition(condition: RuleCondition, byLinkId: ReadonlyMap<string, ItemNode>, ruleIds: Set<string>): Problem | null {
  if ('question' in condition) return checkQuestionCondition(condition, byLinkId, null);
  if (!ruleIds.has(condition.score)) return { field: 'score', message: `No scoring rule has id "${condition.score}"`, code: 'unknown-item' };
  if (condition.operator === 'exists') {
    return typeof condition.answer === 'boolean' ? null : { field: 'answer', message: 'exists takes true or false', code: 'custom' };
  }
  return typeof condition.answer === 'number' ? null : { field: 'answer', message: 'A score is compared with a number', code: 'custom' };
}

/** `self` is the item whose enableWhen this is (null for rules, which are evaluated at the top level). */
function checkQuestionCondition(condition: Condition, byLinkId: ReadonlyMap<string, ItemNode>, self: ItemNode | null): Problem | null {
  const target = byLinkId.get(condition.question);
  if (!target) return { field: 'question', message: `No item has linkId "${condition.question}"`, code: 'unknown-item' };
  if (target === self) return { field: 'question', message: 'An item cannot depend on its own answer', code: 'cycle' };
  const type = target.item.type;
  if (type === 'display' || type === 'group') {
    return { field: 'question', message: `"${condition.question}" is a ${type} item and has no answer`, code: 'custom' };
  }
  const { operator, answer } = condition;
  const wrong = (message: string): Problem => ({ field: 'answer', message, code: 'custom' });
  if (operator === 'exists') return typeof answer === 'boolean' ? null : wrong('exists takes true or false');
  const ordered = ORDERED.has(operator);
  switch (type) {
    case 'boolean':
      if (ordered) return { field: 'operator', message: `${operator} cannot compare yes/no answers`, code: 'custom' };
      return typeof answer === 'boolean' ? null : wrong('Compare a yes/no question with true or false');
    case 'integer':
    case 'decimal':
      return typeof answer === 'number' ? null : wrong('Compare a number question with a number');
    case 'quantity':
      return typeof answer === 'number' ? null : wrong('Compare a quantity question with a number (its value)');
    case 'date':
      return typeof answer === 'string' && DATE.test(answer) ? null : wrong('Compare a date question with a date (YYYY-MM-DD)');
    case 'dateTime':
    case 'time':
      return typeof answer === 'string' ? null : wrong(`Compare a ${type} question with a ${type}`);
    case 'string':
    case 'text':
    case 'url':
      if (ordered) return { field: 'operator', message: `${operator} cannot compare text answers`, code: 'custom' };
      return typeof answer === 'string' ? null : wrong('Compare a text question with text');
    case 'attachment':
    case 'reference':
      return { field: 'operator', message: `Only exists can test a ${type} answer`, code: 'custom' };
    case 'open-choice':
    case 'choice':
    case 'multi-choice': {
      const options = target.options ?? new Map();
      if (ordered) {
        if (typeof answer !== 'number') return wrong(`${operator} compares option scores: give a number`);
        return [...options.values()].every((o) => o.score !== undefined)
          ? null
          : { field: 'operator', message: `${operator} needs a score on every option of "${condition.question}"`, code: 'custom' };
      }
      // An open-choice may hold free text, and a value set casekit did not expand has no options to check against.
      const open = type === 'open-choice' || options.size === 0;
      return typeof answer === 'string' && (open || options.has(answer))
        ? null
        : wrong(`"${String(answer)}" is not an option code of "${condition.question}"`);
    }
  }
}

/** Depth-first search over "visibility depends on" edges: an item's parent and its enableWhen questions. */
function findCycle(nodes: ItemNode[], byLinkId: ReadonlyMap<string, ItemNode>): ItemNode | null {
  const state = new Map<ItemNode, 1 | 2>(); // 1 = on the stack, 2 = done
  const dependencies = (node: ItemNode): ItemNode[] => {
    const out: ItemNode[] = node.parent ? [node.parent] : [];
    for (const condition of node.item.enableWhen ?? []) {
      const target = byLinkId.get(condition.question);
      if (target) out.push(target);
    }
    return out;
  };
  for (const start of nodes) {
    if (state.has(start)) continue;
    // Iterative, so a deep chain in a 500-item definition cannot overflow the stack.
    const stack: { node: ItemNode; next: ItemNode[] }[] = [{ node: start, next: dependencies(start) }];
    state.set(start, 1);
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const next = top.next.pop();
      if (!next) {
        state.set(top.node, 2);
        stack.pop();
      } else if (state.get(next) === 1) {
        // The cycle is the stack from `next` up; name an item on it that has conditions.
        const cycle = stack.slice(stack.findIndex((frame) => frame.node === next)).map((frame) => frame.node);
        return cycle.find((node) => node.item.enableWhen?.length) ?? next;
      } else if (!state.has(next)) {
        state.set(next, 1);
        stack.push({ node: next, next: dependencies(next) });
      }
    }
  }
  return null;
}
