import type { AnswerValue } from './answers.js';
import type { ItemNode } from './definition-index.js';
import type { Behavior, Operator } from './questionnaire-schema.js';

/*
 * Operator semantics, after FHIR R4 enableWhen:
 * - `exists` with `true` holds when the question has an answer; with `false` when it has none.
 * - Every other operator is false when the question has no answer (hidden questions have none).
 * - `=`/`!=` compare codes (choice), booleans, numbers, dates and text. For multi-choice, `=` means
 *   "the code is among those selected" and `!=` "it is not" (both need at least one selection).
 * - `>`, `<`, `>=`, `<=` compare numbers and dates; for choice they compare the selected option's
 *   score (FHIR ordinalValue) with a number (multi-choice: any selected option).
 * - When a question has several answers (it sits in repeating groups that do not enclose the
 *   condition's owner), `=` and the ordered operators hold if any answer satisfies them, and `!=`
 *   holds if no answer equals the value (FHIR's definitions for repeating answers).
 */

/** A usable answer for the node's type, or undefined when empty or of the wrong type (validation reports those). */
export function usableValue(node: ItemNode, raw: unknown): AnswerValue | undefined {
  switch (node.item.type) {
    case 'string':
    case 'text':
      return typeof raw === 'string' && raw.trim() !== '' ? raw : undefined;
    case 'choice':
      return typeof raw === 'string' && node.options!.has(raw) ? raw : undefined;
    case 'multi-choice': {
      if (!Array.isArray(raw)) return undefined;
      const codes = raw.filter((c): c is string => typeof c === 'string' && node.options!.has(c));
      return codes.length ? codes : undefined;
    }
    case 'boolean':
      return typeof raw === 'boolean' ? raw : undefined;
    case 'integer':
      return Number.isInteger(raw) ? (raw as number) : undefined;
    case 'decimal':
      return typeof raw === 'number' && Number.isFinite(raw) ? raw : undefined;
    case 'date':
      return isCalendarDate(raw) ? raw : undefined;
    default:
      return undefined;
  }
}

/** A real calendar date written `YYYY-MM-DD` (rejects 2026-02-30). Such strings sort in date order. */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Applies an operator to the usable answers found for a question (none, one, or one per instance). */
export function testAnswers(node: ItemNode, values: readonly AnswerValue[], operator: Operator, expected: string | number | boolean): boolean {
  if (operator === 'exists') return values.length > 0 === expected;
  if (operator === '!=') return values.length > 0 && !values.some((value) => testValue(node, value, '=', expected));
  return values.some((value) => testValue(node, value, operator, expected));
}

function testValue(node: ItemNode, value: AnswerValue, operator: Operator, expected: string | number | boolean): boolean {
  const type = node.item.type;
  if (type === 'multi-choice') {
    const codes = value as string[];
    if (operator === '=') return codes.includes(expected as string);
    if (operator === '!=') return !codes.includes(expected as string);
    return codes.some((code) => compare(node.options!.get(code)?.score, operator, expected));
  }
  if (type === 'choice' && operator !== '=' && operator !== '!=') {
    return compare(node.options!.get(value as string)?.score, operator, expected);
  }
  return compare(value, operator, expected);
}

/** Compares like with like only: a number with a number, a string (code, text, date) with a string. */
export function compare(value: unknown, operator: Operator, expected: unknown): boolean {
  if (operator === '=') return value === expected;
  if (operator === '!=') return value !== expected;
  const comparable =
    (typeof value === 'number' && typeof expected === 'number') || (typeof value === 'string' && typeof expected === 'string');
  if (!comparable) return false;
  const a = value as number | string;
  const b = expected as number | string;
  switch (operator) {
    case '>':
      return a > b;
    case '<':
      return a < b;
    case '>=':
      return a >= b;
    case '<=':
      return a <= b;
    default:
      return false;
  }
}

/** Combines condition results lazily: `all` stops at the first false, `any` at the first true. */
export function combine(count: number, behavior: Behavior, test: (i: number) => boolean): boolean {
  if (behavior === 'any') {
    for (let i = 0; i < count; i++) if (test(i)) return true;
    return count === 0;
  }
  for (let i = 0; i < count; i++) if (!test(i)) return false;
  return true;
}
