import type { AnswerScalar, AnswerValue, AttachmentValue, CodingValue, QuantityValue, ReferenceValue } from './answers.js';
import type { ItemNode } from './definition-index.js';
import type { Behavior, Operator } from './questionnaire-schema.js';

/*
 * Operator semantics, after FHIR R4 enableWhen:
 * - `exists` with `true` holds when the question has an answer; with `false` when it has none.
 * - Every other operator is false when the question has no answer (hidden questions have none).
 * - `=`/`!=` compare codes (choice, open-choice; a Coding by its code), booleans, numbers (a quantity
 *   by its value), dates, times and text. For multi-choice and repeating questions, `=` means "among
 *   the answers" and `!=` "not among them" (both need at least one answer).
 * - `>`, `<`, `>=`, `<=` compare numbers and dates; for choice they compare the selected option's
 *   score (FHIR ordinalValue) with a number (multi-choice: any selected option).
 * - When a question has several answers (it sits in repeating groups that do not enclose the
 *   condition's owner), `=` and the ordered operators hold if any answer satisfies them, and `!=`
 *   holds if no answer equals the value (FHIR's definitions for repeating answers).
 */

/** A usable answer for the node's type, or undefined when empty or of the wrong type (validation reports those). */
export function usableValue(node: ItemNode, raw: unknown): AnswerValue | undefined {
  if (!node.multiple) return usableScalar(node, raw);
  if (!Array.isArray(raw)) return undefined;
  const values = (raw as unknown[]).filter((value) => usableScalar(node, value) !== undefined) as AnswerScalar[];
  return values.length ? values : undefined;
}

/** One usable value of the node's type (an element of the list when the question repeats). */
export function usableScalar(node: ItemNode, raw: unknown): AnswerScalar | undefined {
  switch (node.item.type) {
    case 'string':
    case 'text':
    case 'url':
      return typeof raw === 'string' && raw.trim() !== '' ? raw : undefined;
    case 'choice':
    case 'multi-choice':
      if (typeof raw === 'string') return node.options!.has(raw) || !node.options!.size ? raw : undefined;
      return isCoding(raw) && (!node.options!.size || (raw.code !== undefined && node.options!.has(raw.code))) ? raw : undefined;
    case 'open-choice':
      return (typeof raw === 'string' && raw.trim() !== '') || isCoding(raw) ? (raw as AnswerScalar) : undefined;
    case 'boolean':
      return typeof raw === 'boolean' ? raw : undefined;
    case 'integer':
      return Number.isInteger(raw) ? (raw as number) : undefined;
    case 'decimal':
      return typeof raw === 'number' && Number.isFinite(raw) ? raw : undefined;
    case 'quantity':
      return isQuantity(raw) ? raw : undefined;
    case 'date':
      return isCalendarDate(raw) ? raw : undefined;
    case 'dateTime':
      return isDateTime(raw) ? raw : undefined;
    case 'time':
      return isTime(raw) ? raw : undefined;
    case 'attachment':
      return isPlainObject(raw) && ['title', 'url', 'contentType', 'size'].some((k) => raw[k] !== undefined) ? (raw as AttachmentValue) : undefined;
    case 'reference':
      return isPlainObject(raw) && (typeof raw['reference'] === 'string' || typeof raw['display'] === 'string') ? (raw as ReferenceValue) : undefined;
    default:
      return undefined;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isCoding(value: unknown): value is CodingValue {
  return isPlainObject(value) && (typeof value['code'] === 'string' || typeof value['display'] === 'string') && !('instanceId' in value);
}

export function isQuantity(value: unknown): value is QuantityValue {
  return isPlainObject(value) && typeof value['value'] === 'number' && Number.isFinite(value['value']);
}

/** A real calendar date written `YYYY-MM-DD` (rejects 2026-02-30). Such strings sort in date order. */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?$/;
/** A FHIR time `hh:mm:ss` (fractions allowed). */
export function isTime(value: unknown): value is string {
  return typeof value === 'string' && TIME.test(value);
}

/**
 * A FHIR dateTime that names a moment: a calendar date, or a date with `Thh:mm:ss` and a time zone
 * (FHIR requires the zone once there is a time). Partial dates (`2026`, `2026-03`) are accepted too.
 */
export function isDateTime(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  if (/^\d{4}(-(0[1-9]|1[0-2]))?$/.test(value)) return true;
  const [date, time] = value.split('T') as [string, string | undefined];
  if (!isCalendarDate(date)) return false;
  if (time === undefined) return true;
  const match = /^(.+?)(Z|[+-](0\d|1[0-3]):[0-5]\d|[+-]14:00)$/.exec(time);
  return match !== null && TIME.test(match[1]!);
}

/** Applies an operator to the usable answers found for a question (none, one, or one per instance). */
export function testAnswers(node: ItemNode, values: readonly AnswerValue[], operator: Operator, expected: string | number | boolean): boolean {
  if (operator === 'exists') return values.length > 0 === expected;
  if (operator === '!=') return values.length > 0 && !values.some((value) => testValue(node, value, '=', expected));
  return values.some((value) => testValue(node, value, operator, expected));
}

/** A list answer (multi-choice, repeats): `=` and the ordered operators hold for any value, `!=` for none. */
function testValue(node: ItemNode, value: AnswerValue, operator: Operator, expected: string | number | boolean): boolean {
  if (Array.isArray(value)) {
    const list = value as AnswerScalar[];
    if (operator === '!=') return !list.some((v) => testScalar(node, v, '=', expected));
    return list.some((v) => testScalar(node, v, operator, expected));
  }
  return testScalar(node, value, operator, expected);
}

function testScalar(node: ItemNode, value: AnswerScalar, operator: Operator, expected: string | number | boolean): boolean {
  const type = node.item.type;
  if (type === 'choice' || type === 'multi-choice' || type === 'open-choice') {
    const code = typeof value === 'string' ? value : isCoding(value) ? value.code : undefined;
    if (operator === '=' || operator === '!=') {
      // Free text in an open-choice, or a Coding with only a display, compares by its text.
      const text = code ?? (isCoding(value) ? value.display : undefined);
      return compare(text, operator, expected);
    }
    return compare(code === undefined ? undefined : node.options!.get(code)?.score, operator, expected);
  }
  if (type === 'quantity') return compare(isQuantity(value) ? value.value : undefined, operator, expected);
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
