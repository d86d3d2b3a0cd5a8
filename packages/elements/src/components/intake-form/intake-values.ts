import { localizedText, type AnswerScalar, type AnswerValue, type ChoiceItem, type Item, type QuestionItem } from '@casekit/core';
import type { LocalizeController } from '../../controllers/localize-controller.js';

/*
 * Between what a control shows or reads and core's answer values, for the item types that need more than
 * a string: dateTime (a FHIR dateTime with its zone), time (hh:mm:ss), quantity, open-choice, attachment
 * and reference. Everything here returns text: answers are never rendered as HTML.
 */

/** Questions shown as one field per answer: `repeats` on a typed question (choices have their own lists). */
export function isListQuestion(item: QuestionItem): boolean {
  return item.repeats === true && ['string', 'text', 'url', 'integer', 'decimal', 'date', 'time'].includes(item.type);
}

/** The unit shown beside a number or quantity field (the only unit, when there is no choice of units). */
export function unitLabel(item: QuestionItem): string {
  if (item.type !== 'integer' && item.type !== 'decimal' && item.type !== 'quantity') return '';
  if (item.type === 'quantity' && (item.unitOptions?.length ?? 0) > 1) return '';
  const unit = item.type === 'quantity' ? (item.unit ?? item.unitOptions?.[0]) : item.unit;
  return unit?.display ?? unit?.code ?? '';
}

/** A stored dateTime as a `datetime-local` value (its wall-clock time; the zone is not shown). */
export function dateTimeInputValue(value: AnswerValue | undefined): string {
  if (typeof value !== 'string') return '';
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?)/.exec(value);
  return match ? match[1]! : '';
}

/** A `datetime-local` value as a FHIR dateTime: seconds added, and this device's zone at that moment. */
export function dateTimeFromInput(text: string): string | undefined {
  if (!text) return undefined;
  const local = text.length === 16 ? `${text}:00` : text.slice(0, 19);
  const when = new Date(local);
  if (Number.isNaN(when.getTime())) return undefined;
  const offset = -when.getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** A `time` input value as a FHIR time (`hh:mm` gets `:00`). */
export function timeFromInput(text: string): string | undefined {
  if (!text) return undefined;
  return text.length === 5 ? `${text}:00` : text;
}

/** What an open-choice field shows: the option's text for a code, else the text or Coding as given. */
export function choiceInputText(item: ChoiceItem, value: AnswerValue | undefined, lang: string): string {
  if (typeof value === 'string') {
    const option = item.options.find((o) => o.code === value);
    return option ? localizedText(option.display, lang) : value;
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const coding = value as { display?: string; code?: string };
    return coding.display ?? coding.code ?? '';
  }
  return '';
}

/** The answer for typed open-choice text: the option whose text (or code) it is, else the text itself. */
export function openChoiceValue(item: ChoiceItem, text: string, lang: string): string | undefined {
  const typed = text.trim();
  if (!typed) return undefined;
  const folded = typed.toLocaleLowerCase(lang);
  const option = item.options.find((o) => o.code === typed || localizedText(o.display, lang).toLocaleLowerCase(lang) === folded);
  return option ? option.code : text;
}

/** A reference typed as `Type/id` is a reference; any other text names the record (`display`). */
export function referenceValue(text: string): { reference: string } | { display: string } | undefined {
  const typed = text.trim();
  if (!typed) return undefined;
  return /^[A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{1,64}$/.test(typed) ? { reference: typed } : { display: typed };
}

/** File metadata for an attachment answer: name, type and size only; the bytes stay with the host. */
export function attachmentValue(file: File | undefined): { title: string; contentType?: string; size: number } | undefined {
  if (!file) return undefined;
  return file.type ? { title: file.name, contentType: file.type, size: file.size } : { title: file.name, size: file.size };
}

/** An answer as plain text in the user's language (read-only and calculated items, file names). */
export function answerText(item: Item, value: AnswerValue | undefined, localize: LocalizeController): string {
  if (value === undefined) return '';
  const { lang, t } = localize;
  const one = (v: AnswerScalar): string => {
    if (typeof v === 'boolean') return v ? t.intakeForm.yes : t.intakeForm.no;
    if (typeof v === 'number') {
      const unit = item.type === 'integer' || item.type === 'decimal' ? (item.unit?.display ?? item.unit?.code) : undefined;
      return unit ? `${localize.number(v)} ${unit}` : localize.number(v);
    }
    if (typeof v === 'string') {
      // Dates read as text in the element's language (`9 mar 2026`), never as the stored ISO form.
      if (item.type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return localize.date(v, { dateStyle: 'medium' });
      if (item.type === 'dateTime' && /^\d{4}-\d{2}-\d{2}T/.test(v)) return localize.date(v, { dateStyle: 'medium', timeStyle: 'short' });
      const option = 'options' in item ? item.options.find((o) => o.code === v) : undefined;
      return option ? localizedText(option.display, lang) : v;
    }
    const o = v as Record<string, unknown>;
    if (typeof o['value'] === 'number') return [localize.number(o['value']), o['unit'] ?? o['code']].filter(Boolean).join(' ');
    if (item.type === 'attachment') {
      const size = typeof o['size'] === 'number' ? localize.number(o['size']) : '';
      const name = String(o['title'] ?? o['url'] ?? '');
      return size ? t.intakeForm.fileChosen(name, `${size} B`) : name;
    }
    return String(o['display'] ?? o['code'] ?? o['reference'] ?? '');
  };
  return (Array.isArray(value) ? (value as AnswerScalar[]) : [value as AnswerScalar]).map(one).join(', ');
}
