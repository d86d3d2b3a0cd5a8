import { ValidationError, type ValidationIssue } from '../errors/errors.js';
import { isEmptyAnswer, isInstance, type Answers, type AttachmentValue, type CodingValue } from './answers.js';
import { compileQuestionnaire } from './compile.js';
import type { ItemNode } from './definition-index.js';
import { isCalendarDate, isCoding, isDateTime, isQuantity, isTime, usableScalar } from './enable-when.js';
import { Evaluation, type ExpressionOutcome, type Frame } from './evaluation.js';
import { localizedText } from './localized-text.js';
import type { QuestionnaireDefinition } from './questionnaire-schema.js';
import { pruneFrame } from './visibility.js';

/**
 * Why an answer was refused. A UI localizes by `code` and `params`; `message` is plain English.
 * - required: a shown required question has no answer (a required group: nothing answered inside it;
 *   a required repeating group: no instance)
 * - type: the value has the wrong type (text for a number, 3.5 for a whole number, an invalid date...)
 * - option: a code that is not one of the options, or an exclusive option combined with others
 * - min / max: a number or date out of range (params `min` / `max`)
 * - min-length / max-length / pattern: text too short, too long, or not in the expected form
 * - repeats-min / repeats-max: too few or too many instances (params `min` / `max`)
 * - duplicate: two instances of a repeating group share an instanceId
 * - unknown: an answer keyed by a linkId that has no place here in the definition
 */
export type ResponseIssueCode =
  | 'required'
  | 'type'
  | 'option'
  | 'min'
  | 'max'
  | 'min-length'
  | 'max-length'
  | 'pattern'
  | 'repeats-min'
  | 'repeats-max'
  | 'duplicate'
  | 'unknown';

/** A ValidationIssue for one answer; `path` is `[linkId]` or e.g. `['household', 2, 'member-age']` (instance index). */
export interface ResponseIssue extends ValidationIssue {
  code: ResponseIssueCode;
  linkId: string;
  params?: Record<string, string | number>;
}

export interface ValidateOptions {
  /** Language for text the definition supplies (a pattern hint); casekit's own messages are English. */
  lang?: string;
  /** enableWhenExpression results from `applyExpressions`, so items an expression hides are skipped. */
  expressions?: ExpressionOutcome;
}

/**
 * Checks answers against the definition. Hidden items are skipped (a required item that is hidden is
 * not required, and answers kept for hidden items in a draft are not errors). Issues come in document
 * order. Linear in items x instances.
 */
export function validateResponse(definition: QuestionnaireDefinition, answers: Answers, options: ValidateOptions = {}): ResponseIssue[] {
  const evaluation = new Evaluation(compileQuestionnaire(definition), answers, options.expressions ?? null);
  return collectIssues(evaluation, options);
}

/** Throws a ValidationError carrying every issue when the answers are not valid. */
export function assertValidResponse(definition: QuestionnaireDefinition, answers: Answers, options: ValidateOptions = {}): void {
  const issues = validateResponse(definition, answers, options);
  if (issues.length) throw new ValidationError(issues);
}

/** From a draft to what is stored: drops hidden answers, then validates (throws ValidationError). */
export function finalizeResponse(definition: QuestionnaireDefinition, draft: Answers, options: ValidateOptions = {}): Answers {
  const evaluation = new Evaluation(compileQuestionnaire(definition), draft, options.expressions ?? null);
  const issues = collectIssues(evaluation, options);
  if (issues.length) throw new ValidationError(issues);
  return pruneFrame(evaluation, evaluation.compiled.index.roots, evaluation.root, {});
}

export function collectIssues(evaluation: Evaluation, options: ValidateOptions): ResponseIssue[] {
  const issues: ResponseIssue[] = [];
  const lang = options.lang ?? evaluation.compiled.definition.language ?? 'en';
  const compiled = evaluation.compiled;

  const checkFrame = (nodes: readonly ItemNode[], frame: Frame, path: (string | number)[]) => {
    for (const node of nodes) {
      if (!evaluation.isVisible(node, frame)) continue;
      const item = node.item;
      const where = [...path, node.linkId];
      const issue = (code: ResponseIssueCode, message: string, params?: Record<string, string | number>) =>
        issues.push(params ? { path: where, code, message, linkId: node.linkId, params } : { path: where, code, message, linkId: node.linkId });

      if (item.type === 'display') continue;
      if (item.type === 'group' && !node.repeats) {
        if (item.required && !hasAnswerInside(evaluation, node, frame)) issue('required', 'Answer at least one question in this section.');
        checkFrame(node.children, frame, path);
        continue;
      }
      const raw: unknown = frame.answers[node.linkId];
      if (node.repeats) {
        if (raw !== undefined && !(Array.isArray(raw) && raw.every(isInstance))) {
          issue('type', 'This section’s entries are not in the expected form.');
        }
        const instances = evaluation.instanceFrames(node, frame);
        const seen = new Set<string>();
        for (const instance of instances) {
          const id = instance.ref!.instanceId;
          if (seen.has(id)) {
            issues.push({ path: [...where, instance.index], code: 'duplicate', message: 'Two entries have the same id.', linkId: node.linkId });
          }
          seen.add(id);
        }
        const count = instances.length;
        const group = item.type === 'group' ? item : null;
        if (count === 0 && group?.required) issue('required', 'Add at least one entry.', { min: Math.max(1, group.minRepeats ?? 1) });
        else if (group?.minRepeats !== undefined && count < group.minRepeats) {
          issue('repeats-min', `Add at least ${group.minRepeats} ${group.minRepeats === 1 ? 'entry' : 'entries'}.`, { min: group.minRepeats });
        }
        if (group?.maxRepeats !== undefined && count > group.maxRepeats) {
          issue('repeats-max', `Add no more than ${group.maxRepeats} ${group.maxRepeats === 1 ? 'entry' : 'entries'}.`, { max: group.maxRepeats });
        }
        for (const instance of instances) {
          const instancePath = [...where, instance.index];
          checkUnknown(instance, node, instancePath);
          checkFrame(node.children, instance, instancePath);
        }
        continue;
      }

      if (isEmptyAnswer(raw)) {
        if ('required' in item && item.required) issue('required', 'This question needs an answer.');
      } else if (item.type === 'multi-choice') {
        checkMultiChoice(node, raw, issue, lang);
      } else if (node.multiple) {
        if (!Array.isArray(raw)) issue('type', 'Give a list of answers.');
        else for (const value of raw as unknown[]) if (!checkScalar(node, value, issue, lang)) break;
      } else {
        checkScalar(node, raw, issue, lang);
      }
      // Items nested under a question answer in the same map.
      if (node.children.length) checkFrame(node.children, frame, path);
    }
  };

  const checkUnknown = (frame: Frame, owner: ItemNode | null, path: (string | number)[]) => {
    const keys = compiled.keysByScope.get(owner);
    for (const key of Object.keys(frame.answers)) {
      if (!keys?.has(key)) {
        issues.push({ path: [...path, key], code: 'unknown', message: 'This answer does not belong to any question here.', linkId: key });
      }
    }
  };

  checkUnknown(evaluation.root, null, []);
  checkFrame(compiled.index.roots, evaluation.root, []);
  return issues;
}

/** Whether a shown question inside a (non-repeating) group has an answer, or a repeating group in it has an instance. */
function hasAnswerInside(evaluation: Evaluation, group: ItemNode, frame: Frame): boolean {
  return group.children.some((child) => {
    if (!evaluation.isVisible(child, frame)) return false;
    if (child.repeats) return evaluation.instanceFrames(child, frame).length > 0;
    if (child.item.type === 'group') return hasAnswerInside(evaluation, child, frame);
    if (child.item.type !== 'display' && !isEmptyAnswer(frame.answers[child.linkId])) return true;
    return child.children.length > 0 && hasAnswerInside(evaluation, child, frame);
  });
}

type Report = (code: ResponseIssueCode, message: string, params?: Record<string, string | number>) => void;

function checkMultiChoice(node: ItemNode, raw: unknown, issue: Report, lang: string): void {
  const options = node.options!;
  if (!Array.isArray(raw) || !raw.every((c) => typeof c === 'string' || isCoding(c))) {
    issue('type', 'Choose from the listed options.');
    return;
  }
  const codes = (raw as (string | CodingValue)[]).map((c) => (typeof c === 'string' ? c : (c.code ?? '')));
  // A value set casekit did not expand has no options: any code (or Coding) is accepted.
  const unknown = options.size ? codes.find((c) => !options.has(c)) : undefined;
  if (unknown !== undefined) issue('option', 'Choose only from the listed options.', { value: unknown });
  else if (new Set(codes).size !== codes.length) issue('type', 'Each option can be chosen once.');
  else if (codes.length > 1) {
    const exclusive = codes.find((c) => options.get(c)?.exclusive);
    if (exclusive !== undefined) {
      issue('option', `“${localizedText(options.get(exclusive)!.display, lang)}” cannot be combined with other choices.`, { value: exclusive });
    }
  }
}

/** Checks one value (one element of a repeating question's list); false when it reported an issue. */
function checkScalar(node: ItemNode, raw: unknown, issue: Report, lang: string): boolean {
  const before = { count: 0 };
  const report: Report = (code, message, params) => {
    before.count++;
    issue(code, message, params);
  };
  const item = node.item;
  switch (item.type) {
    case 'string':
    case 'text':
    case 'url': {
      if (typeof raw !== 'string') {
        report('type', 'Enter text.');
      } else if (item.minLength !== undefined && raw.length < item.minLength) {
        report('min-length', `Enter at least ${item.minLength} characters.`, { minLength: item.minLength });
      } else if (item.maxLength !== undefined && raw.length > item.maxLength) {
        report('max-length', `Enter no more than ${item.maxLength} characters.`, { maxLength: item.maxLength });
      } else if (node.pattern && !node.pattern.test(raw)) {
        report('pattern', localizedText(item.patternHint, lang) || 'This answer is not in the expected form.', { pattern: item.pattern! });
      } else if (item.type === 'url' && !/^[a-z][a-z0-9+.-]*:\S+$/i.test(raw)) {
        report('type', 'Enter a web address (such as https://example.org).');
      }
      break;
    }
    case 'choice':
    case 'multi-choice': {
      const options = node.options!;
      if (typeof raw === 'string') {
        if (options.size && !options.has(raw)) report('option', 'Choose one of the listed options.', { value: raw });
      } else if (isCoding(raw)) {
        if (options.size && (raw.code === undefined || !options.has(raw.code))) report('option', 'Choose one of the listed options.', { value: raw.code ?? raw.display ?? '' });
      } else {
        report('type', 'Choose one option.');
      }
      break;
    }
    case 'open-choice':
      if (!(typeof raw === 'string' || isCoding(raw))) report('type', 'Choose an option or enter text.');
      else if (typeof raw === 'string' && item.maxLength !== undefined && raw.length > item.maxLength) {
        report('max-length', `Enter no more than ${item.maxLength} characters.`, { maxLength: item.maxLength });
      }
      break;
    case 'boolean':
      if (typeof raw !== 'boolean') report('type', 'Answer yes or no.');
      break;
    case 'integer':
    case 'decimal':
    case 'quantity': {
      const whole = item.type === 'integer';
      const value = item.type === 'quantity' ? (isQuantity(raw) ? raw.value : undefined) : raw;
      if (typeof value !== 'number' || !Number.isFinite(value) || (whole && !Number.isInteger(value))) {
        report('type', whole ? 'Enter a whole number.' : item.type === 'quantity' ? 'Enter a number with its unit.' : 'Enter a number.');
      } else if (item.min !== undefined && value < item.min) {
        report('min', `Enter a number no smaller than ${item.min}.`, { min: item.min });
      } else if (item.max !== undefined && value > item.max) {
        report('max', `Enter a number no larger than ${item.max}.`, { max: item.max });
      } else if (item.type === 'quantity' && item.unitOptions?.length && isQuantity(raw)) {
        const known = item.unitOptions.some((u) => (u.code !== undefined && u.code === raw.code) || (u.display !== undefined && u.display === raw.unit));
        if (!known) report('option', 'Choose one of the listed units.', { value: raw.code ?? raw.unit ?? '' });
      }
      break;
    }
    case 'date':
      if (!isCalendarDate(raw)) report('type', 'Enter a date (year-month-day).');
      else if (item.min !== undefined && raw < item.min) report('min', `Enter a date on or after ${item.min}.`, { min: item.min });
      else if (item.max !== undefined && raw > item.max) report('max', `Enter a date on or before ${item.max}.`, { max: item.max });
      break;
    case 'dateTime':
    case 'time': {
      const ok = item.type === 'time' ? isTime(raw) : isDateTime(raw);
      if (!ok) report('type', item.type === 'time' ? 'Enter a time (hours:minutes:seconds).' : 'Enter a date and time with its time zone.');
      // Same-form values sort as strings (times; dateTimes in one zone): enough for a form's own bounds.
      else if (item.min !== undefined && (raw as string) < item.min) report('min', `Enter a value on or after ${item.min}.`, { min: item.min });
      else if (item.max !== undefined && (raw as string) > item.max) report('max', `Enter a value on or before ${item.max}.`, { max: item.max });
      break;
    }
    case 'attachment': {
      const value = usableScalar(node, raw) as AttachmentValue | undefined;
      if (!value || 'data' in (raw as object)) report('type', 'Attach a file (its name, type and size; casekit does not keep the contents).');
      else if (item.maxSize !== undefined && value.size !== undefined && value.size > item.maxSize) {
        report('max', `Attach a file no larger than ${item.maxSize} bytes.`, { max: item.maxSize });
      } else if (item.mimeTypes?.length && value.contentType !== undefined && !item.mimeTypes.includes(value.contentType)) {
        report('option', 'Attach a file of one of the accepted types.', { value: value.contentType });
      }
      break;
    }
    case 'reference':
      if (usableScalar(node, raw) === undefined) report('type', 'Choose a record to refer to.');
      break;
  }
  return before.count === 0;
}
