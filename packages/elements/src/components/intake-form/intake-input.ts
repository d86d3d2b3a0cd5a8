import type { AnswerValue, VisibleItem } from '@casekit/core';
import { parseNumber } from './intake-items.js';
import { attachmentValue, dateTimeFromInput, isListQuestion, openChoiceValue, referenceValue, timeFromInput } from './intake-values.js';

// What a question's control means as an answer. Text-like controls answer on `input` (as the user
// types), choices and files on `change`; the form stores the result and re-evaluates.

/** A new answer for a question, and the text as typed when the field shows it back (numbers, typed choices). */
export interface AnswerEdit {
  value: AnswerValue | undefined;
  raw?: string;
}

/** The answer an `input` event stands for; undefined when the control answers on `change` instead. */
export function answerOnInput(vi: VisibleItem, el: HTMLInputElement, current: AnswerValue | undefined, lang: string, unitCode: string | undefined): AnswerEdit | undefined {
  const item = vi.item;
  if (item.type !== 'display' && item.type !== 'group' && isListQuestion(item) && el.dataset['index'] !== undefined) {
    return { value: listAnswer(vi, current, Number(el.dataset['index']), el.value) };
  }
  switch (item.type) {
    case 'string':
    case 'text':
    case 'url':
      return { value: el.value === '' ? undefined : el.value };
    case 'integer':
    case 'decimal':
      return { value: parseNumber(el.value), raw: el.value };
    case 'quantity': {
      if (el.dataset['part'] !== 'value') return undefined;
      const number = parseNumber(el.value);
      return { value: typeof number === 'number' ? quantityAnswer(vi, number, unitCode) : undefined, raw: el.value };
    }
    case 'date':
      return { value: el.value || undefined };
    case 'dateTime':
      return { value: dateTimeFromInput(el.value) };
    case 'time':
      return { value: timeFromInput(el.value) };
    case 'open-choice':
    case 'choice':
      // A typed choice: an open-choice, or a choice whose value set casekit could not list.
      if (item.type === 'open-choice' || !item.options.length) return { value: openChoiceValue(item, el.value, lang), raw: el.value };
      return undefined;
    case 'reference':
      return { value: referenceValue(el.value) };
    default:
      return undefined; // choices and files answer on change
  }
}

/** The answer a `change` event stands for; undefined for text fields (their answer came with `input`). */
export function answerOnChange(vi: VisibleItem, el: HTMLInputElement, current: AnswerValue | undefined, unitCode: string | undefined): AnswerEdit | undefined {
  const item = vi.item;
  if (item.type === 'choice' && item.options.length) return { value: el.value || undefined };
  if (item.type === 'boolean') return { value: el.value === 'true' };
  if (item.type === 'attachment') return { value: attachmentValue(el.files?.[0]) };
  if (item.type === 'quantity' && el.dataset['part'] === 'unit') {
    if (typeof current === 'object' && current !== null && 'value' in current) return { value: quantityAnswer(vi, (current as { value: number }).value, unitCode) };
    return undefined;
  }
  if (item.type === 'multi-choice') {
    const chosen = Array.isArray(current) ? (current as string[]) : [];
    const option = item.options.find((o) => o.code === el.value);
    // An `exclusive` option ("None of these") clears the others, and any other clears it.
    const next = el.checked
      ? option?.exclusive
        ? [el.value]
        : [...chosen.filter((code) => !item.options.find((o) => o.code === code)?.exclusive), el.value]
      : chosen.filter((code) => code !== el.value);
    return { value: item.options.map((o) => o.code).filter((code) => next.includes(code)) };
  }
  return undefined;
}

/** A quantity answer with the unit chosen in its unit list (`unitCode`), or its only unit. */
export function quantityAnswer(vi: VisibleItem, value: number, unitCode: string | undefined): AnswerValue {
  const item = vi.item;
  if (item.type !== 'quantity') return value;
  const units = item.unitOptions ?? [];
  const unit = (unitCode !== undefined && units.find((u) => (u.code ?? u.display) === unitCode)) || item.unit || units[0];
  const out: { value: number; unit?: string; system?: string; code?: string } = { value };
  if (unit?.display ?? unit?.code) out.unit = (unit.display ?? unit.code)!;
  if (unit?.system) out.system = unit.system;
  if (unit?.code) out.code = unit.code;
  return out;
}

/** One answer of a question that takes several; an emptied field removes its answer. */
function listAnswer(vi: VisibleItem, current: AnswerValue | undefined, index: number, text: string): AnswerValue {
  const list = Array.isArray(current) ? [...(current as unknown[])] : [];
  const item = vi.item;
  const parsed =
    item.type === 'integer' || item.type === 'decimal' ? parseNumber(text) : item.type === 'time' ? timeFromInput(text) : text === '' ? undefined : text;
  if (parsed === undefined) list.splice(index, 1);
  else list[index] = parsed;
  return list as AnswerValue;
}
